package dev.arbtune.compare;

import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.CollectedSummary;
import dev.arbtune.aggregate.JobCollector;
import dev.arbtune.aggregate.Ranking;
import dev.arbtune.aggregate.RankingSpec;
import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.result.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Runs a comparison: three streaming passes over each side (the config values, the ranked jobs'
 * compact records, the configs of the jobs the output lists), then {@link Comparison}.
 */
public final class CompareRun {

  /** How many movers up, and down, are listed. */
  public static final int MOVERS = 10;

  private CompareRun() {}

  /**
   * What to compare and how.
   *
   * @param builders an aggregator builder for a results folder, with the ranking and filters
   * @param matchKeys the keys given to {@code --match-keys}, or {@code null} for the default rule
   * @param topK K of the top-K overlap
   * @param diffOnly whether rows whose metrics did not change are hidden
   */
  public record Options(
      Function<Path, TuningResultsAggregator.Builder> builders,
      List<String> matchKeys,
      int topK,
      boolean diffOnly) {
    public Options {
      Objects.requireNonNull(builders, "builders");
      matchKeys = matchKeys == null ? null : List.copyOf(matchKeys);
    }
  }

  /**
   * Compares {@code a} with {@code b}.
   *
   * @throws IllegalArgumentException for an unknown {@code --match-keys} key (a usage error)
   * @throws CompareInputException when a side has no ranked jobs
   */
  public static CompareReport run(Side a, Side b, Options options) throws IOException {
    KeyValues keysA = pass(a, options, KeyValues::new).collected();
    KeyValues keysB = pass(b, options, KeyValues::new).collected();
    List<String> empty = new ArrayList<>();
    for (Side s : List.of(a, b)) {
      if ((s == a ? keysA : keysB).jobs() == 0) {
        empty.add(s.label() + " (" + s.given() + ")");
      }
    }
    if (!empty.isEmpty()) {
      throw new CompareInputException(
          String.join(" and ", empty)
              + (empty.size() == 1 ? " has" : " have")
              + " no ranked jobs (no success job passes the filters): nothing to compare");
    }
    MatchRule rule =
        options.matchKeys() == null
            ? MatchRule.derive(keysA, keysB)
            : MatchRule.exactly(options.matchKeys(), keysA, keysB);
    TuningResultsAggregator probe = options.builders().apply(a.resultsDir()).build();
    RankingSpec spec = probe.ranking();
    Ranking ranking = Ranking.of(spec);
    List<String> metrics = metrics(spec.metric());
    // Each side's collectors are dropped once ranked, before the other side is read.
    CollectedSummary<RankedJobs> ra =
        pass(a, options, () -> new RankedJobs(rule, ranking, metrics));
    AggregatedSummary summaryA = ra.summary();
    RankedJobs.Ranked rankedA = ra.collected().rank();
    ra = null;
    CollectedSummary<RankedJobs> rb =
        pass(b, options, () -> new RankedJobs(rule, ranking, metrics));
    AggregatedSummary summaryB = rb.summary();
    RankedJobs.Ranked rankedB = rb.collected().rank();
    rb = null;
    Comparison c = Comparison.of(rankedA, rankedB, options.topK());
    int[] rows = rows(c, options.diffOnly());
    int[] up = movers(c, rows, true);
    int[] down = movers(c, rows, false);
    Set<String> wantA = new HashSet<>();
    Set<String> wantB = new HashSet<>();
    wantA.add(c.a().jobIds()[0]);
    wantB.add(c.b().jobIds()[0]);
    for (int r : c.onlyA()) {
      wantA.add(c.a().jobIds()[r]);
    }
    for (int r : c.onlyB()) {
      wantB.add(c.b().jobIds()[r]);
    }
    for (int i : concat(up, down)) {
      wantA.add(c.a().jobIds()[c.sharedA()[i]]);
    }
    Configs ca = pass(a, options, () -> new Configs(wantA)).collected();
    Configs cb = pass(b, options, () -> new Configs(wantB)).collected();
    return new CompareReport(
        a.given(),
        b.given(),
        summaryA,
        summaryB,
        spec,
        rule,
        c,
        rows,
        up,
        down,
        ca,
        cb,
        options.diffOnly());
  }

  /** The ranking metric first, then the leaderboard's metrics. */
  static List<String> metrics(String rankingMetric) {
    List<String> out = new ArrayList<>();
    out.add(rankingMetric);
    for (Metric m :
        List.of(
            Metric.REALIZED_PNL_USD,
            Metric.MAX_DRAWDOWN_PCT,
            Metric.TOTAL_TRADES,
            Metric.WIN_RATE)) {
      if (!out.contains(m.key())) {
        out.add(m.key());
      }
    }
    return out;
  }

  /** Indexes of the shared rows shown: all, or those whose metrics changed. */
  static int[] rows(Comparison c, boolean diffOnly) {
    return IntStream.range(0, c.shared()).filter(i -> !diffOnly || changed(c, i)).toArray();
  }

  /** Whether any compared metric of shared job {@code i} differs between A and B. */
  public static boolean changed(Comparison c, int i) {
    for (int m = 0; m < c.a().metrics().size(); m++) {
      double x = c.a().metric(c.sharedA()[i], m);
      double y = c.b().metric(c.sharedB()[i], m);
      if (Double.compare(x + 0.0, y + 0.0) != 0) {
        return true;
      }
    }
    return false;
  }

  /** Rank change of shared job {@code i}: positive when it ranks better in B. */
  public static int rankChange(Comparison c, int i) {
    return c.sharedA()[i] - c.sharedB()[i];
  }

  private static int[] movers(Comparison c, int[] rows, boolean up) {
    return Arrays.stream(rows)
        .filter(i -> up ? rankChange(c, i) > 0 : rankChange(c, i) < 0)
        .boxed()
        .sorted(
            Comparator.<Integer>comparingInt(i -> up ? -rankChange(c, i) : rankChange(c, i))
                .thenComparingInt(i -> c.sharedA()[i]))
        .limit(MOVERS)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  private static int[] concat(int[] x, int[] y) {
    int[] out = Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, out, x.length, y.length);
    return out;
  }

  private static <C extends JobCollector<C>> CollectedSummary<C> pass(
      Side side, Options options, Supplier<C> collectors) throws IOException {
    TuningResultsAggregator aggregator =
        options.builders().apply(side.resultsDir()).maxResults(0).build();
    return aggregator.summarize(new ScanProgress(), collectors);
  }
}
