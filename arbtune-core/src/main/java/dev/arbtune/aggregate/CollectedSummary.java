package dev.arbtune.aggregate;

import java.util.Objects;

/**
 * A summary and what a {@link JobCollector} gathered in the same pass.
 *
 * @param summary the aggregator's summary
 * @param collected the merged collector
 * @param <C> the collector type
 */
public record CollectedSummary<C extends JobCollector<C>>(AggregatedSummary summary, C collected) {
  public CollectedSummary {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(collected, "collected");
  }
}
