package dev.arbtune.insights;

import java.util.Locale;

/** What the grid neighbours of a top job say about it. */
public enum Verdict {
  /** The neighbours do about as well: a plateau, the result is not a one-cell accident. */
  PLATEAU,
  /** The neighbours do much worse: an isolated spike, likely luck. */
  SPIKE,
  /** No neighbour was run (or passed the filters): nothing to compare with. */
  NO_NEIGHBOURS;

  /** {@code plateau}, {@code spike}, {@code no-neighbours}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @Override
  public String toString() {
    return label();
  }
}
