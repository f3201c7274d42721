package dev.arbtune.plan;

import dev.arbtune.backtest.BacktestConfig;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * One varied parameter of a session: a numeric runner field and the values it takes, in order.
 *
 * <p>Values are exact decimals, as written in the session file, so that a range such as {@code 0.1,
 * 0.2, 0.3} has no floating-point drift; the runner receives each as the nearest {@code double}. A
 * range ({@link #range}) is not materialised: its values are computed on demand, so a range of
 * millions of values costs no memory.
 *
 * @param name the runner field varied, one of {@link BacktestConfig#NUMERIC_FIELDS}
 * @param values the values, in order; not empty, no two equal (compared as numbers); unmodifiable
 */
public record ParamGrid(String name, List<BigDecimal> values) {

  /** Most values one grid may have. */
  public static final int MAX_VALUES = Integer.MAX_VALUE - 8;

  /**
   * @throws SessionConfigException (field {@code name}) when {@code name} is not a numeric runner
   *     field; (field {@code values} or {@code values[i]}) when there are no values, a value is
   *     {@code null} or two values are equal
   */
  public ParamGrid {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(values, "values");
    if (!BacktestConfig.NUMERIC_FIELDS.contains(name)) {
      throw new SessionConfigException("name", notVariable(name));
    }
    if (!(values instanceof RangeValues)) {
      values = copyDistinct(values);
    }
  }

  /**
   * A grid of explicit values.
   *
   * @throws SessionConfigException as the constructor
   */
  public static ParamGrid of(String name, BigDecimal... values) {
    return new ParamGrid(name, List.of(values));
  }

  /**
   * The values {@code start, start + step, start + 2·step, …} up to and including {@code stop} when
   * it lands on it; computed exactly in decimal.
   *
   * @throws SessionConfigException (field {@code range.step}) when {@code step} is not positive;
   *     (field {@code range.stop}) when {@code stop} is below {@code start}; (field {@code range})
   *     when the range has more than {@link #MAX_VALUES} values; or as the constructor for {@code
   *     name}
   */
  public static ParamGrid range(String name, BigDecimal start, BigDecimal stop, BigDecimal step) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(stop, "stop");
    Objects.requireNonNull(step, "step");
    if (step.signum() <= 0) {
      throw new SessionConfigException(
          "range.step", "must be > 0, got " + plain(step) + " (a range counts up from start)");
    }
    if (stop.compareTo(start) < 0) {
      throw new SessionConfigException(
          "range.stop",
          "is below start ("
              + plain(stop)
              + " < "
              + plain(start)
              + "); the step never reaches it: a range counts up from start to stop");
    }
    BigInteger steps = stop.subtract(start).divideToIntegralValue(step).toBigIntegerExact();
    BigInteger count = steps.add(BigInteger.ONE);
    if (count.compareTo(BigInteger.valueOf(MAX_VALUES)) > 0) {
      throw new SessionConfigException(
          "range", "has " + count + " values; a grid may have at most " + MAX_VALUES);
    }
    return new ParamGrid(name, new RangeValues(start, step, count.intValue()));
  }

  /** How many values. */
  public int size() {
    return values.size();
  }

  /** Whether the values are a range ({@link #range}) rather than an explicit list. */
  public boolean isRange() {
    return values instanceof RangeValues;
  }

  /**
   * The values for a person: {@code 20, 30, 40}, or for a range {@code 1 to 7 step 2: 1, 3, 5, 7};
   * at most {@code limit} values are shown, then {@code …}.
   */
  public String describeValues(int limit) {
    StringBuilder sb = new StringBuilder();
    if (values instanceof RangeValues r) {
      sb.append(plain(r.start))
          .append(" to ")
          .append(plain(values.get(values.size() - 1)))
          .append(" step ")
          .append(plain(r.step))
          .append(": ");
    }
    int shown = Math.min(values.size(), Math.max(1, limit));
    for (int i = 0; i < shown; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(plain(values.get(i)));
    }
    if (shown < values.size()) {
      sb.append(", …");
    }
    return sb.toString();
  }

  /** A number as a person writes it: {@code 20}, {@code 0.5}, never {@code 2E+1}. */
  static String plain(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }

  /** Why {@code name} cannot be a grid's field (it is not a numeric runner field). */
  static String notVariable(String name) {
    if (BacktestConfig.ALL_FIELDS.contains(name)) {
      return name
          + " cannot be varied: a grid varies a numeric runner field ("
          + String.join(", ", BacktestConfig.NUMERIC_FIELDS)
          + ")";
    }
    return "\""
        + name
        + "\" is not a numeric runner field"
        + BacktestConfig.suggestion(name, BacktestConfig.NUMERIC_FIELDS);
  }

  private static List<BigDecimal> copyDistinct(List<BigDecimal> values) {
    if (values.isEmpty()) {
      throw new SessionConfigException("values", "is empty; list at least one value");
    }
    Map<BigDecimal, Integer> seen = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      BigDecimal v = values.get(i);
      if (v == null) {
        throw new SessionConfigException("values[" + i + "]", "is null; expected a number");
      }
      Integer first = seen.putIfAbsent(v.stripTrailingZeros(), i);
      if (first != null) {
        throw new SessionConfigException(
            "values[" + i + "]",
            "duplicate value " + plain(v) + " (same as values[" + first + "])");
      }
    }
    return List.copyOf(values);
  }

  /** {@code start + i·step} for {@code i < size}, computed on demand. */
  private static final class RangeValues extends AbstractList<BigDecimal> implements RandomAccess {
    private final BigDecimal start;
    private final BigDecimal step;
    private final int size;

    RangeValues(BigDecimal start, BigDecimal step, int size) {
      this.start = start;
      this.step = step;
      this.size = size;
    }

    @Override
    public BigDecimal get(int index) {
      Objects.checkIndex(index, size);
      return start.add(step.multiply(BigDecimal.valueOf(index)));
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public String toString() {
      return "range[" + plain(start) + " step " + plain(step) + ", " + size + " values]";
    }
  }
}
