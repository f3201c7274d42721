package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.plan.ParamGrid;
import dev.arbtune.plan.SessionConfig;
import dev.arbtune.plan.SessionFile;
import dev.arbtune.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartCommandTest {

  @TempDir Path tmp;

  @Test
  void runsTheWholeProductOnTheQuotesInsideTheJar() throws IOException {
    Path out = tmp.resolve("qs");
    Cli.Result r = Cli.run("quickstart", "--output-root", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Total Jobs:           36\n")
        .contains("Success Jobs:         36\n")
        .contains("Top 10 by Realized PnL (USD):")
        .contains("Pareto front")
        .contains("Parameter importance")
        .contains("Deflated Sharpe ratio");
    assertThat(out.resolve("session.yaml")).isRegularFile();
    assertThat(out.resolve("data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv"))
        .hasSameBinaryContentAs(
            Path.of("..", "data", "btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv"));
    assertThat(out.resolve("data/README.md")).content().contains("Provenance");
    assertThat(out.resolve("report.html")).content().startsWith("<!DOCTYPE html>");
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("total_jobs").asInt()).isEqualTo(36);
    assertThat(summary.has("insights")).isTrue();
    assertThat(r.err())
        .contains("Open the report: " + out.resolve("report.html"))
        .contains("[D39_AGG] Report written to: " + out.resolve("report.html"));

    Cli.Result again = Cli.run("quickstart", "--output-root", out.toString(), "--no-report");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).isEqualTo(r.out());
    assertThat(again.err()).contains("skipped:   36");
  }

  /**
   * The shipped session varies strategy parameters only: costs (fees, slippage) are one fixed,
   * stated assumption, so that the leaderboard cannot "find" that zero costs win.
   */
  @Test
  void sweepsStrategyParametersWithCostsFixedAndSaysSo() throws IOException {
    Path out = tmp.resolve("qs");
    Cli.Result r = Cli.run("quickstart", "--output-root", out.toString(), "--no-report");
    assertThat(r.exitCode()).as(r.err()).isZero();

    SessionConfig session = SessionFile.load(out.resolve("session.yaml"));
    List<String> varied = session.grids().stream().map(ParamGrid::name).toList();
    assertThat(varied)
        .contains("min_spread_bps", "max_open_trades")
        .doesNotContain("slippage_bps", "taker_fee_a_bps", "taker_fee_b_bps");
    assertThat(session.jobCount()).isEqualTo(36);

    JsonNode top =
        new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("top_by_pnl");
    for (int i = 0; i < 3; i++) {
      assertThat(top.get(i).get("metrics").get("total_trades").asLong())
          .as("rank %d trades", i + 1)
          .isPositive();
    }
    assertThat(r.err())
        .contains("Costs are fixed, not swept: taker fees 0.5 + 0.5 bps, slippage 0.5 bps")
        .contains(
            "Stress test: the winner "
                + top.get(0).get("job_id").asText()
                + " with fills at double slippage (1 bps instead of 0.5, entering at the same"
                + " spreads): PnL ");
  }

  /** A second run that finds every job done says so instead of "36 backtests in 0.1 s". */
  @Test
  void aRunThatFindsEveryJobDoneSaysItSkippedThem() {
    Path out = tmp.resolve("qs");
    assertThat(
            Cli.run("quickstart", "--output-root", out.toString(), "-q", "--no-report").exitCode())
        .isZero();
    Cli.Result again = Cli.run("quickstart", "--output-root", out.toString(), "--no-report");
    assertThat(again.exitCode()).isZero();
    assertThat(again.err())
        .contains("Quickstart: 36 jobs already done, skipped; 0 run.")
        .doesNotContain("36 backtests");
  }

  /**
   * {@code -q} prints the data (summary and insights) on stdout and, on stderr, only the lines
   * naming the files written: no session summary, no closing notes.
   */
  @Test
  void quietPrintsOnlyTheDataAndTheFilesWritten() {
    Path out = tmp.resolve("qs");
    Cli.Result r = Cli.run("quickstart", "--output-root", out.toString(), "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Total Jobs:           36\n");
    assertThat(r.err().lines())
        .containsExactly(
            "[D39_AGG] Summary written to: " + out.resolve("summary.json"),
            "[D39_AGG] Report written to: " + out.resolve("report.html"));
  }

  @Test
  void theShippedSessionEditedAndSweptAgainGivesTheSameSummary() throws IOException {
    Path out = tmp.resolve("qs");
    Cli.Result quick = Cli.run("quickstart", "--output-root", out.toString(), "-q", "--no-report");
    assertThat(quick.exitCode()).isZero();
    Cli.Result sweep =
        Cli.run(
            "sweep",
            "--config",
            out.resolve("session.yaml").toString(),
            "--output-root",
            tmp.resolve("again").toString(),
            "--data-root",
            out.toString(),
            "--pareto",
            "--insights",
            "-q");
    assertThat(sweep.exitCode()).isZero();
    assertThat(sweep.out()).isEqualTo(quick.out());
    assertThat(Files.readString(tmp.resolve("again/jobs.jsonl")))
        .isEqualTo(Files.readString(out.resolve("jobs.jsonl")));
  }

  @Test
  void anEditedSessionIsKeptAndRunWithFresh() throws IOException {
    Path out = tmp.resolve("qs");
    assertThat(
            Cli.run("quickstart", "--output-root", out.toString(), "-q", "--no-report").exitCode())
        .isZero();
    Path session = out.resolve("session.yaml");
    Files.writeString(
        session, Files.readString(session).replace("taker_fee_a_bps: 0.5", "taker_fee_a_bps: 3"));
    Cli.Result refused =
        Cli.run("quickstart", "--output-root", out.toString(), "-q", "--no-report");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("using your edited").contains("--fresh");
    assertThat(Files.readString(session)).contains("taker_fee_a_bps: 3");
    Cli.Result fresh =
        Cli.run("quickstart", "--output-root", out.toString(), "-q", "--no-report", "--fresh");
    assertThat(fresh.exitCode()).isZero();
    assertThat(Files.readString(out.resolve("jobs.jsonl"))).contains("\"taker_fee_a_bps\":3.0");
  }

  /**
   * A winner whose min_spread_bps is below its slippage cannot keep its entry threshold when the
   * slippage doubles (min_spread_bps stops at 0), so the stress line says that the threshold is
   * higher than the swept one, not lower.
   */
  @Test
  void theStressLineSaysTheThresholdIsHigherWhenMinSpreadCannotAbsorbTheExtraSlippage()
      throws IOException {
    Path out = tmp.resolve("qs");
    assertThat(
            Cli.run("quickstart", "--output-root", out.toString(), "-q", "--no-report").exitCode())
        .isZero();
    Path session = out.resolve("session.yaml");
    Files.writeString(
        session,
        Files.readString(session).replace("values: [0, 0.5, 1, 2, 3, 4]", "values: [0, 0.25]"));
    Cli.Result r = Cli.run("quickstart", "--output-root", out.toString(), "--no-report", "--fresh");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err())
        .contains(
            "with fills at double slippage (1 bps instead of 0.5, entering at min_spread_bps 0,"
                + " a higher threshold than the swept one)")
        .doesNotContain("lower threshold");
  }
}
