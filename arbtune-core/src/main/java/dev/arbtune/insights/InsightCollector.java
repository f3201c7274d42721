package dev.arbtune.insights;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.CollectedSummary;
import dev.arbtune.aggregate.JobCollector;
import dev.arbtune.aggregate.Ranking;
import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.result.Metric;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

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
 *   <li>a fixed-seed sample of at most {@code sampleSize} (PnL, drawdown) points for scatter plots;
 *   <li>for the probability of backtest overfitting, each job's per-block PnL ({@code period_pnl},
 *       which the scan reads only for this collector: {@link #readsPeriodPnl()}), grouped by block
 *       boundaries: about 8 bytes per block and 60 for the job id, so about 190 bytes per job with
 *       16 blocks, for at most 250,000 jobs ({@link BlockPnlGroups}).
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
 * only counted ({@link #untrackedKeys()}). Of the tracked keys, only those that vary keep their
 * values and groups, and at most {@code maxParameters} of them: those in every success job first,
 * then the others, each by name ({@link Rank}); the others that vary are dropped (listed as not
 * analysed). A key with one value so far keeps only that value (a key in every job borrows the
 * group of every job that passed the filters). Which keys are tracked and analysed depends only on
 * the set of documents, not on the number of threads or the order of the files (when a thread
 * dropped a key too early, {@link #collect} reads the results again: see {@link #complete()}), and
 * so does every number computed from this collector: sums are exact ({@link ExactSum}) and medians
 * come from sketches that are functions of the multiset of values ({@link MedianSketch}).
 *
 * <p>Memory: about 24 bytes per job (and the per-block PnL above), about 200 bytes per tracked key
 * with one value (and one group for such a key that is missing from some jobs) plus, per analysed
 * key and distinct value, a few hundred bytes up to a few tens of kilobytes (the median sketch). A
 * job's PnL is {@code metrics.realized_pnl_usd}, 0 when missing, as in the ranking.
 */
public final class InsightCollector implements JobCollector<InsightCollector> {

  /** Default cap on distinct values per parameter. */
  public static final int DEFAULT_MAX_DISTINCT_VALUES = 256;

  /** Default size of the scatter sample. */
  public static final int DEFAULT_SAMPLE_SIZE = 5000;

  /** Default cap on the tracked config keys that are not in every job. */
  public static final int DEFAULT_MAX_KEYS = 256;

  /**
   * Default cap on the varying parameters that are analysed: those in every success job first, then
   * the others, each by name.
   */
  public static final int DEFAULT_MAX_PARAMETERS = 64;

  /** The Sharpe ratio metric the deflated Sharpe ratio is computed from. */
  public static final String SHARPE_METRIC = Metric.SHARPE_PER_TRADE.key();

  /**
   * Statistics of one config key, in one of three states: <b>one value</b> so far among the success
   * jobs ({@link #only} set: no map at all, see {@link #onlyGroup}), <b>varying</b> (the maps of
   * values) or <b>dropped</b> (varying, but beyond the cap on analysed parameters: only the
   * counts).
   */
  static final class KeyStats {
    /** Success jobs with this key. */
    long presentAll;

    /** Jobs that passed the filters with this key. */
    long present;

    /** The one value of the key while it has had only one; {@code null} once it varies. */
    ParamValue only;

    /**
     * With {@link #only}: the PnL of the jobs that passed the filters, {@code null} when there are
     * none or when the key is in every success job of its collector (the group is then the
     * collector's {@code everyMatched}, which is copied only if the key starts to vary or leaves
     * that set).
     */
    GroupStats onlyGroup;

    /** Varies, but is beyond the cap on analysed parameters: no values are kept. */
    boolean dropped;

    /** More than the cap of distinct values among the jobs that passed the filters. */
    boolean overflow;

    /** While varying: PnL per value among the jobs that passed the filters; null after overflow. */
    Map<ParamValue, GroupStats> groups;

    /** More than the cap of distinct values among all success jobs. */
    boolean stepsOverflow;

    /** While varying: the distinct values among all success jobs; {@code null} after overflow. */
    Set<ParamValue> steps;

    KeyStats(ParamValue first) {
      this.only = first;
    }

    /** Whether the key has had two values or more (its statistics kept or not). */
    boolean varies() {
      return only == null;
    }

    /** Whether the key varies and its values are kept. */
    boolean analysed() {
      return only == null && !dropped;
    }

    /**
     * With one value: gives the key a group of its own, a copy of {@code lender} (the collector's
     * {@code everyMatched} when the key is in every success job it saw, else {@code null}).
     */
    void own(GroupStats lender) {
      if (only != null && onlyGroup == null && lender != null && lender.count > 0) {
        onlyGroup = lender.copy();
      }
    }

    /** From one value to varying: the maps hold that value (and its group) so far. */
    void expand(GroupStats lender) {
      if (only == null) {
        return;
      }
      own(lender);
      groups = new HashMap<>();
      steps = new HashSet<>();
      steps.add(only);
      if (onlyGroup != null) {
        groups.put(only, onlyGroup);
      }
      only = null;
      onlyGroup = null;
    }

    /** Varying but beyond the cap: forgets the values. */
    void drop() {
      only = null;
      onlyGroup = null;
      dropped = true;
      groups = null;
      steps = null;
    }

    /** Adds a value to a varying key (its counts are already up to date). */
    void add(ParamValue value, double pnl, boolean matched, int maxValues) {
      if (matched) {
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

    /** Adds the values of another varying key (counts excluded). */
    void mergeValues(KeyStats o, int maxValues) {
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
  private final int sampleSize;
  private final int maxKeys;
  private final int maxParameters;

  /** In a second pass: the only keys whose values may be kept; {@code null} in a first pass. */
  private final Set<String> analysable;

  /** Keys present in every success job seen so far. */
  private Map<String, KeyStats> common = new HashMap<>();

  /** Other keys: at most {@code maxKeys}, the first by name. */
  private TreeMap<String, KeyStats> partial = new TreeMap<>();

  /**
   * A key's place in the order of the cap on analysed parameters: keys in every success job first,
   * then the others, each by name.
   *
   * @param partial whether the key is missing from some success job
   * @param name the key
   */
  record Rank(boolean partial, String name) implements Comparable<Rank> {
    private static final Comparator<Rank> ORDER =
        Comparator.comparing(Rank::partial).thenComparing(Rank::name);

    @Override
    public int compareTo(Rank o) {
      return ORDER.compare(this, o);
    }
  }

  /**
   * The keys whose values are kept ({@link KeyStats#analysed()}): at most {@code maxParameters}.
   */
  private TreeSet<Rank> analysed = new TreeSet<>();

  /** Keys seen but not tracked. */
  private final DistinctCounter untracked = new DistinctCounter();

  private long successJobs;
  final Moments matched = new Moments();
  final PnlList matchedPnls = new PnlList();

  /** The PnL of every job that passed the filters: the group of a common key with one value. */
  private final GroupStats everyMatched = new GroupStats();

  final VectorStore vectors = new VectorStore();
  final ScatterSampler sample;
  final Moments sharpe = new Moments();

  /** The per-block PnL of the jobs that passed the filters, for PBO. */
  final BlockPnlGroups blockPnl = new BlockPnlGroups();

  /** Success jobs whose {@code sharpe_per_trade} is there but null: fewer than 2 closed trades. */
  long sharpeFewTrades;

  /**
   * Success jobs whose {@code sharpe_per_trade} is null with 2 or more closed trades: zero spread.
   */
  long sharpeZeroDeviation;

  /** A collector with the default limits. */
  public InsightCollector() {
    this(DEFAULT_MAX_DISTINCT_VALUES, DEFAULT_SAMPLE_SIZE);
  }

  /**
   * A collector with explicit limits on values and sample, and the default caps on keys.
   *
   * @param maxDistinctValues parameters with more distinct values are not analysed
   * @param sampleSize how many (PnL, drawdown) points to sample for scatter plots
   * @throws IllegalArgumentException when {@code maxDistinctValues < 2} or {@code sampleSize < 0}
   */
  public InsightCollector(int maxDistinctValues, int sampleSize) {
    this(maxDistinctValues, sampleSize, DEFAULT_MAX_KEYS);
  }

  /**
   * A collector with explicit limits and the default cap on analysed parameters.
   *
   * @param maxDistinctValues parameters with more distinct values are not analysed
   * @param sampleSize how many (PnL, drawdown) points to sample for scatter plots
   * @param maxKeys how many config keys that are missing from some success job are tracked (the
   *     first by name); keys in every job are always tracked
   * @throws IllegalArgumentException when {@code maxDistinctValues < 2}, {@code sampleSize < 0} or
   *     {@code maxKeys < 0}
   */
  public InsightCollector(int maxDistinctValues, int sampleSize, int maxKeys) {
    this(maxDistinctValues, sampleSize, maxKeys, DEFAULT_MAX_PARAMETERS);
  }

  /**
   * A collector with explicit limits.
   *
   * @param maxDistinctValues parameters with more distinct values are not analysed
   * @param sampleSize how many (PnL, drawdown) points to sample for scatter plots
   * @param maxKeys how many config keys that are missing from some success job are tracked (the
   *     first by name); keys in every job are always tracked
   * @param maxParameters how many of the tracked keys that take two values or more are analysed
   *     (the first by name); the others are listed as not analysed
   * @throws IllegalArgumentException when {@code maxDistinctValues < 2}, {@code sampleSize < 0},
   *     {@code maxKeys < 0} or {@code maxParameters < 0}
   */
  public InsightCollector(int maxDistinctValues, int sampleSize, int maxKeys, int maxParameters) {
    this(maxDistinctValues, sampleSize, maxKeys, maxParameters, null);
  }

  private InsightCollector(
      int maxDistinctValues,
      int sampleSize,
      int maxKeys,
      int maxParameters,
      Set<String> analysable) {
    if (maxDistinctValues < 2) {
      throw new IllegalArgumentException(
          "maxDistinctValues must be >= 2, got " + maxDistinctValues);
    }
    if (maxKeys < 0) {
      throw new IllegalArgumentException("maxKeys must be >= 0, got " + maxKeys);
    }
    if (maxParameters < 0) {
      throw new IllegalArgumentException("maxParameters must be >= 0, got " + maxParameters);
    }
    this.maxDistinctValues = maxDistinctValues;
    this.sampleSize = sampleSize;
    this.maxKeys = maxKeys;
    this.maxParameters = maxParameters;
    this.analysable = analysable;
    this.sample = new ScatterSampler(sampleSize);
  }

  /**
   * Collects the insights of {@code aggregator}'s results in one pass, or in two when a scanning
   * thread had to forget the values of a parameter that turned out to be among those analysed (see
   * {@link #complete()}): the second pass keeps the values of exactly those parameters.
   *
   * @param progress counts the jobs of the first pass (a second pass counts on its own)
   * @throws java.nio.file.NoSuchFileException when the results directory does not exist
   * @throws IOException when scanning fails
   */
  public static CollectedSummary<InsightCollector> collect(
      TuningResultsAggregator aggregator, ScanProgress progress) throws IOException {
    Objects.requireNonNull(aggregator, "aggregator");
    CollectedSummary<InsightCollector> run = aggregator.summarize(progress, InsightCollector::new);
    if (run.collected().complete()) {
      return run;
    }
    return aggregator.summarize(new ScanProgress(), run.collected().secondPass());
  }

  /**
   * Collectors for a second pass over the same jobs that keep the values of exactly the parameters
   * this collector should analyse ({@link #analysedKeys()}), with the same limits.
   */
  public Supplier<InsightCollector> secondPass() {
    Set<String> keys = Set.copyOf(analysedKeys());
    return () -> new InsightCollector(maxDistinctValues, sampleSize, maxKeys, maxParameters, keys);
  }

  /** The PnL the insights are about: realized PnL, 0 when missing (as the ranking counts it). */
  static double pnl(AggregatedJobResult job) {
    OptionalDouble v = job.metric(Ranking.PNL_METRIC);
    return v.isPresent() && Double.isFinite(v.getAsDouble()) ? v.getAsDouble() + 0.0 : 0.0;
  }

  /** True: the probability of backtest overfitting needs each job's {@code period_pnl}. */
  @Override
  public boolean readsPeriodPnl() {
    return true;
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
      boolean isCommon = k != null || first;
      if (k != null) {
        commonSeen++;
      } else if (first) {
        k = new KeyStats(value);
        common.put(key, k);
        commonSeen++;
      } else {
        k = partial.get(key);
        if (k == null) {
          k = admit(key, new KeyStats(value));
        }
      }
      if (k != null) {
        add(key, k, isCommon, value, pnl, passed);
      }
    }
    if (commonSeen < common.size()) {
      demoteMissingKeys();
    }
    vectors.add(vector, pnl);
    OptionalDouble sr = job.metric(SHARPE_METRIC);
    if (sr.isPresent() && Double.isFinite(sr.getAsDouble())) {
      sharpe.add(sr.getAsDouble());
    } else if (job.metrics().containsKey(SHARPE_METRIC)) {
      if (NoSharpe.of(job) == NoSharpe.FEW_TRADES) {
        sharpeFewTrades++;
      } else {
        sharpeZeroDeviation++;
      }
    }
    if (!passed) {
      return;
    }
    matched.add(pnl);
    matchedPnls.add(pnl);
    blockPnl.add(job);
    everyMatched.add(pnl); // last: the groups borrowed above must not hold this job yet
    OptionalDouble dd = job.metric(Metric.MAX_DRAWDOWN_PCT.key());
    if (dd.isPresent() && Double.isFinite(dd.getAsDouble())) {
      sample.add(
          ScatterSampler.priority(job.jobId(), job.source(), job.line()), pnl, dd.getAsDouble());
    }
  }

  /** Adds one job's {@code value} of {@code key} to its statistics {@code k}. */
  private void add(
      String key, KeyStats k, boolean isCommon, ParamValue value, double pnl, boolean passed) {
    k.presentAll++;
    if (passed) {
      k.present++;
    }
    if (k.only != null) {
      if (k.only.equals(value)) {
        if (passed && !isCommon) {
          if (k.onlyGroup == null) {
            k.onlyGroup = new GroupStats();
          }
          k.onlyGroup.add(pnl);
        }
        return; // a common key's group is everyMatched, which gets this job last
      }
      if (!mayAnalyse(new Rank(!isCommon, key))) {
        k.drop();
        return;
      }
      k.expand(isCommon ? everyMatched : null);
    } else if (k.dropped) {
      return;
    }
    k.add(value, pnl, passed, maxDistinctValues);
  }

  /**
   * Whether {@code key}, which has just started to vary, keeps its values: in a first pass when it
   * is among the first {@code maxParameters} keys in {@link Rank} order that do (the last one is
   * dropped to make room if need be), in a second pass when it is one of those chosen by the first.
   */
  private boolean mayAnalyse(Rank key) {
    if (analysable != null) {
      if (analysable.contains(key.name())) {
        analysed.add(key);
        return true;
      }
      return false;
    }
    if (analysed.size() < maxParameters) {
      analysed.add(key);
      return true;
    }
    if (maxParameters > 0 && key.compareTo(analysed.last()) < 0) {
      stats(analysed.pollLast().name()).drop();
      analysed.add(key);
      return true;
    }
    return false;
  }

  private KeyStats stats(String key) {
    KeyStats k = common.get(key);
    return k != null ? k : partial.get(key);
  }

  /** Moves the keys that the last job lacked from {@link #common} to {@link #partial}. */
  private void demoteMissingKeys() {
    List<String> demoted = new ArrayList<>();
    Iterator<Map.Entry<String, KeyStats>> it = common.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, KeyStats> e = it.next();
      if (e.getValue().presentAll < successJobs) {
        it.remove();
        if (admit(e.getKey(), e.getValue()) != null) {
          demoted.add(e.getKey());
        }
      }
    }
    for (String key : demoted) {
      KeyStats k = partial.get(key);
      if (k != null) { // not pushed out by another demoted key
        k.own(everyMatched); // this job lacks the key and is not in everyMatched yet
        if (analysed.remove(new Rank(false, key))) {
          analysed.add(new Rank(true, key));
        }
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
      untrack(partial.pollLastEntry().getKey());
      partial.put(key, stats);
      return stats;
    }
    untrack(key);
    return null;
  }

  private void untrack(String key) {
    untracked.add(key);
    analysed.remove(new Rank(true, key));
    analysed.remove(new Rank(false, key));
  }

  @Override
  public void merge(InsightCollector other) {
    if (other.successJobs > 0 && successJobs == 0) {
      common = other.common;
      partial = other.partial;
      analysed = other.analysed;
    } else if (other.successJobs > 0) {
      mergeKeys(other);
    }
    untracked.merge(other.untracked);
    successJobs += other.successJobs;
    matched.merge(other.matched);
    matchedPnls.merge(other.matchedPnls);
    everyMatched.merge(other.everyMatched); // after mergeKeys, which copies from both
    vectors.merge(other.vectors);
    sample.merge(other.sample);
    sharpe.merge(other.sharpe);
    sharpeFewTrades += other.sharpeFewTrades;
    sharpeZeroDeviation += other.sharpeZeroDeviation;
    blockPnl.merge(other.blockPnl);
  }

  /**
   * Keys in both collectors' {@link #common} stay common; every other key becomes a partial one,
   * and the first {@code maxKeys} of them by name are kept. A key that either side stopped tracking
   * is never among those (that side kept {@code maxKeys} partial keys sorting before it), so the
   * kept keys have the statistics of both sides. Then, of the kept keys that vary and whose values
   * both sides kept, the first {@code maxParameters} in {@link Rank} order keep their values; the
   * others are dropped. Groups are copied from a side's {@code everyMatched} only for keys that
   * keep them, so that merging never holds more than the caps allow.
   */
  private void mergeKeys(InsightCollector other) {
    Set<String> bothCommon = new HashSet<>();
    TreeSet<String> partialKeys = new TreeSet<>(partial.keySet());
    partialKeys.addAll(other.partial.keySet());
    for (String key : common.keySet()) {
      if (other.common.containsKey(key)) {
        bothCommon.add(key);
      } else {
        partialKeys.add(key);
      }
    }
    for (String key : other.common.keySet()) {
      if (!bothCommon.contains(key)) {
        partialKeys.add(key);
      }
    }
    while (partialKeys.size() > maxKeys) {
      untracked.add(partialKeys.pollLast());
    }
    TreeSet<Rank> keep = new TreeSet<>();
    for (String key : bothCommon) {
      considerValues(new Rank(false, key), common.get(key), other.common.get(key), keep);
    }
    for (String key : partialKeys) {
      considerValues(new Rank(true, key), stats(key), other.stats(key), keep);
    }
    while (keep.size() > maxParameters) {
      keep.pollLast();
    }
    Map<String, KeyStats> nextCommon = new HashMap<>();
    for (String key : bothCommon) {
      KeyStats k =
          combine(
              common.get(key),
              everyMatched,
              other.common.get(key),
              other.everyMatched,
              true,
              keep.contains(new Rank(false, key)));
      nextCommon.put(key, k);
    }
    TreeMap<String, KeyStats> nextPartial = new TreeMap<>();
    for (String key : partialKeys) {
      KeyStats k =
          combine(
              stats(key),
              common.containsKey(key) ? everyMatched : null,
              other.stats(key),
              other.common.containsKey(key) ? other.everyMatched : null,
              false,
              keep.contains(new Rank(true, key)));
      nextPartial.put(key, k);
    }
    common = nextCommon;
    partial = nextPartial;
    analysed = keep;
  }

  /**
   * Adds {@code key} to {@code keep} when it varies in the merge and both sides kept its values.
   */
  private void considerValues(Rank key, KeyStats mine, KeyStats theirs, Set<Rank> keep) {
    boolean varies =
        (mine != null && mine.varies())
            || (theirs != null && theirs.varies())
            || (mine != null && theirs != null && !mine.only.equals(theirs.only));
    boolean droppedAny = (mine != null && mine.dropped) || (theirs != null && theirs.dropped);
    if (varies && !droppedAny && (analysable == null || analysable.contains(key.name()))) {
      keep.add(key);
    }
  }

  /**
   * The statistics of a key from both sides ({@code null} where a side has none); {@code
   * mineLender} and {@code theirsLender} are the sides' {@code everyMatched} where the key is
   * common there ({@code null} otherwise), {@code staysCommon} whether it is common in the merge
   * and {@code keepValues} whether its values are kept if it varies.
   */
  private KeyStats combine(
      KeyStats mine,
      GroupStats mineLender,
      KeyStats theirs,
      GroupStats theirsLender,
      boolean staysCommon,
      boolean keepValues) {
    if (mine == null) {
      return combine(theirs, theirsLender, null, null, staysCommon, keepValues);
    }
    if (theirs != null) {
      mine.presentAll += theirs.presentAll;
      mine.present += theirs.present;
    }
    boolean varies =
        mine.varies() || (theirs != null && (theirs.varies() || !mine.only.equals(theirs.only)));
    if (!varies) {
      if (!staysCommon) { // one group of its own
        mine.own(mineLender);
        if (theirs != null) {
          theirs.own(theirsLender);
          mine.onlyGroup = mergeGroups(mine.onlyGroup, theirs.onlyGroup);
        }
      }
      return mine;
    }
    if (!keepValues) {
      mine.drop();
      return mine;
    }
    mine.expand(mineLender);
    if (theirs != null) {
      theirs.expand(theirsLender);
      mine.mergeValues(theirs, maxDistinctValues);
    }
    return mine;
  }

  private static GroupStats mergeGroups(GroupStats a, GroupStats b) {
    if (a == null) {
      return b;
    }
    if (b != null) {
      a.merge(b);
    }
    return a;
  }

  /**
   * The tracked keys that should be analysed: the first {@code maxParameters} in {@link Rank} order
   * (keys in every success job first, then the others, each by name) of those that take two values
   * or more among the success jobs. They depend only on the set of documents.
   */
  Set<String> analysedKeys() {
    TreeSet<Rank> varying = new TreeSet<>();
    addVarying(common, false, varying);
    addVarying(partial, true, varying);
    Set<String> keys = new HashSet<>();
    for (Rank r : varying) {
      keys.add(r.name());
    }
    return keys;
  }

  private void addVarying(Map<String, KeyStats> keys, boolean partial, TreeSet<Rank> out) {
    for (Map.Entry<String, KeyStats> e : keys.entrySet()) {
      if (e.getValue().varies()) {
        out.add(new Rank(partial, e.getKey()));
        if (out.size() > maxParameters) {
          out.pollLast();
        }
      }
    }
  }

  /**
   * Whether every key of {@link #analysedKeys()} kept its values. A scanning thread drops the
   * values of a key when {@code maxParameters} keys that sort before it vary among its own jobs;
   * that is final unless one of those later stops being tracked (a key missing from some jobs
   * beyond the cap on such keys), so this is all but always true; when it is not, {@link #collect}
   * reads the results again with {@link #secondPass()}.
   */
  public boolean complete() {
    for (String key : analysedKeys()) {
      if (stats(key).dropped) {
        return false;
      }
    }
    return true;
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

  int maxParameters() {
    return maxParameters;
  }
}
