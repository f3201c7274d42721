package dev.arbtune.report;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.insights.Fmt;
import dev.arbtune.insights.Heatmap;
import dev.arbtune.insights.ParameterInsight;
import dev.arbtune.insights.PnlDistribution;
import dev.arbtune.insights.SamplePoint;
import dev.arbtune.insights.ValueStats;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn by XChart and encoded as PNG. Runs headless: the first use sets {@code
 * java.awt.headless=true} unless it was set otherwise (it only takes effect before AWT loads, which
 * in the command line is here).
 */
public final class Charts {

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Width of every chart, in pixels. */
  public static final int WIDTH = 760;

  /** Height of every chart, in pixels. */
  public static final int HEIGHT = 420;

  static final Color INK = new Color(0x1f, 0x29, 0x37);
  static final Color GRID = new Color(0xe5, 0xe7, 0xeb);
  static final Color BLUE = new Color(0x25, 0x63, 0xeb);
  static final Color ORANGE = new Color(0xea, 0x58, 0x0c);
  static final Color GREY = new Color(0x94, 0xa3, 0xb8);
  static final Color RED = new Color(0xdc, 0x26, 0x26);
  static final Color GREEN = new Color(0x16, 0xa3, 0x4a);

  private Charts() {}

  /**
   * PnL against max drawdown: the sampled jobs as dots, the Pareto front as a line.
   *
   * @param sample the sampled points
   * @param sampledFrom how many jobs they were sampled from (the title says so when fewer shown)
   * @param front the Pareto front, or {@code null} when it was not computed
   */
  public static byte[] scatter(
      List<SamplePoint> sample, long sampledFrom, List<AggregatedJobResult> front) {
    String title =
        sample.size() < sampledFrom
            ? "PnL vs max drawdown (random sample of "
                + Fmt.count(sample.size())
                + " of "
                + Fmt.count(sampledFrom)
                + " jobs, fixed seed)"
            : "PnL vs max drawdown (" + Fmt.count(sampledFrom) + " jobs)";
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("max drawdown (%)")
            .yAxisTitle("realized PnL (USD)")
            .build();
    style(chart);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(5);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    double[] x = new double[sample.size()];
    double[] y = new double[sample.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = sample.get(i).drawdownPct();
      y[i] = sample.get(i).pnl();
    }
    XYSeries jobs = chart.addSeries("jobs", x, y);
    jobs.setMarker(SeriesMarkers.CIRCLE);
    jobs.setMarkerColor(new Color(0x25, 0x63, 0xeb, 110));
    if (front != null && !front.isEmpty()) {
      List<Double> fx = new ArrayList<>();
      List<Double> fy = new ArrayList<>();
      for (AggregatedJobResult j : front) {
        fx.add(j.metric("max_drawdown_pct").orElse(Double.NaN));
        fy.add(j.metric("realized_pnl_usd").orElse(0.0));
      }
      XYSeries f = chart.addSeries("Pareto front", fx, fy);
      f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      f.setMarker(SeriesMarkers.DIAMOND);
      f.setMarkerColor(ORANGE);
      f.setLineColor(ORANGE);
    }
    return png(chart);
  }

  /** Median PnL per cell of two parameters, red below 0 and green above. */
  public static byte[] heatmap(Heatmap h) {
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(WIDTH)
            .height(HEIGHT + 60)
            .title(
                "Median PnL by "
                    + h.x()
                    + " and "
                    + h.y()
                    + (h.exact() ? "" : " (medians of large cells estimated)"))
            .xAxisTitle(h.x())
            .yAxisTitle(h.y())
            .build();
    style(chart);
    List<String> xs = h.xValues().stream().map(v -> v.display()).toList();
    List<String> ys = h.yValues().stream().map(v -> v.display()).toList();
    List<Number[]> cells = new ArrayList<>();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < xs.size(); i++) {
      for (int j = 0; j < ys.size(); j++) {
        double m = h.medianAt(i, j);
        if (!Double.isNaN(m)) {
          // XChart's List<Number[]> rows are {x index, y index, value}.
          cells.add(new Number[] {i, j, m});
          lo = Math.min(lo, m);
          hi = Math.max(hi, m);
        }
      }
    }
    double span = Math.max(Math.abs(lo), Math.abs(hi));
    if (!(span > 0)) {
      span = 1;
    }
    chart
        .getStyler()
        .setRangeColors(new Color[] {RED, new Color(0xfe, 0xf9, 0xc3), GREEN})
        .setMin(lo < 0 ? -span : Math.min(lo, hi - 1e-9))
        .setMax(lo < 0 ? span : Math.max(hi, lo + 1e-9))
        .setShowValue(cells.size() <= 120)
        .setHeatMapValueDecimalPattern("#,##0")
        .setDrawBorder(true);
    chart.getStyler().setValueFontColor(INK);
    // Label every row and column (XChart thins category labels otherwise).
    chart.getStyler().setXAxisTickMarkSpacingHint(10);
    chart.getStyler().setYAxisTickMarkSpacingHint(10);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    if (xs.size() > 10) {
      chart.getStyler().setXAxisLabelRotation(45);
    }
    chart.addSeries("median PnL", xs, ys, cells);
    return png(chart);
  }

  /** Median and mean PnL for each value of one parameter. */
  public static byte[] parameter(ParameterInsight p) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT - 60)
            .title(
                "PnL by "
                    + p.name()
                    + " (explains "
                    + Fmt.percent(p.etaSquared())
                    + " of the variance)")
            .xAxisTitle(p.name())
            .yAxisTitle("realized PnL (USD)")
            .build();
    style(chart);
    chart.getStyler().setSeriesColors(new Color[] {BLUE, GREY});
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setAvailableSpaceFill(0.8);
    if (p.values().size() > 10) {
      chart.getStyler().setXAxisLabelRotation(45);
    }
    List<String> labels = new ArrayList<>();
    List<Double> medians = new ArrayList<>();
    List<Double> means = new ArrayList<>();
    for (ValueStats v : p.values()) {
      labels.add(v.value().display());
      medians.add(v.median());
      means.add(v.mean());
    }
    chart.addSeries("median", labels, medians);
    chart.addSeries("mean", labels, means);
    return png(chart);
  }

  /** The PnL histogram. */
  public static byte[] histogram(PnlDistribution d) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT - 60)
            .title("Distribution of realized PnL (" + Fmt.count(d.jobs()) + " jobs)")
            .xAxisTitle("realized PnL (USD), bin centre")
            .yAxisTitle("jobs")
            .build();
    style(chart);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setAvailableSpaceFill(0.96);
    chart.getStyler().setXAxisLabelRotation(45);
    chart.getStyler().setYAxisDecimalPattern("#,##0");
    double[] edges = d.edges();
    long[] counts = d.counts();
    List<String> labels = new ArrayList<>();
    List<Long> ys = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      labels.add(String.format(Locale.ROOT, "%,.0f", (edges[i] + edges[i + 1]) / 2));
      ys.add(counts[i]);
    }
    chart.addSeries("jobs", labels, ys).setFillColor(BLUE);
    return png(chart);
  }

  private static void style(Chart<? extends Styler, ?> chart) {
    Styler s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setChartFontColor(INK);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    s.setBaseFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setAntiAlias(true);
    s.setChartPadding(12);
    if (s instanceof AxesChartStyler a) {
      a.setPlotGridLinesColor(GRID);
      a.setAxisTickLabelsColor(INK);
      a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      a.setAxisTickMarksColor(GREY);
      a.setYAxisDecimalPattern("#,##0.##");
    }
  }

  private static byte[] png(Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a chart as PNG", e);
    }
  }
}
