package dev.arbtune.aggregate;

import java.util.Locale;

/** Which end of a metric is best. */
public enum Order {
  /** Lowest first (drawdown, runtime). */
  ASCENDING,
  /** Highest first (PnL, win rate). */
  DESCENDING;

  /** {@code "ascending"} or {@code "descending"}, as written in summaries. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return label();
  }
}
