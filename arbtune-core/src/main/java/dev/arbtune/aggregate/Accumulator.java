package dev.arbtune.aggregate;

import dev.arbtune.result.ErrorKind;
import dev.arbtune.result.Metric;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one scanning thread keeps: counters, the running best jobs, the first errors and warnings
 * and, when asked, a Pareto front. Memory is bounded by the limits, not by the number of jobs.
 * Accumulators of different threads are {@link #merge merged} at the end; every kept collection is
 * ordered by a total order, so the merged result does not depend on which thread saw what.
 */
final class Accumulator implements ResultScanner.Sink {

  /** What is shared by every thread of one scan. */
  static final class Shared {
    /** The ids seen, or {@code null} when duplicates are counted elsewhere. */
    final JobIdSet ids;

    private final int maxDuplicateIds;
    private final TreeMap<String, Long> duplicates = new TreeMap<>();
    private long duplicateClaims;

    Shared(int maxDuplicateIds) {
      this(maxDuplicateIds, true);
    }

    private Shared(int maxDuplicateIds, boolean trackIds) {
      this.ids = trackIds ? new JobIdSet() : null;
      this.maxDuplicateIds = maxDuplicateIds;
    }

    /** For accumulators whose duplicate job ids are counted elsewhere ({@link DuplicateJobIds}). */
    static Shared untracked() {
      return new Shared(0, false);
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
        out.add(Warning.duplicateJobId(e.getKey(), e.getValue() + 1));
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
  private final JobCollector<?> collector;
  private final FieldCheck.Tracker fields;
  private final List<AggregatedJobResult> errorRows;
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
      JobCollector<?> collector,
      FieldCheck fieldCheck,
      boolean keepErrorJobs) {
    this.ranking = ranking;
    this.filters = filters;
    this.shared = shared;
    this.top = new BoundedBest<>(maxResults, Ranking.rankedOrder());
    this.errors = new BoundedBest<>(maxErrors, ErrorReport.BY_LOCATION);
    this.missingPnl = new BoundedBest<>(maxErrors, Warning.ORDER);
    this.pareto = pareto ? new ParetoFront() : null;
    this.collector = collector;
    this.fields = fieldCheck == null ? null : fieldCheck.tracker();
    this.errorRows = keepErrorJobs ? new ArrayList<>() : null;
  }

  @Override
  public void job(AggregatedJobResult job) {
    if (shared.ids != null && !shared.ids.add(job.jobId())) {
      shared.duplicate(job.jobId());
    }
    if (!job.isSuccess()) {
      error++;
      kinds[job.error().kind().ordinal()]++;
      errors.add(ErrorReport.of(job));
      if (errorRows != null) {
        errorRows.add(errorRow(job));
      }
      return;
    }
    success++;
    if (fields != null) {
      fields.see(job);
    }
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
        collector.acceptUnmatched(job);
        return;
      }
    }
    matched++;
    // What is kept (ranked jobs, the front) keeps no period_pnl: only the collector needs it.
    AggregatedJobResult kept = job.periodPnl() == null ? job : job.withoutPeriodPnl();
    top.add(ranking.ranked(kept));
    if (pareto != null) {
      pareto.add(kept);
    }
    collector.accept(job);
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
    if (fields != null) {
      fields.merge(other.fields);
    }
    if (errorRows != null) {
      errorRows.addAll(other.errorRows);
    }
  }

  /** An error job as a table row keeps its id, tag, config and error; its metrics are dropped. */
  private static AggregatedJobResult errorRow(AggregatedJobResult job) {
    return job.metrics().isEmpty()
        ? job
        : new AggregatedJobResult(
            job.jobId(),
            job.tag(),
            job.config(),
            Map.of(),
            job.status(),
            job.source(),
            job.line(),
            job.error());
  }

  /**
   * What this accumulator kept, as plain serialisable values: {@link #absorb} of it into an empty
   * accumulator with the same settings gives an equal accumulator.
   */
  State state() {
    List<AggregatedJobResult> ranked = new ArrayList<>();
    for (Ranking.Ranked r : top.sorted()) {
      ranked.add(r.job());
    }
    return new State(
        success,
        error,
        matched,
        skipped,
        kinds.clone(),
        ranked,
        top.offered(),
        errors.sorted(),
        errors.offered(),
        missingPnl.sorted(),
        missingPnl.offered(),
        pareto == null ? null : pareto.points(),
        fields == null ? null : fields.seen(),
        fields == null ? null : fields.sample(),
        errorRows);
  }

  /** Merges a {@link #state()} of another accumulator with the same settings into this one. */
  void absorb(State other) {
    success += other.success();
    error += other.error();
    matched += other.matched();
    skipped += other.skipped();
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] += other.kinds()[i];
    }
    List<Ranking.Ranked> ranked = new ArrayList<>(other.top().size());
    for (AggregatedJobResult job : other.top()) {
      ranked.add(ranking.ranked(job));
    }
    top.addAll(ranked, other.topOffered());
    errors.addAll(other.errors(), other.errorsOffered());
    missingPnl.addAll(other.missingPnl(), other.missingPnlOffered());
    if (pareto != null) {
      other.pareto().forEach(pareto::add);
    }
    if (fields != null) {
      fields.absorb(other.fieldsSeen(), other.fieldSample());
    }
    if (errorRows != null) {
      errorRows.addAll(other.errorRows());
    }
  }

  /** What an accumulator kept; see {@link #state()}. */
  record State(
      long success,
      long error,
      long matched,
      long skipped,
      long[] kinds,
      List<AggregatedJobResult> top,
      long topOffered,
      List<ErrorReport> errors,
      long errorsOffered,
      List<Warning> missingPnl,
      long missingPnlOffered,
      List<ParetoFront.Point> pareto,
      boolean[] fieldsSeen,
      List<AggregatedJobResult> fieldSample,
      List<AggregatedJobResult> errorRows)
      implements java.io.Serializable {
    State {
      top = new ArrayList<>(top);
      errors = new ArrayList<>(errors);
      missingPnl = new ArrayList<>(missingPnl);
      pareto = pareto == null ? null : new ArrayList<>(pareto);
      fieldSample = fieldSample == null ? null : new ArrayList<>(fieldSample);
      errorRows = errorRows == null ? null : new ArrayList<>(errorRows);
    }
  }

  /** The summary of everything merged into this accumulator. */
  AggregatedSummary summary(
      Map<String, Object> filterMap, List<Warning> walkWarnings, int maxWarnings) {
    return summary(
        filterMap,
        walkWarnings,
        shared.duplicateWarnings(),
        shared.untoldDuplicateClaims(),
        maxWarnings);
  }

  /**
   * The summary of everything merged into this accumulator, with duplicate job ids counted
   * elsewhere: {@code duplicateWarnings} listed, {@code untoldDuplicateClaims} more only counted.
   */
  AggregatedSummary summary(
      Map<String, Object> filterMap,
      List<Warning> walkWarnings,
      List<Warning> duplicateWarnings,
      long untoldDuplicateClaims,
      int maxWarnings) {
    if (fields != null) {
      fields.check(success);
    }
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
    warnings.addAll(duplicateWarnings);
    warnings.addAll(missingPnl.sorted());
    long untold = untoldDuplicateClaims + (missingPnl.offered() - missingPnl.sorted().size());
    warnings.sort(Warning.ORDER);
    if (warnings.size() > maxWarnings) {
      untold += warnings.size() - maxWarnings;
      warnings = new ArrayList<>(warnings.subList(0, maxWarnings));
    }
    // Advisory, one at most: listed after the others and outside their cap, so that a cap never
    // turns it into a counted, strict-failing "truncated" warning.
    Warning zeroTrade =
        Warning.zeroTradeTop(zeroTradeJobs(ranked), ranked.size(), ranking.spec().metric());
    if (zeroTrade != null) {
      warnings.add(zeroTrade);
    }
    List<AggregatedJobResult> rows = null;
    if (errorRows != null) {
      rows = new ArrayList<>(errorRows);
      rows.sort(FieldCheck.BY_LOCATION);
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
        pareto == null ? null : pareto.jobs(),
        pareto == null ? 0 : pareto.size(),
        rows);
  }

  /** Ranked jobs whose {@code total_trades} is present and 0 (a missing count is not known). */
  private static long zeroTradeJobs(List<AggregatedJobResult> ranked) {
    long n = 0;
    for (AggregatedJobResult job : ranked) {
      if (job.metrics().get(Metric.TOTAL_TRADES.key()) instanceof Number t
          && t.doubleValue() == 0) {
        n++;
      }
    }
    return n;
  }
}
