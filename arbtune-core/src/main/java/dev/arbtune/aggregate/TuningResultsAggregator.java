package dev.arbtune.aggregate;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Aggregates a folder of result documents (the seed's {@code TuningResultsAggregator}).
 *
 * <p>The folder is scanned recursively for regular files named {@code *.json} (one job each) and
 * {@code *.jsonl} (one job per non-blank line); symbolic links to directories are not followed. A
 * job is a success when its {@code status} is {@code "success"} and its {@code realized_pnl_usd},
 * {@code max_drawdown_pct} and {@code total_trades}, where present, are finite numbers; an error
 * otherwise, with the reason kept. Summary documents written by {@code aggregate --output-json}
 * that sit among the results are skipped. Nothing is ever written into the folder.
 *
 * <p>{@link #summarize()} streams: files are read and parsed by a bounded pool of threads, and
 * memory holds only the running best {@code maxResults} jobs, the counters, the first {@code
 * maxErrors} errors and warnings, and 16 bytes per job id for duplicate detection.
 *
 * <pre>{@code
 * AggregatedSummary summary =
 *     TuningResultsAggregator.builder(Path.of("outputs/tuning/sess001"))
 *         .maxResults(10)
 *         .maxDrawdownPct(15.0)
 *         .minTrades(5)
 *         .build()
 *         .summarize();
 * }</pre>
 */
public final class TuningResultsAggregator {

  /** Default number of ranked jobs kept by {@link #summarize()}, as in the seed library. */
  public static final int DEFAULT_MAX_RESULTS = 100;

  /** Most reading threads: more only adds memory (a buffer and queue room each). */
  public static final int MAX_THREADS = 256;

  /** Default number of errors, and of warnings, listed in a summary. */
  public static final int DEFAULT_MAX_ERRORS = 1000;

  private final Path resultsDir;
  private final int maxResults;
  private final Double maxDrawdownPct;
  private final Integer minTrades;
  private final List<JobFilter> filters;
  private final RankingSpec ranking;
  private final boolean pareto;
  private final int maxErrors;
  private final int threads;
  private final FieldCheck fieldCheck;
  private final boolean keepErrorJobs;

  private TuningResultsAggregator(Builder b) {
    this.resultsDir = b.resultsDir;
    this.maxResults = b.maxResults;
    this.maxDrawdownPct = b.maxDrawdownPct;
    this.minTrades = b.minTrades;
    List<JobFilter> all = new ArrayList<>();
    if (b.maxDrawdownFilter != null) {
      all.add(b.maxDrawdownFilter);
    }
    if (minTrades != null) {
      all.add(JobFilter.minTrades(minTrades));
    }
    all.addAll(b.filters);
    this.filters = List.copyOf(all);
    this.ranking = b.ranking;
    this.pareto = b.pareto;
    this.maxErrors = b.maxErrors;
    this.threads = b.threads;
    this.fieldCheck =
        b.knownMetrics == null
            ? null
            : FieldCheck.of(ranking, filters, b.knownMetrics, b.knownConfig);
    this.keepErrorJobs = b.keepErrorJobs;
  }

  /** An aggregator over {@code resultsDir} with the defaults: 100 results, no filters. */
  public static TuningResultsAggregator of(Path resultsDir) {
    return builder(resultsDir).build();
  }

  /** Starts configuring an aggregator over {@code resultsDir}. */
  public static Builder builder(Path resultsDir) {
    return new Builder(resultsDir);
  }

  public Path resultsDir() {
    return resultsDir;
  }

  public int maxResults() {
    return maxResults;
  }

  public Optional<Double> maxDrawdownPct() {
    return Optional.ofNullable(maxDrawdownPct);
  }

  public Optional<Integer> minTrades() {
    return Optional.ofNullable(minTrades);
  }

  public RankingSpec ranking() {
    return ranking;
  }

  /**
   * The most threads this aggregator uses ({@link Builder#threads}); a computation over its pass
   * (such as the insights' PBO) is bounded by it too.
   */
  public int threads() {
    return threads;
  }

  /**
   * Every job in the folder, success and error alike, ordered by source path and line. Holds every
   * document in memory; {@link #summarize()} does not. Skipped summary documents are not jobs and
   * are not listed.
   *
   * @throws NoSuchFileException when the results directory does not exist
   * @throws NotDirectoryException when it is not a directory
   * @throws IOException when walking the directory fails
   */
  public List<AggregatedJobResult> loadResults() throws IOException {
    List<AggregatedJobResult> all = Collections.synchronizedList(new ArrayList<>());
    new ResultScanner(resultsDir, threads, new ScanProgress())
        .scan(
            i ->
                new ResultScanner.Sink() {
                  @Override
                  public void job(AggregatedJobResult job) {
                    all.add(job);
                  }

                  @Override
                  public void skipped(String location) {}
                });
    List<AggregatedJobResult> sorted = new ArrayList<>(all);
    sorted.sort(
        Comparator.comparing(AggregatedJobResult::source)
            .thenComparingInt(AggregatedJobResult::line));
    return List.copyOf(sorted);
  }

  /**
   * Counts, filters and ranks the folder while streaming through it.
   *
   * @throws UnknownFieldException when unseen fields are refused ({@link
   *     Builder#refuseUnseenFields}) and no success document carries one that was asked for
   * @throws NoSuchFileException when the results directory does not exist
   * @throws NotDirectoryException when it is not a directory
   * @throws IOException when walking the directory fails
   */
  public AggregatedSummary summarize() throws IOException {
    return summarize(new ScanProgress());
  }

  /**
   * {@link #summarize()}, reporting live counts to {@code progress} (read it from another thread
   * for a progress display).
   *
   * @throws NoSuchFileException when the results directory does not exist
   * @throws NotDirectoryException when it is not a directory
   * @throws IOException when walking the directory fails
   */
  public AggregatedSummary summarize(ScanProgress progress) throws IOException {
    return summarize(progress, NoCollector::new).summary();
  }

  /**
   * {@link #summarize(ScanProgress)}, also feeding every success job to a {@link JobCollector}
   * ({@link JobCollector#accept} for those that pass the filters, {@link
   * JobCollector#acceptUnmatched} for the others): one per scanning thread, from {@code
   * collectors}, merged at the end. The first collector is made before the scan and asked whether
   * each document's {@code period_pnl} must be read ({@link JobCollector#readsPeriodPnl()}).
   *
   * @throws NoSuchFileException when the results directory does not exist
   * @throws NotDirectoryException when it is not a directory
   * @throws IOException when walking the directory fails
   */
  public <C extends JobCollector<C>> CollectedSummary<C> summarize(
      ScanProgress progress, Supplier<C> collectors) throws IOException {
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(collectors, "collectors");
    Ranking rank = Ranking.of(ranking);
    Accumulator.Shared shared = new Accumulator.Shared(maxErrors);
    List<Accumulator> parts = new ArrayList<>();
    List<C> collected = new ArrayList<>();
    C first = collectors.get();
    List<Warning> walkWarnings =
        new ResultScanner(resultsDir, threads, progress, first.readsPeriodPnl())
            .scan(
                i -> {
                  C collector = i == 0 ? first : collectors.get();
                  Accumulator a =
                      new Accumulator(
                          rank,
                          filters,
                          maxResults,
                          maxErrors,
                          pareto,
                          shared,
                          collector,
                          fieldCheck,
                          keepErrorJobs);
                  synchronized (parts) {
                    parts.add(a);
                    collected.add(collector);
                  }
                  return a;
                });
    Accumulator total = parts.get(0);
    C merged = collected.get(0);
    for (int i = 1; i < parts.size(); i++) {
      total.merge(parts.get(i));
      merged.merge(collected.get(i));
    }
    return new CollectedSummary<>(total.summary(filters(), walkWarnings, maxErrors), merged);
  }

  /**
   * An empty {@link PartialSummary} with this aggregator's ranking, filters and limits, for engines
   * that read the documents themselves: the summary of the merged partial summaries equals {@link
   * #summarize()} over the same documents. The results directory is not used.
   */
  public PartialSummary newPartial() {
    return new PartialSummary(
        ranking, filters, filters(), maxResults, maxErrors, pareto, fieldCheck, keepErrorJobs);
  }

  /**
   * Refuses, before any document exists, a ranking metric or filter field that arbtune's own engine
   * never writes (the names given to {@link Builder#refuseUnseenFields}): for commands that know
   * their documents will come from it. Does nothing when unseen fields are not refused.
   *
   * @throws UnknownFieldException for the first such field, with the closest known names
   */
  public void requireEngineFields() {
    if (fieldCheck != null) {
      fieldCheck.requireKnown();
    }
  }

  /** The collector that collects nothing. */
  static final class NoCollector implements JobCollector<NoCollector> {
    static final NoCollector INSTANCE = new NoCollector();

    @Override
    public void accept(AggregatedJobResult job) {}

    @Override
    public void merge(NoCollector other) {}
  }

  /**
   * The filters in force, by their summary names, in the order they apply: {@code max_drawdown_pct}
   * and {@code min_trades} first, as in the seed; {@code --filter} expressions as a list under
   * {@code expressions}.
   */
  public Map<String, Object> filters() {
    Map<String, Object> map = new LinkedHashMap<>();
    List<Object> expressions = new ArrayList<>();
    for (JobFilter f : filters) {
      if (JobFilter.EXPRESSIONS.equals(f.name())) {
        expressions.add(f.value());
        map.put(JobFilter.EXPRESSIONS, expressions);
      } else {
        map.put(f.name(), f.value());
      }
    }
    if (map.containsKey(JobFilter.EXPRESSIONS)) {
      map.put(JobFilter.EXPRESSIONS, List.copyOf(expressions));
    }
    return map;
  }

  /** Whether a success job passes every filter in force. */
  boolean passesFilters(AggregatedJobResult job) {
    for (JobFilter f : filters) {
      if (!f.accepts(job)) {
        return false;
      }
    }
    return true;
  }

  /** Configures a {@link TuningResultsAggregator}. */
  public static final class Builder {
    private final Path resultsDir;
    private int maxResults = DEFAULT_MAX_RESULTS;
    private Double maxDrawdownPct;
    private JobFilter maxDrawdownFilter;
    private Integer minTrades;
    private final List<JobFilter> filters = new ArrayList<>();
    private RankingSpec ranking = RankingSpec.PNL;
    private boolean pareto;
    private int maxErrors = DEFAULT_MAX_ERRORS;
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private List<String> knownMetrics;
    private List<String> knownConfig;
    private boolean keepErrorJobs;

    private Builder(Path resultsDir) {
      this.resultsDir = Objects.requireNonNull(resultsDir, "resultsDir");
    }

    /**
     * How many ranked jobs to keep (default 100).
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder maxResults(int maxResults) {
      if (maxResults < 0) {
        throw new IllegalArgumentException("maxResults must be >= 0, got " + maxResults);
      }
      this.maxResults = maxResults;
      return this;
    }

    /**
     * Keep only jobs whose {@code max_drawdown_pct} is at most this; {@code null} unsets it.
     *
     * @throws IllegalArgumentException when not finite (the filter's own check, {@link
     *     JobFilter#maxDrawdownPct})
     */
    public Builder maxDrawdownPct(Double maxDrawdownPct) {
      this.maxDrawdownFilter =
          maxDrawdownPct == null ? null : JobFilter.maxDrawdownPct(maxDrawdownPct);
      this.maxDrawdownPct = maxDrawdownPct;
      return this;
    }

    /** Keep only jobs with at least this many {@code total_trades}; {@code null} unsets it. */
    public Builder minTrades(Integer minTrades) {
      this.minTrades = minTrades;
      return this;
    }

    /** Adds a filter; all filters must hold. Applied after the seed's two, in the order added. */
    public Builder filter(JobFilter filter) {
      filters.add(Objects.requireNonNull(filter, "filter"));
      return this;
    }

    /** What to rank by (default: realized PnL, highest first). */
    public Builder ranking(RankingSpec ranking) {
      this.ranking = Objects.requireNonNull(ranking, "ranking");
      return this;
    }

    /** Whether to compute the Pareto front of PnL against drawdown (default no). */
    public Builder pareto(boolean pareto) {
      this.pareto = pareto;
      return this;
    }

    /**
     * How many errors, and how many warnings, to list (default 1,000); the rest are counted.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder maxErrors(int maxErrors) {
      if (maxErrors < 0) {
        throw new IllegalArgumentException("maxErrors must be >= 0, got " + maxErrors);
      }
      this.maxErrors = maxErrors;
      return this;
    }

    /**
     * Threads that read and parse (default: available processors), and the most that a computation
     * over the pass may use ({@link TuningResultsAggregator#threads()}: the insights' PBO). The
     * summary is identical for every thread count.
     *
     * @throws IllegalArgumentException when less than 1 or more than {@link #MAX_THREADS}
     */
    public Builder threads(int threads) {
      if (threads < 1 || threads > MAX_THREADS) {
        throw new IllegalArgumentException(
            "threads must be between 1 and " + MAX_THREADS + ", got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Refuse a typo: when at least one success document was read and none carries the ranking
     * metric (other than {@code realized_pnl_usd}) or a field of a filter expression, the summary
     * throws an {@link UnknownFieldException} instead of ranking by nothing. Its suggestions come
     * from the names seen in the documents and from {@code knownMetrics} and {@code knownConfig}
     * (the engine's own names). Off by default: a library caller may rank by a metric only some
     * folders carry.
     */
    public Builder refuseUnseenFields(List<String> knownMetrics, List<String> knownConfig) {
      this.knownMetrics = List.copyOf(knownMetrics);
      this.knownConfig = List.copyOf(knownConfig);
      return this;
    }

    /**
     * Keep every error job (its id, tag, config and error; not its metrics) for {@link
     * AggregatedSummary#errorJobRows()}: all of them, beyond {@link #maxErrors}, so memory grows
     * with the number of error jobs. Default no.
     */
    public Builder keepErrorJobs(boolean keepErrorJobs) {
      this.keepErrorJobs = keepErrorJobs;
      return this;
    }

    public TuningResultsAggregator build() {
      return new TuningResultsAggregator(this);
    }
  }
}
