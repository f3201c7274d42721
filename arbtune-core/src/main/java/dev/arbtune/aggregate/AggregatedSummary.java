package dev.arbtune.aggregate;

import dev.arbtune.result.ErrorKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a results folder adds up to.
 *
 * @param totalJobs jobs found: result files, plus lines of JSON Lines files; skipped documents are
 *     not jobs
 * @param successJobs documents whose {@code status} is {@code "success"} and that passed validation
 * @param errorJobs everything else: {@code totalJobs == successJobs + errorJobs}
 * @param topByPnl the best success jobs that pass the filters, best first under {@code ranking}, at
 *     most {@code maxResults} of them (the name is the seed's; with another ranking it is written
 *     as {@code top})
 * @param filters the filters in force, by their summary names
 * @param ranking what {@code topByPnl} is ranked by
 * @param matchedJobs success jobs that passed every filter
 * @param skippedFiles documents of arbtune's own found among the results and not counted as jobs:
 *     aggregator summaries and ranked lists, plan lines, a sweep's {@code inputs.json}
 * @param errorKinds error jobs by kind, every kind with a count above 0, in {@link ErrorKind} order
 * @param errors the first error jobs by location (at most the aggregator's {@code maxErrors})
 * @param errorsTruncated error jobs not listed in {@code errors}
 * @param warnings the first warnings (duplicate job ids, success documents without PnL)
 * @param warningsTruncated warnings not listed
 * @param paretoFront the jobs not dominated on (PnL higher, drawdown lower) among those that pass
 *     the filters, highest PnL first, ties by job id; at most 1,000 of them; {@code null} when not
 *     asked for
 * @param paretoFrontJobs how many jobs are on the front, listed or not (jobs that never traded
 *     often tie at PnL 0 and drawdown 0, and all of them are on the front); 0 when not asked for
 * @param errorJobRows every error job, by location, with its config where the document had one and
 *     without metrics, for tables that list error jobs as rows ({@code aggregate
 *     --include-errors}); {@code null} when not asked for ({@link
 *     TuningResultsAggregator.Builder#keepErrorJobs})
 */
public record AggregatedSummary(
    long totalJobs,
    long successJobs,
    long errorJobs,
    List<AggregatedJobResult> topByPnl,
    Map<String, Object> filters,
    RankingSpec ranking,
    long matchedJobs,
    long skippedFiles,
    Map<ErrorKind, Long> errorKinds,
    List<ErrorReport> errors,
    long errorsTruncated,
    List<Warning> warnings,
    long warningsTruncated,
    List<AggregatedJobResult> paretoFront,
    long paretoFrontJobs,
    List<AggregatedJobResult> errorJobRows) {

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
    Objects.requireNonNull(ranking, "ranking");
    EnumMap<ErrorKind, Long> kinds = new EnumMap<>(ErrorKind.class);
    kinds.putAll(Objects.requireNonNull(errorKinds, "errorKinds"));
    errorKinds = Collections.unmodifiableMap(kinds);
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
    paretoFront = paretoFront == null ? null : List.copyOf(paretoFront);
    errorJobRows = errorJobRows == null ? null : List.copyOf(errorJobRows);
  }

  /** A summary without error job rows (they were not asked for). */
  public AggregatedSummary(
      long totalJobs,
      long successJobs,
      long errorJobs,
      List<AggregatedJobResult> topByPnl,
      Map<String, Object> filters,
      RankingSpec ranking,
      long matchedJobs,
      long skippedFiles,
      Map<ErrorKind, Long> errorKinds,
      List<ErrorReport> errors,
      long errorsTruncated,
      List<Warning> warnings,
      long warningsTruncated,
      List<AggregatedJobResult> paretoFront,
      long paretoFrontJobs) {
    this(
        totalJobs,
        successJobs,
        errorJobs,
        topByPnl,
        filters,
        ranking,
        matchedJobs,
        skippedFiles,
        errorKinds,
        errors,
        errorsTruncated,
        warnings,
        warningsTruncated,
        paretoFront,
        paretoFrontJobs,
        null);
  }

  /** The seed's summary: counts, the ranked list and the filters; nothing else. */
  public AggregatedSummary(
      long totalJobs,
      long successJobs,
      long errorJobs,
      List<AggregatedJobResult> topByPnl,
      Map<String, Object> filters) {
    this(
        totalJobs,
        successJobs,
        errorJobs,
        topByPnl,
        filters,
        RankingSpec.PNL,
        topByPnl.size(),
        0,
        Map.of(),
        List.of(),
        errorJobs,
        List.of(),
        0,
        null,
        0);
  }

  /** This summary without its Pareto front (as if it had not been asked for). */
  public AggregatedSummary withoutParetoFront() {
    return new AggregatedSummary(
        totalJobs,
        successJobs,
        errorJobs,
        topByPnl,
        filters,
        ranking,
        matchedJobs,
        skippedFiles,
        errorKinds,
        errors,
        errorsTruncated,
        warnings,
        warningsTruncated,
        null,
        0,
        errorJobRows);
  }

  /** The ranked jobs (the same list as {@link #topByPnl()}, under any ranking). */
  public List<AggregatedJobResult> top() {
    return topByPnl;
  }

  /**
   * Whether there is an error job or a warning: what {@code --strict} fails on. {@linkplain
   * Warning#advisory() Advisory} warnings (zero-trade jobs among the listed top) do not count: they
   * are about the listing asked for, not about the documents, and with {@code --max-results all}
   * nearly every real sweep would have one.
   */
  public boolean hasProblems() {
    return errorJobs > 0 || warningsTruncated > 0 || warnings.stream().anyMatch(w -> !w.advisory());
  }
}
