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
   * Called once for every success job that failed the filters, from one thread per instance, so
   * that a collector sees every success job: {@link #accept} for those that passed, this for the
   * rest. Does nothing by default.
   */
  default void acceptUnmatched(AggregatedJobResult job) {}

  /** Adds everything {@code other} has seen into this instance. */
  void merge(C other);
}
