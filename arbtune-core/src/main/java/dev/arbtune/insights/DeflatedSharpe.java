package dev.arbtune.insights;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The probabilistic and deflated Sharpe ratios of Bailey and López de Prado: "The Deflated Sharpe
 * Ratio: Correcting for Selection Bias, Backtest Overfitting and Non-Normality", Journal of
 * Portfolio Management 40(5), 2014, pp. 94-107.
 *
 * <p>All Sharpe ratios are per observation (not annualised), as are their variances.
 */
public final class DeflatedSharpe {

  /** The Euler-Mascheroni constant γ. */
  public static final double EULER_MASCHERONI = 0.5772156649015329;

  /** The kurtosis (not excess) of a normal distribution. */
  public static final double NORMAL_KURTOSIS = 3.0;

  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  private DeflatedSharpe() {}

  /**
   * The expected maximum Sharpe ratio of {@code trials} independent trials whose true Sharpe ratios
   * are all zero and whose estimates have variance {@code variance}: {@code SR* = sqrt(V) ((1 - γ)
   * Φ⁻¹(1 - 1/N) + γ Φ⁻¹(1 - 1/(N e)))}. Zero for a single trial.
   *
   * @throws IllegalArgumentException when {@code variance} is negative or not finite, or {@code
   *     trials < 1}
   */
  public static double expectedMaxSharpe(double variance, long trials) {
    if (!(variance >= 0) || Double.isInfinite(variance)) {
      throw new IllegalArgumentException("variance must be finite and >= 0, got " + variance);
    }
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be >= 1, got " + trials);
    }
    if (trials == 1) {
      return 0.0;
    }
    double n = trials;
    return Math.sqrt(variance)
        * ((1 - EULER_MASCHERONI) * inverseNormal(1 - 1 / n)
            + EULER_MASCHERONI * inverseNormal(1 - 1 / (n * Math.E)));
  }

  /**
   * The probabilistic Sharpe ratio: the probability that the true Sharpe ratio exceeds {@code
   * benchmark}, given the estimate {@code sharpe} from {@code observations} returns with the given
   * skewness and (non-excess) kurtosis: {@code Φ((SR - SR*) sqrt(T - 1) / sqrt(1 - γ3 SR + (γ4 -
   * 1)/4 SR²))}.
   *
   * @return the probability, or NaN when {@code observations < 2} or the variance term is not
   *     positive (the moments are inconsistent with the Sharpe ratio)
   */
  public static double probabilisticSharpe(
      double sharpe, double benchmark, long observations, double skewness, double kurtosis) {
    if (observations < 2 || !Double.isFinite(sharpe) || !Double.isFinite(benchmark)) {
      return Double.NaN;
    }
    double v = 1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
    if (!(v > 0)) {
      return Double.NaN;
    }
    return normal((sharpe - benchmark) * Math.sqrt(observations - 1.0) / Math.sqrt(v));
  }

  /**
   * The deflated Sharpe ratio: {@link #probabilisticSharpe} against {@link #expectedMaxSharpe}.
   *
   * @param sharpe the selected job's Sharpe ratio per observation
   * @param observations the number of returns it was estimated from
   * @param skewness their skewness (0 for normal returns)
   * @param kurtosis their kurtosis, not excess (3 for normal returns)
   * @param trialsVariance the variance of the Sharpe ratios across all trials
   * @param trials the number of trials
   * @return the probability that the true Sharpe ratio exceeds what the best of {@code trials}
   *     lucky trials would show; NaN when it cannot be computed
   * @throws IllegalArgumentException as {@link #expectedMaxSharpe}
   */
  public static double deflatedSharpe(
      double sharpe,
      long observations,
      double skewness,
      double kurtosis,
      double trialsVariance,
      long trials) {
    return probabilisticSharpe(
        sharpe, expectedMaxSharpe(trialsVariance, trials), observations, skewness, kurtosis);
  }

  /** The standard normal distribution function Φ. */
  static double normal(double z) {
    return STANDARD_NORMAL.cumulativeProbability(z);
  }

  /** Its inverse Φ⁻¹. */
  static double inverseNormal(double p) {
    return STANDARD_NORMAL.inverseCumulativeProbability(p);
  }
}
