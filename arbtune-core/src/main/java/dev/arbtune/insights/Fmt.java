package dev.arbtune.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Number formats shared by the text output and the HTML report. */
public final class Fmt {

  private Fmt() {}

  /** {@code +1,250.00}: sign always, thousands separators, two decimals; {@code -} for NaN. */
  public static String money(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+inf" : "-inf";
    }
    BigDecimal rounded = new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN);
    DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    f.setRoundingMode(RoundingMode.HALF_EVEN);
    return (rounded.signum() < 0 ? "-" : "+") + f.format(rounded.abs());
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
}
