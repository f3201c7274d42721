package dev.arbtune.insights;

import static dev.arbtune.testing.GridDocs.map;
import static dev.arbtune.testing.GridDocs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbtune.aggregate.CollectedSummary;
import dev.arbtune.aggregate.FilterExpression;
import dev.arbtune.aggregate.JobFilter;
import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.testing.Docs;
import dev.arbtune.testing.GridDocs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InsightsTest {

  @TempDir Path dir;

  private Insights insights(int threads, int topJobs) throws IOException {
    CollectedSummary<InsightCollector> run =
        TuningResultsAggregator.builder(dir)
            .threads(threads)
            .build()
            .summarize(new ScanProgress(), InsightCollector::new);
    return Insights.compute(run, InsightOptions.DEFAULTS.withTopJobs(topJobs));
  }

  private Insights insights() throws IOException {
    return insights(1, 10);
  }

  private static ParameterInsight param(Insights in, String name) {
    return in.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  /** a in {1, 2}, b in {1, 2, 3}; PnL = -25 + 20 (a - 1) ... an additive grid checked by hand. */
  private void additiveGrid() {
    GridDocs.grid(dir, new double[][] {{-15, -5, 5}, {5, 15, 25}});
  }

  @Test
  void sensitivityGivesCountMeanMedianBestAndProfitableSharePerValue() throws IOException {
    additiveGrid();
    ParameterInsight a = param(insights(), "a");
    assertThat(a.distinctValues()).containsExactly(ParamValue.of(1), ParamValue.of(2));
    ValueStats a1 = a.values().get(0);
    assertThat(a1.jobs()).isEqualTo(3);
    assertThat(a1.mean()).isCloseTo(-5.0, within(1e-12));
    assertThat(a1.median()).isEqualTo(-5.0);
    assertThat(a1.medianExact()).isTrue();
    assertThat(a1.best()).isEqualTo(5.0);
    assertThat(a1.profitableShare()).isCloseTo(1.0 / 3, within(1e-12));
    ValueStats a2 = a.values().get(1);
    assertThat(a2.mean()).isCloseTo(15.0, within(1e-12));
    assertThat(a2.best()).isEqualTo(25.0);
    assertThat(a2.profitableShare()).isEqualTo(1.0);
    ValueStats b1 = param(insights(), "b").values().get(0);
    assertThat(b1.jobs()).isEqualTo(2);
    assertThat(b1.median()).isEqualTo(-5.0); // (-15 + 5) / 2
    assertThat(b1.profitableShare()).isEqualTo(0.5);
  }

  @Test
  void importanceIsTheShareOfVarianceBetweenValuesMostImportantFirst() throws IOException {
    additiveGrid();
    // Grand mean 5; total SS = 225+100+0+... = 1000; SS(a) = 3*100 + 3*100 = 600;
    // SS(b) = 2*100 + 0 + 2*100 = 400. omega^2(a) = (600 - 1*100) / (1000 + 100);
    // omega^2(b) = (400 - 2*200) / (1000 + 200) = 0.
    Insights in = insights();
    assertThat(in.parameters()).extracting(ParameterInsight::name).containsExactly("a", "b");
    assertThat(in.parameters().get(0).etaSquared()).isCloseTo(0.6, within(1e-12));
    assertThat(in.parameters().get(1).etaSquared()).isCloseTo(0.4, within(1e-12));
    assertThat(in.parameters().get(0).omegaSquared()).isCloseTo(500.0 / 1100, within(1e-12));
    assertThat(in.parameters().get(1).omegaSquared()).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void listsFixedKeysIgnoresTagAndSkipsKeysMissingFromSomeJobs() throws IOException {
    additiveGrid();
    write(
        dir,
        "extra",
        map("a", 1, "b", 1.0, "fee", 5.0, "tag", "other", "stop", 3.0),
        map("realized_pnl_usd", 0.0));
    Insights in = insights();
    assertThat(in.fixed()).containsExactly("fee");
    assertThat(in.parameters()).extracting(ParameterInsight::name).doesNotContain("tag");
    assertThat(in.skipped())
        .containsExactly(new SkippedParameter("stop", "missing from 6 of 7 jobs"));
  }

  @Test
  void skipsParametersWithTooManyDistinctValues() throws IOException {
    for (int i = 0; i < 5; i++) {
      write(dir, "j" + i, map("x", i * 0.1, "y", i % 2), map("realized_pnl_usd", i));
    }
    CollectedSummary<InsightCollector> run =
        TuningResultsAggregator.of(dir)
            .summarize(new ScanProgress(), () -> new InsightCollector(4, 100));
    Insights in = Insights.compute(run, InsightOptions.DEFAULTS);
    assertThat(in.skipped()).extracting(SkippedParameter::name).containsExactly("x");
    assertThat(in.skipped().get(0).reason()).startsWith("more than 4 distinct values");
    assertThat(in.parameters()).extracting(ParameterInsight::name).containsExactly("y");
  }

  @Test
  void neighboursDifferByOneStepInOneParameter() throws IOException {
    // 3 x 3 grid; the best job is the centre (2, 2): neighbours (1,2) (3,2) (2,1) (2,3).
    GridDocs.grid(dir, new double[][] {{1, 2, 3}, {4, 50, 6}, {7, 8, 9}});
    Robustness centre = insights().robustness().get(0);
    assertThat(centre.job().jobId()).isEqualTo("g_2_2");
    assertThat(centre.neighbours()).isEqualTo(4);
    assertThat(centre.neighbourMedian()).isEqualTo((4.0 + 6.0) / 2); // of 2, 4, 6, 8
    assertThat(centre.neighbourWorst()).isEqualTo(2.0);
    // the corner (3, 3) has two neighbours: (2, 3) = 6 and (3, 2) = 8
    Robustness corner = insights().robustness().get(1);
    assertThat(corner.job().jobId()).isEqualTo("g_3_3");
    assertThat(corner.neighbours()).isEqualTo(2);
    assertThat(corner.neighbourMedian()).isEqualTo(7.0);
  }

  @Test
  void plantedSpikeInAFlatGridIsFlagged() throws IOException {
    double[][] pnl = new double[5][5];
    for (double[] row : pnl) {
      java.util.Arrays.fill(row, 100.0);
    }
    pnl[2][3] = 1000.0;
    GridDocs.grid(dir, pnl);
    Robustness top = insights().robustness().get(0);
    assertThat(top.job().jobId()).isEqualTo("g_3_4");
    assertThat(top.neighbours()).isEqualTo(4);
    assertThat(top.neighbourMedian()).isEqualTo(100.0);
    assertThat(top.verdict()).isEqualTo(Verdict.SPIKE);
  }

  @Test
  void plantedPlateauIsNotFlagged() throws IOException {
    double[][] pnl = new double[6][6];
    for (double[] row : pnl) {
      java.util.Arrays.fill(row, 100.0);
    }
    for (int a = 1; a <= 3; a++) {
      for (int b = 2; b <= 4; b++) {
        pnl[a][b] = 1000.0;
      }
    }
    GridDocs.grid(dir, pnl);
    List<Robustness> top = insights(1, 9).robustness();
    assertThat(top).hasSize(9);
    assertThat(top).extracting(Robustness::pnl).containsOnly(1000.0);
    assertThat(top).extracting(Robustness::verdict).containsOnly(Verdict.PLATEAU);
  }

  @Test
  void categoricalParametersAreHeldFixedNotStepped() throws IOException {
    for (String file : List.of("a.csv", "b.csv")) {
      for (int s = 1; s <= 3; s++) {
        double pnl = file.equals("a.csv") ? (s == 2 ? 50 : 10) : 40;
        write(
            dir,
            file.charAt(0) + "_" + s,
            map("data_file", file, "spread", s),
            map("realized_pnl_usd", pnl));
      }
    }
    Insights in = insights();
    assertThat(param(in, "data_file").categorical()).isTrue();
    Robustness top = in.robustness().get(0);
    assertThat(top.job().jobId()).isEqualTo("a_2");
    // only spread 1 and 3 on the same data file; b_2 (same spread, other file) is not a neighbour
    assertThat(top.neighbours()).isEqualTo(2);
    assertThat(top.neighbourMedian()).isEqualTo(10.0);
  }

  @Test
  void numbersWrittenDifferentlyAreOneValue() throws IOException {
    write(dir, "x", map("a", 30, "b", 1), map("realized_pnl_usd", 1.0));
    Docs.writeWithRawConfig(dir, "y", "{\"a\": 30.0, \"b\": 2}", 2.0);
    Docs.writeWithRawConfig(dir, "z", "{\"a\": 3E+1, \"b\": 3}", 3.0);
    Insights in = insights();
    assertThat(in.fixed()).containsExactly("a");
    // and the neighbour lookup sees them as equal: x (b=1) is a neighbour of y (b=2)
    Robustness top = in.robustness().get(0);
    assertThat(top.job().jobId()).isEqualTo("z");
    assertThat(top.neighbours()).isEqualTo(1);
  }

  @Test
  void deflatedSharpeIsUnavailableWithoutSharpeRatios() throws IOException {
    additiveGrid();
    SelectionBias b = insights().selectionBias();
    assertThat(b.available()).isFalse();
    assertThat(b.unavailable()).contains("sharpe_per_trade");
  }

  @Test
  void deflatedSharpeUsesTheVarianceAcrossTrialsAndTheirNumber() throws IOException {
    double[] sharpe = {0.05, 0.10, 0.15, 0.30};
    for (int i = 0; i < sharpe.length; i++) {
      write(
          dir,
          "s" + i,
          map("a", i),
          map(
              "realized_pnl_usd",
              100.0 * i,
              "sharpe_per_trade",
              sharpe[i],
              "closed_trades",
              200,
              "total_trades",
              210));
    }
    SelectionBias b = insights().selectionBias();
    assertThat(b.available()).isTrue();
    assertThat(b.trials()).isEqualTo(4);
    // mean 0.15, squared deviations 0.01, 0.0025, 0, 0.0225 -> sum 0.035, / 3
    assertThat(b.sharpeVariance()).isCloseTo(0.035 / 3, within(1e-12));
    SharpeCheck best = b.checks().get(0);
    assertThat(best.job().jobId()).isEqualTo("s3");
    assertThat(best.observations()).isEqualTo(200); // closed trades, not total
    assertThat(best.momentsAssumed()).isTrue();
    assertThat(best.deflatedSharpe())
        .isCloseTo(DeflatedSharpe.deflatedSharpe(0.30, 200, 0, 3, 0.035 / 3, 4), within(1e-12));
    assertThat(best.significant()).isEqualTo(best.deflatedSharpe() >= 0.95);
  }

  @Test
  void distributionIsExact() throws IOException {
    additiveGrid();
    PnlDistribution d = insights().distribution();
    assertThat(d.jobs()).isEqualTo(6);
    assertThat(d.min()).isEqualTo(-15.0);
    assertThat(d.max()).isEqualTo(25.0);
    assertThat(d.median()).isEqualTo(5.0); // of -15 -5 5 5 15 25
    assertThat(java.util.Arrays.stream(d.counts()).sum()).isEqualTo(6);
    assertThat(d.edges()[0]).isEqualTo(-15.0);
    assertThat(d.edges()[d.edges().length - 1]).isEqualTo(25.0);
  }

  @Test
  void resultsDoNotDependOnTheNumberOfThreads() throws IOException {
    double[][] pnl = new double[12][12];
    for (int a = 0; a < 12; a++) {
      for (int b = 0; b < 12; b++) {
        pnl[a][b] = Math.sin(a * 1.3 + b * 0.7) * 100 + a * b;
      }
    }
    GridDocs.grid(dir, pnl);
    Insights one = insights(1, 10);
    Insights four = insights(4, 10);
    assertThat(four.sample()).isEqualTo(one.sample());
    assertThat(Sessions.json(four)).isEqualTo(Sessions.json(one));
  }

  @Test
  void noisySessionGivesTheSameJsonBytesWithAnyNumberOfThreads() throws IOException {
    Sessions.noisyGrid(dir, id -> id);
    String one = Sessions.insightsJson(dir, 1);
    assertThat(one).contains("\"median_exact\": false"); // the estimated medians too
    assertThat(Sessions.insightsJson(dir, 2)).isEqualTo(one);
    assertThat(Sessions.insightsJson(dir, 4)).isEqualTo(one);
  }

  @Test
  void noisySessionGivesTheSameJsonBytesWhateverTheOrderOfTheFiles() throws IOException {
    Path forward = dir.resolve("forward");
    Path backward = dir.resolve("backward");
    Sessions.noisyGrid(forward, id -> "f_" + id);
    // the same documents, the files named in the reverse order
    Sessions.noisyGrid(backward, id -> "f_" + new StringBuilder(id).reverse());
    assertThat(Sessions.insightsJson(backward, 1)).isEqualTo(Sessions.insightsJson(forward, 1));
  }

  private Insights filtered(JobFilter filter) throws IOException {
    CollectedSummary<InsightCollector> run =
        TuningResultsAggregator.builder(dir)
            .filter(filter)
            .build()
            .summarize(new ScanProgress(), InsightCollector::new);
    return Insights.compute(run, InsightOptions.DEFAULTS);
  }

  /** The reviewer's case: pure-noise Sharpe ratios, N(0, 0.3), and a filter on the Sharpe ratio. */
  @Test
  void deflatedSharpeTakesVarianceAndTrialsFromEverySuccessJobNotOnlyTheFilteredOnes()
      throws IOException {
    List<Double> sharpe = Sessions.normal(5, 200, 0.3);
    for (int i = 0; i < sharpe.size(); i++) {
      write(
          dir,
          String.format("s%03d", i),
          map("a", i % 20, "b", i / 20),
          map(
              "realized_pnl_usd",
              1000 * sharpe.get(i),
              "sharpe_per_trade",
              sharpe.get(i),
              "closed_trades",
              250));
    }
    double mean = sharpe.stream().mapToDouble(Double::doubleValue).sum() / sharpe.size();
    double ss = sharpe.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
    SelectionBias all = insights().selectionBias();
    SelectionBias b =
        filtered(JobFilter.expression(FilterExpression.parse("sharpe_per_trade>0.6")))
            .selectionBias();
    assertThat(b.trials()).isEqualTo(200);
    assertThat(b.sharpeJobs()).isEqualTo(200);
    assertThat(b.sharpeVariance()).isCloseTo(ss / 199, within(1e-12));
    assertThat(b.sharpeVariance()).isEqualTo(all.sharpeVariance());
    assertThat(b.expectedMaxSharpe()).isEqualTo(all.expectedMaxSharpe());
    SharpeCheck best = b.checks().get(0);
    assertThat(best.job().jobId()).isEqualTo(all.checks().get(0).job().jobId());
    assertThat(best.deflatedSharpe()).isEqualTo(all.checks().get(0).deflatedSharpe());
    assertThat(best.deflatedSharpe())
        .isCloseTo(
            DeflatedSharpe.deflatedSharpe(best.sharpe(), 250, 0, 3, ss / 199, 200), within(1e-9));
    assertThat(best.significant()).as("the best of 200 noise trials").isFalse();
  }

  @Test
  void trialsAreEverySuccessJobAlsoThoseWithoutASharpeRatio() throws IOException {
    double[] sharpe = {0.05, 0.10, 0.15, 0.30};
    for (int i = 0; i < 10; i++) {
      write(
          dir,
          "t" + i,
          map("a", i),
          i < sharpe.length
              ? map(
                  "realized_pnl_usd",
                  100.0 + i,
                  "sharpe_per_trade",
                  sharpe[i],
                  "closed_trades",
                  200)
              : map("realized_pnl_usd", 1.0 * i));
    }
    SelectionBias b = insights().selectionBias();
    assertThat(b.sharpeJobs()).isEqualTo(4);
    assertThat(b.trials()).isEqualTo(10);
    assertThat(b.expectedMaxSharpe())
        .isCloseTo(DeflatedSharpe.expectedMaxSharpe(0.035 / 3, 10), within(1e-12));
    SharpeCheck best = b.checks().get(0);
    assertThat(best.job().jobId()).isEqualTo("t3");
    assertThat(best.deflatedSharpe())
        .isCloseTo(DeflatedSharpe.deflatedSharpe(0.30, 200, 0, 3, 0.035 / 3, 10), within(1e-12));
  }

  /** The reviewer's case: a 5 x 5 grid at -5 with one +100 cell and its +60 neighbour. */
  @Test
  void spikeHiddenByAFilterIsStillASpike() throws IOException {
    double[][] pnl = new double[5][5];
    for (double[] row : pnl) {
      java.util.Arrays.fill(row, -5.0);
    }
    pnl[2][2] = 100.0;
    pnl[2][3] = 60.0;
    GridDocs.grid(dir, pnl);
    for (JobFilter filter : List.of(JobFilter.profitable(), JobFilter.minPnl(0))) {
      Insights in = filtered(filter);
      Robustness top = in.robustness().get(0);
      assertThat(top.job().jobId()).isEqualTo("g_3_3");
      assertThat(top.neighbours()).isEqualTo(4); // (2,3) (4,3) (3,2) at -5 and (3,4) at +60
      assertThat(top.neighbourMedian()).isEqualTo(-5.0);
      assertThat(top.verdict()).as(filter.name()).isEqualTo(Verdict.SPIKE);
      // sensitivity stays on the jobs that passed: b has the two values 3 and 4, one job each
      assertThat(in.jobs()).isEqualTo(2);
      assertThat(in.successJobs()).isEqualTo(25);
      assertThat(param(in, "b").values()).extracting(ValueStats::jobs).containsExactly(1L, 1L);
    }
    assertThat(insights().robustness().get(0).verdict()).isEqualTo(Verdict.SPIKE);
  }

  @Test
  void neighbourStepsAreTheValuesOfEverySuccessJob() throws IOException {
    // a = 1..5 on one line; the filter keeps a = 1, 3, 5: stepping between those values would
    // make a = 1 and a = 5 (50 each) the neighbours of a = 3 (100): a plateau. The values run are
    // 1..5, so the neighbours are a = 2 and a = 4 (-10 each): a spike.
    double[] pnl = {50, -10, 100, -10, 50};
    for (int a = 1; a <= 5; a++) {
      write(dir, "a" + a, map("a", a, "fee", 5), map("realized_pnl_usd", pnl[a - 1]));
    }
    Robustness top = filtered(JobFilter.minPnl(0)).robustness().get(0);
    assertThat(top.job().jobId()).isEqualTo("a3");
    assertThat(top.neighbours()).isEqualTo(2);
    assertThat(top.neighbourMedian()).isEqualTo(-10.0);
    assertThat(top.verdict()).isEqualTo(Verdict.SPIKE);
  }

  @Test
  void aSmallDropIsNoSpikeWhenPnlsVaryMuchMore() throws IOException {
    // the best job makes 1.00 and its neighbours 0.00 (a drop of all of its PnL), but PnLs across
    // the session span hundreds (IQR 325): 1 > 0.5 x max(1, 325) is false, so a plateau
    double[][] pnl = {{0, 1, 0}, {-100, 0, -100}, {-200, -300, -200}, {-400, -500, -400}};
    GridDocs.grid(dir, pnl);
    Insights in = insights();
    assertThat(in.spread()).isEqualTo(325.0);
    Robustness top = in.robustness().get(0);
    assertThat(top.job().jobId()).isEqualTo("g_1_2");
    assertThat(top.neighbourMedian()).isEqualTo(0.0);
    assertThat(top.verdict()).isEqualTo(Verdict.PLATEAU);
  }

  @Test
  void neighbourMedianIsTheMiddleValueNotTheMean() throws IOException {
    // the centre (100) has neighbours 90, 90, 90 and -1000: median 90 (a plateau), mean -182.5
    GridDocs.grid(dir, new double[][] {{0, 90, 0}, {90, 100, 90}, {0, -1000, 0}});
    Robustness top = insights().robustness().get(0);
    assertThat(top.job().jobId()).isEqualTo("g_2_2");
    assertThat(top.neighbourMedian()).isEqualTo(90.0);
    assertThat(top.neighbourWorst()).isEqualTo(-1000.0);
    assertThat(top.verdict()).isEqualTo(Verdict.PLATEAU);
  }
}
