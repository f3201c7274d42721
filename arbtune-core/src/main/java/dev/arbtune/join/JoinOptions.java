package dev.arbtune.join;

/**
 * How two venues are joined.
 *
 * @param maxStalenessMicros a row where either venue's latest quote is older than this (in
 *     microseconds) is dropped; {@link Long#MAX_VALUE} keeps every row
 * @param gridMicros 0: one row per distinct event time of either venue; otherwise rows at the
 *     multiples of this step only (see {@link QuoteJoin})
 * @param ageColumns whether to add the columns {@code age_a_us} and {@code age_b_us}
 */
public record JoinOptions(long maxStalenessMicros, long gridMicros, boolean ageColumns) {

  /** Five seconds, the default staleness limit. */
  public static final long DEFAULT_MAX_STALENESS_MICROS = 5_000_000L;

  public JoinOptions {
    if (maxStalenessMicros < 0) {
      throw new IllegalArgumentException("maxStalenessMicros < 0: " + maxStalenessMicros);
    }
    if (gridMicros < 0) {
      throw new IllegalArgumentException("gridMicros < 0: " + gridMicros);
    }
  }

  /** The defaults: 5 s staleness, one row per event, age columns. */
  public static JoinOptions defaults() {
    return new JoinOptions(DEFAULT_MAX_STALENESS_MICROS, 0, true);
  }
}
