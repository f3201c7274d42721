package dev.arbtune.insights;

import static dev.arbtune.testing.GridDocs.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.CollectedSummary;
import dev.arbtune.aggregate.JobStatus;
import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.result.BlockPnl;
import dev.arbtune.testing.Docs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From documents to {@link Insights#pbo()}: which jobs enter PBO (the largest group of jobs with
 * the same block boundaries, among the success jobs that passed the filters), what is counted as
 * left out, the row order (job_id), and that neither threads nor file order change anything.
 */
class PboWiringTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path tmp;

  static final String DAY1 = "2014-05-01T05:00:00Z";

  /** Boundaries of {@code blocks} hourly blocks from {@code first}, ending one second early. */
  static List<String> starts(String first, int blocks) {
    java.time.Instant t0 = java.time.Instant.parse(first);
    List<String> s = new ArrayList<>();
    for (int k = 0; k < blocks; k++) {
      s.add(t0.plusSeconds(3600L * k).toString());
    }
    return s;
  }

  static String end(String first, int blocks) {
    return java.time.Instant.parse(first).plusSeconds(3600L * blocks - 1).toString();
  }

  /** A success document with a period_pnl of the given values (USD, as numbers). */
  static String doc(String jobId, int trades, Object periodPnl, double... pnl) {
    double total = Arrays.stream(pnl).sum();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("status", "success");
    d.put("config", map("a", jobId.hashCode() % 7, "tag", "t"));
    d.put(
        "metrics", map("realized_pnl_usd", total, "total_trades", trades, "max_drawdown_pct", 1.5));
    d.put("config_summary", map("job_id", jobId));
    if (periodPnl != null) {
      d.put("period_pnl", periodPnl);
    }
    try {
      return MAPPER.writeValueAsString(d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> periodPnl(String first, double... pnl) {
    List<Double> values = Arrays.stream(pnl).boxed().toList();
    return map(
        "block_starts",
        starts(first, values.size()),
        "end",
        end(first, values.size()),
        "pnl_usd",
        values,
        "trades",
        Collections.nCopies(values.size(), 1));
  }

  static String withPnl(String jobId, String first, double... pnl) {
    return doc(jobId, 10, periodPnl(first, pnl), pnl);
  }

  private Insights insights(Path dir, int threads, Integer minTrades) throws IOException {
    TuningResultsAggregator agg =
        TuningResultsAggregator.builder(dir).threads(threads).minTrades(minTrades).build();
    CollectedSummary<InsightCollector> run = InsightCollector.collect(agg, new ScanProgress());
    return Insights.compute(run, InsightOptions.DEFAULTS);
  }

  private static Map<String, Object> json(PboSummary s) {
    return MAPPER.convertValue(InsightsJson.pbo(s), Map.class);
  }

  /** Micro-dollars of whole-cent USD values. */
  private static long[] micros(double[][] rows) {
    long[] m = new long[rows.length * rows[0].length];
    int k = 0;
    for (double[] row : rows) {
      for (double v : row) {
        m[k++] = Math.round(v * 1_000_000);
      }
    }
    return m;
  }

  @Test
  void computesOverTheLargestGroupOfPassingJobsAndCountsTheRestAsLeftOut() throws IOException {
    Path dir = tmp.resolve("r");
    double[][] main = {
      {1.25, -2, 3, 0.5}, {-1, 4, 2.5, -0.75}, {2, 2, -3, 1}, {0.01, 0.02, -0.03, 5}, {3, -1, -1, 2}
    };
    String[] ids = {"j_c", "j_a", "j_e", "j_b", "j_d"};
    for (int j = 0; j < main.length; j++) {
      Docs.write(dir, ids[j] + ".json", withPnl(ids[j], DAY1, main[j]));
    }
    // Other boundaries: a later window (two jobs) and another number of blocks (one job).
    Docs.write(dir, "o1.json", withPnl("o1", "2014-05-02T05:00:00Z", 1, 2, 3, 4));
    Docs.write(dir, "o2.json", withPnl("o2", "2014-05-02T05:00:00Z", 4, 3, 2, 1));
    Docs.write(dir, "o3.json", withPnl("o3", DAY1, 1, 2, 3, 4, 5, 6));
    // Without period_pnl: none, and one whose lengths differ.
    Docs.write(dir, "n1.json", doc("n1", 10, null, 1));
    Map<String, Object> bad = periodPnl(DAY1, 1, 2, 3, 4);
    bad.put("pnl_usd", List.of(1.0, 2.0, 3.0));
    Docs.write(dir, "n2.json", doc("n2", 10, bad, 6));
    // A block beyond 1e11 USD.
    Docs.write(dir, "big.json", doc("big", 10, periodPnl(DAY1, 1e12, 0, 0, 0), 1e12));
    // Fails the filter (min trades 5): not in PBO, not counted.
    Docs.write(dir, "few.json", doc("few", 1, periodPnl(DAY1, 9, 9, 9, 9), 36));
    // An error job with period_pnl: not counted either.
    Docs.write(
        dir,
        "err.json",
        "{\"status\": \"error\", \"error\": \"boom\", \"period_pnl\": "
            + MAPPER.writeValueAsString(periodPnl(DAY1, 1, 2, 3, 4))
            + "}");

    Insights in = insights(dir, 2, 5);
    PboSummary pbo = in.pbo();
    assertThat(pbo.available()).as(pbo.reason()).isTrue();
    assertThat(pbo.result().jobs()).isEqualTo(5);
    assertThat(pbo.result().blocks()).isEqualTo(4);
    assertThat(pbo.otherBoundaries()).isEqualTo(3);
    assertThat(pbo.otherGroups()).isEqualTo(2);
    assertThat(pbo.withoutPeriodPnl()).isEqualTo(2);
    assertThat(pbo.tooLarge()).isEqualTo(1);

    // The same as PBO on the matrix in job_id order.
    double[][] byId = {main[1], main[3], main[0], main[4], main[2]}; // j_a, j_b, j_c, j_d, j_e
    PboResult direct = Pbo.compute(micros(byId), 5, 4, 1);
    assertThat(pbo.result().toMap()).isEqualTo(direct.toMap());

    Map<String, Object> json = json(pbo);
    assertThat(json.keySet()).first().isEqualTo("available");
    assertThat(json.keySet()).last().isEqualTo("left_out");
    assertThat(json.get("left_out"))
        .isEqualTo(
            map(
                "other_boundaries", 3L,
                "other_groups", 2L,
                "without_period_pnl", 2L,
                "too_large", 1L));
    assertThat(InsightsText.format(in))
        .contains(
            "Probability of backtest overfitting (CSCV, Bailey et al. 2017), 5 jobs x 4 blocks, 6"
                + " splits:\n  "
                + direct.verdict()
                + "\n")
        .contains(
            "  Left out: 2 jobs without period_pnl; 3 jobs with other block boundaries, in 2 other"
                + " groups; 1 job with a block beyond 1e11 USD.\n");
  }

  @Test
  void theRankedJobsAndTheParetoFrontKeepNoPeriodPnl() throws IOException {
    // Else --insights --max-results all would hold every job's boundaries text and values.
    Path dir = tmp.resolve("kept");
    Docs.write(dir, "a.json", withPnl("a", DAY1, 1, 2));
    Docs.write(dir, "b.json", withPnl("b", DAY1, 2, 1));
    TuningResultsAggregator agg = TuningResultsAggregator.builder(dir).pareto(true).build();
    CollectedSummary<InsightCollector> run = InsightCollector.collect(agg, new ScanProgress());
    assertThat(Insights.compute(run, InsightOptions.DEFAULTS).pbo().available()).isTrue();
    assertThat(run.summary().top()).hasSize(2).allMatch(j -> j.periodPnl() == null);
    assertThat(run.summary().paretoFront()).isNotEmpty().allMatch(j -> j.periodPnl() == null);
    assertThat(run.summary()).isEqualTo(agg.summarize());
  }

  @Test
  void aTieBetweenJobsGoesToTheLowerJobId() throws IOException {
    // S = 2: with "a" = [1, 1] and "b" = [1, 0], both splits' winners are decided by the order of
    // the rows when in-sample totals tie: "a" first gives PBO 0.5, "b" first 1.0.
    Path dir = tmp.resolve("tie");
    Docs.write(dir, "1.json", withPnl("b", DAY1, 1, 0));
    Docs.write(dir, "2.json", withPnl("a", DAY1, 1, 1));
    PboSummary pbo = insights(dir, 1, null).pbo();
    assertThat(pbo.result().pbo()).isEqualTo(0.5);
    assertThat(Pbo.compute(micros(new double[][] {{1, 0}, {1, 1}}), 2, 2, 1).pbo()).isEqualTo(1.0);
  }

  @Test
  void oddBlocksFewJobsAndNoPeriodPnlAreNotAvailableWithTheCounts() throws IOException {
    Path odd = tmp.resolve("odd");
    Docs.write(odd, "a.json", withPnl("a", DAY1, 1, 2, 3));
    Docs.write(odd, "b.json", withPnl("b", DAY1, 3, 2, 1));
    Docs.write(odd, "c.json", withPnl("c", DAY1, 3, 2));
    Docs.write(odd, "d.json", doc("d", 10, null, 1));
    PboSummary pbo = insights(odd, 2, null).pbo();
    assertThat(pbo.available()).isFalse();
    assertThat(pbo.reason())
        .isEqualTo("pnl_blocks is odd (3): CSCV needs an even number of blocks");
    assertThat(pbo.otherBoundaries()).isEqualTo(1);
    assertThat(pbo.otherGroups()).isEqualTo(1);
    assertThat(pbo.withoutPeriodPnl()).isEqualTo(1);
    Map<String, Object> json = json(pbo);
    assertThat(json.keySet()).containsExactly("available", "reason", "left_out");

    Path one = tmp.resolve("one");
    Docs.write(one, "a.json", withPnl("a", DAY1, 1, 2));
    Docs.write(one, "b.json", doc("b", 10, null, 1));
    pbo = insights(one, 1, null).pbo();
    assertThat(pbo.reason())
        .isEqualTo("only 1 job has period_pnl with these block boundaries: PBO needs at least 2");
    assertThat(pbo.withoutPeriodPnl()).isEqualTo(1);

    Path none = tmp.resolve("none");
    Docs.write(none, "a.json", doc("a", 10, null, 1));
    Docs.write(none, "b.json", doc("b", 10, "not an object", 1));
    Insights in = insights(none, 1, null);
    assertThat(in.pbo().reason())
        .isEqualTo("no job that passed the filters carries a usable period_pnl");
    assertThat(in.pbo().withoutPeriodPnl()).isEqualTo(2);
    assertThat(InsightsText.format(in))
        .contains(
            "Probability of backtest overfitting (CSCV, Bailey et al. 2017): not available (no"
                + " job that passed the filters carries a usable period_pnl).\n"
                + "  Left out: 2 jobs without period_pnl.\n");
  }

  @Test
  void jobsThatAllHaveTheSamePnlInEveryBlockGiveNoPbo() throws IOException {
    // Every split's winner ties every job out of sample: rank (N + 1) / 2, logit 0, so the
    // definition alone would say PBO 1.00 ("worse than a coin flip") about a sweep where nothing
    // traded. There is nothing to select between: not available.
    Path same = tmp.resolve("same");
    Docs.write(same, "a.json", withPnl("a", DAY1, 0, 0, 0, 0));
    Docs.write(same, "b.json", withPnl("b", DAY1, 0, 0, 0, 0));
    Docs.write(same, "c.json", withPnl("c", DAY1, 0, 0, 0, 0));
    PboSummary pbo = insights(same, 1, null).pbo();
    assertThat(pbo.available()).isFalse();
    assertThat(pbo.reason())
        .isEqualTo(
            "all 3 jobs have the same PnL in every block (none traded?): there is no in-sample"
                + " winner to test out of sample");

    Path differ = tmp.resolve("differ");
    Docs.write(differ, "a.json", withPnl("a", DAY1, 0, 0, 0, 0));
    Docs.write(differ, "b.json", withPnl("b", DAY1, 0, 0, 0, 1));
    assertThat(insights(differ, 1, null).pbo().available()).isTrue();
  }

  @Test
  void whenNoJobPassesTheFiltersTheReasonSaysSo() throws IOException {
    Path dir = tmp.resolve("filtered");
    Docs.write(dir, "a.json", withPnl("a", DAY1, 1, 2));
    Docs.write(dir, "b.json", withPnl("b", DAY1, 2, 1));
    PboSummary pbo = insights(dir, 1, 1_000_000).pbo();
    assertThat(pbo.reason()).isEqualTo("no success job passed the filters");
    assertThat(json(insights(dir, 1, null).pbo())).containsEntry("selected_by", "realized_pnl_usd");
  }

  private static AggregatedJobResult job(String id, String boundaries, long... micros) {
    return new AggregatedJobResult(
        id,
        null,
        Map.of(),
        Map.of(),
        JobStatus.SUCCESS,
        id + ".json",
        0,
        null,
        BlockPnl.of(boundaries, micros));
  }

  private static String boundaries(String first, int blocks) {
    return String.join("\n", starts(first, blocks)) + "\n" + end(first, blocks);
  }

  @Test
  void amongGroupsOfEqualSizeTheEarliestFirstStartThenTheShortestThenTheFirstTextWins() {
    BlockPnlGroups g = new BlockPnlGroups();
    String later = boundaries("2014-05-02T05:00:00Z", 2);
    String earlier = boundaries(DAY1, 4);
    g.add(job("x", later, 1, 2));
    g.add(job("y", later, 2, 1));
    g.add(job("z", earlier, 1, 2, 3, 4));
    g.add(job("w", earlier, 4, 3, 2, 1));
    assertThat(g.summary(1).result().blocks()).isEqualTo(4);

    // Same first start: the shorter text (an end with fractional seconds is longer).
    BlockPnlGroups h = new BlockPnlGroups();
    String shortText = DAY1 + "\n2014-05-01T06:00:00Z\n2014-05-01T07:00:00Z";
    String longText = DAY1 + "\n2014-05-01T06:00:00.5Z\n2014-05-01T07:00:00Z";
    h.add(job("a", longText, 1, 2));
    h.add(job("b", longText, 2, 1));
    h.add(job("c", shortText, 5, 6));
    h.add(job("d", shortText, 6, 5));
    assertThat(h.summary(1).result().toMap())
        .isEqualTo(Pbo.compute(new long[] {5, 6, 6, 5}, 2, 2, 1).toMap());
    assertThat(BlockPnlGroups.CHOICE.compare(group(shortText), group(longText))).isNegative();

    // Same length: text order; a first start that is no instant comes after every one that is.
    assertThat(BlockPnlGroups.CHOICE.compare(group(DAY1 + "\nA\nB"), group(DAY1 + "\nB\nA")))
        .isNegative();
    assertThat(
            BlockPnlGroups.CHOICE.compare(
                group("2099-01-01T00:00:00Z\nx\ny"), group("yesterday\nx\ny")))
        .isNegative();
    // More jobs first, whatever the boundaries.
    BlockPnlGroups.Group big = group("zzz\nx\ny");
    big.jobs = 3;
    assertThat(BlockPnlGroups.CHOICE.compare(big, group(DAY1 + "\nx\ny"))).isNegative();
  }

  private static BlockPnlGroups.Group group(String boundaries) {
    BlockPnlGroups.Group g = new BlockPnlGroups.Group(boundaries, 2);
    g.jobs = 2;
    return g;
  }

  @Test
  void rowsOfEqualJobIdsAreOrderedByTheirValues() {
    BlockPnlGroups a = new BlockPnlGroups();
    BlockPnlGroups b = new BlockPnlGroups();
    String k = boundaries(DAY1, 2);
    a.add(job("same", k, 5, 1));
    a.add(job("same", k, 1, 5));
    b.add(job("same", k, 1, 5));
    b.add(job("same", k, 5, 1));
    BlockPnlGroups.Group ga = a.chosen();
    assertThat(BlockPnlGroups.sortedRows(ga)).containsExactly(1, 5, 5, 1);
    assertThat(BlockPnlGroups.sortedRows(b.chosen())).containsExactly(1, 5, 5, 1);
  }

  @Test
  void beyondTheCapNoRowIsKeptAndPboIsNotAvailable() {
    String k = boundaries(DAY1, 2);
    BlockPnlGroups first = new BlockPnlGroups();
    BlockPnlGroups second = new BlockPnlGroups();
    for (int j = 0; j <= BlockPnlGroups.MAX_ROWS; j++) {
      (j % 2 == 0 ? first : second).add(job("j" + j, k, j, -j));
    }
    first.add(job("other", boundaries("2014-05-02T05:00:00Z", 2), 1, 2));
    first.merge(second);
    assertThat(first.usable()).isEqualTo(BlockPnlGroups.MAX_ROWS + 2L);
    assertThat(first.chosen().ids).isNull();
    PboSummary s = first.summary(1);
    assertThat(s.available()).isFalse();
    assertThat(s.reason())
        .isEqualTo(
            "more than 250,000 jobs with period_pnl passed the filters (250,002): PBO keeps at"
                + " most 250,000 in memory; narrow them with a filter");
    assertThat(s.otherBoundaries()).isEqualTo(1);
    assertThat(s.otherGroups()).isEqualTo(1);

    // At the cap exactly, every row is kept.
    BlockPnlGroups full = new BlockPnlGroups();
    BlockPnlGroups rest = new BlockPnlGroups();
    for (int j = 0; j < BlockPnlGroups.MAX_ROWS; j++) {
      (j < 1000 ? rest : full).add(job("j" + j, k, j % 3, 0));
    }
    full.merge(rest);
    assertThat(full.chosen().ids).hasSize(BlockPnlGroups.MAX_ROWS);
  }

  @Test
  void theSameWhateverTheThreadsAndTheFileOrder() throws IOException {
    Random r = new Random(5);
    List<String> docs = new ArrayList<>();
    for (int j = 0; j < 60; j++) {
      double[] pnl = new double[6];
      for (int k = 0; k < 6; k++) {
        pnl[k] = Math.round(r.nextGaussian() * 1000) / 100.0;
      }
      String first = j % 7 == 0 ? "2014-05-03T05:00:00Z" : DAY1;
      docs.add(
          j % 11 == 0
              ? doc(String.format("s_%02d", j % 20), 10, null, 1)
              : withPnl(String.format("s_%02d", j % 40), first, pnl)); // some ids repeat
    }
    Map<String, Object> reference = null;
    for (int variant = 0; variant < 3; variant++) {
      Path dir = tmp.resolve("v" + variant);
      List<Integer> order = new ArrayList<>();
      for (int j = 0; j < docs.size(); j++) {
        order.add(j);
      }
      Collections.shuffle(order, new Random(variant));
      StringBuilder lines = new StringBuilder();
      int n = 0;
      for (int j : order) {
        UnaryOperator<String> name = s -> String.format("f%03d_%d.json", 999 - j, j);
        if (n++ % 3 == 0) {
          lines.append(docs.get(j)).append('\n');
        } else {
          Docs.write(dir, (j % 2 == 0 ? "x/" : "") + name.apply(""), docs.get(j));
        }
      }
      Docs.write(dir, "lines.jsonl", lines.toString());
      Insights in = insights(dir, 1 + variant % 2, null);
      assertThat(in.pbo().available()).as(in.pbo().reason()).isTrue();
      Map<String, Object> json = json(in.pbo());
      if (reference == null) {
        reference = json;
      } else {
        assertThat(json).isEqualTo(reference);
      }
    }
  }
}
