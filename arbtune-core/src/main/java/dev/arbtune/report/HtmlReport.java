package dev.arbtune.report;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.CollectedSummary;
import dev.arbtune.aggregate.ErrorReport;
import dev.arbtune.aggregate.LeaderboardColumns;
import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.insights.Heatmap;
import dev.arbtune.insights.HeatmapCollector;
import dev.arbtune.insights.InsightCollector;
import dev.arbtune.insights.InsightOptions;
import dev.arbtune.insights.Insights;
import dev.arbtune.insights.InsightsText;
import dev.arbtune.insights.NumberFormats;
import dev.arbtune.insights.ParamValue;
import dev.arbtune.insights.ParameterInsight;
import dev.arbtune.insights.Robustness;
import dev.arbtune.insights.SelectionBias;
import dev.arbtune.insights.SharpeCheck;
import dev.arbtune.insights.SkippedParameter;
import dev.arbtune.insights.ValueStats;
import dev.arbtune.insights.Verdict;
import dev.arbtune.io.AtomicFiles;
import dev.arbtune.result.ErrorKind;
import dev.arbtune.result.Metric;
import dev.arbtune.result.Versions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The HTML report of a tuning session: one self-contained file (inline CSS, charts as PNG {@code
 * data:} URIs, no script, no external reference; a Content-Security-Policy forbids loading
 * anything) with the headline counts and errors by kind, the leaderboard, a PnL vs drawdown scatter
 * with the Pareto front, a heatmap of median PnL over the two most important parameters, PnL by
 * value of every parameter, the PnL distribution, the robustness of the top jobs with spikes
 * flagged, their deflated Sharpe ratios and the probability of backtest overfitting.
 *
 * <pre>{@code
 * TuningResultsAggregator aggregator = TuningResultsAggregator.builder(dir).pareto(true).build();
 * HtmlReport.write(aggregator, new ScanProgress(), Path.of("report.html"));
 * }</pre>
 */
public final class HtmlReport {

  /** Errors listed by message under the counts by kind. */
  static final int LISTED_ERRORS = 10;

  /** Job ids up to this many characters are never broken across lines in the tables. */
  static final int SHORT_ID = 20;

  /** {@link #SHORT_ID} when the leaderboard has every key column it can have. */
  static final int SHORT_ID_FULL_BOARD = 12;

  /**
   * Everything a report shows.
   *
   * @param resultsDir the folder the jobs came from
   * @param summary the aggregator's summary (with the Pareto front when it was asked for)
   * @param insights the insights of the same pass
   * @param heatmap median PnL over the two most important parameters, or {@code null} when fewer
   *     than two parameters vary
   */
  public record Content(
      Path resultsDir, AggregatedSummary summary, Insights insights, Heatmap heatmap) {
    public Content {
      Objects.requireNonNull(resultsDir, "resultsDir");
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(insights, "insights");
    }
  }

  private HtmlReport() {}

  /**
   * Scans the aggregator's folder and writes the report to {@code output} (atomically; parent
   * folders are created). Two passes: the first gathers the summary and the insights, the second
   * the heatmap of the two most important parameters, which are only known after the first.
   *
   * @return what the report shows
   * @throws java.nio.file.NoSuchFileException when the results directory does not exist
   * @throws IOException when scanning or writing fails
   */
  public static Content write(
      TuningResultsAggregator aggregator, ScanProgress progress, Path output) throws IOException {
    Content content = collect(aggregator, progress, InsightOptions.DEFAULTS);
    write(content, output);
    return content;
  }

  /**
   * Gathers what a report shows (two passes over the folder, see {@link #write(
   * TuningResultsAggregator, ScanProgress, Path)}): {@link #firstPass} reporting to {@code
   * progress}, then {@link #secondPass} reporting to a progress of its own, so that {@code
   * progress} counts every job once. To show the second pass too, call the two passes yourself.
   * Build the aggregator with {@code pareto(true)} for the front to be drawn.
   *
   * @throws java.nio.file.NoSuchFileException when the results directory does not exist
   * @throws IOException when scanning fails
   */
  public static Content collect(
      TuningResultsAggregator aggregator, ScanProgress progress, InsightOptions options)
      throws IOException {
    return secondPass(aggregator, new ScanProgress(), firstPass(aggregator, progress, options));
  }

  /**
   * The first pass: the summary and the insights; the content has no heatmap yet. Uses at most the
   * aggregator's {@link TuningResultsAggregator#threads() threads}, the insights' PBO included.
   *
   * @param progress counts the jobs of this pass
   * @throws java.nio.file.NoSuchFileException when the results directory does not exist
   * @throws IOException when scanning fails
   */
  public static Content firstPass(
      TuningResultsAggregator aggregator, ScanProgress progress, InsightOptions options)
      throws IOException {
    CollectedSummary<InsightCollector> run = InsightCollector.collect(aggregator, progress);
    Insights insights = Insights.compute(run, options, aggregator.threads());
    return new Content(aggregator.resultsDir(), run.summary(), insights, null);
  }

  /** Whether {@link #secondPass} has work: at least two parameters were analysed. */
  public static boolean needsSecondPass(Content first) {
    return first.insights().mostImportant(2).size() == 2;
  }

  /**
   * The second pass: the heatmap of median PnL over the two most important parameters, which are
   * only known after the first pass. Returns {@code first} unchanged when fewer than two parameters
   * were analysed (nothing is read then).
   *
   * @param progress counts the jobs of this pass
   * @param first what {@link #firstPass} returned
   * @throws java.nio.file.NoSuchFileException when the results directory does not exist
   * @throws IOException when scanning fails
   */
  public static Content secondPass(
      TuningResultsAggregator aggregator, ScanProgress progress, Content first) throws IOException {
    if (!needsSecondPass(first)) {
      return first;
    }
    List<ParameterInsight> top = first.insights().mostImportant(2);
    Heatmap heatmap =
        aggregator
            .summarize(progress, () -> new HeatmapCollector(top.get(0).name(), top.get(1).name()))
            .collected()
            .heatmap();
    return new Content(first.resultsDir(), first.summary(), first.insights(), heatmap);
  }

  /**
   * Writes the report of {@code content} to {@code output}, atomically.
   *
   * @throws IOException when the file cannot be written
   */
  public static void write(Content content, Path output) throws IOException {
    write(content, output, "");
  }

  /**
   * Writes the report of {@code content} with the job charts of {@code jobCharts} ({@link
   * JobCharts#reportSection}; empty for none) to {@code output}, atomically.
   *
   * @throws IOException when the file cannot be written
   */
  public static void write(Content content, Path output, String jobCharts) throws IOException {
    String html = render(content, jobCharts);
    AtomicFiles.writeText(output, w -> w.write(html));
  }

  /** The report as one HTML document. */
  public static String render(Content c) {
    return render(c, "");
  }

  /**
   * The report as one HTML document, with the job charts of {@code jobCharts} ({@link
   * JobCharts#reportSection}; empty for none) after the charts.
   */
  public static String render(Content c, String jobCharts) {
    AggregatedSummary s = c.summary();
    Insights in = c.insights();
    StringBuilder h = new StringBuilder(1 << 20);
    String name =
        c.resultsDir().getFileName() == null
            ? c.resultsDir().toString()
            : c.resultsDir().getFileName().toString();
    head(h, "arbtune report: " + name);
    h.append("<header><h1>Tuning report <span class=\"muted\">")
        .append(esc(name))
        .append("</span></h1>\n<p class=\"muted\">Results folder <code>")
        .append(esc(c.resultsDir().toString()))
        .append("</code> &middot; ranked by <code>")
        .append(esc(s.ranking().metric()))
        .append("</code> (")
        .append(esc(s.ranking().order().label()))
        .append(")");
    if (!s.filters().isEmpty()) {
      h.append(" &middot; filters ");
      s.filters()
          .forEach((k, v) -> h.append("<code>").append(esc(k + ": " + v)).append("</code> "));
    }
    h.append(" &middot; arbtune ").append(esc(Versions.version())).append("</p></header>\n");

    headline(h, s, in);
    findings(h, in);
    errors(h, s);
    leaderboard(h, s, in);
    charts(h, c);
    h.append(Objects.requireNonNull(jobCharts, "jobCharts"));
    importance(h, in);
    robustness(h, in);
    selectionBias(h, in.selectionBias());
    PboSection.render(h, in.pbo());
    pareto(h, s);
    sensitivity(h, in);
    h.append("<footer class=\"muted\">Formulas, the spike rule and the sampling are described in")
        .append(" <code>docs/INSIGHTS.md</code> of arbtune. PnL is <code>realized_pnl_usd</code>.")
        .append(" Sensitivity, importance, the charts and the distribution cover the success jobs")
        .append(" that passed the filters; grid neighbours and the deflated Sharpe ratio's trials")
        .append(" cover every success job (")
        .append(NumberFormats.count(in.successJobs()))
        .append(").</footer>\n");
    h.append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  /**
   * The start of a page in the report's look, up to and including {@code <main>}: the
   * Content-Security-Policy that forbids loading anything, {@code title} and the style sheet.
   */
  static void head(StringBuilder h, String title) {
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
        .append(" img-src data:; style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(esc(title))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n<main>\n");
  }

  private static void headline(StringBuilder h, AggregatedSummary s, Insights in) {
    h.append("<section class=\"cards\">\n");
    card(h, "Total jobs", NumberFormats.count(s.totalJobs()), "");
    card(h, "Success", NumberFormats.count(s.successJobs()), "ok");
    card(h, "Errors", NumberFormats.count(s.errorJobs()), s.errorJobs() > 0 ? "bad" : "");
    card(h, "Passed filters", NumberFormats.count(s.matchedJobs()), "");
    if (in.distribution().jobs() > 0) {
      card(h, "Best PnL", NumberFormats.money(in.distribution().max()), "");
      card(h, "Median PnL", NumberFormats.money(in.distribution().median()), "");
    }
    h.append("</section>\n");
  }

  /** One headline card; {@code cls} is "", "ok" or "bad". */
  static void card(StringBuilder h, String label, String value, String cls) {
    h.append("<div class=\"card ")
        .append(cls)
        .append("\"><div class=\"label\">")
        .append(esc(label))
        .append("</div><div class=\"value\">")
        .append(esc(value))
        .append("</div></div>\n");
  }

  private static void findings(StringBuilder h, Insights in) {
    h.append("<section><h2>Key findings</h2><ul class=\"findings\">\n");
    if (!in.parameters().isEmpty()) {
      ParameterInsight p = in.parameters().get(0);
      h.append("<li><b>")
          .append(esc(p.name()))
          .append("</b> matters most: it explains ")
          .append(NumberFormats.percent(p.etaSquared()))
          .append(" of the PnL variance on its own.</li>\n");
    } else {
      h.append("<li>No parameter varies across the jobs that passed the filters.</li>\n");
    }
    if (!in.robustness().isEmpty()) {
      Robustness r = in.robustness().get(0);
      h.append("<li>The top job <code>").append(esc(r.job().jobId())).append("</code> ");
      switch (r.verdict()) {
        case SPIKE ->
            h.append("is an <span class=\"badge spike\">isolated spike</span>: its ")
                .append(r.neighbours())
                .append(" grid neighbours have a median PnL of ")
                .append(esc(NumberFormats.money(r.neighbourMedian())))
                .append(" against its ")
                .append(esc(NumberFormats.money(r.pnl())))
                .append(". Be wary of it.");
        case PLATEAU ->
            h.append("sits on a <span class=\"badge plateau\">plateau</span>: its ")
                .append(r.neighbours())
                .append(" grid neighbours have a median PnL of ")
                .append(esc(NumberFormats.money(r.neighbourMedian())))
                .append(".");
        case NO_NEIGHBOURS ->
            h.append("has no grid neighbour among the success jobs to compare with.");
      }
      long spikes = in.robustness().stream().filter(x -> x.verdict() == Verdict.SPIKE).count();
      h.append(" ")
          .append(spikes)
          .append(" of the top ")
          .append(in.robustness().size())
          .append(spikes == 1 ? " is a spike.</li>\n" : " are spikes.</li>\n");
    }
    SelectionBias b = in.selectionBias();
    if (!b.available()) {
      h.append("<li>Deflated Sharpe ratio not available: ")
          .append(esc(b.unavailable()))
          .append(".</li>\n");
    } else if (!b.checks().isEmpty()) {
      long significant = b.checks().stream().filter(SharpeCheck::significant).count();
      h.append("<li>")
          .append(significant)
          .append(" of the top ")
          .append(b.checks().size())
          .append(" have a Sharpe ratio that is significant at ")
          .append(NumberFormats.percent(b.significance()))
          .append(" after ")
          .append(NumberFormats.count(b.trials()))
          .append(" trials (deflated Sharpe ratio)")
          .append(significant == 0 ? ": <b>the winners may be luck</b>." : ".")
          .append("</li>\n");
    }
    if (in.pbo().available()) {
      h.append("<li>").append(esc(in.pbo().result().verdict())).append(".</li>\n");
    }
    h.append("</ul></section>\n");
  }

  private static void errors(StringBuilder h, AggregatedSummary s) {
    if (s.errorJobs() == 0) {
      return;
    }
    h.append("<section><h2>Errors by kind</h2>\n<table class=\"narrow\"><thead><tr>")
        .append("<th>kind</th><th class=\"num\">jobs</th></tr></thead><tbody>\n");
    for (Map.Entry<ErrorKind, Long> e : s.errorKinds().entrySet()) {
      h.append("<tr><td>")
          .append(esc(e.getKey().label()))
          .append("</td><td class=\"num\">")
          .append(NumberFormats.count(e.getValue()))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table>\n<details><summary>First errors</summary><ul class=\"errors\">\n");
    List<ErrorReport> listed = s.errors();
    for (int i = 0; i < Math.min(LISTED_ERRORS, listed.size()); i++) {
      ErrorReport e = listed.get(i);
      h.append("<li><code>")
          .append(esc(e.location()))
          .append("</code> ")
          .append(esc(e.kind().label()))
          .append(": ")
          .append(esc(e.message()))
          .append("</li>\n");
    }
    h.append("</ul></details></section>\n");
  }

  private static void leaderboard(StringBuilder h, AggregatedSummary s, Insights in) {
    List<AggregatedJobResult> top = s.top();
    LeaderboardColumns cols = LeaderboardColumns.of(top);
    Board board = Board.of(cols, top);
    Map<String, Robustness> rob = new HashMap<>();
    in.robustness().forEach(r -> rob.put(r.job().jobId() + "\u0000" + r.rank(), r));
    Map<String, SharpeCheck> dsr = new HashMap<>();
    in.selectionBias().checks().forEach(c -> dsr.put(c.job().jobId() + "\u0000" + c.rank(), c));
    h.append("<section><h2>Leaderboard</h2>\n<div class=\"scroll\"><table class=\"")
        .append(board.tableClass())
        .append(shortIds(top, board))
        .append("\">")
        .append("<thead><tr>")
        .append("<th class=\"num\">#</th><th>job_id</th><th class=\"num\">PnL (USD)</th>")
        .append("<th class=\"num\">max DD</th><th class=\"num\">trades opened</th>")
        .append("<th class=\"num\">closed</th>")
        .append("<th class=\"num\">win rate</th><th class=\"num\">Sharpe/<wbr>trade</th>");
    board.headers(h);
    h.append("<th>neighbours</th><th class=\"num\">DSR</th></tr></thead><tbody>\n");
    if (top.isEmpty()) {
      h.append("<tr><td colspan=\"99\">No success job passed the filters.</td></tr>\n");
    }
    for (int i = 0; i < top.size(); i++) {
      AggregatedJobResult j = top.get(i);
      String key = j.jobId() + "\u0000" + (i + 1);
      h.append("<tr><td class=\"num\">")
          .append(i + 1)
          .append("</td><td><code class=\"id\">")
          .append(esc(j.jobId()))
          .append("</code></td><td class=\"num ")
          .append(sign(j.metric(Metric.REALIZED_PNL_USD.key())))
          .append("\">")
          .append(esc(NumberFormats.money(j.metric(Metric.REALIZED_PNL_USD.key()).orElse(0.0))))
          .append("</td><td class=\"num\">")
          .append(metric(j.metric(Metric.MAX_DRAWDOWN_PCT.key()), 2, "%"))
          .append("</td><td class=\"num\">")
          .append(metric(j.metric(Metric.TOTAL_TRADES.key()), 0, ""))
          .append("</td><td class=\"num\">")
          .append(metric(j.metric(Metric.CLOSED_TRADES.key()), 0, ""))
          .append("</td><td class=\"num\">")
          .append(percentMetric(j.metric(Metric.WIN_RATE.key())))
          .append("</td><td class=\"num\">")
          .append(metric(j.metric(Metric.SHARPE_PER_TRADE.key()), 3, ""))
          .append("</td>");
      board.cells(h, j);
      Robustness r = rob.get(key);
      h.append("<td>").append(r == null ? "" : badge(r.verdict())).append("</td>");
      SharpeCheck c = dsr.get(key);
      h.append("<td class=\"num\">")
          .append(c == null ? "" : esc(NumberFormats.fixed(c.deflatedSharpe(), 3)))
          .append("</td></tr>\n");
      board.pairsRow(h, j, 9 + board.columns().size());
    }
    h.append("</tbody></table></div>\n");
    fixedLine(h, cols, top.size());
    h.append("<p class=\"muted\">Trades opened is <code>total_trades</code> (closed, or still open")
        .append(" when the data ended); closed is <code>closed_trades</code>. The config columns")
        .append(" are the seed's <code>min_spread_bps</code> and <code>slippage_bps</code>, then")
        .append(" every key that varies among the listed jobs (up to ")
        .append(KEY_COLUMNS)
        .append(" of them with short values get a column each, the others are listed as")
        .append(" key=value on a row under each job's); values over ")
        .append(LeaderboardColumns.MAX_VALUE)
        .append(" characters are shortened (the full value is in the cell's tooltip).</p>")
        .append("</section>\n");
  }

  /** Further varied keys (after the seed's two) that may get a column each. */
  static final int KEY_COLUMNS = 3;

  /** The longest shown value of a key that gets a column of its own. */
  static final int COLUMN_VALUE = 12;

  /**
   * How a table of jobs shows the config keys of {@link LeaderboardColumns}: the seed's two and up
   * to {@link #KEY_COLUMNS} further varied keys whose shown values are all short get a column each;
   * the other varied keys go on a row under each job's, as {@code key=value} pairs that wrap, so
   * that the table fits the page.
   *
   * @param columns the keys with a column each
   * @param pairs the keys on the row under each job's
   */
  private record Board(List<String> columns, List<String> pairs) {

    static Board of(LeaderboardColumns cols, List<AggregatedJobResult> jobs) {
      List<String> columns = new ArrayList<>(LeaderboardColumns.SEED_PARAMETERS);
      List<String> pairs = new ArrayList<>();
      for (String k : cols.extra()) {
        boolean isShort =
            jobs.stream()
                .allMatch(j -> LeaderboardColumns.value(j.config(), k).length() <= COLUMN_VALUE);
        if (isShort && columns.size() < LeaderboardColumns.SEED_PARAMETERS.size() + KEY_COLUMNS) {
          columns.add(k);
        } else {
          pairs.add(k);
        }
      }
      return new Board(columns, pairs);
    }

    String tableClass() {
      return pairs.isEmpty() ? "board" : "board shared";
    }

    /** The header cells of the config columns, breakable after each underscore. */
    void headers(StringBuilder h) {
      for (String k : columns) {
        h.append("<th class=\"num key\">").append(esc(k).replace("_", "_<wbr>")).append("</th>");
      }
    }

    /** One job's cells of the config columns: shortened values, the full one as a tooltip. */
    void cells(StringBuilder h, AggregatedJobResult j) {
      for (String k : columns) {
        h.append("<td class=\"num val\"").append(tooltip(j, k)).append('>');
        if (j.config().containsKey(k)) {
          h.append(esc(LeaderboardColumns.value(j.config(), k)));
        }
        h.append("</td>");
      }
    }

    /** The row under a job's with its values of the other keys, spanning {@code span} columns. */
    void pairsRow(StringBuilder h, AggregatedJobResult j, int span) {
      if (pairs.isEmpty()) {
        return;
      }
      h.append("<tr class=\"pairs\"><td></td><td colspan=\"").append(span).append("\">");
      for (String k : pairs) {
        h.append("<code")
            .append(tooltip(j, k))
            .append('>')
            .append(esc(k))
            .append("=<wbr>")
            .append(esc(LeaderboardColumns.value(j.config(), k)))
            .append("</code> ");
      }
      h.append("</td></tr>\n");
    }
  }

  /** A {@code title} attribute with the full value when the shown one is shortened, else "". */
  private static String tooltip(AggregatedJobResult j, String key) {
    if (!j.config().containsKey(key)) {
      return "";
    }
    String full = ParamValue.from(j.config().get(key)).display();
    return LeaderboardColumns.value(j.config(), key).equals(full)
        ? ""
        : " title=\"" + esc(full) + "\"";
  }

  /** The config keys with one value in every listed job, after a table; nothing when none. */
  private static void fixedLine(StringBuilder h, LeaderboardColumns cols, int listed) {
    if (cols.fixed().isEmpty()) {
      return;
    }
    h.append("<p class=\"fixed\">").append(esc(LeaderboardColumns.fixedLabel(listed))).append(':');
    cols.fixed().forEach((k, v) -> h.append(" <code>").append(esc(k + "=" + v)).append("</code>"));
    h.append("</p>\n");
  }

  private static void charts(StringBuilder h, Content c) {
    Insights in = c.insights();
    h.append("<section><h2>Charts</h2>\n<div class=\"grid\">\n");
    if (!in.sample().isEmpty()) {
      figure(
          h,
          () -> Charts.scatter(in.sample(), in.sampledFrom(), c.summary().paretoFront()),
          "Realized PnL against max drawdown of each job; the orange line joins the Pareto front"
              + " (no job is better on both)."
              + (in.sample().size() < in.sampledFrom()
                  ? " A fixed-seed random sample of "
                      + NumberFormats.count(in.sample().size())
                      + " of the "
                      + NumberFormats.count(in.sampledFrom())
                      + " jobs is drawn; the front is exact."
                  : "")
              + (c.summary().paretoFront() == null ? " (Pareto front not computed.)" : ""));
    }
    if (c.heatmap() != null) {
      figure(
          h,
          () -> Charts.heatmap(c.heatmap()),
          "Median realized PnL of the jobs in each cell of the two most important parameters;"
              + " empty cells were not run or did not pass the filters.");
    }
    if (in.distribution().jobs() > 0) {
      figure(
          h,
          () -> Charts.histogram(in.distribution()),
          "How many jobs reached each PnL (equal-width bins from the lowest to the highest).");
    }
    for (ParameterInsight p : in.parameters()) {
      figure(
          h,
          () -> Charts.parameterSpread(p),
          "Realized PnL of the jobs with each value of "
              + p.name()
              + ": the grey whisker runs from the lowest to the highest, the blue diamond is the"
              + " median and the orange dot the mean.");
    }
    h.append("</div></section>\n");
  }

  /** The note of a chart that failed to draw for a reason {@link Charts} did not foresee. */
  static final String UNFORESEEN =
      "the chart library could not lay these values out; the tables of this report show them";

  /**
   * One chart and its caption; a chart that cannot be drawn ({@link Charts.NotDrawableException})
   * is left out with a note that says why, in its place. Any other failure while drawing it (a
   * layout the guards of {@link Charts} did not foresee) leaves it out the same way, with a note in
   * plain words ({@link #UNFORESEEN}), so that one chart never costs the report.
   */
  static void figure(StringBuilder h, Supplier<byte[]> chart, String caption) {
    byte[] png;
    try {
      png = chart.get();
    } catch (Charts.NotDrawableException e) {
      omitted(h, e.getMessage(), caption);
      return;
    } catch (RuntimeException e) {
      omitted(h, UNFORESEEN, caption);
      return;
    }
    h.append("<figure><img alt=\"")
        .append(esc(caption))
        .append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png))
        .append("\"><figcaption>")
        .append(esc(caption))
        .append("</figcaption></figure>\n");
  }

  private static void omitted(StringBuilder h, String why, String caption) {
    h.append("<figure class=\"omitted\"><p>Chart left out: ")
        .append(esc(why))
        .append(".</p><figcaption>")
        .append(esc(caption))
        .append("</figcaption></figure>\n");
  }

  private static void importance(StringBuilder h, Insights in) {
    h.append("<section><h2>Parameter importance</h2>\n<p class=\"muted\">Share of the PnL variance")
        .append(" explained by each parameter alone (η², between-value over total sum of squares);")
        .append(" ω² corrects for the number of values.</p>\n");
    if (in.parameters().isEmpty()) {
      h.append("<p>No parameter varies across the jobs.</p>");
    } else {
      h.append("<table class=\"narrow\"><thead><tr><th>parameter</th><th class=\"num\">values</th>")
          .append("<th>η²</th><th class=\"num\">ω²</th></tr></thead><tbody>\n");
      for (ParameterInsight p : in.parameters()) {
        double eta = Double.isNaN(p.etaSquared()) ? 0 : p.etaSquared();
        h.append("<tr><td><code>")
            .append(esc(p.name()))
            .append("</code>")
            .append(p.categorical() ? " <span class=\"muted\">categorical</span>" : "")
            .append("</td><td class=\"num\">")
            .append(p.values().size())
            .append("</td><td><div class=\"bar\"><span style=\"width:")
            .append(String.format(Locale.ROOT, "%.1f", 100 * eta))
            .append("%\"></span></div> ")
            .append(esc(NumberFormats.percent(p.etaSquared())))
            .append("</td><td class=\"num\">")
            .append(esc(NumberFormats.percent(p.omegaSquared())))
            .append("</td></tr>\n");
      }
      h.append("</tbody></table>\n");
    }
    if (!in.fixed().isEmpty()) {
      h.append("<p class=\"muted\">Fixed in every job: ")
          .append(esc(String.join(", ", in.fixed())))
          .append(".</p>\n");
    }
    for (SkippedParameter sp : in.skipped()) {
      if (sp.beyondCap()) {
        continue; // one line for all of them, below
      }
      h.append("<p class=\"muted\">Not analysed: <code>")
          .append(esc(sp.name()))
          .append("</code> (")
          .append(esc(sp.reason()))
          .append(").</p>\n");
    }
    String capped = InsightsText.beyondCap(in);
    if (capped != null) {
      h.append("<p class=\"muted\">").append(esc(capped)).append("</p>\n");
    }
    if (in.untrackedKeys() > 0) {
      h.append("<p class=\"muted\">").append(esc(InsightsText.untrackedKeys(in))).append(".</p>\n");
    }
    h.append("</section>\n");
  }

  private static void robustness(StringBuilder h, Insights in) {
    h.append("<section><h2>Robustness of the top jobs</h2>\n<p class=\"muted\">Grid neighbours:")
        .append(" the success jobs that differ in exactly one numeric parameter by one step (the")
        .append(" next value run), whether they passed the filters or not. A job is a <span")
        .append(" class=\"badge spike\">spike</span> when their median PnL is more than ")
        .append(NumberFormats.percent(in.options().spikeDropFraction()))
        .append(" of its |PnL| (or of the interquartile range of the PnL of every success job, ")
        .append(esc(NumberFormats.number(in.spread(), 2)))
        .append(", if larger) below it.</p>\n");
    h.append("<table><thead><tr><th class=\"num\">#</th><th>job_id</th>")
        .append("<th class=\"num\">PnL</th><th class=\"num\">neighbours</th>")
        .append("<th class=\"num\">neighbours' median</th><th class=\"num\">worst neighbour</th>")
        .append("<th>verdict</th></tr></thead><tbody>\n");
    for (Robustness r : in.robustness()) {
      h.append("<tr")
          .append(r.verdict() == Verdict.SPIKE ? " class=\"flag\"" : "")
          .append("><td class=\"num\">")
          .append(r.rank())
          .append("</td><td><code>")
          .append(esc(r.job().jobId()))
          .append("</code></td><td class=\"num\">")
          .append(esc(NumberFormats.money(r.pnl())))
          .append("</td><td class=\"num\">")
          .append(r.neighbours())
          .append("</td><td class=\"num\">")
          .append(esc(NumberFormats.money(r.neighbourMedian())))
          .append("</td><td class=\"num\">")
          .append(esc(NumberFormats.money(r.neighbourWorst())))
          .append("</td><td>")
          .append(badge(r.verdict()))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table></section>\n");
  }

  private static void selectionBias(StringBuilder h, SelectionBias b) {
    h.append("<section><h2>Deflated Sharpe ratio</h2>\n");
    if (!b.available()) {
      h.append("<p>Not available: ").append(esc(b.unavailable())).append(".</p></section>\n");
      return;
    }
    h.append("<p class=\"muted\">Bailey &amp; López de Prado (2014). With N = ")
        .append(NumberFormats.count(b.trials()))
        .append(" configurations tried and a variance of ")
        .append(esc(NumberFormats.fixed(b.sharpeVariance(), 6)))
        .append(" between their Sharpe ratios per trade, the best of them would reach SR* = ")
        .append(esc(NumberFormats.fixed(b.expectedMaxSharpe(), 4)))
        .append(" by luck alone. DSR is the probability that a job's true Sharpe ratio beats that;")
        .append(" it is significant at ")
        .append(NumberFormats.percent(b.significance()))
        .append(" or more.</p>\n");
    h.append("<table class=\"narrow\"><thead><tr><th class=\"num\">#</th><th>job_id</th>")
        .append("<th class=\"num\">Sharpe/trade</th><th class=\"num\">trades</th>")
        .append("<th class=\"num\">DSR</th><th>verdict</th></tr></thead><tbody>\n");
    boolean assumed = false;
    for (SharpeCheck c : b.checks()) {
      assumed |= c.momentsAssumed();
      h.append("<tr")
          .append(c.significant() ? "" : " class=\"flag\"")
          .append("><td class=\"num\">")
          .append(c.rank())
          .append("</td><td><code>")
          .append(esc(c.job().jobId()))
          .append("</code></td><td class=\"num\">")
          .append(esc(NumberFormats.fixed(c.sharpe(), 4)))
          .append("</td><td class=\"num\">")
          .append(c.observations())
          .append("</td><td class=\"num\">")
          .append(esc(NumberFormats.fixed(c.deflatedSharpe(), 3)))
          .append("</td><td>")
          .append(sharpeBadge(c, b.significance()))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
    if (b.checks().stream().anyMatch(SharpeCheck::fewTrades)) {
      h.append("<p class=\"muted\">").append(esc(InsightsText.fewTradesNote())).append("</p>\n");
    }
    if (assumed) {
      h.append("<p class=\"muted\">Normal per-trade returns assumed (skewness 0, kurtosis 3):")
          .append(" the result documents do not carry <code>")
          .append(Insights.SKEWNESS_METRIC)
          .append("</code> and <code>")
          .append(Insights.KURTOSIS_METRIC)
          .append("</code>.</p>\n");
    }
    h.append("</section>\n");
  }

  /**
   * The verdict of one deflated Sharpe row, in the text insights' words ({@link
   * InsightsText#verdict}): significant or not at the level, why there is no ratio, and the
   * few-trade warning; green only when significant on enough trades.
   */
  private static String sharpeBadge(SharpeCheck c, double significance) {
    boolean good = c.noSharpe() == null && c.significant() && !c.fewTrades();
    return "<span class=\"badge "
        + (good ? "plateau" : "spike")
        + "\">"
        + esc(InsightsText.verdict(c, significance))
        + "</span>";
  }

  /**
   * " shortids" when every job id listed is short enough to stay on one line (a user copies them
   * into {@code arbtune show}) while the table still fits a 1280 px page: {@value #SHORT_ID}
   * characters, {@value #SHORT_ID_FULL_BOARD} when every key column is taken. Longer ids may break
   * anywhere.
   */
  private static String shortIds(List<AggregatedJobResult> jobs, Board board) {
    int limit =
        board.columns().size() < LeaderboardColumns.SEED_PARAMETERS.size() + KEY_COLUMNS
            ? SHORT_ID
            : SHORT_ID_FULL_BOARD;
    return jobs.stream().allMatch(j -> j.jobId().length() <= limit) ? " shortids" : "";
  }

  private static void pareto(StringBuilder h, AggregatedSummary s) {
    if (s.paretoFront() == null) {
      return;
    }
    LeaderboardColumns cols = LeaderboardColumns.of(s.paretoFront());
    Board board = Board.of(cols, s.paretoFront());
    h.append("<section><h2>Pareto front</h2>\n<p class=\"muted\">Jobs that no other job beats on")
        .append(" both realized PnL (higher) and max drawdown (lower).</p>\n")
        .append("<div class=\"scroll\"><table class=\"narrow ")
        .append(board.tableClass())
        .append(shortIds(s.paretoFront(), board))
        .append("\"><thead><tr>")
        .append("<th>job_id</th><th class=\"num\">PnL</th><th class=\"num\">max DD</th>");
    board.headers(h);
    h.append("</tr></thead><tbody>\n");
    for (AggregatedJobResult j : s.paretoFront()) {
      h.append("<tr><td><code class=\"id\">")
          .append(esc(j.jobId()))
          .append("</code></td><td class=\"num\">")
          .append(esc(NumberFormats.money(j.metric(Metric.REALIZED_PNL_USD.key()).orElse(0.0))))
          .append("</td><td class=\"num\">")
          .append(metric(j.metric(Metric.MAX_DRAWDOWN_PCT.key()), 2, "%"))
          .append("</td>");
      board.cells(h, j);
      h.append("</tr>\n");
      board.pairsRow(h, j, 2 + board.columns().size());
    }
    h.append("</tbody></table></div>\n");
    fixedLine(h, cols, s.paretoFront().size());
    h.append("</section>\n");
  }

  private static void sensitivity(StringBuilder h, Insights in) {
    if (in.parameters().isEmpty()) {
      return;
    }
    h.append("<section><h2>Sensitivity by parameter value</h2>\n");
    for (ParameterInsight p : in.parameters()) {
      h.append("<details><summary><code>")
          .append(esc(p.name()))
          .append("</code> (")
          .append(p.values().size())
          .append(" values)</summary>\n<table class=\"narrow\"><thead><tr><th class=\"num\">")
          .append("value</th><th class=\"num\">jobs</th><th class=\"num\">mean</th>")
          .append("<th class=\"num\">median</th><th class=\"num\">best</th>")
          .append("<th class=\"num\">profitable</th></tr></thead><tbody>\n");
      for (ValueStats v : p.values()) {
        h.append("<tr><td class=\"num\">")
            .append(esc(v.value().display()))
            .append("</td><td class=\"num\">")
            .append(NumberFormats.count(v.jobs()))
            .append("</td><td class=\"num\">")
            .append(esc(NumberFormats.money(v.mean())))
            .append("</td><td class=\"num\">")
            .append(esc(NumberFormats.money(v.median())))
            .append(v.medianExact() ? "" : "*")
            .append("</td><td class=\"num\">")
            .append(esc(NumberFormats.money(v.best())))
            .append("</td><td class=\"num\">")
            .append(esc(NumberFormats.percent(v.profitableShare())))
            .append("</td></tr>\n");
      }
      h.append("</tbody></table></details>\n");
    }
    h.append("<p class=\"muted\">* median estimated from logarithmic buckets, within 0.2% of its")
        .append(" value (groups above 128 jobs).</p>")
        .append("</section>\n");
  }

  private static String badge(Verdict v) {
    return switch (v) {
      case SPIKE -> "<span class=\"badge spike\">spike</span>";
      case PLATEAU -> "<span class=\"badge plateau\">plateau</span>";
      case NO_NEIGHBOURS -> "<span class=\"badge none\">no neighbours</span>";
    };
  }

  private static String sign(OptionalDouble v) {
    double x = v.orElse(0.0);
    return x > 0 ? "pos" : x < 0 ? "neg" : "";
  }

  private static String metric(OptionalDouble v, int digits, String unit) {
    return v.isPresent() ? esc(NumberFormats.fixed(v.getAsDouble(), digits) + unit) : "";
  }

  private static String percentMetric(OptionalDouble v) {
    return v.isPresent() ? esc(NumberFormats.percent(v.getAsDouble())) : "";
  }

  /** Escapes text for HTML content and attribute values. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  private static final String CSS =
      """
      :root { --ink:#1f2937; --muted:#6b7280; --line:#e5e7eb; --bg:#f8fafc; --blue:#2563eb;
              --red:#dc2626; --green:#16a34a; }
      * { box-sizing: border-box; }
      body { margin:0; background:var(--bg); color:var(--ink);
             font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif; }
      main { max-width:1600px; margin:0 auto; padding:24px 32px 48px; }
      h1 { font-size:26px; margin:0 0 4px; } h2 { font-size:19px; margin:0 0 12px; }
      section { background:#fff; border:1px solid var(--line); border-radius:10px;
                padding:18px 22px; margin:18px 0; }
      .muted { color:var(--muted); font-weight:normal; }
      code { font:13px/1.4 ui-monospace,"DejaVu Sans Mono",monospace; background:#f1f5f9;
             padding:1px 5px; border-radius:4px; }
      .cards { display:flex; flex-wrap:wrap; gap:12px; background:none; border:0; padding:0; }
      .card { flex:1 1 150px; background:#fff; border:1px solid var(--line); border-radius:10px;
              padding:14px 18px; }
      .card .label { color:var(--muted); font-size:13px; text-transform:uppercase;
                     letter-spacing:.04em; }
      .card .value { font-size:26px; font-weight:600; font-variant-numeric:tabular-nums; }
      .card.ok .value { color:var(--green); } .card.bad .value { color:var(--red); }
      .findings li { margin:4px 0; }
      table { border-collapse:collapse; width:100%; font-size:14px; }
      table.narrow { width:auto; min-width:50%; }
      th, td { padding:6px 10px; border-bottom:1px solid var(--line); text-align:left;
               white-space:nowrap; }
      th { background:#f1f5f9; font-weight:600; position:sticky; top:0; }
      tbody tr:nth-child(even) { background:#fafafa; }
      tr.flag { background:#fef2f2 !important; }
      .num { text-align:right; font-variant-numeric:tabular-nums; }
      .pos { color:var(--green); } .neg { color:var(--red); }
      .scroll { overflow-x:auto; }
      table.board th, table.board td { padding:6px 7px; }
      table.board th { white-space:normal; }
      table.board td.val, table.board tr.pairs code, table.board code.id { overflow-wrap:anywhere; white-space:normal; }
      table.board td.val { max-width:14em; }
      table.board.shortids code.id { white-space:nowrap; overflow-wrap:normal; }
      table.board tr.pairs td { white-space:normal; border-top:0; padding-top:0; }
      table.board tr.pairs code { display:inline-block; max-width:100%; margin:1px 0;
                                  font-size:12px; }
      table.board.shared tbody tr:not(.pairs) td { border-bottom:0; }
      table.board.shared tbody tr:nth-child(even) { background:none; }
      table.board.shared tbody tr:nth-child(4n+3), table.board.shared tbody tr:nth-child(4n+4) {
        background:#fafafa; }
      p.fixed { font-size:14px; margin:10px 0 0; overflow-wrap:anywhere; }
      .badge { display:inline-block; padding:1px 8px; border-radius:999px; font-size:12px;
               font-weight:600; }
      .badge.spike { background:#fee2e2; color:#991b1b; }
      .badge.plateau { background:#dcfce7; color:#166534; }
      .badge.none { background:#f1f5f9; color:var(--muted); }
      .bar { display:inline-block; width:160px; height:10px; background:#eef2ff;
             border-radius:5px; vertical-align:middle; overflow:hidden; }
      .bar span { display:block; height:100%; background:var(--blue); }
      .grid { display:grid; grid-template-columns:repeat(auto-fill,minmax(640px,1fr)); gap:18px; }
      figure { margin:0; border:1px solid var(--line); border-radius:8px; padding:8px;
               background:#fff; }
      figure img { display:block; width:100%; height:auto; }
      figcaption { color:var(--muted); font-size:13px; padding:6px 4px 0; }
      figure.omitted p { color:var(--muted); margin:40px 12px; text-align:center; }
      details { margin:8px 0; } summary { cursor:pointer; }
      ul.errors { font-size:13px; }
      footer { margin-top:24px; font-size:13px; }
      """;
}
