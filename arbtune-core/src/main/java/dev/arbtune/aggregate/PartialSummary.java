package dev.arbtune.aggregate;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A part of an aggregation, for engines that read the result documents themselves and split the
 * work over several machines (a Spark job, say). Each worker feeds the jobs it classified (with
 * {@link ResultClassifier}) to its own partial summary, the partial summaries are {@link #merge
 * merged}, and {@link #summary} gives the very summary that {@link TuningResultsAggregator} gives
 * for the same documents.
 *
 * <p>It holds what one scanning thread of the local aggregator holds: the counters, the best jobs,
 * the first errors and missing-PnL warnings and, when asked, the Pareto front; memory is bounded by
 * the aggregator's limits. Duplicate job ids need every id at once and are counted apart (see
 * {@link DuplicateJobIds}). Serialisable, with the aggregator's ranking and filters; not
 * thread-safe. Get one from {@link TuningResultsAggregator#newPartial()}.
 */
public final class PartialSummary implements ResultClassifier.Sink, Serializable {

  private static final long serialVersionUID = 1L;

  private final RankingSpec ranking;
  private final List<JobFilter> filters;
  private final LinkedHashMap<String, Object> filterMap;
  private final int maxResults;
  private final int maxErrors;
  private final boolean pareto;
  private final FieldCheck fieldCheck;
  private final boolean keepErrorJobs;
  private transient Accumulator accumulator;

  PartialSummary(
      RankingSpec ranking,
      List<JobFilter> filters,
      Map<String, Object> filterMap,
      int maxResults,
      int maxErrors,
      boolean pareto,
      FieldCheck fieldCheck,
      boolean keepErrorJobs) {
    this.ranking = Objects.requireNonNull(ranking, "ranking");
    this.filters = List.copyOf(filters);
    this.filterMap = new LinkedHashMap<>(filterMap);
    this.maxResults = maxResults;
    this.maxErrors = maxErrors;
    this.pareto = pareto;
    this.fieldCheck = fieldCheck;
    this.keepErrorJobs = keepErrorJobs;
    this.accumulator = newAccumulator();
  }

  private Accumulator newAccumulator() {
    return new Accumulator(
        Ranking.of(ranking),
        filters,
        maxResults,
        maxErrors,
        pareto,
        Accumulator.Shared.untracked(),
        TuningResultsAggregator.NoCollector.INSTANCE,
        fieldCheck,
        keepErrorJobs);
  }

  /** Counts, filters and ranks one job, success or error. */
  @Override
  public void job(AggregatedJobResult job) {
    accumulator.job(Objects.requireNonNull(job, "job"));
  }

  /** Counts an aggregator summary document found among the results (it is not a job). */
  @Override
  public void skipped(String location) {
    accumulator.skipped(location);
  }

  /** Jobs seen so far, success and error. */
  public long jobs() {
    return accumulator.success + accumulator.error;
  }

  /**
   * How many errors, and how many warnings, the summary lists: the size for {@link
   * DuplicateJobIds}.
   */
  public int maxErrors() {
    return maxErrors;
  }

  /**
   * Adds everything {@code other} has seen.
   *
   * @throws IllegalArgumentException when {@code other} ranks, filters or limits differently
   */
  public void merge(PartialSummary other) {
    if (!ranking.equals(other.ranking)
        || !filterMap.equals(other.filterMap)
        || maxResults != other.maxResults
        || maxErrors != other.maxErrors
        || pareto != other.pareto
        || (fieldCheck == null) != (other.fieldCheck == null)
        || keepErrorJobs != other.keepErrorJobs) {
      throw new IllegalArgumentException("partial summaries of different aggregations");
    }
    accumulator.absorb(other.accumulator.state());
  }

  /**
   * The summary of every job merged into this partial summary.
   *
   * @param duplicates the job ids claimed by more than one document, over all the jobs; its limit
   *     must be {@link #maxErrors()}
   * @param walkWarnings warnings about folders that could not be listed
   * @throws IllegalArgumentException when the limit of {@code duplicates} is not {@link
   *     #maxErrors()}
   */
  public AggregatedSummary summary(DuplicateJobIds duplicates, List<Warning> walkWarnings) {
    if (duplicates.limit() != maxErrors) {
      throw new IllegalArgumentException(
          "duplicates must list up to " + maxErrors + " ids, not " + duplicates.limit());
    }
    List<Warning> walk = new ArrayList<>(walkWarnings);
    walk.sort(Warning.ORDER);
    return accumulator.summary(
        filterMap, walk, duplicates.warnings(), duplicates.untoldClaims(), maxErrors);
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    out.writeObject(accumulator.state());
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    accumulator = newAccumulator();
    accumulator.absorb((Accumulator.State) in.readObject());
  }
}
