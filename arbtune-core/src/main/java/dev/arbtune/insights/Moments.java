package dev.arbtune.insights;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Count, exact sum and exact sum of squares of a stream of doubles ({@link ExactSum}): the mean and
 * the variance derived from them are the same whatever the order of the values and however they
 * were split between threads. The variance is computed as {@code (n Σx² − (Σx)²) / n} from the
 * exact sums, so it does not suffer from cancellation either.
 */
final class Moments {

  /** The precision of every division made from exact sums: far beyond a double's 17 digits. */
  static final MathContext PRECISION = new MathContext(50, RoundingMode.HALF_EVEN);

  long count;
  final ExactSum sum = new ExactSum();
  final ExactSum squares = new ExactSum();

  void add(double x) {
    count++;
    sum.add(x);
    squares.addSquare(x);
  }

  void merge(Moments other) {
    count += other.count;
    sum.merge(other.sum);
    squares.merge(other.squares);
  }

  /** The mean; NaN when empty or undefined. */
  double mean() {
    return mean(sum, count);
  }

  /**
   * The sum of squared deviations from the mean, {@code Σ (x − mean)²}, to 50 digits; {@code null}
   * when empty or undefined (an input beyond {@link ExactSum#SQUARE_LIMIT}).
   */
  BigDecimal sumOfSquaredDeviations() {
    if (count == 0 || !sum.isDefined() || !squares.isDefined()) {
      return null;
    }
    BigDecimal s = sum.exact();
    BigDecimal n = BigDecimal.valueOf(count);
    BigDecimal numerator = squares.exact().multiply(n).subtract(s.multiply(s));
    return numerator.signum() <= 0 ? BigDecimal.ZERO : numerator.divide(n, PRECISION);
  }

  /** The sample variance ({@code n − 1} in the denominator); NaN with fewer than two values. */
  double sampleVariance() {
    BigDecimal ss = count < 2 ? null : sumOfSquaredDeviations();
    return ss == null
        ? Double.NaN
        : ss.divide(BigDecimal.valueOf(count - 1), PRECISION).doubleValue();
  }

  /** {@code sum / count}, correctly rounded from the exact sum; NaN when empty or undefined. */
  static double mean(ExactSum sum, long count) {
    BigDecimal s = count == 0 ? null : sum.exact();
    return s == null ? Double.NaN : s.divide(BigDecimal.valueOf(count), PRECISION).doubleValue();
  }
}
