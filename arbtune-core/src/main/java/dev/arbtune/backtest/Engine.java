package dev.arbtune.backtest;

import java.util.Locale;

/**
 * Which engine steps a backtest through its quotes (docs/MODEL.md, "Engines"). Both give the same
 * metrics and trades; only the time they take differs.
 */
public enum Engine {
  /** Jumps over flat stretches (no trade open) with a per-file index, then steps row by row. */
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
