package dev.arbtune.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.backtest.Backtest;
import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.BacktestMetrics;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.insights.InsightOptions;
import dev.arbtune.result.ResultWriter;
import dev.arbtune.testing.Chromium;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's charts of the top jobs, re-run from their config on a copy of the BTC quotes. */
class JobChartsReportTest {

  @TempDir Path tmp;
  Path data;
  Path results;

  private static Path repoFile(String relative) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(relative))) {
        return p.resolve(relative);
      }
    }
    throw new IllegalStateException(relative);
  }

  /** Eight jobs over min_spread_bps and max_open_trades, real results of the engine. */
  @BeforeEach
  void session() throws IOException {
    data = tmp.resolve("data/btc.csv");
    Files.createDirectories(data.getParent());
    Files.copy(repoFile("data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv"), data);
    results = tmp.resolve("results");
    Files.createDirectories(results);
    var quotes = new QuotesCache().get(data);
    int n = 0;
    for (double spread : new double[] {0, 1, 2, 4}) {
      for (int open : new int[] {1, 3}) {
        BacktestConfig c =
            new BacktestConfig(
                data.toString(), spread, 1, 1, 0, 1000, open, 10000, null, "t", null, null);
        BacktestMetrics m = Backtest.run(c, quotes);
        String id = String.format("t_%02d", ++n);
        try (Writer w = Files.newBufferedWriter(results.resolve(id + ".json"))) {
          ResultWriter.success(w, id, c.toMap(), m.toMap(0.01));
        }
      }
    }
  }

  private Path report(Path dataRoot) throws IOException {
    HtmlReport.Content content =
        HtmlReport.collect(
            TuningResultsAggregator.builder(results).pareto(true).build(),
            new ScanProgress(),
            InsightOptions.DEFAULTS);
    Path file = tmp.resolve("out/report.html");
    HtmlReport.write(
        content, file, JobCharts.reportSection(content.summary().top(), results, dataRoot));
    return file;
  }

  private static int images(String html) {
    Matcher m = Pattern.compile("src=\"data:image/png;base64,").matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void theTopThreeJobsGetTheirChartsDrawnInChromium() throws IOException {
    Path file = report(null);
    String html = Files.readString(file);
    String plain =
        HtmlReport.render(
            HtmlReport.collect(
                TuningResultsAggregator.builder(results).pareto(true).build(),
                new ScanProgress(),
                InsightOptions.DEFAULTS));

    assertThat(html).contains("<h2>Top jobs over time</h2>", "<h3>#1 <code>", "<h3>#3 <code>");
    assertThat(html).doesNotContain("<h3>#4", "not reachable", "differs from the document");
    assertThat(images(html)).isEqualTo(images(plain) + 6);

    Chromium.Report r = Chromium.open(file, tmp);
    assertThat(r.errors()).isEmpty();
    assertThat(r.images()).hasSize(images(html));
    List<String> blank = new ArrayList<>();
    for (Chromium.ImageCheck i : r.images()) {
      assertThat(i.decoded()).as(i.alt()).isTrue();
      assertThat(i.width()).as(i.alt()).isEqualTo(Charts.WIDTH);
      if (i.variance() < 100 || i.colours() < 10) {
        blank.add(i.alt());
      }
    }
    assertThat(blank).isEmpty();
    assertThat(r.images().stream().map(Chromium.ImageCheck::alt))
        .anyMatch(a -> a.startsWith("Equity of t_"))
        .anyMatch(a -> a.startsWith("Spreads of t_"));
  }

  @Test
  void aDataFileThatMovedIsANoteAndTheReportIsStillWritten() throws IOException {
    Files.move(data, tmp.resolve("elsewhere.csv"));

    Path file = report(null);

    String html = Files.readString(file);
    assertThat(html)
        .contains("<h2>Top jobs over time</h2>")
        .contains("Data file not reachable (moved or deleted?): data_file not found: " + data)
        .contains("Its charts are left out")
        .contains("Leaderboard")
        .endsWith("</html>\n");
    assertThat(html).doesNotContain("alt=\"Equity of");
    Chromium.Report r = Chromium.open(file, tmp);
    assertThat(r.errors()).isEmpty();
  }

  @Test
  void aReRunThatDiffersSaysSoAboveTheCharts() throws IOException {
    List<String> lines = Files.readAllLines(data);
    List<String> edited = new ArrayList<>(List.of(lines.get(0)));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      f[1] = Double.toString(Double.parseDouble(f[1]) - 3);
      edited.add(String.join(",", f));
    }
    Files.write(data, edited);

    String html = Files.readString(report(null));

    assertThat(html).contains("The re-run differs from the document").contains("alt=\"Equity of");
  }

  @Test
  void noTopJobNoSection() {
    assertThat(JobCharts.reportSection(List.of(), results, null)).isEmpty();
  }
}
