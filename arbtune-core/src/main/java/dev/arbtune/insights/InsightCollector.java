package dev.arbtune.insights;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.JobCollector;
import dev.arbtune.aggregate.Ranking;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Gathers what {@link Insights} needs in the aggregator's streaming pass (see {@link
 * dev.arbtune.aggregate.TuningResultsAggregator#summarize(dev.arbtune.aggregate.ScanProgress,
 * java.util.function.Supplier)}), without holding any document:
 *
 * <ul>
 *   <li>per config key (except {@code tag}) and per distinct value: count, mean, variance, best,
 *       profitable count and median sketch of realized PnL ({@link GroupStats}); a key with more
 *       than {@code maxDistinctValues} values stops being tracked (it looks continuous);
 *   <li>per job, 16 bytes: the 64-bit hash of its parameter vector and its PnL, for grid
 *       neighbourhoods and the exact PnL distribution;
 *   <li>a fixed-seed sample of at most {@code sampleSize} (PnL, drawdown) points for scatter plots;
 *   <li>count, mean and variance of {@code sharpe_per_trade}, for the deflated Sharpe ratio.
 * </ul>
 *
 * <p>Memory: about 16 bytes per job plus, per distinct parameter value, a few hundred bytes up to a
 * few kilobytes (the median sketch). A job's PnL is {@code metrics.realized_pnl_usd}, 0 when
 * missing, as in the ranking.
 */
public final class InsightCollector implements JobCollector<InsightCollector> {

  /** Default cap on distinct values per parameter. */
  public static final int DEFAULT_MAX_DISTINCT_VALUES = 256;

  /** Default size of the scatter sample. */
  public static final int DEFAULT_SAMPLE_SIZE = 5000;

  /** The Sharpe ratio metric the deflated Sharpe ratio is computed from. */
  public static final String SHARPE_METRIC = "sharpe_per_trade";

  /** Statistics of one config key. */
  static final class KeyStats {
    long present;
    boolean overflow;
    Map<ParamValue, GroupStats> groups = new HashMap<>();
  }

  private final int maxDistinctValues;
  final Map<String, KeyStats> keys = new TreeMap<>();
  final GroupStats all = new GroupStats();
  final VectorStore vectors = new VectorStore();
  final PointSample sample;
  long sharpeCount;
  double sharpeMean;
  double sharpeM2;

  /** A collector with the default limits. */
  public InsightCollector() {
    this(DEFAULT_MAX_DISTINCT_VALUES, DEFAULT_SAMPLE_SIZE);
  }

  /**
   * A collector with explicit limits.
   *
   * @param maxDistinctValues parameters with more distinct values are not analysed
   * @param sampleSize how many (PnL, drawdown) points to sample for scatter plots
   * @throws IllegalArgumentException when {@code maxDistinctValues < 2} or {@code sampleSize < 0}
   */
  public InsightCollector(int maxDistinctValues, int sampleSize) {
    if (maxDistinctValues < 2) {
      throw new IllegalArgumentException(
          "maxDistinctValues must be >= 2, got " + maxDistinctValues);
    }
    this.maxDistinctValues = maxDistinctValues;
    this.sample = new PointSample(sampleSize);
  }

  /** The PnL the insights are about: realized PnL, 0 when missing (as the ranking counts it). */
  static double pnl(AggregatedJobResult job) {
    OptionalDouble v = job.metric(Ranking.PNL_METRIC);
    return v.isPresent() && Double.isFinite(v.getAsDouble()) ? v.getAsDouble() + 0.0 : 0.0;
  }

  @Override
  public void accept(AggregatedJobResult job) {
    double pnl = pnl(job);
    all.add(pnl);
    long vector = 0;
    for (Map.Entry<String, Object> e : job.config().entrySet()) {
      String key = e.getKey();
      if (Hashing.TAG.equals(key)) {
        continue;
      }
      ParamValue value = ParamValue.from(e.getValue());
      vector += Hashing.entry(key, value);
      KeyStats k = keys.computeIfAbsent(key, x -> new KeyStats());
      k.present++;
      if (!k.overflow) {
        GroupStats g = k.groups.get(value);
        if (g == null) {
          if (k.groups.size() >= maxDistinctValues) {
            k.overflow = true;
            k.groups = null;
            continue;
          }
          g = new GroupStats();
          k.groups.put(value, g);
        }
        g.add(pnl);
      }
    }
    vectors.add(vector, pnl);
    OptionalDouble dd = job.metric("max_drawdown_pct");
    if (dd.isPresent() && Double.isFinite(dd.getAsDouble())) {
      sample.add(
          PointSample.priority(job.jobId(), job.source(), job.line()), pnl, dd.getAsDouble());
    }
    OptionalDouble sr = job.metric(SHARPE_METRIC);
    if (sr.isPresent() && Double.isFinite(sr.getAsDouble())) {
      sharpeCount++;
      double delta = sr.getAsDouble() - sharpeMean;
      sharpeMean += delta / sharpeCount;
      sharpeM2 += delta * (sr.getAsDouble() - sharpeMean);
    }
  }

  @Override
  public void merge(InsightCollector other) {
    all.merge(other.all);
    for (Map.Entry<String, KeyStats> e : other.keys.entrySet()) {
      KeyStats mine = keys.get(e.getKey());
      KeyStats theirs = e.getValue();
      if (mine == null) {
        keys.put(e.getKey(), theirs);
        continue;
      }
      mine.present += theirs.present;
      if (mine.overflow || theirs.overflow) {
        mine.overflow = true;
        mine.groups = null;
        continue;
      }
      for (Map.Entry<ParamValue, GroupStats> g : theirs.groups.entrySet()) {
        GroupStats existing = mine.groups.get(g.getKey());
        if (existing == null) {
          mine.groups.put(g.getKey(), g.getValue());
        } else {
          existing.merge(g.getValue());
        }
      }
      if (mine.groups.size() > maxDistinctValues) {
        mine.overflow = true;
        mine.groups = null;
      }
    }
    vectors.merge(other.vectors);
    sample.merge(other.sample);
    if (other.sharpeCount > 0) {
      long n = sharpeCount + other.sharpeCount;
      double delta = other.sharpeMean - sharpeMean;
      sharpeMean += delta * other.sharpeCount / n;
      sharpeM2 += other.sharpeM2 + delta * delta * ((double) sharpeCount * other.sharpeCount / n);
      sharpeCount = n;
    }
  }

  /** Success jobs that passed the filters and were seen. */
  public long jobs() {
    return all.count;
  }

  int maxDistinctValues() {
    return maxDistinctValues;
  }
}
