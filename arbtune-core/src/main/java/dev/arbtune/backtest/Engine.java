package dev.arbtune.backtest;

import java.util.Locale;

/**
 * Which engine steps a backtest through its quotes (docs/MODEL.md, "Engines"). Both give the same
 * metrics and trades; only the time they take differs.
 */
public enum Engine {
  /**
   * Jumps from event row to event row with per-file indexes: over flat stretches (no trade open) to
   * the next row that might open a trade, and while trades are open to the next close or possible
   * open, passing over the blocks of rows whose marks cannot change peak, drawdown or stop.
   */
  FAST,
  /** Steps through every row of the window: the reference the fast engine is checked against. */
  REFERENCE;

  /** The engine used when none is chosen. */
  public static final Engine DEFAULT = FAST;

  /** The name on the command line: {@code fast} or {@code reference}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
