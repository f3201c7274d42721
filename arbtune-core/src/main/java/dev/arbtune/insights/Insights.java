package dev.arbtune.insights;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.CollectedSummary;
import dev.arbtune.result.Metric;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a tuning session says beyond its leaderboard: which parameters matter, whether the top jobs
 * sit on a plateau or an isolated spike, and whether their Sharpe ratios survive the number of
 * configurations tried. Computed by {@link #compute} from an {@link InsightCollector} filled in the
 * aggregator's pass.
 *
 * <p>Sensitivity, importance, the PnL distribution and the sample describe the jobs that passed the
 * filters. The grid neighbours, the steps between values, the spread of PnLs in the spike rule and
 * the trials of the deflated Sharpe ratio come from every success job: a filter must neither hide a
 * spike's poor neighbours nor narrow the spread of the trials. Every number is the same whatever
 * the number of threads and the order of the files.
 *
 * <pre>{@code
 * TuningResultsAggregator aggregator =
 *     TuningResultsAggregator.builder(dir).pareto(true).threads(2).build();
 * CollectedSummary<InsightCollector> run = InsightCollector.collect(aggregator, new ScanProgress());
 * Insights insights = Insights.compute(run, InsightOptions.DEFAULTS, aggregator.threads());
 * }</pre>
 *
 * @param jobs success jobs that passed the filters (the population of sensitivity and importance)
 * @param successJobs every success job seen (the population of neighbours and trials)
 * @param parameters the varied parameters that were analysed, most important first (η², then name)
 * @param skipped varied parameters that could not be analysed, and why
 * @param maxParameters the cap on analysed parameters: of the tracked keys that vary, only the
 *     first this many by name are analysed; the others are in {@code skipped}
 * @param untrackedKeys config keys not tracked at all because there were too many distinct keys
 * @param untrackedKeysExact whether {@code untrackedKeys} is exact rather than estimated
 * @param fixed config keys with one value in every job, in name order
 * @param robustness the top jobs' grid neighbourhoods, in rank order
 * @param spread the interquartile range of the PnL of every success job (in the spike rule)
 * @param selectionBias the deflated Sharpe ratios of the top jobs
 * @param distribution the exact PnL distribution of the jobs that passed the filters
 * @param sample a fixed-seed sample of (PnL, drawdown) points, at most the collector's sample size
 * @param sampledFrom how many jobs with a drawdown the sample was drawn from
 * @param pbo the probability of backtest overfitting over the per-block PnL of the jobs that passed
 *     the filters and share the most common block boundaries, or why it is not available
 * @param options the options used
 */
public record Insights(
    long jobs,
    long successJobs,
    List<ParameterInsight> parameters,
    List<SkippedParameter> skipped,
    int maxParameters,
    long untrackedKeys,
    boolean untrackedKeysExact,
    List<String> fixed,
    List<Robustness> robustness,
    double spread,
    SelectionBias selectionBias,
    PnlDistribution distribution,
    List<SamplePoint> sample,
    long sampledFrom,
    PboSummary pbo,
    InsightOptions options) {

  /** Metrics that may carry the per-trade PnL's skewness and kurtosis (not excess). */
  public static final String SKEWNESS_METRIC = "pnl_skewness_per_trade";

  /** See {@link #SKEWNESS_METRIC}. */
  public static final String KURTOSIS_METRIC = "pnl_kurtosis_per_trade";

  public Insights {
    parameters = List.copyOf(parameters);
    skipped = List.copyOf(skipped);
    fixed = List.copyOf(fixed);
    robustness = List.copyOf(robustness);
    Objects.requireNonNull(selectionBias, "selectionBias");
    Objects.requireNonNull(distribution, "distribution");
    sample = List.copyOf(sample);
    Objects.requireNonNull(pbo, "pbo");
    Objects.requireNonNull(options, "options");
  }

  /**
   * Computes the insights of a finished pass. Seals the collector's vector store (no more jobs can
   * be added to it afterwards).
   *
   * <p>The probability of backtest overfitting is computed on up to as many threads as there are
   * processors; {@link #compute(CollectedSummary, InsightOptions, int)} bounds them.
   *
   * @param run the summary and the merged collector of one aggregator pass
   * @param options how many top jobs to check and the spike and significance thresholds
   * @throws IllegalArgumentException when the collector is not {@link InsightCollector#complete()
   *     complete} (collect with {@link InsightCollector#collect}, which makes it so)
   */
  public static Insights compute(CollectedSummary<InsightCollector> run, InsightOptions options) {
    return compute(run, options, Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Computes the insights of a finished pass with at most {@code threads} threads (the probability
   * of backtest overfitting is the only part that starts any; pass the aggregator's {@link
   * dev.arbtune.aggregate.TuningResultsAggregator#threads()}). The result is the same for every
   * thread count. Seals the collector's vector store (no more jobs can be added to it afterwards).
   *
   * @param run the summary and the merged collector of one aggregator pass
   * @param options how many top jobs to check and the spike and significance thresholds
   * @param threads the most threads to use, at least 1
   * @throws IllegalArgumentException when {@code threads} is less than 1, or when the collector is
   *     not {@link InsightCollector#complete() complete} (collect with {@link
   *     InsightCollector#collect}, which makes it so)
   */
  public static Insights compute(
      CollectedSummary<InsightCollector> run, InsightOptions options, int threads) {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(options, "options");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    InsightCollector c = run.collected();
    if (!c.complete()) {
      throw new IllegalArgumentException(
          "a scanning thread dropped the values of a parameter that must be analysed: collect with"
              + " InsightCollector.collect, which reads the results again when this happens");
    }
    AggregatedSummary summary = run.summary();
    long n = c.jobs();

    List<ParameterInsight> parameters = new ArrayList<>();
    List<SkippedParameter> skipped = new ArrayList<>();
    List<String> fixed = new ArrayList<>();
    Map<String, List<ParamValue>> steps = new HashMap<>();
    for (Map.Entry<String, InsightCollector.KeyStats> e : c.keys().entrySet()) {
      String name = e.getKey();
      InsightCollector.KeyStats k = e.getValue();
      List<ParamValue> stepValues = steps(k);
      if (stepValues != null) {
        steps.put(name, stepValues);
      }
      if (k.present == 0) {
        continue; // only in jobs that failed the filters
      }
      if (k.dropped) {
        skipped.add(SkippedParameter.beyondCap(name, c.maxParameters()));
      } else if (k.only != null) { // one value in every success job with the key
        if (k.present < n) {
          skipped.add(
              new SkippedParameter(name, "missing from " + (n - k.present) + " of " + n + " jobs"));
        } else {
          fixed.add(name);
        }
      } else if (k.overflow) {
        skipped.add(
            new SkippedParameter(
                name,
                "more than "
                    + c.maxDistinctValues()
                    + " distinct values (a continuous parameter; bin it to analyse it)"));
      } else if (k.present < n) {
        skipped.add(
            new SkippedParameter(name, "missing from " + (n - k.present) + " of " + n + " jobs"));
      } else if (k.groups.size() == 1) {
        fixed.add(name);
      } else {
        parameters.add(parameter(name, k, c.matched));
      }
    }
    parameters.sort(
        Comparator.comparing(
                (ParameterInsight p) -> Double.isNaN(p.etaSquared()) ? 1.0 : -p.etaSquared())
            .thenComparing(ParameterInsight::name));

    List<AggregatedJobResult> top =
        summary.top().subList(0, Math.min(options.topJobs(), summary.top().size()));
    double[] matchedPnls = c.matchedPnls.sorted();
    double[] everyPnl = matchedPnls;
    if (c.successJobs() != n) { // some jobs failed the filters: sort every PnL too
      everyPnl = c.vectors.pnls().clone();
      Arrays.sort(everyPnl);
    }
    double spread =
        everyPnl.length == 0
            ? 0.0
            : PnlDistribution.quantile(everyPnl, 0.75) - PnlDistribution.quantile(everyPnl, 0.25);
    List<Robustness> robustness = new ArrayList<>();
    for (int i = 0; i < top.size(); i++) {
      robustness.add(robustness(i + 1, top.get(i), steps, c.vectors, spread, options));
    }
    // N: every success job (a summary and a collector of the same pass agree on it)
    long trials = Math.max(summary.successJobs(), c.successJobs());
    SelectionBias bias = selectionBias(trials, c, top, options);
    PnlDistribution distribution = PnlDistribution.ofSorted(matchedPnls);
    List<SamplePoint> sample = new ArrayList<>();
    for (ScatterSampler.Point p : c.sample.points()) {
      sample.add(new SamplePoint(p.pnl(), p.drawdown()));
    }
    return new Insights(
        n,
        c.successJobs(),
        parameters,
        skipped,
        c.maxParameters(),
        c.untrackedKeys(),
        c.untrackedKeysExact(),
        fixed,
        robustness,
        spread,
        bias,
        distribution,
        sample,
        c.sample.offered(),
        c.blockPnl.summary(threads),
        options);
  }

  /** The most important analysed parameters, at most {@code k}. */
  public List<ParameterInsight> mostImportant(int k) {
    return parameters.subList(0, Math.min(k, parameters.size()));
  }

  /**
   * The sorted values of a key that neighbours step along: those of every success job, when there
   * are at least two, none is text (a category has no next value) and they were not too many.
   */
  private static List<ParamValue> steps(InsightCollector.KeyStats k) {
    if (!k.analysed() || k.stepsOverflow || k.steps.size() < 2) {
      return null;
    }
    List<ParamValue> values = new ArrayList<>(k.steps);
    if (values.stream().anyMatch(ParamValue::isCategorical)) {
      return null;
    }
    Collections.sort(values);
    return values;
  }

  /**
   * η² and ω² from exact sums: {@code SS_between = Σ_v S_v²/n_v − S²/N} and {@code SS_total = Σx² −
   * S²/N}, computed to 50 digits, so that they do not depend on the order of the jobs.
   */
  private static ParameterInsight parameter(String name, InsightCollector.KeyStats k, Moments all) {
    List<ParamValue> values = new ArrayList<>(k.groups.keySet());
    Collections.sort(values);
    List<ValueStats> stats = new ArrayList<>(values.size());
    boolean categorical = false;
    boolean defined = true;
    BigDecimal groupTerms = BigDecimal.ZERO;
    for (ParamValue v : values) {
      GroupStats g = k.groups.get(v);
      stats.add(ValueStats.of(v, g));
      categorical |= v.isCategorical();
      BigDecimal s = g.sum.exact();
      if (s == null) {
        defined = false;
      } else {
        groupTerms =
            groupTerms.add(s.multiply(s).divide(BigDecimal.valueOf(g.count), Moments.PRECISION));
      }
    }
    BigDecimal totalSs = all.sumOfSquaredDeviations();
    BigDecimal s = all.sum.exact();
    double eta = Double.NaN;
    double omega = Double.NaN;
    if (defined && totalSs != null && s != null && totalSs.signum() > 0) {
      BigDecimal between =
          groupTerms.subtract(
              s.multiply(s).divide(BigDecimal.valueOf(all.count), Moments.PRECISION));
      between = between.max(BigDecimal.ZERO).min(totalSs);
      double b = between.doubleValue();
      double total = totalSs.doubleValue();
      eta = between.divide(totalSs, Moments.PRECISION).doubleValue();
      int groups = values.size();
      if (all.count > groups) {
        double msWithin = (total - b) / (all.count - groups);
        omega = Math.max(0.0, (b - (groups - 1) * msWithin) / (total + msWithin));
      }
    }
    return new ParameterInsight(name, stats, eta, omega, categorical);
  }

  private static Robustness robustness(
      int rank,
      AggregatedJobResult job,
      Map<String, List<ParamValue>> steps,
      VectorStore vectors,
      double spread,
      InsightOptions options) {
    double pnl = InsightCollector.pnl(job);
    long hash = Hashing.vector(job.config());
    List<Double> found = new ArrayList<>();
    for (Map.Entry<String, Object> e : job.config().entrySet()) {
      List<ParamValue> values = steps.get(e.getKey());
      if (values == null) {
        continue;
      }
      ParamValue own = ParamValue.from(e.getValue());
      int at = Collections.binarySearch(values, own);
      if (at < 0) {
        continue;
      }
      long without = hash - Hashing.entry(e.getKey(), own);
      if (at > 0) {
        vectors.lookup(without + Hashing.entry(e.getKey(), values.get(at - 1)), found);
      }
      if (at < values.size() - 1) {
        vectors.lookup(without + Hashing.entry(e.getKey(), values.get(at + 1)), found);
      }
    }
    if (found.isEmpty()) {
      return new Robustness(rank, job, pnl, 0, Double.NaN, Double.NaN, Verdict.NO_NEIGHBOURS);
    }
    double[] sorted = found.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int m = sorted.length;
    double median = m % 2 == 1 ? sorted[m / 2] : sorted[m / 2 - 1] / 2 + sorted[m / 2] / 2;
    // "Much worse": by more than a fraction of the job's own |PnL| or of the spread (IQR) of all
    // PnLs, whichever is larger, so that a job near 0 is not a spike over a few cents.
    boolean spike = pnl - median > options.spikeDropFraction() * Math.max(Math.abs(pnl), spread);
    return new Robustness(
        rank, job, pnl, m, median, sorted[0], spike ? Verdict.SPIKE : Verdict.PLATEAU);
  }

  private static SelectionBias selectionBias(
      long trials, InsightCollector c, List<AggregatedJobResult> top, InsightOptions options) {
    long sharpeJobs = c.sharpe.count;
    double variance = c.sharpe.sampleVariance();
    String unavailable = null;
    String without = withoutSharpe(c);
    if (sharpeJobs == 0) {
      unavailable =
          without.isEmpty()
              ? "the result documents carry no " + InsightCollector.SHARPE_METRIC
              : "no job has a Sharpe ratio per trade (" + without + ")";
    } else if (sharpeJobs < 2) {
      unavailable =
          "only one job has a Sharpe ratio per trade"
              + (without.isEmpty() ? "" : " (" + without + ")")
              + ": the spread of Sharpe ratios across trials is unknown";
    } else if (Double.isNaN(variance)) {
      unavailable = "a " + InsightCollector.SHARPE_METRIC + " is too large to compute a variance";
    }
    if (unavailable != null) {
      return new SelectionBias(
          trials, sharpeJobs, variance, Double.NaN, options.significance(), List.of(), unavailable);
    }
    double benchmark = DeflatedSharpe.expectedMaxSharpe(variance, trials);
    List<SharpeCheck> checks = new ArrayList<>();
    for (int i = 0; i < top.size(); i++) {
      AggregatedJobResult job = top.get(i);
      double sr = finite(job.metric(InsightCollector.SHARPE_METRIC));
      OptionalDouble closed = job.metric(Metric.CLOSED_TRADES.key());
      long t =
          (long)
              (closed.isPresent() ? finite(closed) : finite(job.metric(Metric.TOTAL_TRADES.key())));
      double skew = finite(job.metric(SKEWNESS_METRIC));
      double kurt = finite(job.metric(KURTOSIS_METRIC));
      boolean assumed = Double.isNaN(skew) || Double.isNaN(kurt);
      if (assumed) {
        skew = 0.0;
        kurt = DeflatedSharpe.NORMAL_KURTOSIS;
      }
      double dsr =
          Double.isNaN(sr)
              ? Double.NaN
              : DeflatedSharpe.probabilisticSharpe(sr, benchmark, t, skew, kurt);
      checks.add(
          new SharpeCheck(
              i + 1,
              job,
              sr,
              Math.max(0, t),
              skew,
              kurt,
              assumed,
              dsr,
              dsr >= options.significance()));
    }
    return new SelectionBias(
        trials, sharpeJobs, variance, benchmark, options.significance(), checks, null);
  }

  /**
   * Why success jobs lack a Sharpe ratio, from the engine's rule: {@code 12 jobs closed fewer than
   * 2 trades, 3 had a zero deviation of per-trade PnL}; empty when none has a null one.
   */
  private static String withoutSharpe(InsightCollector c) {
    List<String> parts = new ArrayList<>();
    if (c.sharpeFewTrades > 0) {
      parts.add(jobs(c.sharpeFewTrades) + " closed fewer than 2 trades");
    }
    if (c.sharpeZeroDeviation > 0) {
      parts.add(
          jobs(c.sharpeZeroDeviation)
              + (c.sharpeZeroDeviation == 1 ? " has" : " have")
              + " a zero deviation of per-trade PnL (every closed trade had the same PnL)");
    }
    return String.join("; ", parts);
  }

  private static String jobs(long n) {
    return NumberFormats.count(n) + (n == 1 ? " job" : " jobs");
  }

  private static double finite(OptionalDouble v) {
    return v.isPresent() && Double.isFinite(v.getAsDouble()) ? v.getAsDouble() : Double.NaN;
  }
}
