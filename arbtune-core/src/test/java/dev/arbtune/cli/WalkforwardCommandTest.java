package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.sweep.Sweep;
import dev.arbtune.testing.Cli;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalkforwardCommandTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BTC = "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv";
  private static final String EURUSD = "data/eurusd_fxcm_vs_oanda_1s_2014-05.csv.gz";

  @TempDir Path tmp;

  private Path btcSession() throws IOException {
    return Files.writeString(
        tmp.resolve("btc.yaml"),
        "data_file: "
            + REPO.resolve(BTC)
            + "\ntag_prefix: btc\ntaker_fee_a_bps: 0.5\ntaker_fee_b_bps: 0.5\n"
            + "grids:\n  - name: min_spread_bps\n    values: [0, 1, 2]\n"
            + "  - name: slippage_bps\n    values: [0, 1]\n");
  }

  private Path eurSession() throws IOException {
    return Files.writeString(
        tmp.resolve("eur.yaml"),
        "data_file: "
            + REPO.resolve(EURUSD)
            + "\ntag_prefix: eur\ntaker_fee_a_bps: 0\ntaker_fee_b_bps: 0\nslippage_bps: 0\n"
            + "max_position_usd: 10000\ninitial_balance_usd: 100000\n"
            + "grids:\n  - name: min_spread_bps\n    values: [0, 0.2]\n");
  }

  private static String[] args(Path session, Path out, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "walkforward",
                "--config",
                session.toString(),
                "--output-root",
                out.toString(),
                "--parallelism",
                "2"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  /**
   * Each window's winner is the best of standalone {@code backtest --start-time/--end-time} runs of
   * the grid's configs on its train window, with their metrics, and its test metrics are a
   * standalone run of the winner's config on the test window.
   */
  @Test
  void everyWindowEqualsStandaloneBacktestsOfTheSameConfigs() throws IOException {
    Path out = tmp.resolve("wf");
    Cli.Result r = Cli.run(args(btcSession(), out, "--train", "3h", "--test", "1h", "-q"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode wf = JSON.readTree(out.resolve("walkforward.json").toFile());
    JsonNode windows = wf.get("windows");
    assertThat(windows).hasSize(9);
    double[][] grid = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 0}, {2, 1}};
    int tested = 0;
    for (JsonNode w : windows) {
      String bestId = null;
      JsonNode bestMetrics = null;
      for (int k = 0; k < grid.length; k++) {
        JsonNode m =
            backtest(grid[k][0], grid[k][1], w.get("train_start").asText(), w.get("train_end"));
        if (bestMetrics == null
            || m.get("realized_pnl_usd")
                    .decimalValue()
                    .compareTo(bestMetrics.get("realized_pnl_usd").decimalValue())
                > 0) {
          bestId = "btc_000" + (k + 1);
          bestMetrics = m;
        }
      }
      JsonNode winner = w.get("winner");
      assertThat(winner.get("job_id").asText()).as("window %s", w.get("index")).isEqualTo(bestId);
      assertThat(withoutRuntime(winner.get("train_metrics"))).isEqualTo(bestMetrics);
      JsonNode config = winner.get("config");
      JsonNode test =
          backtest(
              config.get("min_spread_bps").asDouble(),
              config.get("slippage_bps").asDouble(),
              w.get("test_start").asText(),
              w.get("test_end"));
      assertThat(withoutRuntime(w.get("test_metrics"))).isEqualTo(test);
      tested++;
    }
    assertThat(tested).isEqualTo(9);
    assertThat(wf.get("stitched").get("windows_tested").asInt()).isEqualTo(9);
  }

  private JsonNode backtest(double minSpread, double slippage, String start, JsonNode end)
      throws IOException {
    Cli.Result r =
        Cli.run(
            "backtest",
            "--data-file",
            REPO.resolve(BTC).toString(),
            "--min-spread-bps",
            Double.toString(minSpread),
            "--slippage-bps",
            Double.toString(slippage),
            "--taker-fee-a-bps",
            "0.5",
            "--taker-fee-b-bps",
            "0.5",
            "--start-time",
            start,
            "--end-time",
            end.asText());
    assertThat(r.exitCode()).as(r.err()).isZero();
    return withoutRuntime(JSON.readTree(r.out()).get("metrics"));
  }

  private static JsonNode withoutRuntime(JsonNode metrics) {
    ObjectNode copy = metrics.deepCopy();
    copy.remove("runtime_seconds");
    return copy;
  }

  /**
   * The shipped EUR/USD quotes walk forward end to end; their weekends make windows without quotes,
   * reported as such; the stitched PnL is the exact sum of the test windows'. Stdout holds only the
   * summary, stderr only messages.
   */
  @Test
  void theEurUsdDataWalksForwardWithItsWeekendsReportedAsEmptyWindows() throws IOException {
    Path out = tmp.resolve("wf");
    Cli.Result r = Cli.run(args(eurSession(), out, "--train", "1d", "--test", "1d", "--report"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode wf = JSON.readTree(out.resolve("walkforward.json").toFile());
    JsonNode windows = wf.get("windows");
    assertThat(windows).hasSize(13);
    // 2014-05-03 05:00 to 05-04 05:00 and 05-10 to 05-11 are Saturdays: no quotes.
    for (int i : new int[] {2, 9}) {
      assertThat(windows.get(i).get("winner").isNull()).isTrue();
      assertThat(windows.get(i).get("no_winner_reason").asText())
          .isEqualTo("no quotes in the train window");
      assertThat(windows.get(i).get("train_jobs").asInt()).isZero();
    }
    for (int i : new int[] {1, 8}) {
      assertThat(windows.get(i).get("winner").isObject()).isTrue();
      assertThat(windows.get(i).get("test_metrics").isNull()).isTrue();
      assertThat(windows.get(i).get("no_test_reason").asText())
          .isEqualTo("no quotes in the test window");
    }
    BigDecimal sum = BigDecimal.ZERO;
    long trades = 0;
    int tested = 0;
    for (JsonNode w : windows) {
      if (w.get("test_metrics").isObject()) {
        sum = sum.add(w.get("test_metrics").get("realized_pnl_usd").decimalValue());
        trades += w.get("test_metrics").get("total_trades").asLong();
        tested++;
      }
    }
    JsonNode stitched = wf.get("stitched");
    assertThat(tested).isEqualTo(9);
    assertThat(stitched.get("windows_tested").asInt()).isEqualTo(9);
    assertThat(stitched.get("realized_pnl_usd").decimalValue()).isEqualByComparingTo(sum);
    assertThat(stitched.get("trades").asLong()).isEqualTo(trades);
    JsonNode equity = stitched.get("equity");
    assertThat(equity.get("times").size()).isEqualTo(equity.get("equity_usd").size()).isPositive();
    assertThat(wf.get("windows_with_winner").asInt()).isEqualTo(11);
    assertThat(wf.get("tail").asText()).isEqualTo("2014-05-15T05:00:02Z");

    assertThat(r.out()).startsWith("Walk-forward: 13 windows, train 1d, test 1d, step 1d;");
    assertThat(r.out()).contains("(no quotes in the train window)");
    assertThat(r.out()).contains("(no quotes in the test window)");
    assertThat(r.out()).contains("Stitched test: 9 windows, PnL ").contains("Winner changes: ");
    assertThat(r.out()).doesNotContain("[run]").doesNotContain("[walkforward]");
    assertThat(r.err()).contains("[walkforward] 13 windows over ");
    assertThat(r.err()).contains("[walkforward] Written to: " + out.resolve("walkforward.json"));
    assertThat(r.err()).doesNotContain("Walk-forward:").doesNotContain("Stitched test");
    assertThat(r.err()).contains("[walkforward] Report written to: " + out.resolve("report.html"));
    assertThat(Files.readString(out.resolve("report.html")))
        .startsWith("<!DOCTYPE html>")
        .contains("eurusd_fxcm_vs_oanda_1s_2014-05.csv.gz");
  }

  /** A finished walk-forward run again runs no job and writes the same record. */
  @Test
  void runningAgainRunsNoJobAndWritesTheSameJson() throws IOException {
    Path out = tmp.resolve("wf");
    String[] a = args(btcSession(), out, "--train", "3h", "--test", "1h", "--step", "2h");
    Cli.Result first = Cli.run(a);
    assertThat(first.exitCode()).as(first.err()).isZero();
    byte[] json = Files.readAllBytes(out.resolve("walkforward.json"));
    Cli.Result second = Cli.run(a);
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.err()).contains("; resuming").contains("  attempted: 0\n");
    assertThat(second.err()).doesNotContain("  attempted: 1");
    assertThat(Files.readAllBytes(out.resolve("walkforward.json"))).isEqualTo(json);
    assertThat(second.out()).isEqualTo(first.out());
  }

  /** Other durations in the same root are refused; --fresh starts over. */
  @Test
  void aDifferentWalkForwardIsRefusedUnlessFresh() throws IOException {
    Path out = tmp.resolve("wf");
    Path session = btcSession();
    assertThat(Cli.run(args(session, out, "--train", "3h", "--test", "1h", "-q")).exitCode())
        .isZero();
    Cli.Result refused = Cli.run(args(session, out, "--train", "4h", "--test", "1h", "-q"));
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(refused.err().strip())
        .isEqualTo(
            "arbtune walkforward: error: "
                + out
                + " holds the results of a different walk-forward (train changed from 3h to 4h);"
                + " give --fresh to delete them and start over, or use another output folder");
    Cli.Result otherRanking =
        Cli.run(args(session, out, "--train", "3h", "--test", "1h", "--min-trades", "3", "-q"));
    assertThat(otherRanking.exitCode()).isEqualTo(ExitCodes.INPUT);

    Cli.Result fresh =
        Cli.run(args(session, out, "--train", "4h", "--test", "1h", "--fresh", "-q"));
    assertThat(fresh.exitCode()).as(fresh.err()).isZero();
    JsonNode wf = JSON.readTree(out.resolve("walkforward.json").toFile());
    assertThat(wf.get("train").asText()).isEqualTo("4h");
    assertThat(wf.get("windows")).hasSize(8);
    // Only the new windows' documents are left: 8 windows x 6 jobs.
    try (var docs = Files.walk(out.resolve("train/results"))) {
      assertThat(docs.filter(p -> p.toString().endsWith(".json")).count()).isEqualTo(48);
    }
  }

  /** --fresh deletes only what the walk-forward wrote: a file of the user's stops it. */
  @Test
  void freshRefusesToDeleteAFileItDidNotWrite() throws IOException {
    Path out = tmp.resolve("wf");
    Path session = btcSession();
    assertThat(Cli.run(args(session, out, "--train", "3h", "--test", "1h", "-q")).exitCode())
        .isZero();
    Path mine = Files.writeString(out.resolve("train/results/w001/notes.txt"), "mine");
    Cli.Result r = Cli.run(args(session, out, "--train", "3h", "--test", "1h", "--fresh", "-q"));
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err()).contains("--fresh would delete").contains("notes.txt");
    assertThat(mine).exists();
    assertThat(out.resolve("walkforward.json")).exists();
  }

  @Test
  void aLockedRootIsOneClearError() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("wf"));
    try (Sweep.RootLock lock = Sweep.RootLock.acquire(out, "sweep")) {
      Cli.Result r = Cli.run(args(btcSession(), out, "--train", "3h", "--test", "1h"));
      assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
      assertThat(r.err().strip())
          .isEqualTo(
              "arbtune walkforward: error: another sweep is running in "
                  + out
                  + "; wait for it or use another folder");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void aBadDurationIsOneClearMessage() throws IOException {
    Cli.Result r = Cli.run(args(btcSession(), tmp.resolve("wf"), "--train", "3x", "--test", "1h"));
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err().strip())
        .isEqualTo(
            "arbtune walkforward: error: --train: invalid duration '3x'; expected a whole number and a"
                + " unit (us, ms, s, m, h, d), e.g. 5s or 250ms, or ISO-8601 such as PT5S");
    assertThat(r.out()).isEmpty();
    assertThat(tmp.resolve("wf")).doesNotExist();
  }

  @Test
  void windowsLongerThanTheDataAreOneClearMessage() throws IOException {
    Cli.Result r =
        Cli.run(args(btcSession(), tmp.resolve("wf"), "--train", "PT10H", "--test", "3h"));
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err().strip())
        .isEqualTo(
            "arbtune walkforward: error: --train 10h plus --test 3h is longer than the data"
                + " (2022-12-13T00:01:00Z to its last quote 2022-12-13T12:01:00Z, 12h): no full"
                + " window; shorten them");
    assertThat(r.out()).isEmpty();
    assertThat(tmp.resolve("wf")).doesNotExist();
  }

  /** No job passing the filters is reported per window, not an error; nothing is tested. */
  @Test
  void windowsWhereNoJobPassesTheFiltersHaveNoWinner() throws IOException {
    Path out = tmp.resolve("wf");
    Cli.Result r =
        Cli.run(args(btcSession(), out, "--train", "3h", "--test", "1h", "--min-trades", "1000"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode wf = JSON.readTree(out.resolve("walkforward.json").toFile());
    for (JsonNode w : wf.get("windows")) {
      assertThat(w.get("no_winner_reason").asText()).isEqualTo("no job passed the filters");
      assertThat(w.get("no_test_reason").asText()).isEqualTo("no winner in the train window");
      assertThat(w.get("train_succeeded").asInt()).isEqualTo(6);
      assertThat(w.get("train_passed_filters").asInt()).isZero();
    }
    assertThat(wf.get("filters").get(0).asText()).isEqualTo("min_trades=1000");
    assertThat(wf.get("stitched").get("windows_tested").asInt()).isZero();
    assertThat(wf.get("efficiency").get("reason").asText()).isEqualTo("no window was tested");
    assertThat(wf.get("windows_with_winner").asInt()).isZero();
    assertThat(r.out()).contains("(no job passed the filters)");
  }

  @Test
  void anchoredTrainWindowsAllStartAtTheFirstQuote() throws IOException {
    Path out = tmp.resolve("wf");
    Cli.Result r =
        Cli.run(args(btcSession(), out, "--train", "6h", "--test", "2h", "--anchored", "-q"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode windows = JSON.readTree(out.resolve("walkforward.json").toFile()).get("windows");
    assertThat(windows).hasSize(3);
    for (JsonNode w : windows) {
      assertThat(w.get("train_start").asText()).isEqualTo("2022-12-13T00:01:00Z");
    }
    assertThat(windows.get(2).get("train_end").asText()).isEqualTo("2022-12-13T10:01:00Z");
    assertThat(windows.get(2).get("test_end").asText()).isEqualTo("2022-12-13T12:01:00Z");
    assertThat(r.out()).contains("(anchored)");
  }

  /** A session naming venue files has them joined once; the joined quotes are the data. */
  @Test
  void aSessionNamingVenueFilesIsJoinedOnce() throws IOException {
    Path out = tmp.resolve("wf");
    Cli.Result r =
        Cli.run(
            "walkforward",
            "--config",
            REPO.resolve("examples/venues.yaml").toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            REPO.toString(),
            "--train",
            "2h",
            "--test",
            "1h",
            "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode wf = JSON.readTree(out.resolve("walkforward.json").toFile());
    assertThat(wf.get("data_file").asText()).startsWith(out.resolve("joined").toString());
    assertThat(wf.get("windows")).hasSize(10);
    try (var joined = Files.list(out.resolve("joined"))) {
      assertThat(joined.filter(p -> p.toString().endsWith(".csv")).count()).isEqualTo(1);
    }
  }

  @Test
  void aDataFileThatIsNoQuotesTableIsOneClearMessage() throws IOException {
    Path data = Files.writeString(tmp.resolve("q.csv"), "time,price\n1,2\n");
    Path session =
        Files.writeString(
            tmp.resolve("bad.yaml"),
            "data_file: " + data + "\ngrids:\n  - name: min_spread_bps\n    values: [0, 1]\n");
    Cli.Result r = Cli.run(args(session, tmp.resolve("wf"), "--train", "1h", "--test", "1h"));
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .startsWith("arbtune walkforward: error: cannot read the session's quotes: ")
        .contains("q.csv");
    assertThat(r.out()).isEmpty();
  }

  /** --strict: a window whose train results hold an error job exits 3; without it, 0. */
  @Test
  void strictExitsWith3WhenATrainWindowHasAnErrorJob() throws IOException {
    Path out = tmp.resolve("wf");
    Path session = btcSession();
    assertThat(Cli.run(args(session, out, "--train", "3h", "--test", "1h", "-q")).exitCode())
        .isZero();
    Files.writeString(out.resolve("train/results/w002/btc/broken.json"), "{");
    Cli.Result lenient = Cli.run(args(session, out, "--train", "3h", "--test", "1h", "-q"));
    assertThat(lenient.exitCode()).as(lenient.err()).isZero();
    JsonNode w2 = JSON.readTree(out.resolve("walkforward.json").toFile()).get("windows").get(1);
    assertThat(w2.get("train_jobs").asInt()).isEqualTo(7);
    assertThat(w2.get("train_succeeded").asInt()).isEqualTo(6);
    Cli.Result strict =
        Cli.run(args(session, out, "--train", "3h", "--test", "1h", "--strict", "-q"));
    assertThat(strict.exitCode()).isEqualTo(ExitCodes.STRICT);
    assertThat(strict.out()).startsWith("Walk-forward: 9 windows");
  }

  /**
   * Each window's winner is rank 1 whatever a count would say, so {@code --max-results} is not an
   * option of walkforward: given, it is refused as an unknown option before anything runs (it was
   * once accepted and ignored, which hid typos and wrong expectations).
   */
  @Test
  void maxResultsIsAnUnknownOptionAndNothingRuns() throws IOException {
    Path out = tmp.resolve("wf");
    Cli.Result r =
        Cli.run(args(btcSession(), out, "--train", "3h", "--test", "1h", "--max-results", "0"));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.USAGE_OR_FAILURE);
    assertThat(r.err().lines().findFirst().orElseThrow())
        .isEqualTo("Unknown options: '--max-results', '0'");
    assertThat(r.err())
        .contains("Usage: arbtune walkforward ")
        .endsWith("Try 'arbtune walkforward --help' for every option.\n");
    assertThat(r.out()).isEmpty();
    assertThat(out).doesNotExist();
  }

  /** One data file and the walk-forward's own windows: a grid cannot vary the file or times. */
  @Test
  void aGridVaryingTheWindowIsRefused() throws IOException {
    Path session =
        Files.writeString(
            tmp.resolve("g.yaml"),
            "data_file: "
                + REPO.resolve(BTC)
                + "\ngrids:\n  - name: start_time\n    values: [1, 2]\n");
    Cli.Result r = Cli.run(args(session, tmp.resolve("wf"), "--train", "1h", "--test", "1h"));
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err().strip())
        .startsWith(
            "arbtune walkforward: error: "
                + session
                + ":3: grids[0].name: start_time cannot be varied");
  }
}
