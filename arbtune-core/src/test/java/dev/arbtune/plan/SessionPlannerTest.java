package dev.arbtune.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.result.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SessionPlannerTest {

  private static SessionPlanner planner(String yaml) {
    return new SessionPlanner(SessionFile.parse(yaml, "test.yaml"));
  }

  private static List<JobPlan> jobs(String yaml) {
    return planner(yaml).generateJobs();
  }

  private static final String TWO_BY_THREE =
      """
      data_file: q.csv
      grids:
        - name: min_spread_bps
          values: [20, 30]
        - name: slippage_bps
          values: [1, 3, 5]
      """;

  private static List<Object> values(JobPlan job, String... fields) {
    List<Object> out = new ArrayList<>();
    for (String f : fields) {
      out.add(job.config().toMap().get(f));
    }
    return out;
  }

  @Test
  void oneGridOfOneValueGivesOneJobNamedJob0001() {
    List<JobPlan> jobs =
        jobs("data_file: q.csv\ngrids:\n  - name: min_spread_bps\n    values: [25]\n");
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).jobId()).isEqualTo("job_0001");
    assertThat(jobs.get(0).config().minSpreadBps()).isEqualTo(25.0);
  }

  @Test
  void twoByThreeGridGivesSixDistinctCombinationsFirstGridSlowest() {
    List<JobPlan> jobs = jobs(TWO_BY_THREE);
    List<List<Object>> combos = new ArrayList<>();
    for (JobPlan j : jobs) {
      combos.add(values(j, "min_spread_bps", "slippage_bps"));
    }
    assertThat(combos)
        .containsExactly(
            List.of(20.0, 1.0),
            List.of(20.0, 3.0),
            List.of(20.0, 5.0),
            List.of(30.0, 1.0),
            List.of(30.0, 3.0),
            List.of(30.0, 5.0));
  }

  @Test
  void maxJobsKeepsTheFirstJobsOfTheFullPlan() {
    List<JobPlan> all = jobs(TWO_BY_THREE);
    List<JobPlan> capped = jobs(TWO_BY_THREE + "max_jobs: 4\n");
    assertThat(capped).hasSize(4);
    assertThat(capped).isEqualTo(all.subList(0, 4));
  }

  @Test
  void maxJobsAboveTheCombinationCountChangesNothing() {
    assertThat(jobs(TWO_BY_THREE + "max_jobs: 100\n")).isEqualTo(jobs(TWO_BY_THREE));
  }

  @Test
  void jobIdsCountFromOneWithTheTagPrefix() {
    List<String> ids =
        jobs(TWO_BY_THREE + "tag_prefix: sess001\n").stream().map(JobPlan::jobId).toList();
    assertThat(ids)
        .containsExactly(
            "sess001_0001",
            "sess001_0002",
            "sess001_0003",
            "sess001_0004",
            "sess001_0005",
            "sess001_0006");
  }

  @Test
  void jobIdsWithoutATagPrefixStartWithJob() {
    List<String> ids = jobs(TWO_BY_THREE).stream().map(JobPlan::jobId).toList();
    assertThat(ids).first().isEqualTo("job_0001");
    assertThat(ids).last().isEqualTo("job_0006");
  }

  @Test
  void jobIdsArePaddedToTheDigitsOfTheJobCountSoTheySort() {
    SessionPlanner p =
        planner(
            "data_file: q.csv\ngrids:\n"
                + "  - name: min_spread_bps\n    range: {start: 0.01, stop: 123.45, step: 0.01}\n");
    List<String> ids = p.streamJobs().map(JobPlan::jobId).toList();
    assertThat(ids).hasSize(12345);
    assertThat(ids.get(0)).isEqualTo("job_00001");
    assertThat(ids.get(12344)).isEqualTo("job_12345");
    assertThat(ids).isSorted();
    assertThat(planner(TWO_BY_THREE).jobId(6)).isEqualTo("job_0006");
  }

  @Test
  void tenThousandJobsNeedFiveDigitsAndNineThousandNineHundredNinetyNineNeedFour() {
    String grid =
        "data_file: q.csv\ngrids:\n  - name: min_spread_bps\n    range: {start: 1, stop: ";
    assertThat(planner(grid + "10000, step: 1}\n").jobId(1)).isEqualTo("job_00001");
    assertThat(planner(grid + "9999, step: 1}\n").jobId(1)).isEqualTo("job_0001");
  }

  @Test
  void outputPathIsTheTagFolderAndTheJobIdDotJson() {
    List<JobPlan> tagged = jobs(TWO_BY_THREE + "tag_prefix: sess001\n");
    assertThat(tagged.get(4).outputJson()).isEqualTo("sess001/sess001_0005.json");
    assertThat(tagged.get(4).config().tag()).isEqualTo("sess001");
    JobPlan untagged = jobs(TWO_BY_THREE).get(0);
    assertThat(untagged.outputJson()).isEqualTo("job/job_0001.json");
    assertThat(untagged.config().tag()).isNull();
  }

  @Test
  void everyConfigHoldsEveryRunnerField() {
    List<String> always =
        BacktestConfig.FIELDS.stream()
            .filter(f -> !f.equals("start_time") && !f.equals("end_time"))
            .filter(f -> !f.equals("time_unit") && !f.equals("pnl_blocks"))
            .toList();
    for (JobPlan j : jobs(TWO_BY_THREE)) {
      assertThat(j.toMap().get("config"))
          .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsOnlyKeys(always.toArray());
    }
    JobPlan windowed =
        jobs(TWO_BY_THREE
                + "start_time: 2022-12-13T01:00:00Z\nend_time: 2022-12-13T02:00:00Z\n"
                + "time_unit: us\npnl_blocks: 8\n")
            .get(0);
    assertThat(windowed.config().toMap().keySet()).containsExactlyElementsOf(BacktestConfig.FIELDS);
  }

  @Test
  void fixedParametersReachEveryJobAndGridValuesOverrideThem() {
    List<JobPlan> jobs =
        jobs(
            TWO_BY_THREE
                + "min_spread_bps: 99\ntaker_fee_a_bps: 4\nmax_open_trades: 3\n"
                + "initial_balance_usd: 5000\nstop_on_drawdown_pct: 20\n");
    for (JobPlan j : jobs) {
      assertThat(j.config().takerFeeABps()).isEqualTo(4.0);
      assertThat(j.config().maxOpenTrades()).isEqualTo(3);
      assertThat(j.config().initialBalanceUsd()).isEqualTo(5000.0);
      assertThat(j.config().stopOnDrawdownPct()).isEqualTo(20.0);
      assertThat(j.config().minSpreadBps()).isIn(20.0, 30.0);
    }
  }

  @Test
  void unsetParametersTakeTheRunnerDefaults() {
    JobPlan j = jobs("data_file: q.csv\n").get(0);
    assertThat(j.config()).isEqualTo(BacktestConfig.defaults("q.csv"));
  }

  @Test
  void noGridsGivesOneJob() {
    List<JobPlan> jobs = jobs("data_file: q.csv\ntag_prefix: solo\ngrids: []\n");
    assertThat(jobs).extracting(JobPlan::jobId).containsExactly("solo_0001");
  }

  @Test
  void dataFileIsKeptAsWritten() {
    assertThat(jobs("data_file: ../data/x y.csv\n").get(0).config().dataFile())
        .isEqualTo("../data/x y.csv");
  }

  @Test
  void theSameSessionAlwaysGivesTheSameJobs() {
    String yaml = TWO_BY_THREE + "tag_prefix: s\nsampler: random\nsamples: 4\nseed: 11\n";
    List<String> first = planner(yaml).streamJobs().map(JobPlan::toJsonLine).toList();
    List<String> second = planner(yaml).streamJobs().map(JobPlan::toJsonLine).toList();
    assertThat(first).hasSize(4).isEqualTo(second);
    SessionPlanner p = planner(TWO_BY_THREE);
    assertThat(p.generateJobs()).isEqualTo(p.generateJobs());
  }

  @Test
  void wholeNumbersInYamlAreWrittenAsTheRunnerWritesThem() throws Exception {
    JobPlan j =
        jobs("data_file: q.csv\nmax_open_trades: 2\ngrids:\n"
                + "  - name: min_spread_bps\n    values: [20]\n"
                + "  - name: slippage_bps\n    range: {start: 0.1, stop: 0.3, step: 0.1}\n")
            .get(2);
    Map<String, Object> config = j.config().toMap();
    assertThat(config.get("min_spread_bps")).isEqualTo(20.0);
    assertThat(config.get("slippage_bps")).isEqualTo(0.3);
    assertThat(config.get("max_open_trades")).isEqualTo(2);
    // What the runner does with a plan line: read its config, rebuild it, write it back.
    ObjectMapper mapper = new ObjectMapper(Json.factory());
    @SuppressWarnings("unchecked")
    Map<String, Object> line = mapper.readValue(j.toJsonLine(), LinkedHashMap.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> read = (Map<String, Object>) line.get("config");
    String rewritten =
        Json.compactWriter().writeValueAsString(BacktestConfig.fromMap(read).toMap());
    assertThat(rewritten).isEqualTo(Json.compactWriter().writeValueAsString(config));
    assertThat(rewritten).contains("\"min_spread_bps\":20.0", "\"max_open_trades\":2");
  }

  @Test
  void randomSamplingIsReproducibleBySeed() {
    String grid =
        "data_file: q.csv\ngrids:\n"
            + "  - name: min_spread_bps\n    range: {start: 0, stop: 99, step: 1}\n"
            + "  - name: slippage_bps\n    range: {start: 0, stop: 99, step: 1}\n"
            + "sampler: random\nsamples: 20\n";
    List<JobPlan> a = jobs(grid + "seed: 42\n");
    List<JobPlan> b = jobs(grid + "seed: 42\n");
    List<JobPlan> c = jobs(grid + "seed: 43\n");
    assertThat(a).hasSize(20).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  void randomSampleIsDistinctCombinationsOfTheGridInGridOrder() {
    String yaml =
        "data_file: q.csv\ngrids:\n"
            + "  - name: min_spread_bps\n    values: [5, 1, 3]\n"
            + "  - name: slippage_bps\n    range: {start: 0, stop: 9, step: 1}\n"
            + "sampler: random\nsamples: 12\nseed: -8\n";
    List<JobPlan> jobs = jobs(yaml);
    assertThat(jobs).hasSize(12);
    Set<List<Object>> seen = new HashSet<>();
    List<Integer> gridOrder = new ArrayList<>();
    List<Double> spreads = List.of(5.0, 1.0, 3.0);
    for (JobPlan j : jobs) {
      List<Object> combo = values(j, "min_spread_bps", "slippage_bps");
      assertThat(seen.add(combo)).as("distinct %s", combo).isTrue();
      assertThat(spreads).contains((Double) combo.get(0));
      assertThat((Double) combo.get(1)).isBetween(0.0, 9.0);
      gridOrder.add(spreads.indexOf(combo.get(0)) * 10 + ((Double) combo.get(1)).intValue());
    }
    assertThat(gridOrder).isSorted();
    assertThat(jobs).extracting(JobPlan::jobId).startsWith("job_0001", "job_0002");
  }

  @Test
  void randomSamplingOfMoreThanTheGridTakesEveryCombination() {
    String yaml = TWO_BY_THREE + "sampler: random\nsamples: 50\nseed: 1\n";
    assertThat(jobs(yaml).stream().map(j -> values(j, "min_spread_bps", "slippage_bps")).toList())
        .isEqualTo(
            jobs(TWO_BY_THREE).stream()
                .map(j -> values(j, "min_spread_bps", "slippage_bps"))
                .toList());
  }

  @Test
  void randomSampleVisitsEveryValueOfAGridEquallyOften() {
    // 200 seeds x 5 of 10 values: each value is expected 100 times (sd ~ 7.1).
    Map<Object, Long> counts = new LinkedHashMap<>();
    for (int seed = 0; seed < 200; seed++) {
      String yaml =
          "data_file: q.csv\ngrids:\n"
              + "  - name: slippage_bps\n    range: {start: 1, stop: 10, step: 1}\n"
              + "sampler: random\nsamples: 5\nseed: "
              + seed
              + "\n";
      for (JobPlan j : jobs(yaml)) {
        counts.merge(j.config().slippageBps(), 1L, Long::sum);
      }
    }
    assertThat(counts).hasSize(10);
    assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(70L, 130L));
  }

  @Test
  void streamsHugePlansOneJobAtATime() {
    SessionPlanner grid =
        planner(
            "data_file: q.csv\nmax_jobs: 10000000\ngrids:\n"
                + "  - name: min_spread_bps\n    range: {start: 0, stop: 9999.9, step: 0.1}\n"
                + "  - name: slippage_bps\n    range: {start: 0, stop: 9999.9, step: 0.1}\n");
    assertThat(grid.jobCount()).isEqualTo(10_000_000L);
    List<JobPlan> first = grid.streamJobs().limit(3).collect(Collectors.toList());
    assertThat(first)
        .extracting(JobPlan::jobId)
        .containsExactly("job_00000001", "job_00000002", "job_00000003");
    SessionPlanner random =
        planner(
            "data_file: q.csv\nsampler: random\nsamples: 3\nseed: 5\ngrids:\n"
                + "  - name: min_spread_bps\n    range: {start: 0, stop: 10000, step: 0.0001}\n"
                + "  - name: slippage_bps\n    range: {start: 0, stop: 10000, step: 0.0001}\n");
    assertThat(random.generateJobs()).hasSize(3);
  }

  @Test
  void jobIdRejectsNumbersOutsideThePlan() {
    SessionPlanner p = planner(TWO_BY_THREE);
    assertThatThrownBy(() -> p.jobId(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.jobId(7)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDataFilePathLongerThanPathMaxIsRefusedWithAnExcerpt() {
    String path = "d".repeat(5000);
    assertThatThrownBy(() -> jobs("data_file: " + path + "\n"))
        .isInstanceOf(SessionConfigException.class)
        .hasMessageContaining("has 5000 characters, more than the 4096 (PATH_MAX)")
        .hasMessageNotContaining("d".repeat(201));
  }
}
