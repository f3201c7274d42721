package dev.arbtune.aggregate;

/**
 * Extra statistics gathered in the same streaming pass as the summary (see {@link
 * TuningResultsAggregator#summarize(ScanProgress, java.util.function.Supplier)}). Each scanning
 * thread gets its own instance, so implementations need no locking; at the end the instances are
 * merged into one. Keep memory bounded by what you summarise, not by the number of jobs.
 *
 * @param <C> the implementing type
 */
public interface JobCollector<C extends JobCollector<C>> {

  /** Called once for every success job that passed the filters, from one thread per instance. */
  void accept(AggregatedJobResult job);

  /**
   * Called once for every success job that failed a filter: with {@link #accept}, a collector sees
   * every success job (statistics about all the trials, such as the deflated Sharpe ratio, need
   * them). Does nothing unless overridden.
   */
  default void acceptUnmatched(AggregatedJobResult job) {}

  /**
   * Whether the scan should read each document's {@code period_pnl} ({@link
   * AggregatedJobResult#periodPnl()}): it costs time, so only collectors that use it ask. Asked
   * once, of the first instance, before the scan. False unless overridden.
   */
  default boolean readsPeriodPnl() {
    return false;
  }

  /** Adds everything {@code other} has seen into this instance. */
  void merge(C other);
}
