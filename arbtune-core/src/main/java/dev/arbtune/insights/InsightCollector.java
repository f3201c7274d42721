package dev.arbtune.insights;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.JobCollector;
import dev.arbtune.aggregate.Ranking;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gathers what {@link Insights} needs in the aggregator's streaming pass (see {@link
 * dev.arbtune.aggregate.TuningResultsAggregator#summarize(dev.arbtune.aggregate.ScanProgress,
 * java.util.function.Supplier)}), without holding any document. It sees every success job: those
 * that passed the filters through {@link #accept}, the others through {@link #acceptUnmatched}.
 *
 * <p>From the jobs that passed the filters:
 *
 * <ul>
 *   <li>per config key (except {@code tag}) and per distinct value: count, exact sum, best,
 *       profitable count and median sketch of realized PnL ({@link GroupStats}); a key with more
 *       than {@code maxDistinctValues} values stops being analysed (it looks continuous);
 *   <li>count, exact sum and exact sum of squares of the PnL, and every PnL (8 bytes per job), for
 *       importance and the exact PnL distribution;
 *   <li>a fixed-seed sample of at most {@code sampleSize} (PnL, drawdown) points for scatter plots.
 * </ul>
 *
 * <p>From every success job, filtered out or not (a filter must neither hide a job's neighbours nor
 * shrink the spread of the trials):
 *
 * <ul>
 *   <li>per job, 16 bytes: the 64-bit hash of its parameter vector and its PnL, for grid
 *       neighbourhoods and the spread of all PnLs;
 *   <li>per config key, the distinct values run (the steps between neighbours);
 *   <li>count, exact sum and exact sum of squares of {@code sharpe_per_trade}, for the deflated
 *       Sharpe ratio.
 * </ul>
 *
 * <p>Config keys are tracked in bounded number: every key present in every success job (the
 * parameters of a grid), and of the others at most {@code maxKeys}, the first by name; the rest are
 * only counted ({@link #untrackedKeys()}). Which keys are tracked depends only on the set of
 * documents, not on the number of threads or the order of the files, and so does every number
 * computed from this collector: sums are exact ({@link ExactSum}) and medians come from sketches
 * that are functions of the multiset of values ({@link MedianSketch}).
 *
 * <p>Memory: about 24 bytes per job plus, per tracked key and distinct value, a few hundred bytes
 * up to a few tens of kilobytes (the median sketch). A job's PnL is {@code
 * metrics.realized_pnl_usd}, 0 when missing, as in the ranking.
 */
public final class InsightCollector implements JobCollector<InsightCollector> {

  /** Default cap on distinct values per parameter. */
  public static final int DEFAULT_MAX_DISTINCT_VALUES = 256;

  /** Default size of the scatter sample. */
  public static final int DEFAULT_SAMPLE_SIZE = 5000;

  /** Default cap on the tracked config keys that are not in every job. */
  public static final int DEFAULT_MAX_KEYS = 256;

  /** The Sharpe ratio metric the deflated Sharpe ratio is computed from. */
  public static final String SHARPE_METRIC = "sharpe_per_trade";

  /** Statistics of one config key. */
  static final class KeyStats {
    /** Success jobs with this key. */
    long presentAll;

    /** Jobs that passed the filters with this key. */
    long present;

    /** More than the cap of distinct values among the jobs that passed the filters. */
    boolean overflow;

    /** PnL per value among the jobs that passed the filters; {@code null} after overflow. */
    Map<ParamValue, GroupStats> groups = new HashMap<>();

    /** More than the cap of distinct values among all success jobs. */
    boolean stepsOverflow;

    /** The distinct values among all success jobs; {@code null} after overflow. */
    Set<ParamValue> steps = new HashSet<>();

    void add(ParamValue value, double pnl, boolean matched, int maxValues) {
      presentAll++;
      if (matched) {
        present++;
        GroupStats g = overflow ? null : groups.get(value);
        if (g != null) {
          g.add(pnl); // a value with a group is among the steps already
          return;
        }
      }
      addStep(value, maxValues);
      if (!matched || overflow) {
        return;
      }
      if (groups.size() >= maxValues) {
        overflow = true;
        groups = null;
        return;
      }
      GroupStats g = new GroupStats();
      groups.put(value, g);
      g.add(pnl);
    }

    private void addStep(ParamValue value, int maxValues) {
      if (!stepsOverflow && steps.add(value) && steps.size() > maxValues) {
        stepsOverflow = true;
        steps = null;
      }
    }

    void merge(KeyStats o, int maxValues) {
      presentAll += o.presentAll;
      present += o.present;
      if (stepsOverflow || o.stepsOverflow) {
        stepsOverflow = true;
        steps = null;
      } else {
        steps.addAll(o.steps);
        if (steps.size() > maxValues) {
          stepsOverflow = true;
          steps = null;
        }
      }
      if (overflow || o.overflow) {
        overflow = true;
        groups = null;
        return;
      }
      for (Map.Entry<ParamValue, GroupStats> g : o.groups.entrySet()) {
        GroupStats existing = groups.get(g.getKey());
        if (existing == null) {
          groups.put(g.getKey(), g.getValue());
        } else {
          existing.merge(g.getValue());
        }
      }
      if (groups.size() > maxValues) {
        overflow = true;
        groups = null;
      }
    }
  }

  private final int maxDistinctValues;
  private final int maxKeys;

  /** Keys present in every success job seen so far. */
  private Map<String, KeyStats> common = new HashMap<>();

  /** Other keys: at most {@code maxKeys}, the first by name. */
  private TreeMap<String, KeyStats> partial = new TreeMap<>();

  /** Keys seen but not tracked. */
  private final DistinctCounter untracked = new DistinctCounter();

  private long successJobs;
  final Moments matched = new Moments();
  final PnlList matchedPnls = new PnlList();
  final VectorStore vectors = new VectorStore();
  final PointSample sample;
  final Moments sharpe = new Moments();

  /** A collector with the default limits. */
  public InsightCollector() {
    this(DEFAULT_MAX_DISTINCT_VALUES, DEFAULT_SAMPLE_SIZE);
  }

  /**
   * A collector with explicit limits on values and sample, and the default cap on keys.
   *
   * @param maxDistinctValues parameters with more distinct values are not analysed
   * @param sampleSize how many (PnL, drawdown) points to sample for scatter plots
   * @throws IllegalArgumentException when {@code maxDistinctValues < 2} or {@code sampleSize < 0}
   */
  public InsightCollector(int maxDistinctValues, int sampleSize) {
    this(maxDistinctValues, sampleSize, DEFAULT_MAX_KEYS);
  }

  /**
   * A collector with explicit limits.
   *
   * @param maxDistinctValues parameters with more distinct values are not analysed
   * @param sampleSize how many (PnL, drawdown) points to sample for scatter plots
   * @param maxKeys how many config keys that are missing from some success job are tracked (the
   *     first by name); keys in every job are always tracked
   * @throws IllegalArgumentException when {@code maxDistinctValues < 2}, {@code sampleSize < 0} or
   *     {@code maxKeys < 0}
   */
  public InsightCollector(int maxDistinctValues, int sampleSize, int maxKeys) {
    if (maxDistinctValues < 2) {
      throw new IllegalArgumentException(
          "maxDistinctValues must be >= 2, got " + maxDistinctValues);
    }
    if (maxKeys < 0) {
      throw new IllegalArgumentException("maxKeys must be >= 0, got " + maxKeys);
    }
    this.maxDistinctValues = maxDistinctValues;
    this.maxKeys = maxKeys;
    this.sample = new PointSample(sampleSize);
  }

  /** The PnL the insights are about: realized PnL, 0 when missing (as the ranking counts it). */
  static double pnl(AggregatedJobResult job) {
    OptionalDouble v = job.metric(Ranking.PNL_METRIC);
    return v.isPresent() && Double.isFinite(v.getAsDouble()) ? v.getAsDouble() + 0.0 : 0.0;
  }

  /** A success job that passed the filters. */
  @Override
  public void accept(AggregatedJobResult job) {
    see(job, true);
  }

  /** A success job that failed the filters: a trial and a possible neighbour all the same. */
  @Override
  public void acceptUnmatched(AggregatedJobResult job) {
    see(job, false);
  }

  private void see(AggregatedJobResult job, boolean passed) {
    double pnl = pnl(job);
    boolean first = successJobs == 0;
    successJobs++;
    long vector = 0;
    int commonSeen = 0;
    for (Map.Entry<String, Object> e : job.config().entrySet()) {
      String key = e.getKey();
      if (Hashing.TAG.equals(key)) {
        continue;
      }
      ParamValue value = ParamValue.from(e.getValue());
      vector += Hashing.entry(key, value);
      KeyStats k = common.get(key);
      if (k != null) {
        commonSeen++;
      } else if (first) {
        k = new KeyStats();
        common.put(key, k);
        commonSeen++;
      } else {
        k = partial.get(key);
        if (k == null) {
          k = admit(key, new KeyStats());
        }
      }
      if (k != null) {
        k.add(value, pnl, passed, maxDistinctValues);
      }
    }
    if (commonSeen < common.size()) {
      demoteMissingKeys();
    }
    vectors.add(vector, pnl);
    OptionalDouble sr = job.metric(SHARPE_METRIC);
    if (sr.isPresent() && Double.isFinite(sr.getAsDouble())) {
      sharpe.add(sr.getAsDouble());
    }
    if (!passed) {
      return;
    }
    matched.add(pnl);
    matchedPnls.add(pnl);
    OptionalDouble dd = job.metric("max_drawdown_pct");
    if (dd.isPresent() && Double.isFinite(dd.getAsDouble())) {
      sample.add(
          PointSample.priority(job.jobId(), job.source(), job.line()), pnl, dd.getAsDouble());
    }
  }

  /** Moves the keys that the last job lacked from {@link #common} to {@link #partial}. */
  private void demoteMissingKeys() {
    Iterator<Map.Entry<String, KeyStats>> it = common.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, KeyStats> e = it.next();
      if (e.getValue().presentAll < successJobs) {
        it.remove();
        admit(e.getKey(), e.getValue());
      }
    }
  }

  /**
   * Tracks {@code key} among the partial keys when it is among the first {@code maxKeys} by name,
   * pushing out the last one if need be (a key pushed out can never come back: every key kept sorts
   * before it); otherwise only counts it.
   *
   * @return {@code stats}, or {@code null} when the key is not tracked
   */
  private KeyStats admit(String key, KeyStats stats) {
    if (partial.size() < maxKeys) {
      partial.put(key, stats);
      return stats;
    }
    if (maxKeys > 0 && key.compareTo(partial.lastKey()) < 0) {
      untracked.add(partial.pollLastEntry().getKey());
      partial.put(key, stats);
      return stats;
    }
    untracked.add(key);
    return null;
  }

  @Override
  public void merge(InsightCollector other) {
    if (other.successJobs > 0 && successJobs == 0) {
      common = other.common;
      partial = other.partial;
    } else if (other.successJobs > 0) {
      mergeKeys(other);
    }
    untracked.merge(other.untracked);
    successJobs += other.successJobs;
    matched.merge(other.matched);
    matchedPnls.merge(other.matchedPnls);
    vectors.merge(other.vectors);
    sample.merge(other.sample);
    sharpe.merge(other.sharpe);
  }

  /**
   * Keys in both collectors' {@link #common} stay common; every other key becomes a partial one,
   * and the first {@code maxKeys} of them by name are kept. A key that either side stopped tracking
   * is never among those (that side kept {@code maxKeys} partial keys sorting before it), so the
   * kept keys have the statistics of both sides.
   */
  private void mergeKeys(InsightCollector other) {
    Map<String, KeyStats> bothCommon = new HashMap<>();
    TreeMap<String, KeyStats> candidates = new TreeMap<>(partial);
    for (Map.Entry<String, KeyStats> e : common.entrySet()) {
      if (other.common.containsKey(e.getKey())) {
        bothCommon.put(e.getKey(), e.getValue());
      } else {
        candidates.put(e.getKey(), e.getValue());
      }
    }
    for (Map.Entry<String, KeyStats> e : other.common.entrySet()) {
      KeyStats mine = bothCommon.get(e.getKey());
      if (mine != null) {
        mine.merge(e.getValue(), maxDistinctValues);
      } else {
        candidates.merge(e.getKey(), e.getValue(), this::mergeStats);
      }
    }
    for (Map.Entry<String, KeyStats> e : other.partial.entrySet()) {
      candidates.merge(e.getKey(), e.getValue(), this::mergeStats);
    }
    while (candidates.size() > maxKeys) {
      untracked.add(candidates.pollLastEntry().getKey());
    }
    common = bothCommon;
    partial = candidates;
  }

  private KeyStats mergeStats(KeyStats mine, KeyStats theirs) {
    mine.merge(theirs, maxDistinctValues);
    return mine;
  }

  /** Success jobs that passed the filters and were seen. */
  public long jobs() {
    return matched.count;
  }

  /** Every success job seen, whether it passed the filters or not. */
  public long successJobs() {
    return successJobs;
  }

  /** The tracked config keys by name. */
  Map<String, KeyStats> keys() {
    TreeMap<String, KeyStats> all = new TreeMap<>(partial);
    all.putAll(common);
    return all;
  }

  /** How many config keys were seen but not tracked (see the class comment). */
  long untrackedKeys() {
    return untracked.count();
  }

  /** Whether {@link #untrackedKeys()} is exact rather than estimated. */
  boolean untrackedKeysExact() {
    return untracked.isExact();
  }

  int maxDistinctValues() {
    return maxDistinctValues;
  }

  int maxKeys() {
    return maxKeys;
  }
}
