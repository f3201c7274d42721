package dev.arbtune.aggregate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a results folder adds up to.
 *
 * @param totalJobs result files found
 * @param successJobs documents whose {@code status} is {@code "success"} and that passed validation
 * @param errorJobs everything else: {@code totalJobs == successJobs + errorJobs}
 * @param topByPnl the best success jobs that pass the filters, best first, at most {@code
 *     maxResults} of them
 * @param filters the filters that were set, by their summary names, in the order {@code
 *     max_drawdown_pct}, {@code min_trades}
 */
public record AggregatedSummary(
    long totalJobs,
    long successJobs,
    long errorJobs,
    List<AggregatedJobResult> topByPnl,
    Map<String, Object> filters) {

  public AggregatedSummary {
    if (totalJobs != successJobs + errorJobs || successJobs < 0 || errorJobs < 0) {
      throw new IllegalArgumentException(
          "counts disagree: total="
              + totalJobs
              + ", success="
              + successJobs
              + ", error="
              + errorJobs);
    }
    topByPnl = List.copyOf(topByPnl);
    filters = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(filters)));
  }
}
