package dev.arbtune.run;

import static dev.arbtune.run.RunFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.Backtest;
import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.backtest.QuotesLoader;
import dev.arbtune.result.ResultDocument;
import dev.arbtune.result.ResultReader;
import dev.arbtune.result.ResultWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRunnerTest {

  @TempDir Path out;

  private final Path repo = RunFixtures.repoRoot();
  private final JobRunner runner = new JobRunner(new QuotesCache(), repo, new ResultWriter(false));
  private final ResultReader reader = new ResultReader();

  @Test
  void writesASuccessDocumentWithTheEngineMetrics() throws Exception {
    PlanLine p =
        PlanLine.parse(
            1,
            line(
                "j1",
                "data/eurusd_sample.csv",
                "s/j1.json",
                "\"min_spread_bps\": 0, \"taker_fee_a_bps\": 0, \"taker_fee_b_bps\": 0,"
                    + " \"slippage_bps\": 0, \"tag\": \"s\""));

    JobOutcome o = runner.run(p, out, false);

    assertThat(o.status()).isEqualTo(JobOutcome.Status.SUCCESS);
    assertThat(o.output()).isEqualTo(out.resolve("s/j1.json"));
    ResultDocument doc = reader.read(o.output());
    assertThat(doc.isSuccess()).isTrue();
    assertThat(doc.declaredJobId()).isEqualTo("j1");
    assertThat(doc.tag()).isEqualTo("s");
    assertThat(doc.config()).containsEntry("data_file", "data/eurusd_sample.csv");
    BacktestConfig c = p.config();
    var expected = Backtest.run(c, QuotesLoader.load(repo.resolve("data/eurusd_sample.csv")));
    assertThat(o.metrics()).isEqualTo(expected);
    assertThat(((Number) doc.metrics().get("total_trades")).intValue())
        .isEqualTo(expected.totalTrades());
    assertThat(doc.metrics()).containsKey("runtime_seconds").containsEntry("quotes_skipped", 1087L);
  }

  @Test
  void missingDataFileIsAnErrorDocumentNamingItAndTheLine() throws Exception {
    JobOutcome o =
        runner.run(PlanLine.parse(4, line("j4", "data/nope.csv", "j4.json", "")), out, false);

    assertThat(o.status()).isEqualTo(JobOutcome.Status.ERROR);
    assertThat(o.error())
        .startsWith("plan line 4: data_file not found: data/nope.csv (looked for ");
    ResultDocument doc = reader.read(out.resolve("j4.json"));
    assertThat(doc.status()).isEqualTo("error");
    assertThat(doc.error()).isEqualTo(o.error());
    assertThat(doc.config()).containsEntry("data_file", "data/nope.csv");
  }

  @Test
  void malformedDataIsAnErrorDocumentNamingFileLineAndColumn() throws Exception {
    Files.writeString(
        out.resolve("bad.csv"),
        "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n1700000000000,1,1,1,1\n1700000001000,1,1,x,1\n");
    JobRunner local = new JobRunner(new QuotesCache(), out, new ResultWriter(false));

    JobOutcome o = local.run(PlanLine.parse(2, line("j", "bad.csv", "r/j.json", "")), out, false);

    assertThat(o.error())
        .isEqualTo(
            "plan line 2: data_file "
                + out.resolve("bad.csv")
                + ", line 3, column best_bid_b:"
                + " expected a price, got \"x\"");
  }

  @Test
  void outputEscapingTheRootIsRefusedAndReportedInTheInvalidLinesFolder() throws Exception {
    // Deep enough that an escape, should the guard ever fail, still lands inside the temp folder.
    Path root = Files.createDirectories(out.resolve("a/b/c/root"));

    JobOutcome o =
        runner.run(
            PlanLine.parse(5, line("j5", "data/eurusd_sample.csv", "../../etc/j5.json", "")),
            root,
            false);

    assertThat(o.status()).isEqualTo(JobOutcome.Status.ERROR);
    assertThat(o.output()).isEqualTo(root.resolve("_invalid_plan_lines/line_000005.json"));
    assertThat(o.error()).contains("must stay inside the output root");
    assertThat(reader.read(o.output()).declaredJobId()).isEqualTo("j5");
    assertThat(out.resolve("a/b/etc/j5.json")).doesNotExist();
    assertThat(out.resolve("a/b/etc")).doesNotExist();
  }

  @Test
  void outputThroughASymbolicLinkOutOfTheRootIsRefused() throws Exception {
    Path root = Files.createDirectories(out.resolve("root"));
    Path outside = Files.createDirectories(out.resolve("outside"));
    Files.createSymbolicLink(root.resolve("link"), Path.of("../outside"));

    JobOutcome direct =
        runner.run(
            PlanLine.parse(2, line("j2", "data/eurusd_sample.csv", "link/x.json", "")),
            root,
            false);
    JobOutcome deeper =
        runner.run(
            PlanLine.parse(3, line("j3", "data/eurusd_sample.csv", "link/sub/y.json", "")),
            root,
            false);

    assertThat(direct.status()).isEqualTo(JobOutcome.Status.ERROR);
    assertThat(direct.error())
        .isEqualTo(
            "plan line 2: output_json link/x.json leads outside the output root through a symbolic"
                + " link (to "
                + outside.toRealPath()
                + ")");
    assertThat(direct.output()).isEqualTo(root.resolve("_invalid_plan_lines/line_000002.json"));
    assertThat(reader.read(direct.output()).error()).isEqualTo(direct.error());
    assertThat(deeper.status()).isEqualTo(JobOutcome.Status.ERROR);
    assertThat(deeper.error()).contains("leads outside the output root");
    try (var files = Files.list(outside)) {
      assertThat(files).as("nothing written or created outside").isEmpty();
    }
  }

  @Test
  void aSymbolicLinkThatStaysInsideTheRootIsFine() throws Exception {
    Path root = Files.createDirectories(out.resolve("root"));
    Files.createDirectories(root.resolve("real"));
    Files.createSymbolicLink(root.resolve("alias"), Path.of("real"));

    JobOutcome o =
        runner.run(
            PlanLine.parse(1, line("j", "data/eurusd_sample.csv", "alias/j.json", "")),
            root,
            false);

    assertThat(o.status()).as(o.error()).isEqualTo(JobOutcome.Status.SUCCESS);
    assertThat(root.resolve("real/j.json")).exists();
  }

  @Test
  void resumeRunsAgainWhenTheDocumentIsOfAnotherConfigOrJobId() throws Exception {
    String data = "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv";
    PlanLine first = PlanLine.parse(1, line("g", data, "g.json", "\"min_spread_bps\": 30"));
    PlanLine otherConfig = PlanLine.parse(1, line("g", data, "g.json", "\"min_spread_bps\": 7"));
    PlanLine otherId = PlanLine.parse(1, line("h", data, "g.json", "\"min_spread_bps\": 7"));
    runner.run(first, out, false);

    assertThat(runner.run(first, out, true).status())
        .as("30 in the plan, 30.0 in the document: the same config")
        .isEqualTo(JobOutcome.Status.SKIPPED);
    assertThat(runner.run(otherConfig, out, true).status()).isEqualTo(JobOutcome.Status.SUCCESS);
    assertThat(reader.read(out.resolve("g.json")).config().get("min_spread_bps").toString())
        .isEqualTo("7.0");
    assertThat(runner.run(otherId, out, true).status()).isEqualTo(JobOutcome.Status.SUCCESS);
    assertThat(reader.read(out.resolve("g.json")).declaredJobId()).isEqualTo("h");
    assertThat(runner.run(otherId, out, true).status()).isEqualTo(JobOutcome.Status.SKIPPED);
  }

  @Test
  void withoutResumeAJobRunsAgainOverItsSuccessDocument() throws Exception {
    PlanLine good =
        PlanLine.parse(
            1, line("g", "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv", "g.json", ""));
    runner.run(good, out, false);
    Path doc = out.resolve("g.json");
    Files.writeString(doc, Files.readString(doc).replace("\"total_trades\"", "\"edited\""));

    JobOutcome again = runner.run(good, out, false);

    assertThat(again.status()).isEqualTo(JobOutcome.Status.SUCCESS);
    assertThat(Files.readString(doc)).contains("\"total_trades\"").doesNotContain("edited");
  }

  @Test
  void aLineWhoseOutputIsClaimedElsewhereGoesToTheInvalidLinesFolder() throws Exception {
    PlanLine p = PlanLine.parse(9, line("j9", "data/eurusd_sample.csv", "x.json", ""));

    JobOutcome o = runner.run(p, out, false, "output_json x.json is already taken");

    assertThat(o.status()).isEqualTo(JobOutcome.Status.ERROR);
    assertThat(o.error()).isEqualTo("plan line 9: output_json x.json is already taken");
    assertThat(o.output()).isEqualTo(out.resolve("_invalid_plan_lines/line_000009.json"));
    assertThat(out.resolve("x.json")).doesNotExist();
  }

  @Test
  void resumeSkipsASuccessDocumentButRerunsAnError() throws Exception {
    PlanLine good =
        PlanLine.parse(
            1, line("g", "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv", "g.json", ""));
    PlanLine bad = PlanLine.parse(2, line("b", "data/nope.csv", "b.json", ""));
    runner.run(good, out, false);
    runner.run(bad, out, false);

    assertThat(runner.run(good, out, true).status()).isEqualTo(JobOutcome.Status.SKIPPED);
    assertThat(runner.run(bad, out, true).status()).isEqualTo(JobOutcome.Status.ERROR);
  }

  @Test
  void anUnwritableFolderIsAnErrorOutcomeNotAnException() throws Exception {
    Files.writeString(out.resolve("blocker"), "a file where a folder should be");

    JobOutcome o =
        runner.run(
            PlanLine.parse(1, line("j", "data/eurusd_sample.csv", "blocker/j.json", "")),
            out,
            false);

    assertThat(o.status()).isEqualTo(JobOutcome.Status.ERROR);
    assertThat(o.error()).contains("cannot write the result").contains("blocker");
    assertThat(o.output()).isEqualTo(out.resolve("_invalid_plan_lines/line_000001.json"));
    assertThat(reader.read(o.output()).error()).isEqualTo(o.error());
  }

  @Test
  void whenNoDocumentCanBeWrittenAnywhereTheOutcomeNamesNone() throws Exception {
    Files.writeString(out.resolve("blocker"), "a file where a folder should be");
    Files.writeString(out.resolve("_invalid_plan_lines"), "and one here");

    JobOutcome o =
        runner.run(
            PlanLine.parse(1, line("j", "data/eurusd_sample.csv", "blocker/j.json", "")),
            out,
            false);

    assertThat(o.status()).isEqualTo(JobOutcome.Status.ERROR);
    assertThat(o.error()).contains("cannot write the result").doesNotContain("instead");
    assertThat(o.output()).isNull();
  }
}
