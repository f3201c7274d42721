package dev.arbtune.join;

import java.time.LocalDate;

/**
 * Writes epoch microseconds as {@link java.time.Instant#toString()} does ({@code
 * 2014-05-01T05:00:02Z}, {@code ...02.250Z}, {@code ...02.000125Z}), fast: the date is formatted
 * once per day, the time of day by hand.
 */
final class TimestampText {

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private long day = Long.MIN_VALUE;
  private String datePrefix = "";

  /** Appends {@code micros} as ISO-8601 UTC, the fraction only when non-zero (3 or 6 digits). */
  void append(StringBuilder out, long micros) {
    long d = Math.floorDiv(micros, MICROS_PER_DAY);
    long inDay = micros - d * MICROS_PER_DAY;
    if (d != day) {
      day = d;
      datePrefix = LocalDate.ofEpochDay(d) + "T";
    }
    out.append(datePrefix);
    int seconds = (int) (inDay / 1_000_000);
    int fraction = (int) (inDay % 1_000_000);
    digits(out, seconds / 3600, 2);
    out.append(':');
    digits(out, seconds / 60 % 60, 2);
    out.append(':');
    digits(out, seconds % 60, 2);
    if (fraction != 0) {
      out.append('.');
      if (fraction % 1000 == 0) {
        digits(out, fraction / 1000, 3);
      } else {
        digits(out, fraction, 6);
      }
    }
    out.append('Z');
  }

  /** Appends {@code value} (non-negative, below 10^width) with exactly {@code width} digits. */
  private static void digits(StringBuilder out, int value, int width) {
    int divisor = 1;
    for (int i = 1; i < width; i++) {
      divisor *= 10;
    }
    for (; divisor > 0; divisor /= 10) {
      out.append((char) ('0' + value / divisor % 10));
    }
  }
}
