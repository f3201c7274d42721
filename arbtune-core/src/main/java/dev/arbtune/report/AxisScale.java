package dev.arbtune.report;

import java.math.BigDecimal;

/**
 * How one numeric chart axis (or the heatmap's colour scale) shows its values, so that XChart can
 * always draw it.
 *
 * <p>XChart 4.0.3 searches for tick marks in a loop that only ends when the labels of the ticks are
 * all different and each is at most 20 characters long; it fails outright on a range that overflows
 * or is too narrow for its decimals. With thousands separators, values of about 10^15 and more give
 * labels of 21 characters and more (so {@code report} looped forever on a PnL of 10^15 or a
 * drawdown of 10^20); ranges far below their magnitude (10^15 and 10^15 + 1) or below the 10
 * decimals a label shows (10^-300) give ticks whose labels cannot differ. {@link #drawable} says
 * when a range is safe: finite, within ±{@value #MAX_MAGNITUDE}, and either one value or at least
 * {@value #MIN_WIDTH} wide and {@value #MIN_RELATIVE_WIDTH} of its magnitude. {@link #of} turns any
 * finite range into a drawable one: values outside are shown in units of a power of ten (a multiple
 * of 3, named in the axis title), and a range still too narrow for its magnitude is drawn between
 * fixed bounds around its middle.
 *
 * @param exponent the values are shown divided by 10^exponent (0: as they are)
 * @param min the lowest value drawn, in those units
 * @param max the highest value drawn, in those units
 * @param fixedBounds whether {@code min} and {@code max} must be set as the axis's bounds (the
 *     data's range was too narrow to draw on its own)
 */
record AxisScale(int exponent, double min, double max, boolean fixedBounds) {

  /** The largest magnitude drawn as it is: labels stay within 20 characters. */
  static final double MAX_MAGNITUDE = 1e12;

  /** The narrowest range drawn as it is, other than a single value. */
  static final double MIN_WIDTH = 1e-8;

  /** The narrowest range drawn as it is, as a fraction of the largest magnitude. */
  static final double MIN_RELATIVE_WIDTH = 1e-6;

  /** Half the width of fixed bounds, as a fraction of the largest magnitude. */
  static final double FIXED_HALF_WIDTH = 1e-5;

  AxisScale {
    if (!(Double.isFinite(min) && Double.isFinite(max) && min <= max)) {
      throw new IllegalArgumentException("an axis needs finite bounds, min <= max");
    }
  }

  /**
   * Whether XChart draws an axis over {@code [lo, hi]} as it is: both finite, {@code lo <= hi},
   * neither beyond ±{@link #MAX_MAGNITUDE}, and {@code lo == hi} or {@code hi - lo} at least {@link
   * #MIN_WIDTH} and at least {@link #MIN_RELATIVE_WIDTH} of the larger magnitude.
   */
  static boolean drawable(double lo, double hi) {
    if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi)) {
      return false;
    }
    double magnitude = Math.max(Math.abs(lo), Math.abs(hi));
    if (magnitude > MAX_MAGNITUDE) {
      return false;
    }
    double width = hi - lo;
    return width == 0 || (width >= MIN_WIDTH && width >= MIN_RELATIVE_WIDTH * magnitude);
  }

  /** The scale of a range that {@link #drawable} accepts as it is. */
  static AxisScale identity(double lo, double hi) {
    return new AxisScale(0, lo, hi, false);
  }

  /**
   * How to draw values between {@code lo} and {@code hi} (both finite, {@code lo <= hi}): as they
   * are when {@link #drawable}; otherwise divided by 10^e, e a multiple of 3 that brings the
   * largest magnitude into [1, 1000) (0 when it is there already), and between fixed bounds ±{@link
   * #FIXED_HALF_WIDTH} of that magnitude around the middle when the range is still too narrow for
   * it. The result's {@code min} and {@code max} are always {@link #drawable}.
   *
   * @throws IllegalArgumentException when a bound is not finite or {@code lo > hi}
   */
  static AxisScale of(double lo, double hi) {
    if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi)) {
      throw new IllegalArgumentException("an axis needs finite values, lowest first");
    }
    if (drawable(lo, hi)) {
      return identity(lo, hi);
    }
    // Not drawable means a magnitude above 0: bring it into [1, 1000).
    double magnitude = Math.max(Math.abs(lo), Math.abs(hi));
    int exponent = 3 * Math.floorDiv((int) Math.floor(Math.log10(magnitude)), 3);
    double slo = scale(lo, exponent);
    double shi = scale(hi, exponent);
    if (drawable(slo, shi)) {
      return new AxisScale(exponent, slo, shi, false);
    }
    double scaledMagnitude = Math.max(Math.abs(slo), Math.abs(shi));
    double middle = slo / 2 + shi / 2;
    double half = scaledMagnitude * FIXED_HALF_WIDTH;
    return new AxisScale(exponent, middle - half, middle + half, true);
  }

  /** {@code v} in this axis's units ({@code v / 10^exponent}, exactly rounded); NaN stays NaN. */
  double apply(double v) {
    return Double.isNaN(v) ? v : scale(v, exponent);
  }

  /** {@code unit}, or {@code unit × 10^exponent} when the values are shown divided. */
  String unit(String unit) {
    return exponent == 0 ? unit : unit + " \u00d7 10^" + exponent;
  }

  /** The width of the range drawn. */
  double width() {
    return max - min;
  }

  private static double scale(double v, int exponent) {
    if (exponent == 0 || v == 0 || !Double.isFinite(v)) {
      return v;
    }
    return new BigDecimal(v).scaleByPowerOfTen(-exponent).doubleValue();
  }
}
