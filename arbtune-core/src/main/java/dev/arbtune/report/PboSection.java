package dev.arbtune.report;

import static dev.arbtune.report.HtmlReport.esc;

import dev.arbtune.insights.InsightsText;
import dev.arbtune.insights.NumberFormats;
import dev.arbtune.insights.PboResult;
import dev.arbtune.insights.PboSummary;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The report's section on the probability of backtest overfitting ({@link PboSummary}): the
 * verdict, the numbers, the histogram of the in-sample winners' out-of-sample logits and the jobs
 * left out; one line saying why when it could not be computed.
 */
final class PboSection {

  /** Bars of splits whose logit is at most 0: the in-sample winner fell to the lower half. */
  static final Color OVERFIT = new Color(0xdc, 0x26, 0x26);

  private PboSection() {}

  /** Appends the section for {@code p}. */
  static void render(StringBuilder h, PboSummary p) {
    h.append("<section><h2>Probability of backtest overfitting</h2>\n");
    if (!p.available()) {
      h.append("<p>Not available: ").append(esc(p.reason())).append(".</p>\n");
      leftOut(h, p);
      h.append("</section>\n");
      return;
    }
    PboResult r = p.result();
    h.append("<p><b>").append(esc(r.verdict())).append("</b></p>\n");
    h.append("<p class=\"muted\">Bailey, Borwein, López de Prado &amp; Zhu (2017),")
        .append(" combinatorially symmetric cross-validation over each job's per-block PnL")
        .append(" (<code>period_pnl</code>): the blocks are split into two halves, in-sample and")
        .append(
            " out-of-sample, in every way (or a fixed-seed sample of them); the job with the best")
        .append(" in-sample total is ranked")
        .append(" among all jobs on the out-of-sample total, and its relative rank w gives the")
        .append(" logit λ = ln(w / (1 − w)). PBO is the share of splits with λ ≤ 0: the in-sample")
        .append(" winner ends in the lower half out of sample.</p>\n");
    h.append("<table class=\"narrow\"><tbody>\n");
    row(
        h,
        "PBO",
        NumberFormats.fixed(r.pbo(), 3)
            + " ("
            + NumberFormats.count(r.overfitSplits())
            + " of "
            + NumberFormats.count(r.splits())
            + " splits with λ ≤ 0)");
    row(h, "jobs × blocks", NumberFormats.count(r.jobs()) + " jobs × " + r.blocks() + " blocks");
    String all = "C(" + r.blocks() + ", " + r.blocks() / 2 + ")";
    row(
        h,
        "splits",
        NumberFormats.count(r.splits())
            + (r.sampled()
                ? ", a fixed-seed random sample of the " + all + " splits"
                : ", all " + all));
    row(h, "probability of an out-of-sample loss", NumberFormats.percent(r.probOosLoss()));
    row(
        h,
        "performance degradation",
        Double.isNaN(r.slope())
            ? "undefined: the in-sample winners' totals do not vary"
            : "out-of-sample = "
                + NumberFormats.fixed(r.slope(), 3)
                + " × in-sample "
                + (r.intercept() < 0 ? "− " : "+ ")
                + NumberFormats.number(Math.abs(r.intercept()), 2)
                + " USD, R² = "
                + NumberFormats.fixed(r.r2(), 3));
    h.append("</tbody></table>\n<div class=\"grid\">\n");
    HtmlReport.figure(
        h,
        () -> logitHistogram(r),
        "How many splits put the in-sample winner at each out-of-sample logit λ; red bars are at"
            + " λ ≤ 0 (the winner in the lower half out of sample), blue above. PBO counts the"
            + " splits exactly, not from the bars.");
    h.append("</div>\n");
    leftOut(h, p);
    h.append("</section>\n");
  }

  private static void row(StringBuilder h, String label, String value) {
    h.append("<tr><th>")
        .append(esc(label))
        .append("</th><td class=\"num\">")
        .append(esc(value))
        .append("</td></tr>\n");
  }

  /** The jobs left out of PBO, one line; nothing when none was left out and PBO is unavailable. */
  private static void leftOut(StringBuilder h, PboSummary p) {
    String parts = InsightsText.leftOut(p);
    if (parts.isEmpty()) {
      if (p.available()) {
        h.append("<p class=\"muted\">Every success job that passed the filters is in it.</p>\n");
      }
      return;
    }
    h.append("<p class=\"muted\">Left out: ").append(esc(parts)).append(".</p>\n");
  }

  /** The logit histogram as a PNG. */
  static byte[] logitHistogram(PboResult r) {
    return Charts.png(logitChart(r));
  }

  /**
   * Bars over the logit bins: a bin whose upper edge is at most 0 (bins are {@code (lower, upper]},
   * so all of it is at λ ≤ 0) in red, the others in blue.
   *
   * @throws Charts.NotDrawableException when there are no bins or an edge is not finite
   */
  static CategoryChart logitChart(PboResult r) {
    double[] edges = r.histogramEdges();
    long[] counts = r.histogramCounts();
    if (counts == null
        || edges == null
        || counts.length == 0
        || edges.length != counts.length + 1) {
      throw new Charts.NotDrawableException("the logit histogram has no bins");
    }
    Charts.Range range = new Charts.Range();
    for (double e : edges) {
      if (!Double.isFinite(e)) {
        throw new Charts.NotDrawableException("the logit histogram has an edge that is not finite");
      }
      range.add(e);
    }
    int decimals = NumberFormats.decimalsFor(range.width());
    List<String> labels = new ArrayList<>();
    List<Long> low = new ArrayList<>();
    List<Long> high = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      double centre = edges[i] / 2 + edges[i + 1] / 2;
      String label = NumberFormats.number(centre, decimals);
      for (int k = 2; labels.contains(label); k++) {
        label = NumberFormats.number(centre, decimals) + "~" + k;
      }
      labels.add(label);
      boolean overfit = edges[i + 1] <= 0; // bins are (lower, upper]: all of it at λ <= 0
      low.add(overfit ? counts[i] : 0L);
      high.add(overfit ? 0L : counts[i]);
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(Charts.WIDTH)
            .height(Charts.HEIGHT - 60)
            .title(
                "Out-of-sample logit of the in-sample winner ("
                    + NumberFormats.count(r.splits())
                    + " splits)")
            .xAxisTitle("logit λ, bin centre")
            .yAxisTitle("splits")
            .build();
    Charts.style(chart);
    chart.getStyler().setOverlapped(true);
    chart.getStyler().setAvailableSpaceFill(0.96);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setYAxisDecimalPattern("#,##0");
    if (counts.length > 10) {
      chart.getStyler().setXAxisLabelRotation(45);
    }
    chart.addSeries("λ ≤ 0 (winner in the lower half)", labels, low).setFillColor(OVERFIT);
    chart.addSeries("λ > 0", labels, high).setFillColor(Charts.BLUE);
    return chart;
  }
}
