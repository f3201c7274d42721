package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.TradesCsv;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.show.EquityCsv;
import dev.arbtune.testing.Chromium;
import dev.arbtune.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arbtune show} end to end through the command line, on a copy of the BTC quotes. */
class ShowCommandTest {

  @TempDir Path tmp;

  Path data;
  Path results;
  Path reference;

  private static Path repoFile(String relative) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(relative))) {
        return p.resolve(relative);
      }
    }
    throw new IllegalStateException(relative);
  }

  /** One job run by {@code backtest} into a results folder, its trade log kept beside. */
  @BeforeEach
  void oneJob() throws IOException {
    data = tmp.resolve("data/btc.csv");
    Files.createDirectories(data.getParent());
    Files.copy(repoFile("data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv"), data);
    results = tmp.resolve("results");
    reference = tmp.resolve("reference-trades.csv");
    Cli.Result r =
        Cli.run(
            "backtest",
            "--data-file",
            data.toString(),
            "--min-spread-bps",
            "1",
            "--taker-fee-a-bps",
            "1",
            "--taker-fee-b-bps",
            "1",
            "--slippage-bps",
            "0",
            "--max-open-trades",
            "3",
            "--job-id",
            "btc_0001",
            "--output-json",
            results.resolve("s/btc_0001.json").toString(),
            "--trades-csv",
            reference.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readAllLines(reference)).hasSizeGreaterThan(3);
  }

  private Cli.Result show(String jobId, String... more) {
    List<String> args =
        new ArrayList<>(List.of("show", jobId, "--results-dir", results.toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void showsTheTradesAndWritesTheThreeFiles() throws IOException {
    Path out = tmp.resolve("out");

    Cli.Result r = show("btc_0001", "--output-dir", out.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("WARNING");
    assertThat(r.out())
        .contains("Job btc_0001 (s/btc_0001.json)")
        .contains("Trades:", "opened", "closed")
        .contains("PnL:", "Win rate:", "Best trade:", "Worst trade:", "Longest hold:")
        .contains("First trade:  2022-12-13T", "Last trade:   2022-12-13T");
    // trades.csv is exactly what backtest --trades-csv wrote for the same job
    assertThat(Files.readString(out.resolve("trades.csv"))).isEqualTo(Files.readString(reference));
    List<String> equity = Files.readAllLines(out.resolve("equity.csv"));
    assertThat(equity.get(0)).isEqualTo(String.join(",", EquityCsv.COLUMNS));
    assertThat(equity.get(0)).isEqualTo("time,equity,drawdown_pct,open_trades");
    assertThat(equity).hasSizeGreaterThan(10);
    for (String row : equity.subList(1, equity.size())) {
      String[] f = row.split(",", -1);
      assertThat(f).hasSize(4);
      assertThat(f[0]).startsWith("2022-12-13T").endsWith("Z");
      assertThat(Double.parseDouble(f[1])).isPositive();
      assertThat(Double.parseDouble(f[2])).isGreaterThanOrEqualTo(0);
      assertThat(Integer.parseInt(f[3])).isBetween(0, 3);
    }
    String html = Files.readString(out.resolve("show.html"));
    assertThat(html).contains("<title>arbtune show: btc_0001</title>");
    assertThat(html).doesNotContainPattern("(?i)<(script|link|iframe)\\b|https?://");
    Matcher src = Pattern.compile("src=\"(data:image/png;base64,)").matcher(html);
    int images = 0;
    while (src.find()) {
      images++;
    }
    assertThat(images).isEqualTo(2);
    assertThat(r.err()).contains("arbtune show: wrote ").contains("trades.csv");
  }

  @Test
  void theTradesCsvHasExactlyTheBacktestColumns() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(show("btc_0001", "--output-dir", out.toString()).exitCode()).isZero();
    assertThat(Files.readAllLines(out.resolve("trades.csv")).get(0))
        .isEqualTo(String.join(",", TradesCsv.COLUMNS));
  }

  @Test
  void theShowPageRendersInChromiumWithBothChartsDrawn() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(show("btc_0001", "--output-dir", out.toString()).exitCode()).isZero();

    Chromium.Report r = Chromium.open(out.resolve("show.html"), tmp);

    assertThat(r.errors()).isEmpty();
    assertThat(r.title()).isEqualTo("arbtune show: btc_0001");
    assertThat(r.images()).hasSize(2);
    for (Chromium.ImageCheck i : r.images()) {
      assertThat(i.decoded()).as(i.alt()).isTrue();
      assertThat(i.variance()).as(i.alt()).isGreaterThan(100);
      assertThat(i.colours()).as(i.alt()).isGreaterThan(10);
    }
  }

  @Test
  void anUnknownJobNamesTheFolderAndSuggestsCloseIds() {
    Cli.Result r = show("btc_001", "--output-dir", tmp.resolve("out").toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err())
        .contains("no job with job_id btc_001 among the 1 jobs of " + results)
        .contains("did you mean btc_0001?");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void aJobIdClaimedTwiceNamesBothFiles() throws IOException {
    Files.createDirectories(results.resolve("t"));
    Files.copy(results.resolve("s/btc_0001.json"), results.resolve("t/btc_0001.json"));

    Cli.Result r = show("btc_0001", "--output-dir", tmp.resolve("out").toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err())
        .contains("is claimed by 2 documents")
        .contains("s/btc_0001.json and t/btc_0001.json");
  }

  @Test
  void anErrorDocumentSaysItsKindAndMessage() throws IOException {
    Files.writeString(
        results.resolve("s/bad.json"),
        "{\"status\": \"error\", \"error\": \"data_file not found: q.csv\","
            + " \"config_summary\": {\"job_id\": \"btc_0002\"}}");

    Cli.Result r = show("btc_0002", "--output-dir", tmp.resolve("out").toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err())
        .contains("job btc_0002 (s/bad.json) is an error job, status-error")
        .contains("data_file not found: q.csv")
        .doesNotContain("Exception");
  }

  @Test
  void aMissingDataFileIsAClearError() throws IOException {
    Files.delete(data);

    Cli.Result r = show("btc_0001", "--output-dir", tmp.resolve("out").toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err())
        .contains("cannot re-run job btc_0001 of s/btc_0001.json: data_file not found: " + data)
        .contains("--data-root")
        .doesNotContain("Exception");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void anEditedDataFileIsReportedLoudlyWithExitCode4() throws IOException {
    // Every bid on venue B one dollar higher: the same config trades otherwise now.
    List<String> lines = Files.readAllLines(data, StandardCharsets.UTF_8);
    List<String> edited = new ArrayList<>(List.of(lines.get(0)));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      f[3] = Double.toString(Double.parseDouble(f[3]) + 1.0);
      f[4] = Double.toString(Math.max(Double.parseDouble(f[4]), Double.parseDouble(f[3])));
      edited.add(String.join(",", f));
    }
    Files.write(data, edited, StandardCharsets.UTF_8);
    Path out = tmp.resolve("out");

    Cli.Result r = show("btc_0001", "--output-dir", out.toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.RERUN_DIFFERS).isEqualTo(4);
    assertThat(r.err())
        .contains("WARNING: THE RE-RUN DOES NOT REPRODUCE THE DOCUMENT")
        .contains("the data file or the engine changed")
        .contains("realized_pnl_usd: document ");
    assertThat(out.resolve("show.html")).exists();
    assertThat(Files.readString(out.resolve("show.html")))
        .contains("The re-run differs from the document");
  }

  @Test
  void neverWritesIntoTheResultsFolder() {
    Cli.Result r = show("btc_0001", "--output-dir", results.resolve("show").toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE_OR_FAILURE);
    assertThat(r.err()).contains("is inside the results folder");
    assertThat(results.resolve("show")).doesNotExist();
  }

  @Test
  void aRelativeDataFileIsReadFromTheDataRoot() throws IOException {
    // The document names data/btc.csv relative to tmp; the current folder does not hold it.
    Path doc = results.resolve("s/btc_0001.json");
    Files.writeString(doc, Files.readString(doc).replace("\"" + data + "\"", "\"data/btc.csv\""));
    Path out = tmp.resolve("out");

    Cli.Result missing = show("btc_0001", "--output-dir", out.toString());
    Cli.Result found =
        show("btc_0001", "--output-dir", out.toString(), "--data-root", tmp.toString());

    assertThat(missing.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(missing.err()).contains("data_file not found: data/btc.csv");
    assertThat(found.exitCode()).as(found.err()).isZero();
  }

  @Test
  void helpDocumentsTheFilesAndExitCode4() {
    Cli.Result r = Cli.run("show", "--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("Usage: arbtune show ", "JOB_ID", "--results-dir=DIR", "--output-dir=OUT")
        .contains("trades.csv", "equity.csv", "show.html")
        .contains("Exit codes:")
        .containsPattern("4\\s+show: the re-run's metrics differ");
  }
}
