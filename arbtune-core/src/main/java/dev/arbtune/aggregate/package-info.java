/**
 * The results aggregator: scans a folder of result documents, counts successes and errors, applies
 * filters and ranks what is left.
 *
 * <p>Entry point: {@link dev.arbtune.aggregate.TuningResultsAggregator}. Its output is an {@link
 * dev.arbtune.aggregate.AggregatedSummary}, which {@link dev.arbtune.aggregate.SummaryJson} writes
 * as Contract 2 and {@link dev.arbtune.aggregate.SummaryText} prints in the seed's layout.
 *
 * <p>"The seed" is the original D39 aggregator that arbtune stays compatible with; what it
 * specifies, where this package sits and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.aggregate;
