package dev.arbtune.insights;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.CollectedSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
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
 * <pre>{@code
 * CollectedSummary<InsightCollector> run =
 *     TuningResultsAggregator.builder(dir).pareto(true).build()
 *         .summarize(new ScanProgress(), InsightCollector::new);
 * Insights insights = Insights.compute(run, InsightOptions.DEFAULTS);
 * }</pre>
 *
 * @param jobs success jobs that passed the filters (the population of every statistic)
 * @param parameters the varied parameters that were analysed, most important first (η², then name)
 * @param skipped varied parameters that could not be analysed, and why
 * @param fixed config keys with one value in every job, in name order
 * @param robustness the top jobs' grid neighbourhoods, in rank order
 * @param selectionBias the deflated Sharpe ratios of the top jobs
 * @param distribution the exact PnL distribution
 * @param sample a fixed-seed sample of (PnL, drawdown) points, at most the collector's sample size
 * @param sampledFrom how many jobs with a drawdown the sample was drawn from
 * @param options the options used
 */
public record Insights(
    long jobs,
    List<ParameterInsight> parameters,
    List<SkippedParameter> skipped,
    List<String> fixed,
    List<Robustness> robustness,
    SelectionBias selectionBias,
    PnlDistribution distribution,
    List<SamplePoint> sample,
    long sampledFrom,
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
    Objects.requireNonNull(options, "options");
  }

  /**
   * Computes the insights of a finished pass. Seals the collector's vector store (no more jobs can
   * be added to it afterwards).
   *
   * @param run the summary and the merged collector of one aggregator pass
   * @param options how many top jobs to check and the spike and significance thresholds
   */
  public static Insights compute(CollectedSummary<InsightCollector> run, InsightOptions options) {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(options, "options");
    InsightCollector c = run.collected();
    AggregatedSummary summary = run.summary();
    long n = c.jobs();

    List<ParameterInsight> parameters = new ArrayList<>();
    List<SkippedParameter> skipped = new ArrayList<>();
    List<String> fixed = new ArrayList<>();
    for (Map.Entry<String, InsightCollector.KeyStats> e : c.keys.entrySet()) {
      String name = e.getKey();
      InsightCollector.KeyStats k = e.getValue();
      if (k.overflow) {
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
        parameters.add(parameter(name, k, c.all));
      }
    }
    parameters.sort(
        Comparator.comparing(
                (ParameterInsight p) -> Double.isNaN(p.etaSquared()) ? 1.0 : -p.etaSquared())
            .thenComparing(ParameterInsight::name));

    List<AggregatedJobResult> top =
        summary.top().subList(0, Math.min(options.topJobs(), summary.top().size()));
    PnlDistribution distribution = PnlDistribution.of(c.vectors.pnls());
    double spread = distribution.jobs() > 0 ? distribution.interquartileRange() : 0.0;
    List<Robustness> robustness = new ArrayList<>();
    for (int i = 0; i < top.size(); i++) {
      robustness.add(robustness(i + 1, top.get(i), parameters, c.vectors, spread, options));
    }
    SelectionBias bias = selectionBias(summary.successJobs(), c, top, options);
    List<SamplePoint> sample = new ArrayList<>();
    for (PointSample.Point p : c.sample.points()) {
      sample.add(new SamplePoint(p.pnl(), p.drawdown()));
    }
    return new Insights(
        n,
        parameters,
        skipped,
        fixed,
        robustness,
        bias,
        distribution,
        sample,
        c.sample.offered(),
        options);
  }

  /** The most important analysed parameters, at most {@code k}. */
  public List<ParameterInsight> mostImportant(int k) {
    return parameters.subList(0, Math.min(k, parameters.size()));
  }

  private static ParameterInsight parameter(
      String name, InsightCollector.KeyStats k, GroupStats all) {
    List<ParamValue> values = new ArrayList<>(k.groups.keySet());
    Collections.sort(values);
    List<ValueStats> stats = new ArrayList<>(values.size());
    double between = 0;
    boolean categorical = false;
    for (ParamValue v : values) {
      GroupStats g = k.groups.get(v);
      stats.add(ValueStats.of(v, g));
      double d = g.mean - all.mean;
      between += g.count * d * d;
      categorical |= v.isCategorical();
    }
    double total = all.m2;
    double eta = total > 0 ? Math.min(1.0, between / total) : Double.NaN;
    int groups = values.size();
    double omega = Double.NaN;
    if (total > 0 && all.count > groups) {
      double within = Math.max(0.0, total - between);
      double msWithin = within / (all.count - groups);
      omega = Math.max(0.0, (between - (groups - 1) * msWithin) / (total + msWithin));
    }
    return new ParameterInsight(name, stats, eta, omega, categorical);
  }

  private static Robustness robustness(
      int rank,
      AggregatedJobResult job,
      List<ParameterInsight> parameters,
      VectorStore vectors,
      double spread,
      InsightOptions options) {
    double pnl = InsightCollector.pnl(job);
    long hash = Hashing.vector(job.config());
    List<Double> found = new ArrayList<>();
    for (ParameterInsight p : parameters) {
      if (p.categorical() || !job.config().containsKey(p.name())) {
        continue;
      }
      ParamValue own = ParamValue.from(job.config().get(p.name()));
      List<ParamValue> values = p.distinctValues();
      int at = Collections.binarySearch(values, own);
      if (at < 0) {
        continue;
      }
      long without = hash - Hashing.entry(p.name(), own);
      if (at > 0) {
        vectors.lookup(without + Hashing.entry(p.name(), values.get(at - 1)), found);
      }
      if (at < values.size() - 1) {
        vectors.lookup(without + Hashing.entry(p.name(), values.get(at + 1)), found);
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
    double variance = c.sharpeCount > 1 ? c.sharpeM2 / (c.sharpeCount - 1) : Double.NaN;
    String unavailable = null;
    if (c.sharpeCount == 0) {
      unavailable = "the result documents carry no " + InsightCollector.SHARPE_METRIC;
    } else if (c.sharpeCount < 2) {
      unavailable =
          "only one job carries "
              + InsightCollector.SHARPE_METRIC
              + ": the spread of Sharpe ratios across trials is unknown";
    }
    if (unavailable != null) {
      return new SelectionBias(
          trials,
          c.sharpeCount,
          variance,
          Double.NaN,
          options.significance(),
          List.of(),
          unavailable);
    }
    long n = Math.max(trials, c.sharpeCount);
    double benchmark = DeflatedSharpe.expectedMaxSharpe(variance, n);
    List<SharpeCheck> checks = new ArrayList<>();
    for (int i = 0; i < top.size(); i++) {
      AggregatedJobResult job = top.get(i);
      double sr = finite(job.metric(InsightCollector.SHARPE_METRIC));
      OptionalDouble closed = job.metric("closed_trades");
      long t = (long) (closed.isPresent() ? finite(closed) : finite(job.metric("total_trades")));
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
        n, c.sharpeCount, variance, benchmark, options.significance(), checks, null);
  }

  private static double finite(OptionalDouble v) {
    return v.isPresent() && Double.isFinite(v.getAsDouble()) ? v.getAsDouble() : Double.NaN;
  }
}
