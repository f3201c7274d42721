package dev.arbtune.report;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.backtest.Direction;
import dev.arbtune.backtest.Engine;
import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.EquityRecorder;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.backtest.QuotesDiskCache;
import dev.arbtune.backtest.Trade;
import dev.arbtune.insights.NumberFormats;
import dev.arbtune.run.QuotesSource;
import dev.arbtune.show.DataRoots;
import dev.arbtune.show.MetricCheck;
import dev.arbtune.show.Replay;
import dev.arbtune.show.ReplayException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts of one job re-run from its config: equity and drawdown over time, and the two spreads
 * over time with the trades' entries and exits marked. Long series are cut into {@value #BUCKETS}
 * time buckets, each keeping its first, lowest, highest and last value ({@link SeriesBuckets}), so
 * a million rows draw as fast as a thousand and a one-row spike still shows. The spread lines break
 * where the data has a gap (a weekend, say: {@link SeriesBuckets#seriesBrokenAtGaps}) instead of
 * joining its two ends with a straight line; the equity, a step curve, holds across it.
 */
public final class JobCharts {

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Time buckets of a chart: about one per pixel column of its plot. */
  static final int BUCKETS = 700;

  /** Markers drawn at most per pixel cell; more trades than cells draw one marker per cell. */
  private static final int MARKER_CELLS_X = 700;

  private static final int MARKER_CELLS_Y = 300;

  private static final Color GREEN = new Color(0x16, 0xa3, 0x4a);
  private static final Color RED = new Color(0xdc, 0x26, 0x26);

  private JobCharts() {}

  /**
   * A job's series, downsampled for drawing.
   *
   * @param jobId the job
   * @param t0 the window's first time, epoch µs
   * @param equity time and equity of the marked rows ({@code [0]} times, {@code [1]} values),
   *     starting with the initial balance at {@code t0}
   * @param drawdown time and drawdown (percent), likewise
   * @param spreadAb time and {@code s_ab} (bps) of every valid row, downsampled, with a NaN value
   *     (a line break) in each gap of the data
   * @param spreadBa time and {@code s_ba} (bps), likewise
   * @param entries time and spread (of the trade's own direction) where trades opened
   * @param exits time and spread where trades closed
   * @param openThresholdBps {@code costs + min_spread_bps}: a trade opens at or above it
   * @param rows rows of the window processed
   */
  public record Series(
      String jobId,
      long t0,
      double[][] equity,
      double[][] drawdown,
      double[][] spreadAb,
      double[][] spreadBa,
      double[][] entries,
      double[][] exits,
      double openThresholdBps,
      long rows) {
    public Series {
      Objects.requireNonNull(jobId, "jobId");
    }
  }

  /** The series of a re-run job: one pass of the equity recorder, one over the spreads. */
  public static Series of(String jobId, Replay replay) {
    Objects.requireNonNull(replay, "replay");
    Quotes q = replay.quotes();
    int from =
        replay.config().startTime() == null
            ? 0
            : q.firstIndexAtOrAfter(replay.config().startTime());
    int to =
        replay.config().endTime() == null
            ? q.size()
            : q.firstIndexAtOrAfter(replay.config().endTime());
    long t0 = q.timestamp(from);
    long t1 = q.timestamp(to - 1);
    SeriesBuckets equity = new SeriesBuckets(t0, t1, BUCKETS);
    SeriesBuckets drawdown = new SeriesBuckets(t0, t1, BUCKETS);
    equity.add(t0, replay.config().initialBalanceUsd());
    drawdown.add(t0, 0);
    List<double[]> entries = new ArrayList<>();
    List<double[]> exits = new ArrayList<>();
    double[] last = {replay.config().initialBalanceUsd(), 0};
    EquityRecorder.Curve curve =
        replay.equity(
            new EquityRecorder.Sink() {
              @Override
              public void marked(int row, double eq, double dd, int open) {
                equity.add(q.timestamp(row), eq);
                drawdown.add(q.timestamp(row), dd);
                last[0] = eq;
                last[1] = dd;
              }

              @Override
              public void opened(int row, Trade trade) {
                entries.add(new double[] {q.timestamp(row), spread(q, row, trade.direction())});
              }

              @Override
              public void closed(int row, Trade trade) {
                exits.add(new double[] {q.timestamp(row), spread(q, row, trade.direction())});
              }
            });
    long tEnd = q.timestamp(curve.end() - 1);
    equity.add(tEnd, last[0]); // equity holds until the end of the run
    drawdown.add(tEnd, last[1]);
    SeriesBuckets ab = new SeriesBuckets(t0, t1, BUCKETS);
    SeriesBuckets ba = new SeriesBuckets(t0, t1, BUCKETS);
    for (int i = from; i < curve.end(); i++) {
      if (q.tradable(i)) {
        ab.add(q.timestamp(i), spread(q, i, Direction.BUY_A_SELL_B));
        ba.add(q.timestamp(i), spread(q, i, Direction.BUY_B_SELL_A));
      }
    }
    return new Series(
        jobId,
        t0,
        equity.series(),
        drawdown.series(),
        ab.seriesBrokenAtGaps(),
        ba.seriesBrokenAtGaps(),
        columns(entries),
        columns(exits),
        replay.config().costBps() + replay.config().minSpreadBps(),
        curve.end() - (long) from);
  }

  /** The spread of {@code direction} on row {@code i}, bps, as docs/MODEL.md defines it. */
  static double spread(Quotes q, int i, Direction direction) {
    return direction == Direction.BUY_A_SELL_B
        ? (q.bidB(i) - q.askA(i)) / q.askA(i) * 1e4
        : (q.bidA(i) - q.askB(i)) / q.askB(i) * 1e4;
  }

  private static double[][] columns(List<double[]> points) {
    double[] t = new double[points.size()];
    double[] v = new double[points.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = points.get(i)[0];
      v[i] = points.get(i)[1];
    }
    return new double[][] {t, v};
  }

  /** Jobs of the report's leaderboard re-run for charts at most. */
  public static final int REPORT_JOBS = 3;

  /**
   * Data files up to this size are cheap to load for the second and third job; the top job is
   * always re-run, and a job whose data file is already loaded costs only the engine's run.
   */
  public static final long CHEAP_BYTES = 32L << 20;

  /**
   * The report's section of job charts: the top job of {@code top} (and the next two when cheap:
   * their data file already loaded or at most {@link #CHEAP_BYTES}) re-run from its config, its
   * equity/drawdown curve and its spreads with entries and exits. A job that cannot be re-run (its
   * data file moved or deleted, say) gets a note in its place; the report is written all the same.
   * Empty when {@code top} is.
   *
   * @param top the leaderboard, best first
   * @param resultsDir the folder the jobs came from (for {@link DataRoots})
   * @param dataRoot {@code --data-root}, or {@code null} for the current folder
   */
  public static String reportSection(
      List<AggregatedJobResult> top, Path resultsDir, Path dataRoot) {
    return reportSection(top, resultsDir, dataRoot, null);
  }

  /**
   * The report's section of job charts as {@link #reportSection(List, Path, Path)} makes it, its
   * data files loaded through {@code disk}.
   *
   * @param disk the folder of binary copies of quotes files, or {@code null} to parse the CSV
   */
  public static String reportSection(
      List<AggregatedJobResult> top, Path resultsDir, Path dataRoot, QuotesDiskCache disk) {
    return reportSection(top, resultsDir, dataRoot, disk, Engine.DEFAULT);
  }

  /**
   * The report's section of job charts as {@link #reportSection(List, Path, Path, QuotesDiskCache)}
   * makes it, the jobs re-run with {@code engine} (both engines give the same charts).
   */
  public static String reportSection(
      List<AggregatedJobResult> top,
      Path resultsDir,
      Path dataRoot,
      QuotesDiskCache disk,
      Engine engine) {
    return reportSection(
        top, resultsDir, dataRoot, new QuotesCache(QuotesCache.defaultBudgetBytes(), disk), engine);
  }

  /**
   * The report's section of job charts as {@link #reportSection(List, Path, Path, QuotesDiskCache,
   * Engine)} makes it, the data files loaded through (and left in) {@code cache}: a caller can look
   * at the quotes the jobs were re-run on afterwards.
   */
  public static String reportSection(
      List<AggregatedJobResult> top,
      Path resultsDir,
      Path dataRoot,
      QuotesCache cache,
      Engine engine) {
    Objects.requireNonNull(top, "top");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(resultsDir, "resultsDir");
    if (top.isEmpty()) {
      return "";
    }
    StringBuilder h = new StringBuilder(1 << 16);
    h.append("<section><h2>Top jobs over time</h2>\n<p class=\"muted\">Re-run from each job's")
        .append(" config with its data file (the top job; the next two when their data is small or")
        .append(" already loaded). <code>arbtune show JOB_ID --results-dir DIR</code> writes the")
        .append(" same charts with the trade log and the equity of every row.</p>\n");
    Set<Path> loaded = new HashSet<>();
    int shown = 0;
    for (AggregatedJobResult job : top.subList(0, Math.min(REPORT_JOBS, top.size()))) {
      String dataFile = DataRoots.inputFile(job.config());
      Path root = DataRoots.of(dataRoot, resultsDir, dataFile);
      Path file = dataFile == null ? null : resolve(root, dataFile);
      if (shown > 0 && !cheap(file, loaded)) {
        h.append("<p class=\"muted\">Job <code>")
            .append(HtmlReport.esc(job.jobId()))
            .append("</code> and below not re-run: their data file is large (over ")
            .append(CHEAP_BYTES >> 20)
            .append(" MiB) and not loaded yet.</p>\n");
        break;
      }
      shown++;
      h.append("<h3>#").append(shown).append(" <code>").append(HtmlReport.esc(job.jobId()));
      h.append("</code></h3>\n");
      Replay replay;
      try {
        replay =
            Replay.of(
                job.config(),
                job.jobId(),
                QuotesSource.local(cache, root, DataRoots.joinedFolder(resultsDir)),
                engine);
      } catch (ReplayException e) {
        h.append("<figure class=\"omitted\"><p>")
            .append(e.dataMissing() ? "Data file not reachable (moved or deleted?): " : "")
            .append(HtmlReport.esc(e.getMessage()))
            .append(". Its charts are left out; the rest of the report does not need it.</p>")
            .append("</figure>\n");
        continue;
      }
      if (file != null) {
        loaded.add(file);
      }
      List<MetricCheck.Difference> differences =
          MetricCheck.differences(job.metrics(), replay.metricsMap());
      if (!differences.isEmpty()) {
        h.append("<p style=\"color:#dc2626\"><b>The re-run differs from the document</b> (the")
            .append(" data file or the engine changed since the job ran; the charts show the")
            .append(" re-run): ");
        List<String> listed = new ArrayList<>();
        for (MetricCheck.Difference d : differences) {
          listed.add("<code>" + HtmlReport.esc(d.toString()) + "</code>");
        }
        h.append(String.join(", ", listed)).append(".</p>\n");
      }
      h.append("<div class=\"grid\">\n");
      try {
        ShowPage.figures(h, of(job.jobId(), replay));
      } catch (RuntimeException e) {
        h.append("<figure class=\"omitted\"><p>Charts left out: ")
            .append(HtmlReport.UNFORESEEN)
            .append(".</p></figure>\n");
      }
      h.append("</div>\n");
    }
    return h.append("</section>\n").toString();
  }

  private static Path resolve(Path root, String dataFile) {
    try {
      return root.resolve(dataFile).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** Whether re-running a job on {@code file} is cheap: loaded already, or small (or missing). */
  private static boolean cheap(Path file, Set<Path> loaded) {
    if (file == null || loaded.contains(file)) {
      return true;
    }
    try {
      return !Files.isRegularFile(file) || Files.size(file) <= CHEAP_BYTES;
    } catch (IOException e) {
      return true;
    }
  }

  /** The time axis: a unit that keeps its numbers readable, counted from {@code t0}. */
  record TimeAxis(long t0, double microsPerUnit, String unit) {

    static TimeAxis of(long t0, long t1) {
      double span = (double) t1 - t0;
      if (span <= 120e6) {
        return new TimeAxis(t0, 1e6, "seconds");
      }
      if (span <= 120 * 60e6) {
        return new TimeAxis(t0, 60e6, "minutes");
      }
      if (span <= 72 * 3600e6) {
        return new TimeAxis(t0, 3600e6, "hours");
      }
      return new TimeAxis(t0, 86400e6, "days");
    }

    double[] apply(double[] micros) {
      double[] out = new double[micros.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = (micros[i] - t0) / microsPerUnit;
      }
      return out;
    }

    String title() {
      return unit + " after " + EpochUnit.instant(t0);
    }
  }

  private static TimeAxis timeAxis(Series s) {
    long t1 = s.t0();
    for (double[][] series : new double[][][] {s.equity(), s.spreadAb(), s.spreadBa()}) {
      for (double t : series[0]) {
        t1 = Math.max(t1, (long) t);
      }
    }
    return TimeAxis.of(s.t0(), t1);
  }

  /** Equity (top) and drawdown (bottom) over time, one PNG. */
  public static byte[] equityPng(Series s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(equityImage(s).image(), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a chart as PNG", e);
    }
    return out.toByteArray();
  }

  /**
   * The equity and drawdown charts in one image, and where each one's time axis starts and ends
   * (pixels from the image's left edge).
   */
  record Stacked(BufferedImage image, double[] equityAxis, double[] drawdownAxis) {}

  /**
   * Equity above drawdown, their time axes lined up: the chart with the narrower y-axis labels is
   * drawn that much to the right and that much narrower, so both plots start and end at the same
   * pixel columns.
   */
  static Stacked equityImage(Series s) {
    TimeAxis time = timeAxis(s);
    XYChart eq = equityChart(s, time);
    XYChart dd = drawdownChart(s, time);
    double[] ends = {0, time.apply(new double[] {lastTime(s)})[0]};
    for (XYChart chart : List.of(eq, dd)) {
      chart.getStyler().setXAxisMin(ends[0]).setXAxisMax(ends[1]);
    }
    int width = Charts.WIDTH;
    BufferedImage image =
        new BufferedImage(width, eq.getHeight() + dd.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      // A first paint measures where each plot starts (after its y-axis labels).
      paint(g, eq, 0, 0, width);
      double eqLeft = eq.getScreenXFromChart(ends[0]);
      paint(g, dd, 0, 0, width);
      double ddLeft = dd.getScreenXFromChart(ends[0]);
      int eqShift = (int) Math.round(Math.max(0, ddLeft - eqLeft));
      int ddShift = (int) Math.round(Math.max(0, eqLeft - ddLeft));
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      paint(g, eq, eqShift, 0, width);
      paint(g, dd, ddShift, eq.getHeight(), width);
      return new Stacked(
          image,
          new double[] {
            eqShift + eq.getScreenXFromChart(ends[0]), eqShift + eq.getScreenXFromChart(ends[1])
          },
          new double[] {
            ddShift + dd.getScreenXFromChart(ends[0]), ddShift + dd.getScreenXFromChart(ends[1])
          });
    } finally {
      g.dispose();
    }
  }

  /** Paints {@code chart} {@code dx} pixels right of the left edge, ending at {@code width}. */
  private static void paint(Graphics2D g, XYChart chart, int dx, int dy, int width) {
    Graphics2D c = (Graphics2D) g.create(dx, dy, width - dx, chart.getHeight());
    try {
      chart.paint(c, width - dx, chart.getHeight());
    } finally {
      c.dispose();
    }
  }

  static XYChart equityChart(Series s, TimeAxis time) {
    Charts.Range ys = range(s.equity()[1]);
    AxisScale y = ys.scale("equity of " + s.jobId());
    XYChart chart =
        base(
            "Equity of " + s.jobId() + " (re-run, " + NumberFormats.count(s.rows()) + " quotes)",
            time,
            "equity (" + y.unit("USD") + ")",
            Charts.HEIGHT / 2 + 20);
    XYSeries line = chart.addSeries("equity", time.apply(s.equity()[0]), apply(y, s.equity()[1]));
    line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    line.setMarker(SeriesMarkers.NONE);
    line.setLineColor(Charts.BLUE);
    finish(chart, y);
    return chart;
  }

  static XYChart drawdownChart(Series s, TimeAxis time) {
    double[] negated = new double[s.drawdown()[1].length];
    for (int i = 0; i < negated.length; i++) {
      negated[i] = -s.drawdown()[1][i];
    }
    Charts.Range ys = range(negated);
    ys.add(0.0);
    AxisScale y = ys.scale("drawdown of " + s.jobId());
    XYChart chart =
        base(
            "Drawdown (below the peak so far)",
            time,
            "drawdown (" + y.unit("%") + ")",
            Charts.HEIGHT / 2 + 20);
    XYSeries line = chart.addSeries("drawdown", time.apply(s.drawdown()[0]), apply(y, negated));
    line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    line.setMarker(SeriesMarkers.NONE);
    line.setLineColor(RED);
    finish(chart, y);
    return chart;
  }

  /** Both spreads over time, the opening threshold, and every entry and exit marked. */
  public static byte[] spreadPng(Series s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      BitmapEncoder.saveBitmap(spreadChart(s), out, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a chart as PNG", e);
    }
    return out.toByteArray();
  }

  static XYChart spreadChart(Series s) {
    TimeAxis time = timeAxis(s);
    Charts.Range ys = range(s.spreadAb()[1]);
    for (double v : s.spreadBa()[1]) {
      ys.add(v);
    }
    for (double v : s.entries()[1]) {
      ys.add(v);
    }
    for (double v : s.exits()[1]) {
      ys.add(v);
    }
    ys.add(0.0);
    ys.add(s.openThresholdBps());
    AxisScale y = ys.scale("the spreads of " + s.jobId());
    XYChart chart =
        base(
            "Spreads of " + s.jobId() + " with entries and exits",
            time,
            "spread (" + y.unit("bps") + ")",
            Charts.HEIGHT + 40);
    chart.getStyler().setLegendVisible(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    line(chart, "s_ab (buy A, sell B)", time.apply(s.spreadAb()[0]), apply(y, s.spreadAb()[1]))
        .setLineColor(Charts.BLUE);
    line(chart, "s_ba (buy B, sell A)", time.apply(s.spreadBa()[0]), apply(y, s.spreadBa()[1]))
        .setLineColor(Charts.GREY);
    double[] ends = {0, time.apply(new double[] {lastTime(s)})[0]};
    XYSeries threshold =
        line(
            chart,
            "opens at " + NumberFormats.number(s.openThresholdBps(), 2) + " bps",
            ends,
            new double[] {y.apply(s.openThresholdBps()), y.apply(s.openThresholdBps())});
    threshold.setLineColor(Charts.ORANGE);
    threshold.setLineStyle(SeriesLines.DASH_DASH);
    markers(chart, "entries", s.entries(), time, y, SeriesMarkers.TRIANGLE_UP, GREEN);
    markers(chart, "exits", s.exits(), time, y, SeriesMarkers.TRIANGLE_DOWN, RED);
    finish(chart, y);
    return chart;
  }

  private static double lastTime(Series s) {
    double t = s.t0();
    for (double[][] series : new double[][][] {s.spreadAb(), s.spreadBa(), s.equity()}) {
      if (series[0].length > 0) {
        t = Math.max(t, series[0][series[0].length - 1]);
      }
    }
    return t;
  }

  private static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
    XYSeries series =
        chart.addSeries(
            name, x.length == 0 ? new double[] {0} : x, y.length == 0 ? new double[] {0} : y);
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setMarker(SeriesMarkers.NONE);
    return series;
  }

  /** Markers, at most one per pixel cell (so that 100,000 trades draw fast). */
  private static void markers(
      XYChart chart,
      String name,
      double[][] points,
      TimeAxis time,
      AxisScale y,
      org.knowm.xchart.style.markers.Marker marker,
      Color colour) {
    if (points[0].length == 0) {
      return;
    }
    double[] xs = time.apply(points[0]);
    double[] ys = apply(y, points[1]);
    double[] xr = bounds(xs);
    double[] yr = bounds(ys);
    Set<Long> cells = new HashSet<>();
    List<double[]> kept = new ArrayList<>();
    for (int i = 0; i < xs.length; i++) {
      long cx = cell(xs[i], xr, MARKER_CELLS_X);
      long cy = cell(ys[i], yr, MARKER_CELLS_Y);
      if (cells.add(cx * (MARKER_CELLS_Y + 1) + cy)) {
        kept.add(new double[] {xs[i], ys[i]});
      }
    }
    double[][] cols = columns(kept);
    XYSeries s =
        chart.addSeries(
            name + " (" + NumberFormats.count(points[0].length) + ")", cols[0], cols[1]);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(marker);
    s.setMarkerColor(colour);
  }

  private static long cell(double v, double[] bounds, int cells) {
    double w = bounds[1] - bounds[0];
    return w > 0 ? Math.min(cells, (long) ((v - bounds[0]) / w * cells)) : 0;
  }

  /** The lowest and highest of {@code values} (NaN ignored). */
  private static double[] bounds(double[] values) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    return new double[] {lo, hi};
  }

  private static XYChart base(String title, TimeAxis time, String yTitle, int height) {
    XYChart chart =
        new XYChartBuilder()
            .width(Charts.WIDTH)
            .height(height)
            .title(title)
            .xAxisTitle(time.title())
            .yAxisTitle(yTitle)
            .build();
    Charts.style(chart);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setMarkerSize(7);
    return chart;
  }

  private static void finish(XYChart chart, AxisScale y) {
    chart.getStyler().setYAxisDecimalPattern(Charts.axisPattern(y.width()));
    if (y.fixedBounds()) {
      chart.getStyler().setYAxisMin(y.min()).setYAxisMax(y.max());
    }
  }

  private static Charts.Range range(double[] values) {
    Charts.Range r = new Charts.Range();
    for (double v : values) {
      r.add(v);
    }
    return r;
  }

  private static double[] apply(AxisScale scale, double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = scale.apply(values[i]);
    }
    return out;
  }
}
