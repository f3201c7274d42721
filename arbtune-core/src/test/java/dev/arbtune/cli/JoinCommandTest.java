package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesLoader;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.testing.Cli;
import dev.arbtune.testing.Gzip;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arbtune join} end to end: real venue formats in, the quotes CSV out, errors. */
class JoinCommandTest {

  @TempDir Path tmp;

  private static final String GENERIC_A =
      "timestamp,bid,ask\n"
          + "2024-01-01T00:00:00Z,100.0,100.5\n"
          + "2024-01-01T00:00:02Z,101,101.5\n"
          + "2024-01-01T00:00:02Z,102,102.5\n"
          + "2024-01-01T00:00:20Z,103,103.5\n";

  /** Binance bookTicker (times in ms) for venue A. */
  private static final String BINANCE =
      "update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time,event_time\n"
          + "1,17207.5,1.2,17207.6,0.5,1670889660000,1670889660003\n"
          + "2,17207.4,1.0,17207.6,0.7,1670889660250,1670889660251\n"
          + "3,17207.9,1.0,17208.0,0.7,1670889661000,1670889661002\n";

  /** Tardis quotes (times in µs) for venue B. */
  private static final String TARDIS =
      "exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount\n"
          + "bybit,BTCUSD,1670889659900000,1670889659950000,10,17210.5,17210,20\n"
          + "bybit,BTCUSD,1670889660250125,1670889660300000,10,17211,17210.5,20\n"
          + "bybit,BTCUSD,1670889660600000,1670889660650000,10,,17210.5,20\n";

  private Path file(String name, String text) throws IOException {
    return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static Cli.Result join(Path a, Path b, Object output, String... more) {
    List<String> args = new ArrayList<>(List.of("join", "--venue-a", a.toString()));
    args.addAll(List.of("--venue-b", b.toString(), "--output", output.toString()));
    args.addAll(Arrays.asList(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private Path genericB() throws IOException {
    return file(
        "b.csv",
        "ask,bid,timestamp,venue\n"
            + "200.5,200,2024-01-01T00:00:01Z,x\n"
            + "201.5,201,2024-01-01T00:00:02.250Z,x\n"
            + "202.5,202,2024-01-01T00:00:30Z,x\n");
  }

  @Test
  void aJoinThatKeepsNoRowIsAnErrorAndLeavesNoFile() throws IOException {
    Path out = tmp.resolve("joined.csv");
    // Venue B's file is of the next day: every row is stale under the default 5 s.
    Path b =
        file(
            "b.csv",
            "timestamp,bid,ask\n2024-01-02T00:00:00Z,200,200.5\n2024-01-02T00:00:01Z,201,201.5\n");

    Cli.Result r = join(file("a.csv", GENERIC_A), b, out, "-q");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(out).doesNotExist();
    assertThat(r.err())
        .contains("arbtune join: 0 rows written to " + out)
        .contains(
            "error: the join wrote no row: 2 stale (--max-staleness), 0 one-sided, 3 before both"
                + " venues had quoted; do the two files cover the same time, in the right time"
                + " units? (no output file kept)");
  }

  @Test
  void joinsTwoGenericFilesAsOfEveryEventWithAgesAndASummary() throws IOException {
    Path out = tmp.resolve("out/joined.csv");

    Cli.Result r = join(file("a.csv", GENERIC_A), genericB(), out);

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(out))
        .isEqualTo(
            "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b,age_a_us,age_b_us\n"
                + "2024-01-01T00:00:01Z,100.0,100.5,200,200.5,1000000,0\n"
                + "2024-01-01T00:00:02Z,102,102.5,200,200.5,0,1000000\n"
                + "2024-01-01T00:00:02.250Z,102,102.5,201,201.5,250000,0\n");
    // at 20 s venue B's quote is 17.75 s old, at 30 s venue A's is 10 s old: both dropped
    assertThat(r.err())
        .contains("arbtune join: venue A: 4 rows of " + tmp.resolve("a.csv") + " (generic), 1 at")
        .contains(
            "0 crossed (bid > ask), 0 locked (bid = ask); longest gap 18s from 2024-01-01T00:00:02Z")
        .contains("arbtune join: 3 rows written to " + out)
        .contains("dropped 2 rows as stale (--max-staleness 5s; A's quote too old in 1, B's in 1)")
        .contains("1 event time before both venues had quoted");
    Quotes q = QuotesLoader.load(out);
    assertThat(q.size()).isEqualTo(3);
    assertThat(q.bidB(2)).isEqualTo(201.0);
  }

  @Test
  void joinsABinanceAndATardisFileIntoAGzipFileTheBacktestReads() throws IOException {
    Path out = tmp.resolve("btc.csv.gz");

    Cli.Result r =
        join(
            file("binance.csv", BINANCE),
            Files.write(
                tmp.resolve("tardis.csv.gz"), Gzip.of(TARDIS.getBytes(StandardCharsets.UTF_8))),
            out,
            "--max-staleness",
            "none",
            "--no-age-columns");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    String text;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(out))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // B's last quote has an empty ask: the rows from 0.6 s on are one-sided
    assertThat(text)
        .isEqualTo(
            "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n"
                + "2022-12-13T00:01:00Z,17207.5,17207.6,17210,17210.5\n"
                + "2022-12-13T00:01:00.250Z,17207.4,17207.6,17210,17210.5\n"
                + "2022-12-13T00:01:00.250125Z,17207.4,17207.6,17210.5,17211\n");
    assertThat(r.err())
        .contains("(binance-bookticker)")
        .contains("(tardis-quotes)")
        .contains("2 one-sided")
        .contains("1 event time before both venues had quoted");
    Cli.Result backtest = Cli.run("backtest", "--data-file", out.toString());
    assertThat(backtest.exitCode()).as(backtest.err()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void gridModeWritesOneRowPerStepWithAQuote() throws IOException {
    Path out = tmp.resolve("grid.csv");

    Cli.Result r =
        join(
            file("a.csv", GENERIC_A),
            genericB(),
            out,
            "--grid",
            "1s",
            "--max-staleness",
            "PT10S",
            "-q");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.err()).isEmpty();
    assertThat(Files.readString(out))
        .isEqualTo(
            "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b,age_a_us,age_b_us\n"
                + "2024-01-01T00:00:02Z,100.0,100.5,200,200.5,2000000,1000000\n"
                + "2024-01-01T00:00:03Z,102,102.5,201,201.5,1000000,750000\n");
  }

  @Test
  void outputDashWritesTheDataOnStdoutAndTheSummaryOnStderr() throws IOException {
    Cli.Result r = join(file("a.csv", GENERIC_A), genericB(), "-", "--no-age-columns");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .startsWith("timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n")
        .hasLineCount(4);
    assertThat(r.err()).contains("3 rows written to stdout").doesNotContain("timestamp,");
  }

  @Test
  void sortSortsFilesOutOfTimeOrderThatAreOtherwiseRefused() throws IOException {
    Path a =
        file("a.csv", "timestamp,bid,ask\n2024-01-01T00:00:02Z,2,3\n2024-01-01T00:00:01Z,1,2\n");
    Path b = file("b.csv", "timestamp,bid,ask\n2024-01-01T00:00:01Z,5,6\n");
    Path out = tmp.resolve("sorted.csv");

    Cli.Result refused = join(a, b, out);
    Cli.Result sorted = join(a, b, out, "--sort", "--no-age-columns");

    assertThat(refused.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(refused.err()).contains("line 3").contains("--sort");
    assertThat(sorted.exitCode()).as(sorted.err()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(out))
        .endsWith("2024-01-01T00:00:01Z,1,2,5,6\n2024-01-01T00:00:02Z,2,3,5,6\n");
  }

  @Test
  void everyBadInputIsOneLineWithExitOneAndLeavesNoOutput() throws IOException {
    Path good = file("good.csv", GENERIC_A);
    Path out = tmp.resolve("out/joined.csv");
    Files.createDirectory(tmp.resolve("folder"));
    String[][] cases = {
      {"missing.csv", null, "missing.csv: no such file"},
      {"folder", null, "folder is a folder; give its quote file"},
      {"empty.csv", "", "empty.csv"},
      {"unknown.csv", "time,price\n1,2\n", "binance-bookticker"},
      {
        "mixed.csv",
        "timestamp,bid,ask\n1704067200000,1,2\n1704067200000000,1,2\n",
        "mixed.csv, line 3"
      },
      {
        "order.csv",
        "timestamp,bid,ask\n2024-01-01T00:00:02Z,1,2\n2024-01-01T00:00:01Z,1,2\n",
        "--sort"
      },
      {"nan.csv", "timestamp,bid,ask\n2024-01-01T00:00:02Z,NaN,2\n", "nan.csv, line 2, column bid"},
    };
    for (String[] c : cases) {
      Path bad = c[1] == null ? tmp.resolve(c[0]) : file(c[0], c[1]);

      Cli.Result r = join(good, bad, out);

      assertThat(r.exitCode()).as(c[0] + ": " + r.err()).isEqualTo(ExitCodes.INPUT);
      assertThat(r.err().strip().lines()).as(c[0]).hasSize(1);
      assertThat(r.err()).as(c[0]).startsWith("arbtune join: error: ").contains(c[2]);
      assertThat(r.err()).doesNotContain("Exception");
      assertThat(out).doesNotExist();
      if (Files.exists(out.getParent())) {
        try (Stream<Path> left = Files.list(out.getParent())) {
          assertThat(left).as(c[0]).isEmpty();
        }
      }
    }
  }

  @Test
  void anOutputThatIsAnInputIsRefusedBeforeAnythingIsTouched() throws IOException {
    Path a = file("a.csv", GENERIC_A);

    Cli.Result r = join(a, genericB(), a);

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE_OR_FAILURE);
    assertThat(r.err()).contains("is the same file as --venue-a");
    assertThat(Files.readString(a)).isEqualTo(GENERIC_A);
  }

  @Test
  void badOptionValuesAreUsageErrorsNamingTheOption() throws IOException {
    Path a = file("a.csv", GENERIC_A);
    Path b = genericB();
    Path out = tmp.resolve("o.csv");
    String[][] cases = {
      {"--max-staleness", "5", "--max-staleness: invalid duration '5'"},
      {"--grid", "0s", "--grid must be longer than 0"},
      {"--grid", "none", "--grid: invalid duration 'none'"},
      {"--format-a", "bnance", "--format-a: unknown format 'bnance'"},
      {"--time-unit-b", "sec", "--time-unit-b: expected one of auto, s, ms, us, ns"},
    };
    for (String[] c : cases) {
      Cli.Result r = join(a, b, out, c[0], c[1]);

      assertThat(r.exitCode()).as(c[0]).isEqualTo(ExitCodes.USAGE_OR_FAILURE);
      assertThat(r.err()).as(c[0]).startsWith(c[2]);
      assertThat(out).doesNotExist();
    }
  }

  @Test
  void helpSaysWhatSortCostsAndWhereTheRulesAre() {
    Cli.Result r = Cli.run("join", "--help");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(r.out().replaceAll("\\s+", " "))
        .contains("held in memory whole, about 40 bytes a row")
        .contains("docs/JOIN.md")
        .contains("--max-staleness=DURATION");
  }
}
