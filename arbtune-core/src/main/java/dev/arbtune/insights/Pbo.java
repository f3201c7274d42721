package dev.arbtune.insights;

/**
 * The probability of backtest overfitting (PBO) by combinatorially symmetric cross-validation
 * (Bailey, Borwein, López de Prado, Zhu, "The Probability of Backtest Overfitting", 2017), over a
 * matrix of per-block realized PnL: one row per job, one column per block of the jobs' shared
 * window (a document's {@code period_pnl}). See docs/INSIGHTS.md, "Probability of backtest
 * overfitting".
 *
 * <p>Values are whole micro-dollars ({@code long}), so every in-sample and out-of-sample total is
 * exact and ties are real ties, whatever the order of the sums.
 */
public final class Pbo {

  private Pbo() {}

  /**
   * PBO over {@code jobs} jobs and {@code blocks} blocks.
   *
   * @param micros job-major PnL in micro-dollars: job {@code j}'s block {@code b} at {@code j *
   *     blocks + b}; jobs in tie-break order (among equal in-sample totals, the lowest index wins:
   *     the ranking's order, job_id ascending); every |value| at most {@link #MAX_ABS_MICROS}
   * @param jobs N, at least 2
   * @param blocks S, even, 2..64
   * @param threads how many threads may share the splits (the result does not depend on it)
   * @throws IllegalArgumentException when the shape or a value is out of range
   */
  public static PboResult compute(long[] micros, int jobs, int blocks, int threads) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Largest |block PnL| accepted, in micro-dollars (1e11 USD): 64 of them still fit a long. */
  public static final long MAX_ABS_MICROS = 100_000_000_000L * 1_000_000L;
}
