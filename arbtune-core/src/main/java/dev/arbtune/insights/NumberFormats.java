package dev.arbtune.insights;

import dev.arbtune.aggregate.SummaryText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.OptionalDouble;

/** Number formats shared by the text output, the HTML report and its charts. */
public final class NumberFormats {

  /** The most decimals {@link #decimalsFor} asks for. */
  public static final int MAX_DECIMALS = 10;

  private NumberFormats() {}

  /** {@code +1,250.00}: the summary's rule ({@link SummaryText#money}), with {@code -} for NaN. */
  public static String money(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    return SummaryText.money(OptionalDouble.of(value));
  }

  /** {@code 61.2%} of a fraction; {@code -} for NaN. */
  public static String percent(double fraction) {
    return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
  }

  /** A number with {@code digits} decimals; {@code -} for NaN. */
  public static String fixed(double value, int digits) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + digits + "f", value);
  }

  /** A count with thousands separators. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /**
   * How many decimals show numbers spread over {@code range} (the largest minus the smallest, or
   * the largest magnitude) with two to three significant digits: 0 from 10 up, 1 from 1 up, 2 from
   * 0.1 up, and so on, at most {@link #MAX_DECIMALS}; 2 when the range is 0 or not finite.
   */
  public static int decimalsFor(double range) {
    if (!(range > 0) || Double.isInfinite(range)) {
      return 2;
    }
    int d = 1 - (int) Math.floor(Math.log10(range));
    return Math.max(0, Math.min(MAX_DECIMALS, d));
  }

  /**
   * {@code -1,234.5}: thousands separators and exactly {@code decimals} decimals, half-even on the
   * exact value, a minus only for negative values (as {@link #money}); {@code -} for NaN.
   */
  public static String number(double value, int decimals) {
    if (Double.isNaN(value)) {
      return "-";
    }
    if (Double.isInfinite(value)) {
      return Double.toString(value);
    }
    BigDecimal rounded = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN);
    boolean negative =
        rounded.signum() < 0 || (rounded.signum() == 0 && Double.compare(value, 0.0) < 0);
    return (negative ? "-" : "") + grouped(decimals).format(rounded.abs());
  }

  /** The {@link DecimalFormat} pattern of {@link #number}: {@code #,##0.00} for 2 decimals. */
  public static String pattern(int decimals) {
    return decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals);
  }

  private static DecimalFormat grouped(int decimals) {
    DecimalFormat f =
        new DecimalFormat(pattern(decimals), DecimalFormatSymbols.getInstance(Locale.ROOT));
    f.setRoundingMode(RoundingMode.HALF_EVEN);
    return f;
  }
}
