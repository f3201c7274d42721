package dev.arbtune.aggregate;

import dev.arbtune.result.ErrorKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What one scanning thread keeps: counters, the running best jobs, the first errors and warnings
 * and, when asked, a Pareto front. Memory is bounded by the limits, not by the number of jobs.
 * Accumulators of different threads are {@link #merge merged} at the end; every kept collection is
 * ordered by a total order, so the merged result does not depend on which thread saw what.
 */
final class Accumulator implements ResultScanner.Sink {

  /** What is shared by every thread of one scan. */
  static final class Shared {
    final JobIdSet ids = new JobIdSet();
    private final int maxDuplicateIds;
    private final TreeMap<String, Long> duplicates = new TreeMap<>();
    private long duplicateClaims;

    Shared(int maxDuplicateIds) {
      this.maxDuplicateIds = maxDuplicateIds;
    }

    /**
     * Records one more document claiming {@code jobId}. Keeps the smallest ids when there are too
     * many: an id, once pushed out, can never come back, so the kept counts are exact.
     */
    synchronized void duplicate(String jobId) {
      duplicateClaims++;
      Long count = duplicates.get(jobId);
      if (count != null) {
        duplicates.put(jobId, count + 1);
      } else if (duplicates.size() < maxDuplicateIds) {
        duplicates.put(jobId, 1L);
      } else if (maxDuplicateIds > 0 && jobId.compareTo(duplicates.lastKey()) < 0) {
        duplicates.pollLastEntry();
        duplicates.put(jobId, 1L);
      }
    }

    synchronized List<Warning> duplicateWarnings() {
      List<Warning> out = new ArrayList<>();
      for (Map.Entry<String, Long> e : duplicates.entrySet()) {
        out.add(
            new Warning(
                Warning.DUPLICATE_JOB_ID,
                e.getKey(),
                "job_id \""
                    + e.getKey()
                    + "\" is claimed by "
                    + (e.getValue() + 1)
                    + " documents"));
      }
      return out;
    }

    /** Extra claims not covered by {@link #duplicateWarnings()}. */
    synchronized long untoldDuplicateClaims() {
      return duplicateClaims - duplicates.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final Ranking ranking;
  private final List<JobFilter> filters;
  private final Shared shared;
  private final BoundedBest<Ranking.Ranked> top;
  private final BoundedBest<ErrorReport> errors;
  private final BoundedBest<Warning> missingPnl;
  private final ParetoFront pareto;
  private final Consumer<AggregatedJobResult> matchedSink;
  private final long[] kinds = new long[ErrorKind.values().length];
  long success;
  long error;
  long matched;
  long skipped;

  Accumulator(
      Ranking ranking,
      List<JobFilter> filters,
      int maxResults,
      int maxErrors,
      boolean pareto,
      Shared shared,
      Consumer<AggregatedJobResult> matchedSink) {
    this.ranking = ranking;
    this.filters = filters;
    this.shared = shared;
    this.top = new BoundedBest<>(maxResults, Ranking.rankedOrder());
    this.errors = new BoundedBest<>(maxErrors, ErrorReport.BY_LOCATION);
    this.missingPnl = new BoundedBest<>(maxErrors, Warning.ORDER);
    this.pareto = pareto ? new ParetoFront() : null;
    this.matchedSink = matchedSink;
  }

  @Override
  public void job(AggregatedJobResult job) {
    if (!shared.ids.add(job.jobId())) {
      shared.duplicate(job.jobId());
    }
    if (!job.isSuccess()) {
      error++;
      kinds[job.error().kind().ordinal()]++;
      errors.add(ErrorReport.of(job));
      return;
    }
    success++;
    if (!job.metrics().containsKey(Ranking.PNL_METRIC)) {
      missingPnl.add(
          new Warning(
              Warning.MISSING_PNL,
              job.location(),
              job.location()
                  + ": success document without metrics.realized_pnl_usd (ranked as 0)"));
    }
    for (JobFilter f : filters) {
      if (!f.accepts(job)) {
        return;
      }
    }
    matched++;
    top.add(ranking.ranked(job));
    if (pareto != null) {
      pareto.add(job);
    }
    matchedSink.accept(job);
  }

  @Override
  public void skipped(String location) {
    skipped++;
  }

  void merge(Accumulator other) {
    success += other.success;
    error += other.error;
    matched += other.matched;
    skipped += other.skipped;
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] += other.kinds[i];
    }
    top.addAll(other.top);
    errors.addAll(other.errors);
    missingPnl.addAll(other.missingPnl);
    if (pareto != null) {
      pareto.addAll(other.pareto);
    }
  }

  /** The summary of everything merged into this accumulator. */
  AggregatedSummary summary(
      Map<String, Object> filterMap, List<Warning> walkWarnings, int maxWarnings) {
    List<AggregatedJobResult> ranked = new ArrayList<>();
    for (Ranking.Ranked r : top.sorted()) {
      ranked.add(r.job());
    }
    Map<ErrorKind, Long> byKind = new EnumMap<>(ErrorKind.class);
    for (ErrorKind k : ErrorKind.values()) {
      if (kinds[k.ordinal()] > 0) {
        byKind.put(k, kinds[k.ordinal()]);
      }
    }
    List<ErrorReport> listed = errors.sorted();

    List<Warning> warnings = new ArrayList<>(walkWarnings);
    warnings.addAll(shared.duplicateWarnings());
    warnings.addAll(missingPnl.sorted());
    long untold =
        shared.untoldDuplicateClaims() + (missingPnl.offered() - missingPnl.sorted().size());
    warnings.sort(Warning.ORDER);
    if (warnings.size() > maxWarnings) {
      untold += warnings.size() - maxWarnings;
      warnings = warnings.subList(0, maxWarnings);
    }
    return new AggregatedSummary(
        success + error,
        success,
        error,
        ranked,
        filterMap,
        ranking.spec(),
        matched,
        skipped,
        byKind,
        listed,
        error - listed.size(),
        warnings,
        untold,
        pareto == null ? null : pareto.jobs());
  }
}
