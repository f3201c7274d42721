package dev.arbtune.report;

import static dev.arbtune.testing.GridDocs.map;
import static dev.arbtune.testing.GridDocs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.insights.InsightOptions;
import dev.arbtune.insights.Insights;
import dev.arbtune.insights.PboResult;
import dev.arbtune.insights.PboSummary;
import dev.arbtune.testing.Chromium;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;

/** The report's section on the probability of backtest overfitting. */
class PboReportTest {

  @TempDir Path tmp;
  HtmlReport.Content content;

  @BeforeEach
  void session() throws IOException {
    Path dir = tmp.resolve("results");
    for (int i = 0; i < 6; i++) {
      write(
          dir,
          "p_" + i,
          map("min_spread_bps", 10.0 * (i % 3), "slippage_bps", 1.0 * (i / 3), "tag", "p"),
          map("realized_pnl_usd", 10.0 * i - 20, "max_drawdown_pct", 1.0 + i, "total_trades", 9));
    }
    content =
        HtmlReport.collect(
            TuningResultsAggregator.builder(dir).pareto(true).build(),
            new ScanProgress(),
            InsightOptions.DEFAULTS);
  }

  /** The report of the session with {@code pbo} in place of what the insights computed. */
  private String render(PboSummary pbo) {
    Insights in = content.insights();
    Insights with =
        new Insights(
            in.jobs(),
            in.successJobs(),
            in.parameters(),
            in.skipped(),
            in.maxParameters(),
            in.untrackedKeys(),
            in.untrackedKeysExact(),
            in.fixed(),
            in.robustness(),
            in.spread(),
            in.selectionBias(),
            in.distribution(),
            in.sample(),
            in.sampledFrom(),
            pbo,
            in.options());
    return HtmlReport.render(
        new HtmlReport.Content(content.resultsDir(), content.summary(), with, content.heatmap()));
  }

  /** 20 bins over ±ln 40, ten on each side of 0; {@code low} splits per lower bin, {@code high}. */
  private static PboResult result(
      long splits, boolean sampled, int blocks, long overfit, double slope) {
    double[] edges = new double[21];
    for (int i = 0; i <= 20; i++) {
      edges[i] = Math.log(40) * (i - 10) / 10;
    }
    long[] counts = new long[20];
    for (int i = 0; i < 10; i++) {
      counts[i] = overfit / 10 + (i < overfit % 10 ? 1 : 0);
      counts[10 + i] = (splits - overfit) / 10 + (i < (splits - overfit) % 10 ? 1 : 0);
    }
    return new PboResult(
        40,
        blocks,
        splits,
        sampled,
        overfit,
        (double) overfit / splits,
        0.375,
        slope,
        Double.isNaN(slope) ? Double.NaN : -12.5,
        Double.isNaN(slope) ? Double.NaN : 0.0441,
        edges,
        counts);
  }

  /** The PBO section of a report. */
  private static String section(String html) {
    int from = html.indexOf("<section><h2>Probability of backtest overfitting</h2>");
    assertThat(from).isPositive();
    return html.substring(from, html.indexOf("</section>", from) + 10);
  }

  private static List<String> images(String html) {
    List<String> images = new ArrayList<>();
    Matcher m = Pattern.compile("src=\"data:image/png;base64,([^\"]+)\"").matcher(html);
    while (m.find()) {
      images.add(m.group(1));
    }
    return images;
  }

  @Test
  void availablePboShowsTheVerdictTheNumbersTheLogitChartAndWhatWasLeftOut() throws IOException {
    PboSummary pbo = new PboSummary(result(12_870, false, 16, 5_792, 0.25), null, 3, 1, 2, 0);
    String html = render(pbo);
    String s = section(html);
    assertThat(s)
        .contains(
            "<p><b>PBO 0.45: the in-sample winner is no better than a coin flip out of"
                + " sample</b></p>")
        .contains(
            "<tr><th>PBO</th><td class=\"num\">0.450 (5,792 of 12,870 splits with λ ≤ 0)</td>")
        .contains("<tr><th>jobs × blocks</th><td class=\"num\">40 jobs × 16 blocks</td>")
        .contains("<tr><th>splits</th><td class=\"num\">12,870, all C(16, 8)</td>")
        .contains("<tr><th>probability of an out-of-sample loss</th><td class=\"num\">37.5%</td>")
        .contains("out-of-sample = 0.250 × in-sample − 12.50 USD, R² = 0.044</td>")
        .contains(
            "<p class=\"muted\">Left out: 2 jobs without period_pnl; 3 jobs with other block"
                + " boundaries, in 1 other group.</p>")
        .doesNotContain("Chart left out");
    // the verdict is a key finding too, and the section follows the deflated Sharpe ratios
    assertThat(html)
        .contains(
            "<li>PBO 0.45: the in-sample winner is no better than a coin flip out of sample.</li>");
    assertThat(html.indexOf("<h2>Deflated Sharpe ratio</h2>"))
        .isLessThan(html.indexOf("<h2>Probability of backtest overfitting</h2>"));
    // one more chart than without PBO: the logit histogram, in the section, drawn
    List<String> inSection = images(s);
    assertThat(inSection).hasSize(1);
    assertThat(images(html)).hasSize(images(render(PboSummary.unavailable("x"))).size() + 1);
    BufferedImage img =
        ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(inSection.get(0))));
    assertThat(img.getWidth()).isEqualTo(Charts.WIDTH);
    assertThat(redPixels(img)).isGreaterThan(2_000); // the bars at λ <= 0
  }

  private static int redPixels(BufferedImage img) {
    int n = 0;
    for (int x = 0; x < img.getWidth(); x++) {
      for (int y = 0; y < img.getHeight(); y++) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        n += r > 180 && g < 80 && b < 80 ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void sampledSplitsAndAnUndefinedDegradationAreSaidSo() {
    String s =
        section(
            render(new PboSummary(result(100_000, true, 22, 5_000, Double.NaN), null, 0, 0, 0, 0)));
    assertThat(s)
        .contains("<p><b>PBO 0.05: the in-sample winner usually stays in the top half")
        .contains(
            "<td class=\"num\">100,000, a fixed-seed random sample of the C(22, 11) splits</td>")
        .contains("undefined: the in-sample winners&#39; totals do not vary")
        .contains("Every success job that passed the filters is in it.")
        .doesNotContain("Left out");
  }

  @Test
  void unavailablePboIsOneLineSayingWhyPlusWhatWasLeftOut() {
    String s =
        section(
            render(
                PboSummary.unavailable(
                    "pnl_blocks is odd (15): CSCV needs an even number of blocks")));
    assertThat(s)
        .isEqualTo(
            "<section><h2>Probability of backtest overfitting</h2>\n<p>Not available: pnl_blocks"
                + " is odd (15): CSCV needs an even number of blocks.</p>\n</section>");
    String few =
        section(
            render(new PboSummary(null, "fewer than 2 jobs share block boundaries", 5, 3, 0, 1)));
    assertThat(few)
        .contains("<p>Not available: fewer than 2 jobs share block boundaries.</p>")
        .contains(
            "Left out: 5 jobs with other block boundaries, in 3 other groups; 1 job with a block"
                + " beyond 1e11 USD.")
        .doesNotContain("<img");
  }

  @Test
  void logitBarsAtOrBelowZeroAreTheOverfitSeriesTheOthersTheSecond() {
    PboResult r = result(1_000, false, 16, 300, 1.0);
    CategoryChart chart = PboSection.logitChart(r);
    double[] low = chart.getSeries("λ ≤ 0 (winner in the lower half)").getYData();
    double[] high = chart.getSeries("λ > 0").getYData();
    long[] counts = r.histogramCounts();
    long overfit = 0;
    for (int i = 0; i < 20; i++) {
      assertThat(low[i]).as("bin " + i).isEqualTo(i < 10 ? counts[i] : 0.0);
      assertThat(high[i]).as("bin " + i).isEqualTo(i < 10 ? 0.0 : counts[i]);
      overfit += (long) low[i];
    }
    assertThat(overfit).isEqualTo(300);
    double[] bad = r.histogramEdges();
    bad[20] = Double.POSITIVE_INFINITY;
    PboResult infinite =
        new PboResult(40, 16, 1_000, false, 300, 0.3, 0.1, 1, 0, 1, bad, r.histogramCounts());
    assertThatThrownBy(() -> PboSection.logitChart(infinite))
        .isInstanceOf(Charts.NotDrawableException.class)
        .hasMessage("the logit histogram has an edge that is not finite");
  }

  @Test
  void reportWithPboRendersInChromiumWithEveryChartDrawn() throws IOException {
    Path file = tmp.resolve("out/report.html");
    String html = render(new PboSummary(result(12_870, false, 16, 2_000, 0.5), null, 0, 0, 0, 0));
    dev.arbtune.io.AtomicFiles.writeText(file, w -> w.write(html));
    Chromium.Report r = Chromium.open(file, tmp);
    assertThat(r.errors()).isEmpty();
    assertThat(r.images()).hasSize(images(html).size());
    assertThat(r.images()).anyMatch(i -> i.alt().startsWith("How many splits put the in-sample"));
    for (Chromium.ImageCheck i : r.images()) {
      assertThat(i.decoded()).as(i.alt()).isTrue();
      assertThat(i.width()).as(i.alt()).isEqualTo(Charts.WIDTH);
      assertThat(i.variance()).as(i.alt()).isGreaterThan(100);
    }
  }
}
