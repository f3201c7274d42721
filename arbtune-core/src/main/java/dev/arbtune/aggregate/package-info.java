/**
 * The results aggregator: scans a folder of result documents, counts successes and errors, applies
 * filters and ranks what is left.
 *
 * <p>Entry point: {@link dev.arbtune.aggregate.TuningResultsAggregator}. Its output is an {@link
 * dev.arbtune.aggregate.AggregatedSummary}, which {@link dev.arbtune.aggregate.SummaryJson} writes
 * as Contract 2 and {@link dev.arbtune.aggregate.SummaryText} prints in the seed's layout.
 */
package dev.arbtune.aggregate;
