package dev.arbtune.join;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Writes epoch microseconds as {@link java.time.Instant#toString()} does ({@code
 * 2014-05-01T05:00:02Z}, {@code ...02.250Z}, {@code ...02.000125Z}), fast: the date is formatted
 * once per day and the hour and minute once per minute; seconds and fraction digit by digit, as
 * ASCII bytes.
 */
final class TimestampText {

  private static final long MICROS_PER_MINUTE = 60_000_000L;
  private static final int MINUTES_PER_DAY = 1440;

  private long day = Long.MIN_VALUE;
  private String date = "";
  private long minute = Long.MIN_VALUE;
  private byte[] minutePrefix = new byte[0];

  /** The longest text {@link #append(byte[], int, long)} writes. */
  static final int MAX_LENGTH = 40;

  /** Appends {@code micros} as ISO-8601 UTC, the fraction only when non-zero (3 or 6 digits). */
  void append(StringBuilder out, long micros) {
    byte[] text = new byte[MAX_LENGTH];
    int n = append(text, 0, micros);
    out.append(new String(text, 0, n, StandardCharsets.US_ASCII));
  }

  /**
   * Writes {@code micros} as {@link #append(StringBuilder, long)} does into {@code out} at {@code
   * at}, which has room for {@link #MAX_LENGTH} bytes.
   *
   * @return where the text ends
   */
  int append(byte[] out, int at, long micros) {
    long m = Math.floorDiv(micros, MICROS_PER_MINUTE);
    if (m != minute) {
      newMinute(m);
    }
    byte[] prefix = minutePrefix;
    System.arraycopy(prefix, 0, out, at, prefix.length);
    int p = at + prefix.length;
    int inMinute = (int) (micros - m * MICROS_PER_MINUTE);
    int second = inMinute / 1_000_000;
    int fraction = inMinute - second * 1_000_000;
    out[p++] = (byte) ('0' + second / 10);
    out[p++] = (byte) ('0' + second % 10);
    if (fraction != 0) {
      out[p++] = '.';
      int millis = fraction / 1000;
      int rest = fraction - millis * 1000;
      p = three(out, p, millis);
      if (rest != 0) {
        p = three(out, p, rest);
      }
    }
    out[p++] = 'Z';
    return p;
  }

  /** {@code yyyy-mm-ddThh:mm:} of minute {@code m} since the epoch, the date cached per day. */
  private void newMinute(long m) {
    minute = m;
    long d = Math.floorDiv(m, MINUTES_PER_DAY);
    if (d != day) {
      day = d;
      date = LocalDate.ofEpochDay(d) + "T";
    }
    int inDay = (int) (m - d * MINUTES_PER_DAY);
    StringBuilder p = new StringBuilder(date);
    p.append((char) ('0' + inDay / 600)).append((char) ('0' + inDay / 60 % 10)).append(':');
    int mm = inDay % 60;
    minutePrefix =
        p.append((char) ('0' + mm / 10))
            .append((char) ('0' + mm % 10))
            .append(':')
            .toString()
            .getBytes(StandardCharsets.US_ASCII);
  }

  private static int three(byte[] out, int p, int value) {
    out[p] = (byte) ('0' + value / 100);
    out[p + 1] = (byte) ('0' + value / 10 % 10);
    out[p + 2] = (byte) ('0' + value % 10);
    return p + 3;
  }
}
