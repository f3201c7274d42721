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
}
