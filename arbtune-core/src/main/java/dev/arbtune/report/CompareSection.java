package dev.arbtune.report;

import dev.arbtune.compare.CompareReport;
import dev.arbtune.compare.Comparison;
import java.awt.Color;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's comparison with another session ({@code report --compare-with OTHER}): the verdict,
 * a scatter of each shared job's rank here against its rank there, and the biggest movers.
 */
public final class CompareSection {

  /** Most points the scatter draws: every shared job up to this, else an even thinning by rank. */
  static final int MAX_POINTS = 5_000;

  private CompareSection() {}

  /** The section's HTML. */
  public static String render(CompareReport r) {
    Comparison c = r.comparison();
    StringBuilder h = new StringBuilder();
    h.append("<section><h2>Comparison with <code>")
        .append(HtmlReport.esc(r.pathB().toString()))
        .append("</code></h2>\n<p><strong>")
        .append(HtmlReport.esc(r.verdict()))
        .append("</strong></p>\n<p class=\"muted\">Shared ")
        .append(c.shared())
        .append(" jobs, only here ")
        .append(c.onlyA().length)
        .append(", only there ")
        .append(c.onlyB().length)
        .append("; matched on ")
        .append(HtmlReport.esc(String.join(", ", r.rule().matched())))
        .append(". Rules and statistics: <code>docs/COMPARE.md</code>.</p>\n");
    HtmlReport.figure(
        h,
        () -> Charts.png(rankChart(r)),
        "Rank here (A) against rank in the other session (B), shared jobs");
    h.append("<table class=\"narrow\"><thead><tr><th>rank A</th><th>rank B</th><th>change</th>")
        .append("<th>job A</th><th>job B</th><th>")
        .append(HtmlReport.esc(c.a().metrics().get(0)))
        .append(" A</th><th>B</th><th>config</th></tr></thead><tbody>\n");
    movers(h, r, r.moversUp(), "Biggest movers up");
    movers(h, r, r.moversDown(), "Biggest movers down");
    h.append("</tbody></table></section>\n");
    return h.toString();
  }

  private static void movers(StringBuilder h, CompareReport r, int[] rows, String title) {
    Comparison c = r.comparison();
    h.append("<tr><th colspan=\"8\">")
        .append(title)
        .append(rows.length == 0 ? ": none" : "")
        .append("</th></tr>\n");
    for (int i : rows) {
      int ra = c.sharedA()[i];
      int rb = c.sharedB()[i];
      h.append("<tr><td>")
          .append(ra + 1)
          .append("</td><td>")
          .append(rb + 1)
          .append("</td><td>")
          .append(String.format(Locale.ROOT, "%+d", ra - rb))
          .append("</td><td>")
          .append(HtmlReport.esc(c.a().jobIds()[ra]))
          .append("</td><td>")
          .append(HtmlReport.esc(c.b().jobIds()[rb]))
          .append("</td><td>")
          .append(number(c.a().metric(ra, 0)))
          .append("</td><td>")
          .append(number(c.b().metric(rb, 0)))
          .append("</td><td><code>")
          .append(HtmlReport.esc(r.rule().describe(r.configA(ra))))
          .append("</code></td></tr>\n");
    }
  }

  private static String number(double x) {
    return Double.isFinite(x) ? dev.arbtune.insights.NumberFormats.number(x, 2) : "-";
  }

  /** Rank in A (x) against rank in B (y) of the shared jobs, thinned to {@link #MAX_POINTS}. */
  static XYChart rankChart(CompareReport r) {
    Comparison c = r.comparison();
    int n = c.shared();
    int step = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
    int m = (n + step - 1) / step;
    double[] x = new double[m];
    double[] y = new double[m];
    for (int k = 0; k < m; k++) {
      x[k] = c.sharedA()[k * step] + 1;
      y[k] = c.sharedB()[k * step] + 1;
    }
    String title =
        step == 1
            ? "Rank vs rank (" + n + " shared jobs)"
            : "Rank vs rank (every " + step + "th of " + n + " shared jobs)";
    XYChart chart =
        new XYChartBuilder()
            .width(Charts.WIDTH)
            .height(Charts.HEIGHT)
            .title(title)
            .xAxisTitle("rank in A (this session)")
            .yAxisTitle("rank in B (the other)")
            .build();
    Charts.style(chart);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(5);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setXAxisDecimalPattern("#,##0");
    chart.getStyler().setYAxisDecimalPattern("#,##0");
    double max = Math.max(c.a().size(), c.b().size());
    XYSeries same = chart.addSeries("same rank", new double[] {1, max}, new double[] {1, max});
    same.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    same.setMarker(SeriesMarkers.NONE);
    same.setLineColor(Charts.GREY);
    XYSeries jobs =
        chart.addSeries(
            "shared jobs",
            x.length == 0 ? new double[] {1} : x,
            y.length == 0 ? new double[] {1} : y);
    jobs.setMarker(SeriesMarkers.CIRCLE);
    jobs.setMarkerColor(new Color(0x25, 0x63, 0xeb, 140));
    return chart;
  }
}
