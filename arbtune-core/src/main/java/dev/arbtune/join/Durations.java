package dev.arbtune.join;

import dev.arbtune.backtest.DurationText;

/**
 * Durations as the command line and session files give them: a whole number and a unit ({@code
 * 100us}, {@code 250ms}, {@code 5s}, {@code 2m}, {@code 6h}, {@code 1d}) or ISO-8601 ({@code PT5S},
 * {@code PT0.25S}). The parsing is {@link DurationText}'s, which session configs share.
 */
public final class Durations {

  /** The word that means "no limit" where a limit is asked for. */
  public static final String NONE = DurationText.NONE;

  private Durations() {}

  /**
   * {@code text} in microseconds (finer fractions of ISO-8601 durations truncated).
   *
   * @throws IllegalArgumentException naming the accepted forms when {@code text} is none of them,
   *     negative or too long to count in microseconds
   */
  public static long parseMicros(String text) {
    return DurationText.parseMicros(text);
  }

  /**
   * {@code text} in microseconds as {@link #parseMicros} reads it, or {@link Long#MAX_VALUE} for
   * {@value #NONE} (letter case ignored): a limit that never applies.
   */
  public static long parseLimitMicros(String text) {
    return DurationText.parseLimitMicros(text);
  }

  /**
   * {@code micros} as a person reads it: {@code 250ms}, {@code 125us}, {@code 19m}, {@code 1h 2m
   * 30.5s}, {@code 2d 3h}.
   */
  public static String format(long micros) {
    if (micros < 0) {
      throw new IllegalArgumentException("negative duration: " + micros);
    }
    if (micros == 0) {
      return "0s";
    }
    if (micros < 1_000_000) {
      return micros % 1000 == 0 ? micros / 1000 + "ms" : micros + "us";
    }
    long s = micros / 1_000_000;
    long fraction = micros % 1_000_000;
    StringBuilder out = new StringBuilder();
    part(out, s / 86_400, "d");
    part(out, s / 3600 % 24, "h");
    part(out, s / 60 % 60, "m");
    if (s % 60 != 0 || fraction != 0) {
      out.append(out.isEmpty() ? "" : " ").append(s % 60);
      if (fraction != 0) {
        String digits = String.format("%06d", fraction).replaceAll("0+$", "");
        out.append('.').append(digits);
      }
      out.append('s');
    }
    return out.toString();
  }

  private static void part(StringBuilder out, long value, String unit) {
    if (value != 0) {
      out.append(out.isEmpty() ? "" : " ").append(value).append(unit);
    }
  }
}
