package dev.arbtune.report;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.LeaderboardColumns;
import dev.arbtune.insights.Heatmap;
import dev.arbtune.insights.NumberFormats;
import dev.arbtune.insights.ParamValue;
import dev.arbtune.insights.ParameterInsight;
import dev.arbtune.insights.PnlDistribution;
import dev.arbtune.insights.SamplePoint;
import dev.arbtune.insights.ValueStats;
import dev.arbtune.result.Metric;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
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

  /** Steps of the heatmap's colour scale, half below 0 and half above. */
  static final int HEAT_STEPS = 8;

  /** One colour per step, from the most negative to the most positive. */
  static final Color[] HEAT_COLOURS = {
    new Color(0xb9, 0x1c, 0x1c),
    new Color(0xef, 0x44, 0x44),
    new Color(0xfc, 0xa5, 0xa5),
    new Color(0xfe, 0xe2, 0xe2),
    new Color(0xdc, 0xfc, 0xe7),
    new Color(0x86, 0xef, 0xac),
    new Color(0x22, 0xc5, 0x5e),
    new Color(0x15, 0x80, 0x3d)
  };

  private Charts() {}

  /**
   * The longest label of a row or column (parameter values on the heatmap's and the parameter
   * charts' category axes), in characters. XChart lays a category axis out from its labels' width:
   * a value whose plain decimals run to hundreds of digits (1e-300 prints as 0.000…1) left the
   * heatmap's plot a negative width, and XChart divided by zero when it spaced the other axis's
   * labels.
   */
  static final int MAX_LABEL = 32;

  /**
   * The labels of parameter values on a category axis: their {@linkplain ParamValue#display()
   * display} form when it has at most {@link #MAX_LABEL} characters; otherwise numbers in
   * scientific notation (at most 24 characters: {@code 1E-300}, {@code -1.2345678901234567E+300})
   * and text as its start and end around {@code ...}. Labels that would repeat get {@code ~2},
   * {@code ~3}, ... so that each row and column keeps a label of its own.
   */
  static List<String> categoryLabels(List<ParamValue> values) {
    List<String> labels = new ArrayList<>(values.size());
    Set<String> seen = new HashSet<>();
    for (ParamValue v : values) {
      String label = shortLabel(v);
      for (int k = 2; !seen.add(label); k++) {
        String suffix = "~" + k;
        label = abbreviate(shortLabel(v), MAX_LABEL - suffix.length()) + suffix;
      }
      labels.add(label);
    }
    return labels;
  }

  private static String shortLabel(ParamValue v) {
    String s = v.display();
    if (s.length() <= MAX_LABEL) {
      return s;
    }
    if (v.kind() == ParamValue.Kind.NUMBER && Double.isFinite(v.number())) {
      return new BigDecimal(Double.toString(v.number())).stripTrailingZeros().toString();
    }
    return abbreviate(s, MAX_LABEL);
  }

  /** {@code s} when at most {@code max} characters long, else its start and end around "...". */
  static String abbreviate(String s, int max) {
    return LeaderboardColumns.abbreviate(s, max);
  }

  /**
   * PnL against max drawdown: the sampled jobs as dots, the Pareto front as a line.
   *
   * @param sample the sampled points
   * @param sampledFrom how many jobs they were sampled from (the title says so when fewer shown)
   * @param front the Pareto front, or {@code null} when it was not computed
   */
  public static byte[] scatter(
      List<SamplePoint> sample, long sampledFrom, List<AggregatedJobResult> front) {
    return png(scatterChart(sample, sampledFrom, front));
  }

  /** The chart of {@link #scatter}; its legend sits below the plot, where it hides no point. */
  static XYChart scatterChart(
      List<SamplePoint> sample, long sampledFrom, List<AggregatedJobResult> front) {
    String title =
        sample.size() < sampledFrom
            ? "PnL vs max drawdown (random sample of "
                + NumberFormats.count(sample.size())
                + " of "
                + NumberFormats.count(sampledFrom)
                + " jobs, fixed seed)"
            : "PnL vs max drawdown (" + NumberFormats.count(sampledFrom) + " jobs)";
    double[] x = new double[sample.size()];
    double[] y = new double[sample.size()];
    Range xs = new Range();
    Range ys = new Range();
    for (int i = 0; i < x.length; i++) {
      x[i] = sample.get(i).drawdownPct();
      y[i] = sample.get(i).pnl();
      xs.add(x[i]);
      ys.add(y[i]);
    }
    boolean hasFront = front != null && !front.isEmpty();
    double[] fx = new double[hasFront ? front.size() : 0];
    double[] fy = new double[fx.length];
    for (int i = 0; i < fx.length; i++) {
      fx[i] = front.get(i).metric(Metric.MAX_DRAWDOWN_PCT.key()).orElse(Double.NaN);
      fy[i] = front.get(i).metric(Metric.REALIZED_PNL_USD.key()).orElse(0.0);
      xs.add(fx[i]);
      ys.add(fy[i]);
    }
    AxisScale xScale = xs.scale("max drawdown");
    AxisScale yScale = ys.scale("realized PnL");
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("max drawdown (" + xScale.unit("%") + ")")
            .yAxisTitle("realized PnL (" + yScale.unit("USD") + ")")
            .build();
    style(chart);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(5);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    XYSeries jobs = chart.addSeries("jobs", apply(xScale, x), apply(yScale, y));
    jobs.setMarker(SeriesMarkers.CIRCLE);
    jobs.setMarkerColor(new Color(0x25, 0x63, 0xeb, 110));
    if (hasFront) {
      XYSeries f = chart.addSeries("Pareto front", apply(xScale, fx), apply(yScale, fy));
      f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      f.setMarker(SeriesMarkers.DIAMOND);
      f.setMarkerColor(ORANGE);
      f.setLineColor(ORANGE);
    }
    chart.getStyler().setXAxisDecimalPattern(axisPattern(xScale.width()));
    chart.getStyler().setYAxisDecimalPattern(axisPattern(yScale.width()));
    if (xScale.fixedBounds()) {
      chart.getStyler().setXAxisMin(xScale.min()).setXAxisMax(xScale.max());
    }
    if (yScale.fixedBounds()) {
      chart.getStyler().setYAxisMin(yScale.min()).setYAxisMax(yScale.max());
    }
    return chart;
  }

  /** {@code values} in the units of {@code scale}. */
  private static double[] apply(AxisScale scale, double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = scale.apply(values[i]);
    }
    return out;
  }

  /**
   * Median PnL per cell of two parameters, on a diverging scale centred at 0: shades of red below
   * 0, of green from 0 up, in {@value #HEAT_STEPS} steps over ±(the largest |median|, rounded up to
   * a round step), so that a cell's colour says its sign whatever the other cells hold.
   */
  public static byte[] heatmap(Heatmap h) {
    return png(heatmapChart(h));
  }

  /** The chart of {@link #heatmap}. */
  static HeatMapChart heatmapChart(Heatmap h) {
    List<String> xs = categoryLabels(h.xValues());
    List<String> ys = categoryLabels(h.yValues());
    Range raw = new Range();
    for (int i = 0; i < xs.size(); i++) {
      for (int j = 0; j < ys.size(); j++) {
        raw.add(h.medianAt(i, j));
      }
    }
    // The colour scale runs over ±(the largest |median|): its labels need that to be drawable.
    Range symmetric = new Range();
    symmetric.add(-raw.magnitude());
    symmetric.add(raw.magnitude());
    AxisScale scale = symmetric.scale("median PnL");
    List<Number[]> cells = new ArrayList<>();
    Range values = new Range();
    for (int i = 0; i < xs.size(); i++) {
      for (int j = 0; j < ys.size(); j++) {
        double m = h.medianAt(i, j);
        if (!Double.isNaN(m)) {
          // XChart's List<Number[]> rows are {x index, y index, value}.
          cells.add(new Number[] {i, j, scale.apply(m)});
          values.add(scale.apply(m));
        }
      }
    }
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(WIDTH)
            .height(HEIGHT + 60)
            .title(
                "Median PnL"
                    + (scale.exponent() == 0 ? "" : " (" + scale.unit("USD") + ")")
                    + " by "
                    + h.x()
                    + " and "
                    + h.y()
                    + (h.exact() ? "" : " (medians of large cells estimated)"))
            .xAxisTitle(h.x())
            .yAxisTitle(h.y())
            .build();
    style(chart);
    Step step = Step.atLeast(values.magnitude() / (HEAT_STEPS / 2));
    double span = step.value() * (HEAT_STEPS / 2);
    chart
        .getStyler()
        .setRangeColors(HEAT_COLOURS)
        .setPiecewise(true)
        .setSplitNumber(HEAT_STEPS)
        .setPiecewiseRanged(true)
        .setMin(-span)
        .setMax(span)
        .setHeatMapDecimalValueFormatter(v -> NumberFormats.number(v, step.decimals()))
        .setShowValue(cells.size() <= 120)
        .setHeatMapValueDecimalPattern(
            NumberFormats.pattern(NumberFormats.decimalsFor(values.width())))
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
    return chart;
  }

  /** Median and mean PnL for each value of one parameter. */
  public static byte[] parameter(ParameterInsight p) {
    return png(parameterChart(p));
  }

  /** The chart of {@link #parameter}; its legend sits below the plot, where it hides no bar. */
  static CategoryChart parameterChart(ParameterInsight p) {
    Range range = new Range();
    range.add(0.0); // bars start at 0
    for (ValueStats v : p.values()) {
      range.add(v.median());
      range.add(v.mean());
    }
    AxisScale scale = range.scale("PnL by " + p.name());
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT - 60)
            .title(
                "PnL by "
                    + p.name()
                    + " (explains "
                    + NumberFormats.percent(p.etaSquared())
                    + " of the variance)")
            .xAxisTitle(p.name())
            .yAxisTitle("realized PnL (" + scale.unit("USD") + ")")
            .build();
    style(chart);
    chart.getStyler().setSeriesColors(new Color[] {BLUE, GREY});
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setAvailableSpaceFill(0.8);
    if (p.values().size() > 10) {
      chart.getStyler().setXAxisLabelRotation(45);
    }
    List<String> labels = categoryLabels(p.values().stream().map(ValueStats::value).toList());
    List<Double> medians = new ArrayList<>();
    List<Double> means = new ArrayList<>();
    for (ValueStats v : p.values()) {
      medians.add(scale.apply(v.median()));
      means.add(scale.apply(v.mean()));
    }
    chart.getStyler().setYAxisDecimalPattern(axisPattern(scale.width()));
    if (scale.fixedBounds()) {
      chart.getStyler().setYAxisMin(scale.min()).setYAxisMax(scale.max());
    }
    chart.addSeries("median", labels, medians);
    chart.addSeries("mean", labels, means);
    return chart;
  }

  /**
   * The spread of PnL for each value of one parameter: a whisker from the lowest to the highest PnL
   * of the jobs with that value, the median (diamond) and the mean (dot) on it. Values whose lowest
   * PnL is not known ({@link ValueStats#worst} NaN) get no whisker.
   */
  public static byte[] parameterSpread(ParameterInsight p) {
    return png(parameterSpreadChart(p));
  }

  /** The chart of {@link #parameterSpread}; its legend sits below the plot. */
  static CategoryChart parameterSpreadChart(ParameterInsight p) {
    Range range = new Range();
    for (ValueStats v : p.values()) {
      range.add(v.worst());
      range.add(v.best());
      range.add(v.median());
      range.add(v.mean());
    }
    AxisScale scale = range.scale("the PnL spread by " + p.name());
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT - 60)
            .title("PnL spread by " + p.name() + " (lowest to highest, median, mean)")
            .xAxisTitle(p.name())
            .yAxisTitle("realized PnL (" + scale.unit("USD") + ")")
            .build();
    style(chart);
    chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
    chart.getStyler().setOverlapped(true);
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    chart.getStyler().setMarkerSize(9);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    if (p.values().size() > 10) {
      chart.getStyler().setXAxisLabelRotation(45);
    }
    List<String> labels = categoryLabels(p.values().stream().map(ValueStats::value).toList());
    List<Double> middles = new ArrayList<>();
    List<Double> halves = new ArrayList<>();
    List<Double> medians = new ArrayList<>();
    List<Double> means = new ArrayList<>();
    for (ValueStats v : p.values()) {
      double lo = scale.apply(v.worst());
      double hi = scale.apply(v.best());
      boolean whisker = !Double.isNaN(lo) && !Double.isNaN(hi);
      // XChart draws symmetric error bars: a bar of half the range around the middle spans it.
      middles.add(whisker ? lo / 2 + hi / 2 : Double.NaN);
      halves.add(whisker ? hi / 2 - lo / 2 : 0.0);
      medians.add(scale.apply(v.median()));
      means.add(scale.apply(v.mean()));
    }
    chart.getStyler().setYAxisDecimalPattern(axisPattern(scale.width()));
    if (scale.fixedBounds()) {
      chart.getStyler().setYAxisMin(scale.min()).setYAxisMax(scale.max());
    }
    CategorySeries spread = chart.addSeries("lowest to highest", labels, middles, halves);
    spread.setMarker(SeriesMarkers.NONE);
    spread.setMarkerColor(GREY);
    spread.setLineColor(GREY);
    CategorySeries mean = chart.addSeries("mean", labels, means);
    mean.setMarker(SeriesMarkers.CIRCLE);
    mean.setMarkerColor(ORANGE);
    CategorySeries median = chart.addSeries("median", labels, medians);
    median.setMarker(SeriesMarkers.DIAMOND);
    median.setMarkerColor(BLUE);
    return chart;
  }

  /** The PnL histogram. */
  public static byte[] histogram(PnlDistribution d) {
    Range range = new Range();
    range.add(d.min());
    range.add(d.max());
    AxisScale scale = range.scale("the PnL distribution");
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT - 60)
            .title("Distribution of realized PnL (" + NumberFormats.count(d.jobs()) + " jobs)")
            .xAxisTitle("realized PnL (" + scale.unit("USD") + "), bin centre")
            .yAxisTitle("jobs")
            .build();
    style(chart);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setAvailableSpaceFill(0.96);
    chart.getStyler().setXAxisLabelRotation(45);
    chart.getStyler().setYAxisDecimalPattern("#,##0");
    List<Long> ys = new ArrayList<>();
    for (long c : d.counts()) {
      ys.add(c);
    }
    chart.addSeries("jobs", histogramLabels(d, scale), ys).setFillColor(BLUE);
    return png(chart);
  }

  /**
   * The bins' centres, with decimals chosen from the spread of the PnLs; in the units of {@code
   * scale} (computed from its bounds when it divides the values, so that no centre overflows).
   */
  static List<String> histogramLabels(PnlDistribution d) {
    Range range = new Range();
    range.add(d.min());
    range.add(d.max());
    return histogramLabels(d, range.scale("the PnL distribution"));
  }

  /** {@link #histogramLabels(PnlDistribution)} in the units of {@code scale}. */
  static List<String> histogramLabels(PnlDistribution d, AxisScale scale) {
    double[] edges = d.edges();
    int bins = edges.length - 1;
    double lo = scale.apply(d.min());
    double hi = scale.apply(d.max());
    int decimals = NumberFormats.decimalsFor(hi - lo);
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < bins; i++) {
      double centre =
          scale.exponent() == 0 && !scale.fixedBounds()
              ? edges[i] / 2 + edges[i + 1] / 2
              : lo + (hi - lo) * (i + 0.5) / bins;
      labels.add(NumberFormats.number(centre, decimals));
    }
    return labels;
  }

  /** An axis pattern with as many optional decimals as numbers spread over {@code width} need. */
  static String axisPattern(double width) {
    int decimals = NumberFormats.decimalsFor(width);
    return decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(decimals);
  }

  /** The smallest and largest of some numbers (NaN ignored). */
  static final class Range {
    private double lo = Double.POSITIVE_INFINITY;
    private double hi = Double.NEGATIVE_INFINITY;

    void add(double v) {
      if (!Double.isNaN(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }

    /** Largest minus smallest; 0 when empty or one value. */
    double width() {
      return hi >= lo ? hi - lo : 0.0;
    }

    /** The largest magnitude; 0 when empty. */
    double magnitude() {
      return hi >= lo ? Math.max(Math.abs(lo), Math.abs(hi)) : 0.0;
    }

    /**
     * How to draw these numbers on an axis ({@link AxisScale#of}); 0 to 0 when empty.
     *
     * @param what names the chart in the message when a number is infinite
     * @throws NotDrawableException when a number is infinite
     */
    AxisScale scale(String what) {
      if (hi < lo) {
        return AxisScale.identity(0, 0);
      }
      if (Double.isInfinite(lo) || Double.isInfinite(hi)) {
        throw new NotDrawableException(
            "the chart of " + what + " has a value too large to compute with");
      }
      return AxisScale.of(lo, hi);
    }
  }

  /**
   * A chart cannot be drawn (a value or a statistic of values is infinite); the message says which
   * chart and why, as a sentence for the reader of the report.
   */
  public static final class NotDrawableException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    NotDrawableException(String message) {
      super(message);
    }
  }

  /**
   * A round step of a colour scale: 1, 2, 2.5 or 5 times a power of ten, and the decimals that
   * print its multiples exactly.
   */
  record Step(double value, int decimals) {

    /** The smallest round step of at least {@code x} (1 when {@code x} is 0 or not finite). */
    static Step atLeast(double x) {
      if (!(x > 0) || Double.isInfinite(x)) {
        return new Step(1, 0);
      }
      int exponent = (int) Math.floor(Math.log10(x));
      for (int e = exponent; ; e++) {
        for (String m : new String[] {"1", "2", "2.5", "5"}) {
          BigDecimal step = new BigDecimal(m).scaleByPowerOfTen(e);
          if (step.doubleValue() >= x) {
            return new Step(step.doubleValue(), Math.max(0, step.stripTrailingZeros().scale()));
          }
        }
      }
    }
  }

  /** The look of every report chart (also {@link JobCharts}'). */
  static void style(Chart<? extends Styler, ?> chart) {
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
    }
  }

  /** {@code chart} encoded as PNG. */
  static byte[] png(Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a chart as PNG", e);
    }
  }
}
