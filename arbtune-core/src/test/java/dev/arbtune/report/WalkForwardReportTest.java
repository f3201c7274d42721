package dev.arbtune.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.io.InputProblem;
import dev.arbtune.testing.Chromium;
import dev.arbtune.testing.Docs;
import dev.arbtune.testing.WalkForwardSample;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walk-forward page, from a hand-written walkforward.json. */
class WalkForwardReportTest {

  @TempDir Path tmp;

  private Map<String, Object> sample() throws IOException {
    return WalkForwardReport.read(WalkForwardSample.write(tmp));
  }

  private static List<BufferedImage> images(String html) throws IOException {
    List<BufferedImage> images = new ArrayList<>();
    Matcher m = Pattern.compile("src=\"data:image/png;base64,([^\"]+)\"").matcher(html);
    while (m.find()) {
      images.add(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1)))));
    }
    return images;
  }

  private static int colours(BufferedImage img) {
    Set<Integer> seen = new HashSet<>();
    for (int x = 0; x < img.getWidth(); x += 2) {
      for (int y = 0; y < img.getHeight(); y += 2) {
        seen.add(img.getRGB(x, y));
      }
    }
    return seen.size();
  }

  /** Every row of the table: the window's cells in order, tags stripped. */
  private static List<String> rows(String html) {
    String table = html.substring(html.indexOf("<h2>Windows</h2>"));
    table = table.substring(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
    List<String> rows = new ArrayList<>();
    for (String row : table.split("</tr>")) {
      if (row.contains("<td")) {
        rows.add(
            row.replaceAll("<wbr>", "")
                .replaceAll("</td><td[^>]*>", " | ")
                .replaceAll("<[^>]+>", "")
                .strip());
      }
    }
    return rows;
  }

  @Test
  void tableHasOneRowPerWindowWithTheWinnerItsParametersAndPnlOrWhyNot() throws IOException {
    String html = WalkForwardReport.render(sample());
    assertThat(rows(html))
        .containsExactly(
            "1 | 2014-05-01 00:00 → 2014-05-04 00:00 | 10 / 12 / 12 | w001_0003 |"
                + " min_spread_bps=30 slippage_bps=5  | +300.00 | 2014-05-04 00:00 → 2014-05-05"
                + " 00:00 | +80.50 | 4 | 1.25% |",
            "2 | 2014-05-02 00:00 → 2014-05-05 00:00 | 0 / 0 / 12 |  |  |  | 2014-05-05 00:00 →"
                + " 2014-05-06 00:00 |  |  |  | no winner: no quotes in the train window",
            "3 | 2014-05-03 00:00 → 2014-05-06 00:00 | 7 / 12 / 12 | w003_0007 changed |"
                + " min_spread_bps=40 slippage_bps=5  | +150.00 | 2014-05-06 00:00 → 2014-05-07"
                + " 00:00 |  |  |  | no test: no quotes in the test window",
            "4 | 2014-05-04 00:00 → 2014-05-07 00:00 | 11 / 12 / 12 | w004_0007 |"
                + " min_spread_bps=40 slippage_bps=5  | -60.00 | 2014-05-07 00:00 → 2014-05-08"
                + " 00:00 | -20.25 | 5 | 2.50% |");
    // the windows without a winner or a test are flagged; the window's own times and the tag are
    // not parameters, the keys every winner shares are listed once
    assertThat(html.split("<tr class=\"flag\">", -1)).hasSize(3);
    assertThat(html)
        .contains(
            "Same in every winner: <code>data_file=data/eurusd_2014.csv</code>"
                + " <code>max_open_trades=1</code></p>")
        .doesNotContain("start_time=", "end_time=", "tag=");
  }

  @Test
  void pageShowsTheSettingsTotalsWinnerChangesAndWhyThereIsNoEfficiency() throws IOException {
    String html = WalkForwardReport.render(sample());
    assertThat(html)
        .contains("<title>arbtune walk-forward: eurusd_2014.csv</title>")
        .contains("<tr><th>session file</th><td><code>sessions/eurusd.yaml</code></td></tr>")
        .contains("<tr><th>data span</th><td>2014-05-01 00:00 → 2014-05-08 07:59:59.5</td></tr>")
        .contains(
            "<tr><th>not tested</th><td>from 2014-05-08 00:00 on: too short for another train and"
                + " test window</td></tr>")
        .contains("<tr><th>train window</th><td>3d</td></tr>")
        .contains("<tr><th>test window</th><td>1d</td></tr>")
        .contains("<tr><th>step</th><td>1d</td></tr>")
        .contains("no: the train window moves by the step")
        .contains("<code>realized_pnl_usd</code> (descending)")
        .contains("<code>min_trades: 5</code> <code>max_drawdown_pct: 15.0</code>")
        .contains("<tr><th>windows tested</th><td>2</td></tr>")
        .contains("<tr><th>realized PnL (sum of the test windows)</th><td>+60.25</td></tr>")
        .contains("<tr><th>trades</th><td>9</td></tr>")
        .contains("<tr><th>worst drawdown</th><td>35.50 USD</td></tr>")
        .contains("<tr><th>test PnL per year</th><td>+10,995.62 USD</td></tr>")
        .contains(
            "<tr><th>walk-forward efficiency</th><td>not computed: the train PnL is not positive"
                + " (-60.00 USD a window on average)</td></tr>")
        .contains("<tr><th>winner changes</th><td>1 <span class=\"muted\">over 3 windows")
        .contains("Stitched test PnL</div><div class=\"value\">+60.25")
        .contains("WFE</div><div class=\"value\">-<");
  }

  @Test
  void pageIsSelfContainedWithBothChartsDrawn() throws IOException {
    String html = WalkForwardReport.render(sample());
    assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("http://", "https://");
    assertThat(html).doesNotContainPattern("(?i)<(script|link|iframe|object|embed)\\b");
    assertThat(html).doesNotContainPattern("(?i)url\\(|@import|href=").doesNotContain("left out");
    assertThat(html)
        .contains("per calendar day of the window")
        .contains("The stitched test equity");
    List<BufferedImage> images = images(html);
    assertThat(images).hasSize(2);
    for (BufferedImage img : images) {
      assertThat(img.getWidth()).isEqualTo(Charts.WIDTH);
      assertThat(colours(img)).isGreaterThan(10);
    }
  }

  @Test
  void trainAndTestBarsArePerDayOfTheirWindow() {
    // 300 USD over a 3-day train window, 80.50 over its 1-day test window
    assertThat(WalkForwardReport.perDay(300, "2014-05-01T00:00:00Z", "2014-05-04T00:00:00Z"))
        .isEqualTo(100.0);
    assertThat(WalkForwardReport.perDay(80.5, "2014-05-04T00:00:00Z", "2014-05-05T00:00:00Z"))
        .isEqualTo(80.5);
    assertThat(WalkForwardReport.perDay(Double.NaN, "2014-05-04T00:00:00Z", "2014-05-05T00:00Z"))
        .isNaN();
    assertThat(WalkForwardReport.perDay(1, "yesterday", "2014-05-05T00:00:00Z")).isNaN();
  }

  @Test
  void aFileWithoutWindowsOrWithNullsEverywhereStillGivesAPage() {
    String empty = WalkForwardReport.render(Map.of());
    assertThat(empty)
        .contains("<td colspan=\"11\">No window.</td>")
        .contains("Chart left out: no window has a winner with a train or test PnL")
        .contains("Chart left out: the stitched equity curve has no point")
        .contains("</html>");
    Map<String, Object> window = new HashMap<>();
    for (String k :
        List.of("index", "train_start", "winner", "test_metrics", "winner_changed", "test_end")) {
      window.put(k, null);
    }
    window.put("winner", Map.of("job_id", "only_id"));
    Map<String, Object> odd = new HashMap<>();
    odd.put("windows", List.of(window, "not a window", Map.of("winner", List.of())));
    odd.put("stitched", null);
    odd.put("efficiency", Map.of("wfe", "high"));
    odd.put("filters", "min_trades: 5");
    String html = WalkForwardReport.render(odd);
    assertThat(rows(html)).hasSize(2);
    assertThat(rows(html).get(0)).startsWith("1 | - → - | - / - / - | only_id |");
    assertThat(rows(html).get(1)).endsWith("no winner");
    assertThat(html).contains("<tr><th>walk-forward efficiency</th><td>not computed</td></tr>");
  }

  @Test
  void pageRendersInChromiumWithoutErrorsAndEveryChartIsDrawn() throws IOException {
    Path file = tmp.resolve("out/report.html");
    WalkForwardReport.write(sample(), file);
    Chromium.Report r = Chromium.open(file, tmp);
    assertThat(r.errors()).isEmpty();
    assertThat(r.title()).isEqualTo("arbtune walk-forward: eurusd_2014.csv");
    assertThat(r.images()).hasSize(2);
    for (Chromium.ImageCheck i : r.images()) {
      assertThat(i.decoded()).as(i.alt()).isTrue();
      assertThat(i.width()).as(i.alt()).isEqualTo(Charts.WIDTH);
      assertThat(i.variance()).as(i.alt()).isGreaterThan(100);
    }
  }

  @Test
  void readingAFileThatIsNotJsonOrNotAnObjectSaysSoInOneSentence() {
    Path bad = Docs.write(tmp, "walkforward.json", "{\"windows\": [\n  {\"index\": 1,,}]}");
    assertThatThrownBy(() -> WalkForwardReport.read(bad))
        .isInstanceOf(InputProblem.class)
        .hasMessageStartingWith(bad + ", line 2, column ")
        .hasMessageContaining(": not valid JSON: ")
        .message()
        .doesNotContain("Exception", "java.", "VALUE_");
    Path list = Docs.write(tmp.resolve("l"), "walkforward.json", "[1, 2]");
    assertThatThrownBy(() -> WalkForwardReport.read(list))
        .isInstanceOf(InputProblem.class)
        .hasMessage(list + ": not a walk-forward result: its top level is not a JSON object");
  }

  @Test
  void aRootIsAFolderHoldingWalkforwardJson() throws IOException {
    assertThat(WalkForwardReport.fileOf(tmp)).isEmpty();
    Path file = WalkForwardSample.write(tmp);
    assertThat(WalkForwardReport.fileOf(tmp)).contains(file);
    Files.createDirectories(tmp.resolve("d/walkforward.json"));
    assertThat(WalkForwardReport.fileOf(tmp.resolve("d"))).isEmpty();
  }

  /** Past 60 windows the bars would be thinner than a pixel: two lines, broken at gaps. */
  @Test
  void manyWindowsAreDrawnAsLinesWithGapsWhereATestIsMissing() throws IOException {
    List<Object> windows = new ArrayList<>();
    for (int i = 0; i < 61; i++) {
      Map<String, Object> w = new HashMap<>();
      w.put("train_start", "2014-05-01T00:00:00Z");
      w.put("train_end", "2014-05-04T00:00:00Z");
      w.put("test_start", "2014-05-04T00:00:00Z");
      w.put("test_end", "2014-05-05T00:00:00Z");
      w.put(
          "winner",
          Map.of(
              "job_id",
              "j" + i,
              "config",
              Map.of(),
              "train_metrics",
              Map.of("realized_pnl_usd", 30.0 * i)));
      w.put("test_metrics", i % 5 == 0 ? null : Map.of("realized_pnl_usd", 5.0 - i));
      windows.add(w);
    }
    String html = WalkForwardReport.render(Map.of("windows", windows));
    // the train vs test chart is drawn; the file has no equity curve
    assertThat(html.split("Chart left out", -1)).hasSize(2);
    assertThat(html).contains("Chart left out: the stitched equity curve has no point");
    assertThat(images(html)).hasSize(1);
    assertThat(colours(images(html).get(0))).isGreaterThan(10);
    List<WalkForwardCharts.WindowPnl> bars = new ArrayList<>();
    for (int i = 0; i < 61; i++) {
      bars.add(new WalkForwardCharts.WindowPnl("" + i, i, i % 5 == 0 ? Double.NaN : -i));
    }
    var lines = WalkForwardCharts.trainVsTestChart(bars);
    assertThat(lines).isInstanceOf(org.knowm.xchart.XYChart.class);
    double[] test = ((org.knowm.xchart.XYChart) lines).getSeries("test (out of sample)").getYData();
    assertThat(test[0]).isNaN();
    assertThat(test[1]).isEqualTo(-1.0);
    assertThat(WalkForwardCharts.trainVsTestChart(bars.subList(0, 60)))
        .isInstanceOf(org.knowm.xchart.CategoryChart.class);
  }
}
