package dev.arbtune.report;

import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.insights.NumberFormats;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The charts of the walk-forward page ({@link WalkForwardReport}), in the report's look. */
final class WalkForwardCharts {

  /** Equity points kept per chart at most: longer curves are bucketed ({@link SeriesBuckets}). */
  static final int BUCKETS = JobCharts.BUCKETS;

  private WalkForwardCharts() {}

  /**
   * One window's bars.
   *
   * @param label the window's label on the axis
   * @param train the winner's train PnL per day, NaN for none
   * @param test its test PnL per day, NaN for none
   */
  record WindowPnl(String label, double train, double test) {
    WindowPnl {
      Objects.requireNonNull(label, "label");
    }
  }

  /**
   * Train and test PnL per day of each window, side by side.
   *
   * @throws Charts.NotDrawableException when no window has a number to draw
   */
  static byte[] trainVsTest(List<WindowPnl> windows) {
    return Charts.png(trainVsTestChart(windows));
  }

  /** Above this many windows, train and test are lines over the window number, not bars. */
  static final int MAX_BARS = 60;

  static Chart<?, ?> trainVsTestChart(List<WindowPnl> windows) {
    Charts.Range range = new Charts.Range();
    range.add(0.0);
    boolean any = false;
    for (WindowPnl w : windows) {
      range.add(w.train());
      range.add(w.test());
      any |= !Double.isNaN(w.train()) || !Double.isNaN(w.test());
    }
    if (!any) {
      throw new Charts.NotDrawableException("no window has a winner with a train or test PnL");
    }
    AxisScale scale = range.scale("train and test PnL per window");
    if (windows.size() > MAX_BARS) {
      return trainVsTestLines(windows, scale);
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(Charts.WIDTH)
            .height(Charts.HEIGHT - 60)
            .title("Train vs test PnL per day, by window")
            .xAxisTitle("window")
            .yAxisTitle("realized PnL per day (" + scale.unit("USD") + ")")
            .build();
    Charts.style(chart);
    chart.getStyler().setSeriesColors(new java.awt.Color[] {Charts.GREY, Charts.BLUE});
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setAvailableSpaceFill(0.8);
    chart.getStyler().setYAxisDecimalPattern(Charts.axisPattern(scale.width()));
    if (scale.fixedBounds()) {
      chart.getStyler().setYAxisMin(scale.min()).setYAxisMax(scale.max());
    }
    if (windows.size() > 20) {
      chart.getStyler().setXAxisLabelRotation(45);
    }
    List<String> labels = new ArrayList<>();
    List<Double> train = new ArrayList<>();
    List<Double> test = new ArrayList<>();
    for (WindowPnl w : windows) {
      String label = w.label();
      for (int k = 2; labels.contains(label); k++) {
        label = w.label() + "~" + k;
      }
      labels.add(label);
      // XChart draws no bar for a null value.
      train.add(Double.isNaN(w.train()) ? null : scale.apply(w.train()));
      test.add(Double.isNaN(w.test()) ? null : scale.apply(w.test()));
    }
    chart.addSeries("train (in sample)", labels, train);
    chart.addSeries("test (out of sample)", labels, test);
    return chart;
  }

  /** {@link #trainVsTestChart} for many windows: two lines over the window's position. */
  private static XYChart trainVsTestLines(List<WindowPnl> windows, AxisScale scale) {
    XYChart chart =
        new XYChartBuilder()
            .width(Charts.WIDTH)
            .height(Charts.HEIGHT - 60)
            .title(
                "Train vs test PnL per day, by window ("
                    + NumberFormats.count(windows.size())
                    + " windows)")
            .xAxisTitle("window (position in the file)")
            .yAxisTitle("realized PnL per day (" + scale.unit("USD") + ")")
            .build();
    Charts.style(chart);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setYAxisDecimalPattern(Charts.axisPattern(scale.width()));
    chart.getStyler().setXAxisDecimalPattern("#,##0");
    if (scale.fixedBounds()) {
      chart.getStyler().setYAxisMin(scale.min()).setYAxisMax(scale.max());
    }
    double[] x = new double[windows.size()];
    double[] train = new double[x.length];
    double[] test = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
      train[i] = scale.apply(windows.get(i).train()); // NaN: no point, the line breaks
      test[i] = scale.apply(windows.get(i).test());
    }
    XYSeries t = chart.addSeries("train (in sample)", x, train);
    t.setMarker(SeriesMarkers.NONE);
    t.setLineColor(Charts.GREY);
    XYSeries o = chart.addSeries("test (out of sample)", x, test);
    o.setMarker(SeriesMarkers.NONE);
    o.setLineColor(Charts.BLUE);
    return chart;
  }

  /**
   * The stitched test equity over time: a step line through the points whose time parses (ISO-8601)
   * and whose value is a finite number.
   *
   * @throws Charts.NotDrawableException when no point is left
   */
  static byte[] equity(List<?> times, List<?> values) {
    return Charts.png(equityChart(times, values));
  }

  static XYChart equityChart(List<?> times, List<?> values) {
    int n = Math.min(times.size(), values.size());
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t = times.get(i) instanceof String s ? micros(s) : Long.MIN_VALUE;
      if (t != Long.MIN_VALUE
          && values.get(i) instanceof Number v
          && Double.isFinite(v.doubleValue())) {
        points.add(new double[] {t, v.doubleValue()});
      }
    }
    if (points.isEmpty()) {
      throw new Charts.NotDrawableException("the stitched equity curve has no point");
    }
    points.sort(Comparator.comparingDouble(p -> p[0])); // stable: equal times keep their order
    long t0 = (long) points.get(0)[0];
    long t1 = (long) points.get(points.size() - 1)[0];
    SeriesBuckets buckets = new SeriesBuckets(t0, t1, BUCKETS);
    Charts.Range ys = new Charts.Range();
    for (double[] p : points) {
      buckets.add((long) p[0], p[1]);
      ys.add(p[1]);
    }
    double[][] series = buckets.series();
    AxisScale y = ys.scale("the stitched equity");
    JobCharts.TimeAxis time = JobCharts.TimeAxis.of(t0, t1);
    XYChart chart =
        new XYChartBuilder()
            .width(Charts.WIDTH)
            .height(Charts.HEIGHT - 60)
            .title("Stitched test equity (" + NumberFormats.count(points.size()) + " points)")
            .xAxisTitle(time.title())
            .yAxisTitle("equity (" + y.unit("USD") + ")")
            .build();
    Charts.style(chart);
    chart.getStyler().setLegendVisible(false);
    double[] yv = new double[series[1].length];
    for (int i = 0; i < yv.length; i++) {
      yv[i] = y.apply(series[1][i]);
    }
    XYSeries line = chart.addSeries("equity", time.apply(series[0]), yv);
    line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    line.setMarker(SeriesMarkers.NONE);
    line.setLineColor(Charts.BLUE);
    chart.getStyler().setYAxisDecimalPattern(Charts.axisPattern(y.width()));
    if (y.fixedBounds()) {
      chart.getStyler().setYAxisMin(y.min()).setYAxisMax(y.max());
    }
    return chart;
  }

  /** Epoch microseconds of an ISO-8601 instant; {@link Long#MIN_VALUE} when it does not parse. */
  static long micros(String iso) {
    if (iso == null) {
      return Long.MIN_VALUE;
    }
    try {
      return EpochUnit.micros(Instant.parse(iso));
    } catch (DateTimeException | ArithmeticException e) {
      return Long.MIN_VALUE;
    }
  }

  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** Seconds, and a fraction without trailing zeros when there is one. */
  private static final DateTimeFormatter SECONDS =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .toFormatter(Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /**
   * An ISO-8601 instant as {@code 2014-05-01 05:00} (UTC; seconds and a fraction when it has them:
   * {@code 2014-05-08 07:59:59.5}); other text as it is, shortened; {@code -} for none.
   */
  static String shortTime(String iso) {
    if (iso == null) {
      return "-";
    }
    try {
      Instant t = Instant.parse(iso);
      boolean minute = t.getNano() == 0 && Math.floorMod(t.getEpochSecond(), 60) == 0;
      return (minute ? MINUTES : SECONDS).format(t);
    } catch (DateTimeException e) {
      return Charts.abbreviate(iso, LEN);
    }
  }

  private static final int LEN = 40;
}
