package dev.arbtune.report;

import static dev.arbtune.testing.GridDocs.map;
import static dev.arbtune.testing.GridDocs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.CollectedSummary;
import dev.arbtune.aggregate.JobStatus;
import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.insights.InsightCollector;
import dev.arbtune.insights.InsightOptions;
import dev.arbtune.insights.Insights;
import dev.arbtune.result.Versions;
import dev.arbtune.testing.Chromium;
import dev.arbtune.testing.Docs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  @TempDir Path tmp;
  Path results;

  /** A 6 x 5 grid of spread x slippage on two data files, one lucky cell, two broken files. */
  @BeforeEach
  void session() {
    results = tmp.resolve("results");
    int n = 0;
    for (String file : List.of("d1.csv", "d2.csv")) {
      for (int spread = 10; spread <= 60; spread += 10) {
        for (int slip = 1; slip <= 9; slip += 2) {
          double pnl = spread * 2 - slip * 10 + (file.equals("d2.csv") ? -20 : 0);
          if (file.equals("d1.csv") && spread == 30 && slip == 5) {
            pnl = 900; // the lucky cell
          }
          write(
              results,
              String.format("s_%03d", ++n),
              map(
                  "data_file",
                  file,
                  "min_spread_bps",
                  spread * 1.0,
                  "slippage_bps",
                  slip * 1.0,
                  "tag",
                  "s"),
              map(
                  "total_trades",
                  20 + spread,
                  "closed_trades",
                  20 + spread,
                  "realized_pnl_usd",
                  pnl,
                  "max_drawdown_pct",
                  1 + (slip * spread % 17) / 2.0,
                  "sharpe_per_trade",
                  pnl / 1000.0,
                  "win_rate",
                  0.5));
        }
      }
    }
    Docs.write(results, "broken.json", "{\"status\": \"success\", \"config\": {");
    Docs.write(results, "failed.json", "{\"status\": \"error\", \"error\": \"boom\"}");
  }

  private HtmlReport.Content content() throws IOException {
    return HtmlReport.collect(
        TuningResultsAggregator.builder(results).maxResults(10).pareto(true).build(),
        new ScanProgress(),
        InsightOptions.DEFAULTS);
  }

  @Test
  void reportIsSelfContained() throws IOException {
    String html = HtmlReport.render(content());
    assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("http://", "https://");
    assertThat(html).doesNotContainPattern("(?i)<(script|link|iframe|object|embed)\\b");
    assertThat(html).doesNotContainPattern("(?i)url\\(|@import|href=");
    Matcher src = Pattern.compile("src=\"([^\"]{0,30})").matcher(html);
    int images = 0;
    while (src.find()) {
      assertThat(src.group(1)).startsWith("data:image/png;base64,");
      images++;
    }
    // scatter, heatmap, histogram, and one per varied parameter (3)
    assertThat(images).isEqualTo(6);
  }

  @Test
  void reportShowsCountsErrorsLeaderboardAndFlagsTheSpike() throws IOException {
    String html = HtmlReport.render(content());
    assertThat(html)
        .contains("Total jobs</div><div class=\"value\">62")
        .contains("Errors</div><div class=\"value\">2")
        .contains("malformed-json", "status-error")
        .contains("Leaderboard", "Pareto front", "Deflated Sharpe ratio")
        .contains("min_spread_bps", "slippage_bps", "data_file");
    // the lucky cell (job s_013: d1, spread 30, slippage 5) is first and flagged
    assertThat(html).containsPattern("(?s)class=\"flag\"><td class=\"num\">1</td><td><code>s_013");
    assertThat(html).contains("is an <span class=\"badge spike\">isolated spike</span>");
  }

  @Test
  void sampledScatterSaysSoOnTheChartCaption() throws IOException {
    AggregatedSummary summary = TuningResultsAggregator.of(results).summarize();
    InsightCollector c = new InsightCollector(256, 10);
    for (int i = 0; i < 50; i++) {
      c.accept(
          new AggregatedJobResult(
              "j" + i,
              null,
              Map.of("x", (long) i % 5),
              Map.of("realized_pnl_usd", (double) i, "max_drawdown_pct", 1.0 + i % 7),
              JobStatus.SUCCESS,
              "f.json",
              0,
              null));
    }
    Insights in = Insights.compute(new CollectedSummary<>(summary, c), InsightOptions.DEFAULTS);
    String html = HtmlReport.render(new HtmlReport.Content(results, summary, in, null));
    assertThat(html).contains("A fixed-seed random sample of 10 of the 50 jobs is drawn");
  }

  @Test
  void reportRendersInChromiumWithoutErrorsAndEveryChartIsDrawn() throws IOException {
    Path file = tmp.resolve("out/report.html");
    HtmlReport.write(
        TuningResultsAggregator.builder(results).pareto(true).build(), new ScanProgress(), file);
    Chromium.Report r = Chromium.open(file, tmp);
    assertThat(r.errors()).isEmpty();
    assertThat(r.title()).isEqualTo("arbtune report: results");
    assertThat(r.images()).hasSize(6);
    List<String> blank = new ArrayList<>();
    for (Chromium.ImageCheck i : r.images()) {
      assertThat(i.decoded()).as(i.alt()).isTrue();
      assertThat(i.width()).as(i.alt()).isEqualTo(Charts.WIDTH);
      if (i.variance() < 100 || i.colours() < 10) {
        blank.add(i.alt());
      }
    }
    assertThat(blank).isEmpty();
    assertThat(Files.readString(file)).contains("</html>");
  }

  @Test
  void collectCountsEveryJobOnceOnTheProgressItIsGiven() throws IOException {
    ScanProgress progress = new ScanProgress();
    HtmlReport.Content c =
        HtmlReport.collect(
            TuningResultsAggregator.builder(results).pareto(true).build(),
            progress,
            InsightOptions.DEFAULTS);
    assertThat(c.heatmap()).isNotNull(); // both passes ran
    assertThat(progress.jobs()).isEqualTo(62);
  }

  @Test
  void eachPassCountsOnItsOwnProgress() throws IOException {
    TuningResultsAggregator aggregator = TuningResultsAggregator.builder(results).build();
    ScanProgress first = new ScanProgress();
    ScanProgress second = new ScanProgress();
    HtmlReport.Content c = HtmlReport.firstPass(aggregator, first, InsightOptions.DEFAULTS);
    assertThat(c.heatmap()).isNull();
    assertThat(HtmlReport.needsSecondPass(c)).isTrue();
    c = HtmlReport.secondPass(aggregator, second, c);
    assertThat(c.heatmap().x()).isEqualTo(c.insights().parameters().get(0).name());
    assertThat(first.jobs()).isEqualTo(62);
    assertThat(second.jobs()).isEqualTo(62);
  }

  @Test
  void headerNamesTheVersionOfArbtune() throws IOException {
    assertThat(HtmlReport.render(content()))
        .contains(" &middot; arbtune " + Versions.version() + "</p></header>");
  }

  /**
   * A report over jobs with extreme PnLs and drawdowns (values a sweep with {@code
   * max_position_usd: 1e20} can produce) finishes with every chart and table. Before the fix these
   * hung in XChart's tick search (PnL 1e15, drawdown 1e20) or failed in it (PnL 1e-300, 1e300). The
   * time limit only guards against a hang.
   */
  @Test
  void reportOverExtremeValuesFinishesWithEveryChartAndTable() {
    double[][] cases = {
      {1e15},
      {1e15, 10, -5},
      {1e300},
      {-1e300, 10, -5},
      {1e-300},
      {1e-300, 2e-300, 0},
      {Double.MAX_VALUE, -Double.MAX_VALUE},
      {5}
    };
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          for (int c = 0; c < cases.length; c++) {
            Path dir = tmp.resolve("extreme" + c);
            int n = 0;
            for (int spread = 10; spread <= 30; spread += 10) {
              for (int slip = 1; slip <= 3; slip++) {
                double pnl = cases[c][n % cases[c].length];
                write(
                    dir,
                    String.format("x_%03d", ++n),
                    map("min_spread_bps", spread * 1.0, "slippage_bps", slip * 1.0, "tag", "x"),
                    map(
                        "total_trades",
                        10,
                        "realized_pnl_usd",
                        pnl,
                        "max_drawdown_pct",
                        n % 2 == 0 ? 1e20 : 2.0));
              }
            }
            String html =
                HtmlReport.render(
                    HtmlReport.collect(
                        TuningResultsAggregator.builder(dir).pareto(true).build(),
                        new ScanProgress(),
                        InsightOptions.DEFAULTS));
            String what = java.util.Arrays.toString(cases[c]);
            assertThat(html)
                .as(what)
                .contains("Total jobs</div><div class=\"value\">9")
                .contains("Leaderboard", "Pareto front", "Parameter importance")
                .doesNotContain("Chart left out");
            // scatter, heatmap, histogram, and one per varied parameter (2)
            assertThat(html.split("data:image/png;base64,", -1)).as(what).hasSize(6);
          }
        });
  }

  @Test
  void aChartThatCannotBeDrawnIsLeftOutWithANoteAndTheRestStays() {
    StringBuilder h = new StringBuilder();
    HtmlReport.figure(
        h,
        () -> {
          throw new Charts.NotDrawableException(
              "the chart of PnL by x has a value too large to compute with");
        },
        "Median PnL by x.");
    assertThat(h.toString())
        .contains("<figure class=\"omitted\"><p>Chart left out: the chart of PnL by x")
        .contains("<figcaption>Median PnL by x.</figcaption>")
        .doesNotContain("<img");
  }

  /**
   * The reviewer's documents: min_spread_bps of 0 and 1e-300 (or 0 and 1e300) and PnLs of about
   * 1e-300. The parameter's values print as 300-digit decimals; before the category labels were
   * bounded, the heatmap failed with a division by zero and no report was written.
   */
  @Test
  void reportOverParameterValuesWithHundredsOfDigitsHasEveryChart() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          for (double odd : new double[] {1e-300, 1e300}) {
            Path dir = tmp.resolve("digits" + odd);
            int n = 0;
            for (double spread : new double[] {0, odd}) {
              for (int slip = 0; slip < 3; slip++) {
                for (int trades = 1; trades <= 3; trades += 2) {
                  n++;
                  write(
                      dir,
                      String.format("t_%03d", n),
                      map(
                          "min_spread_bps",
                          spread,
                          "slippage_bps",
                          slip * 0.5,
                          "max_open_trades",
                          trades,
                          "tag",
                          "t"),
                      map(
                          "total_trades",
                          10,
                          "realized_pnl_usd",
                          (n % 4) * 1e-300,
                          "max_drawdown_pct",
                          0.0));
                }
              }
            }
            String html =
                HtmlReport.render(
                    HtmlReport.collect(
                        TuningResultsAggregator.builder(dir).pareto(true).build(),
                        new ScanProgress(),
                        InsightOptions.DEFAULTS));
            String what = Double.toString(odd);
            assertThat(html)
                .as(what)
                .contains("Total jobs</div><div class=\"value\">12")
                .doesNotContain("Chart left out");
            // scatter, heatmap, histogram, and one per varied parameter (3)
            assertThat(html.split("data:image/png;base64,", -1)).as(what).hasSize(7);
          }
        });
  }

  /**
   * Any other failure while drawing a chart leaves that chart out with a note in plain words; the
   * note names no Java class and the message of the failure is not shown.
   */
  @Test
  void aChartThatFailsToDrawIsLeftOutWithANoteThatNamesNoJavaClass() {
    StringBuilder h = new StringBuilder();
    HtmlReport.figure(
        h,
        () -> {
          throw new ArithmeticException("/ by zero");
        },
        "Median PnL by x.");
    assertThat(h.toString())
        .contains("<figure class=\"omitted\"><p>Chart left out: ")
        .contains("<figcaption>Median PnL by x.</figcaption>")
        .doesNotContain("<img", "Exception", "java.", "/ by zero");
  }
}
