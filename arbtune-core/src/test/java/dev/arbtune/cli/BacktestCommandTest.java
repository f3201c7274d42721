package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.result.ResultDocument;
import dev.arbtune.result.ResultReader;
import dev.arbtune.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestCommandTest {

  @TempDir Path tmp;

  private static Path repoFile(String relative) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(relative))) {
        return p.resolve(relative);
      }
    }
    throw new IllegalStateException(relative);
  }

  private final String sample = repoFile("data/eurusd_sample.csv").toString();

  @Test
  void printsASuccessDocumentOnStdout() throws Exception {
    Cli.Result r =
        Cli.run(
            "backtest",
            "--data-file",
            sample,
            "--min-spread-bps",
            "0",
            "--taker-fee-a-bps",
            "0",
            "--taker-fee-b-bps",
            "0",
            "--slippage-bps",
            "0",
            "--tag",
            "demo");

    assertThat(r.exitCode()).as(r.err()).isZero();
    ResultDocument doc = new ResultReader().read(r.out().getBytes(StandardCharsets.UTF_8));
    assertThat(doc.isSuccess()).isTrue();
    assertThat(doc.declaredJobId()).isEqualTo("backtest");
    assertThat(doc.tag()).isEqualTo("demo");
    assertThat(doc.config()).containsEntry("data_file", sample);
    assertThat(((Number) doc.metrics().get("total_trades")).intValue()).isPositive();
    assertThat(r.err()).contains("arbtune backtest: ").contains("29575 quotes (1087 skipped)");
  }

  @Test
  void writesTheDocumentAndTheTradeLogToFiles() throws Exception {
    Path json = tmp.resolve("out/run_07.json");
    Path trades = tmp.resolve("out/trades.csv");

    Cli.Result r =
        Cli.run(
            "backtest",
            "--data-file",
            sample,
            "--min-spread-bps",
            "0",
            "--taker-fee-a-bps",
            "0",
            "--taker-fee-b-bps",
            "0",
            "--slippage-bps",
            "0",
            "--max-open-trades",
            "2",
            "--output-json",
            json.toString(),
            "--trades-csv",
            trades.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    ResultDocument doc = new ResultReader().read(json);
    assertThat(doc.declaredJobId()).isEqualTo("run_07");
    List<String> rows = Files.readAllLines(trades);
    assertThat(rows.get(0)).startsWith("trade_id,direction,status,");
    assertThat(rows).hasSize(1 + ((Number) doc.metrics().get("total_trades")).intValue());
    assertThat(r.err())
        .contains("result written to " + json)
        .contains("trades written to " + trades);
  }

  @Test
  void windowOptionsRestrictTheQuotes() throws Exception {
    Cli.Result r =
        Cli.run(
            "backtest",
            "--data-file",
            sample,
            "--start-time",
            "2014-05-06T12:00:00Z",
            "--end-time",
            "2014-05-06T13:00:00Z");

    assertThat(r.exitCode()).as(r.err()).isZero();
    ResultDocument doc = new ResultReader().read(r.out().getBytes(StandardCharsets.UTF_8));
    assertThat(((Number) doc.metrics().get("quotes_processed")).longValue()).isBetween(1L, 3600L);
    assertThat(doc.config()).containsEntry("start_time", "2014-05-06T12:00:00Z");
  }

  @Test
  void invalidConfigExitsOneWithAnErrorDocument() throws Exception {
    Path json = tmp.resolve("bad.json");

    Cli.Result r =
        Cli.run(
            "backtest",
            "--data-file",
            sample,
            "--slippage-bps",
            "-1",
            "--output-json",
            json.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("config.slippage_bps: must be a finite number >= 0, got -1.0");
    assertThat(r.err()).doesNotContain("Exception");
    ResultDocument doc = new ResultReader().read(json);
    assertThat(doc.status()).isEqualTo("error");
    assertThat(doc.error()).contains("slippage_bps");
    assertThat(doc.config()).containsEntry("slippage_bps", new java.math.BigDecimal("-1.0"));
  }

  @Test
  void missingDataFileExitsOne() {
    Cli.Result r = Cli.run("backtest", "--data-file", tmp.resolve("nope.csv").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("data_file not found: " + tmp.resolve("nope.csv"));
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aMissingRelativeDataFileNamesThePathTried() {
    Cli.Result r = Cli.run("backtest", "--data-file", "no-such-dir/nope.csv");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "data_file not found: no-such-dir/nope.csv (looked for "
                + Path.of("no-such-dir/nope.csv").toAbsolutePath()
                + ")")
        .doesNotContain("--data-root");
  }

  @Test
  void malformedDataExitsOneNamingLineAndColumn() throws Exception {
    Path bad = tmp.resolve("bad.csv");
    Files.writeString(
        bad, "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n1700000000000,1,1,1,oops\n");

    Cli.Result r = Cli.run("backtest", "--data-file", bad.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains(bad + ", line 2, column best_ask_b: expected a price");
  }

  @Test
  void aResultThatCannotBeWrittenExitsTwoWithTheReason() throws Exception {
    Path blocker = Files.writeString(tmp.resolve("blocker"), "a file where a folder should be");
    Path json = blocker.resolve("r.json");

    Cli.Result r = Cli.run("backtest", "--data-file", sample, "--output-json", json.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "arbtune backtest: error: --output-json "
                + json
                + ": "
                + blocker
                + " is a file, not a folder\n");
  }

  @Test
  void anUnreadableDataFileSaysWhyAsTheRunnerDoes() throws Exception {
    Path loop = tmp.resolve("loop.csv");
    Files.createSymbolicLink(loop, loop.getFileName());
    String expected;
    try {
      loop.toRealPath();
      throw new AssertionError("a link to itself resolves");
    } catch (java.nio.file.FileSystemException e) {
      String reason = dev.arbtune.run.JobRunner.describe(e);
      assertThat(reason).contains("symbolic link").endsWith(": " + loop);
      // the path is named once: the reason without it
      expected =
          "cannot read data_file "
              + loop
              + ": "
              + reason.substring(0, reason.length() - (": " + loop).length());
    }

    Cli.Result r = Cli.run("backtest", "--data-file", loop.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("arbtune backtest: error: " + expected + "\n");
    assertThat(expected).endsWith("(a link leads back to itself)");
  }

  @Test
  void minSpreadHelpSaysTheCostsAreThoseOfOnePairOfFills() {
    String help = Cli.run("backtest", "--help").out().replaceAll("\\s+", " ");

    assertThat(help).contains("a round trip costs about 2c").doesNotContain("round-trip");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(Cli.run("backtest").exitCode()).isEqualTo(2);
    assertThat(Cli.run("backtest", "--data-file", sample, "--min-spread-bps", "abc").exitCode())
        .isEqualTo(2);
  }

  @Test
  void helpExplainsEveryOption() {
    Cli.Result r = Cli.run("backtest", "--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains(
            "--data-file",
            "--min-spread-bps",
            "--taker-fee-a-bps",
            "--taker-fee-b-bps",
            "--slippage-bps",
            "--max-position-usd",
            "--max-open-trades",
            "--initial-balance-usd",
            "--stop-on-drawdown-pct",
            "--tag",
            "--start-time",
            "--end-time",
            "--time-unit",
            "--job-id",
            "--output-json",
            "--trades-csv",
            "Exit codes:",
            "default: 30.0");
  }

  /** Two round trips at microsecond times from 2023-11-14T22:13:20.123456Z. */
  private Path microsecondFile() throws Exception {
    long t0 = 1_700_000_000_123_456L;
    return Files.writeString(
        tmp.resolve("us.csv"),
        "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n"
            + (t0 + ",100,100,100.5,100.5\n")
            + (t0 + 250_000 + ",100,100,100,100\n")
            + (t0 + 1_500_001 + ",100,100,99.9,100\n")
            + (t0 + 2_000_000 + ",100,100,100.5,100.5\n")
            + (t0 + 3_999_999 + ",100,100,99.9,100\n"));
  }

  @Test
  void aMicrosecondFileKeepsItsMicrosecondsInTheTradeLogAndHoldingTime() throws Exception {
    Path data = microsecondFile();
    Path trades = tmp.resolve("trades.csv");

    Cli.Result auto = Cli.run("backtest", "--data-file", data.toString());
    Cli.Result given =
        Cli.run(
            "backtest",
            "--data-file",
            data.toString(),
            "--time-unit",
            "us",
            "--trades-csv",
            trades.toString());

    assertThat(auto.exitCode()).as(auto.err()).isZero();
    assertThat(given.exitCode()).as(given.err()).isZero();
    ResultDocument a = new ResultReader().read(auto.out().getBytes(StandardCharsets.UTF_8));
    ResultDocument g = new ResultReader().read(given.out().getBytes(StandardCharsets.UTF_8));
    assertThat(a.metrics().get("avg_holding_seconds")).isEqualTo(new java.math.BigDecimal("1.75"));
    assertThat(g.metrics().get("avg_holding_seconds")).isEqualTo(new java.math.BigDecimal("1.75"));
    assertThat(a.config()).doesNotContainKey("time_unit");
    assertThat(g.config()).containsEntry("time_unit", "us");
    assertThat(Files.readString(trades))
        .contains("2023-11-14T22:13:20.123456Z,2023-11-14T22:13:21.623457Z")
        .contains("2023-11-14T22:13:22.123456Z,2023-11-14T22:13:24.123455Z");
  }

  @Test
  void aWrongTimeUnitOrMoneyBeyondTheLimitExitsOneNamingTheField() throws Exception {
    Path data = microsecondFile();

    Cli.Result unit = Cli.run("backtest", "--data-file", data.toString(), "--time-unit", "sec");
    Cli.Result money =
        Cli.run("backtest", "--data-file", data.toString(), "--max-position-usd", "1e300");

    assertThat(unit.exitCode()).isEqualTo(1);
    assertThat(unit.err()).contains("config.time_unit: expected one of auto, s, ms, us, ns");
    assertThat(unit.err()).contains("(did you mean s?)");
    assertThat(money.exitCode()).isEqualTo(1);
    assertThat(money.err()).contains("config.max_position_usd: must be at most 1e12");
    assertThat(money.out() + money.err()).doesNotContain("Infinity");
  }

  @Test
  void aRunWhoseNumbersOverflowExitsOneWithAnErrorDocument() throws Exception {
    Path tiny =
        Files.writeString(
            tmp.resolve("tiny.csv"),
            "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n"
                + "1700000000,1e-306,1e-306,3e-306,3e-306\n"
                + "1700000001,3e-306,3e-306,1e-306,1e-306\n");
    Path json = tmp.resolve("tiny.json");

    Cli.Result r =
        Cli.run("backtest", "--data-file", tiny.toString(), "--output-json", json.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("the backtest's numbers overflow").doesNotContain("Exception");
    ResultDocument doc = new ResultReader().read(json);
    assertThat(doc.status()).isEqualTo("error");
    assertThat(doc.error()).startsWith("the backtest's numbers overflow: fees_paid_usd");
  }
}
