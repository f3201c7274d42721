package dev.arbtune.report;

import static dev.arbtune.report.HtmlReport.esc;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.JobStatus;
import dev.arbtune.aggregate.LeaderboardColumns;
import dev.arbtune.insights.NumberFormats;
import dev.arbtune.io.AtomicFiles;
import dev.arbtune.io.Excerpt;
import dev.arbtune.io.InputProblem;
import dev.arbtune.result.Json;
import dev.arbtune.result.JsonMessages;
import dev.arbtune.result.Metric;
import dev.arbtune.result.Versions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The page of a walk-forward run ({@code arbtune walkforward}, its {@code walkforward.json}): one
 * self-contained HTML file in the look of {@link HtmlReport} with the settings, a table of the
 * windows (train and test ranges, the winner and its parameters, train and test PnL, or why there
 * is none), train against test PnL per window, the stitched test equity curve, the stitched totals,
 * the walk-forward efficiency and how often the winner changed.
 *
 * <pre>{@code
 * Map<String, Object> wf = WalkForwardReport.read(root.resolve(WalkForwardReport.FILE));
 * WalkForwardReport.write(wf, root.resolve("report.html"));
 * }</pre>
 *
 * <p>The map is the parsed {@code walkforward.json} as {@code arbtune walkforward} writes it (the
 * page is described in docs/INSIGHTS.md); any key may be missing or {@code null} (a window without
 * a winner or a test), and values of an unexpected type are shown as missing: the page is always
 * written.
 */
public final class WalkForwardReport {

  /** The file a walk-forward run writes in its output root. */
  public static final String FILE = "walkforward.json";

  /** Config keys of a winner that are the window, not a parameter: not listed as parameters. */
  static final List<String> WINDOW_KEYS = List.of("start_time", "end_time");

  private WalkForwardReport() {}

  /** {@code dir/walkforward.json} when {@code dir} is a walk-forward output root (holds it). */
  public static Optional<Path> fileOf(Path dir) {
    Path file = Objects.requireNonNull(dir, "dir").resolve(FILE);
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /**
   * Reads a {@code walkforward.json}.
   *
   * @throws InvalidFileException when it is not JSON or its top level is not an object
   * @throws IOException when it cannot be read
   */
  public static Map<String, Object> read(Path file) throws IOException {
    Object value;
    try {
      value = new ObjectMapper(Json.factory()).readValue(file.toFile(), Object.class);
    } catch (JsonParseException e) {
      var at = e.getLocation();
      throw new InvalidFileException(
          file
              + (at == null ? "" : ", line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ": not valid JSON: "
              + Excerpt.of(JsonMessages.describe(e)));
    } catch (JsonProcessingException e) {
      throw new InvalidFileException(
          file + ": not valid JSON: " + Excerpt.of(JsonMessages.describe(e)));
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new InvalidFileException(
          file + ": not a walk-forward result: its top level is not a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> typed = (Map<String, Object>) map;
    return typed;
  }

  /** A {@code walkforward.json} that cannot be shown: one sentence naming the file. */
  public static final class InvalidFileException extends IOException implements InputProblem {
    private static final long serialVersionUID = 1L;

    InvalidFileException(String message) {
      super(message);
    }
  }

  /**
   * Writes the page of {@code walkforward} (a parsed {@code walkforward.json}) to {@code output},
   * atomically (parent folders are created).
   *
   * @throws IOException when the file cannot be written
   */
  public static void write(Map<String, Object> walkforward, Path output) throws IOException {
    String html = render(walkforward);
    AtomicFiles.writeText(output, w -> w.write(html));
  }

  /** The page of {@code walkforward} (a parsed {@code walkforward.json}) as one HTML document. */
  public static String render(Map<String, Object> walkforward) {
    Objects.requireNonNull(walkforward, "walkforward");
    Fields wf = new Fields(walkforward);
    List<Window> windows = new ArrayList<>();
    for (Object o : wf.list("windows")) {
      if (o instanceof Map<?, ?> m) {
        windows.add(new Window(new Fields(m), windows.size() + 1));
      }
    }
    String data = wf.text("data_file");
    String name = data == null ? "" : fileName(data);
    StringBuilder h = new StringBuilder(1 << 18);
    HtmlReport.head(h, "arbtune walk-forward: " + name);
    h.append("<header><h1>Walk-forward report <span class=\"muted\">")
        .append(esc(name))
        .append("</span></h1>\n<p class=\"muted\">Train ")
        .append(esc(orDash(wf.text("train"))))
        .append(", test ")
        .append(esc(orDash(wf.text("test"))))
        .append(", step ")
        .append(esc(orDash(wf.text("step"))))
        .append(Boolean.TRUE.equals(wf.get("anchored")) ? ", anchored" : "")
        .append(" &middot; ranked by <code>")
        .append(esc(orDash(wf.fields("ranking").text("metric"))))
        .append("</code> &middot; arbtune ")
        .append(esc(Versions.version()))
        .append("</p></header>\n");
    headline(h, wf, windows);
    settings(h, wf);
    windowTable(h, windows);
    charts(h, wf, windows);
    totals(h, wf, windows);
    h.append("<footer class=\"muted\">Each window ran every job of the session on its train")
        .append(" range, picked the winner by the ranking and filters, and ran the winner on the")
        .append(" test range that follows. PnL is <code>realized_pnl_usd</code>. This page is")
        .append(" described in <code>docs/INSIGHTS.md</code> of arbtune.")
        .append("</footer>\n</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void headline(StringBuilder h, Fields wf, List<Window> windows) {
    Fields st = wf.fields("stitched");
    Fields eff = wf.fields("efficiency");
    long withWinner = windows.stream().filter(w -> w.winner != null).count();
    h.append("<section class=\"cards\">\n");
    HtmlReport.card(h, "Windows", NumberFormats.count(windows.size()), "");
    HtmlReport.card(h, "With a winner", NumberFormats.count(withWinner), "");
    HtmlReport.card(h, "Tested", count(st.number("windows_tested")), "");
    double pnl = st.number(Metric.REALIZED_PNL_USD.key());
    HtmlReport.card(
        h, "Stitched test PnL", NumberFormats.money(pnl), pnl > 0 ? "ok" : pnl < 0 ? "bad" : "");
    HtmlReport.card(h, "WFE", NumberFormats.fixed(eff.number("wfe"), 2), "");
    HtmlReport.card(h, "Winner changes", count(wf.number("winner_changes")), "");
    h.append("</section>\n");
  }

  private static void settings(StringBuilder h, Fields wf) {
    h.append("<section><h2>Settings</h2>\n<table class=\"narrow\"><tbody>\n");
    row(h, "session file", code(wf.text("session_file")));
    row(h, "data file", code(wf.text("data_file")));
    if (wf.text("data_start") != null || wf.text("data_end") != null) {
      row(h, "data span", esc(range(wf.text("data_start"), wf.text("data_end"))));
    }
    row(h, "train window", esc(orDash(wf.text("train"))));
    row(h, "test window", esc(orDash(wf.text("test"))));
    row(h, "step", esc(orDash(wf.text("step"))));
    Object anchored = wf.get("anchored");
    row(
        h,
        "anchored",
        Boolean.TRUE.equals(anchored)
            ? "yes: every train window starts at the first quote"
            : Boolean.FALSE.equals(anchored) ? "no: the train window moves by the step" : "-");
    Fields ranking = wf.fields("ranking");
    row(
        h,
        "ranking",
        code(ranking.text("metric"))
            + (ranking.text("order") == null ? "" : " (" + esc(ranking.text("order")) + ")"));
    List<String> filters = new ArrayList<>();
    for (Object f : wf.list("filters")) {
      filters.add(code(Fields.display(f)));
    }
    row(h, "filters", filters.isEmpty() ? "none" : String.join(" ", filters));
    if (wf.text("tail") != null) {
      row(
          h,
          "not tested",
          "from "
              + esc(WalkForwardCharts.shortTime(wf.text("tail")))
              + " on: too short for another train and test window");
    }
    if (wf.text("arbtune_version") != null) {
      row(h, "written by", "arbtune " + esc(wf.text("arbtune_version")));
    }
    h.append("</tbody></table></section>\n");
  }

  private static void row(StringBuilder h, String label, String html) {
    h.append("<tr><th>").append(esc(label)).append("</th><td>").append(html).append("</td></tr>\n");
  }

  private static String code(String text) {
    return text == null ? "-" : "<code>" + esc(text) + "</code>";
  }

  private static void windowTable(StringBuilder h, List<Window> windows) {
    List<AggregatedJobResult> winners = new ArrayList<>();
    for (Window w : windows) {
      if (w.winner != null) {
        winners.add(w.winner);
      }
    }
    LeaderboardColumns cols = winners.isEmpty() ? null : LeaderboardColumns.of(winners);
    h.append("<section><h2>Windows</h2>\n<p class=\"muted\">Ranges are [start, end): the end is")
        .append(" not included. Jobs: passed the filters / succeeded / run on the train range.")
        .append(" The winner's parameters are those that differ between the winners (and the")
        .append(" seed's two); the others are listed once under the table.</p>\n")
        .append(WINDOWS_STYLE)
        .append("<div class=\"scroll\"><table class=\"windows\"><thead><tr>")
        .append("<th class=\"num\">#</th>")
        .append("<th>train</th><th class=\"num\">jobs</th><th>winner</th><th>parameters</th>")
        .append("<th class=\"num\">train PnL</th><th>test</th><th class=\"num\">test PnL</th>")
        .append("<th class=\"num\">test trades</th><th class=\"num\">test max DD</th>")
        .append("<th>note</th></tr></thead><tbody>\n");
    if (windows.isEmpty()) {
      h.append("<tr><td colspan=\"11\">No window.</td></tr>\n");
    }
    for (Window w : windows) {
      boolean missing = w.winner == null || w.test == null;
      h.append("<tr")
          .append(missing ? " class=\"flag\"" : "")
          .append("><td class=\"num\">")
          .append(esc(w.label))
          .append("</td><td class=\"wrap range\">")
          .append(esc(range(w.f.text("train_start"), w.f.text("train_end"))))
          .append("</td><td class=\"num wrap\">")
          .append(esc(count(w.f.number("train_passed_filters"))))
          .append(" / ")
          .append(esc(count(w.f.number("train_succeeded"))))
          .append(" / ")
          .append(esc(count(w.f.number("train_jobs"))))
          .append("</td><td>");
      if (w.winner != null) {
        h.append("<code class=\"id\">").append(esc(w.winner.jobId())).append("</code>");
        if (Boolean.TRUE.equals(w.f.get("winner_changed"))) {
          h.append(" <span class=\"badge none\">changed</span>");
        }
      }
      h.append("</td><td class=\"wrap params\">");
      if (w.winner != null) {
        for (String k : cols.shown()) {
          if (w.winner.config().containsKey(k)) {
            h.append("<code>")
                .append(esc(k))
                .append("=<wbr>")
                .append(esc(LeaderboardColumns.value(w.winner.config(), k)))
                .append("</code> ");
          }
        }
      }
      h.append("</td>");
      money(h, w.trainPnl);
      h.append("<td class=\"wrap range\">")
          .append(esc(range(w.f.text("test_start"), w.f.text("test_end"))))
          .append("</td>");
      money(h, w.testPnl);
      h.append("<td class=\"num\">")
          .append(w.test == null ? "" : esc(count(w.test.number(Metric.TOTAL_TRADES.key()))))
          .append("</td><td class=\"num\">");
      double dd = w.test == null ? Double.NaN : w.test.number(Metric.MAX_DRAWDOWN_PCT.key());
      h.append(Double.isNaN(dd) ? "" : esc(NumberFormats.fixed(dd, 2) + "%"))
          .append("</td><td class=\"wrap note\">")
          .append(esc(w.note()))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table></div>\n");
    if (cols != null && !cols.fixed().isEmpty()) {
      h.append("<p class=\"fixed\">Same in every winner:");
      cols.fixed()
          .forEach((k, v) -> h.append(" <code>").append(esc(k + "=" + v)).append("</code>"));
      h.append("</p>\n");
    }
    h.append("</section>\n");
  }

  private static void money(StringBuilder h, double v) {
    h.append("<td class=\"num")
        .append(v > 0 ? " pos" : v < 0 ? " neg" : "")
        .append("\">")
        .append(Double.isNaN(v) ? "" : esc(NumberFormats.money(v)))
        .append("</td>");
  }

  private static void charts(StringBuilder h, Fields wf, List<Window> windows) {
    h.append("<section><h2>Charts</h2>\n<div class=\"grid\">\n");
    List<WalkForwardCharts.WindowPnl> bars = new ArrayList<>();
    for (Window w : windows) {
      bars.add(
          new WalkForwardCharts.WindowPnl(
              w.label,
              perDay(w.trainPnl, w.f.text("train_start"), w.f.text("train_end")),
              perDay(w.testPnl, w.f.text("test_start"), w.f.text("test_end"))));
    }
    HtmlReport.figure(
        h,
        () -> WalkForwardCharts.trainVsTest(bars),
        "Train and test PnL of each window's winner, per calendar day of the window (PnL divided"
            + " by the window's length in days; not annualised), so that a train window longer"
            + " than its test window does not dwarf it. A window without a winner or a test has"
            + " no bar (above "
            + WalkForwardCharts.MAX_BARS
            + " windows, two lines over the windows, broken where one is missing).");
    Fields equity = wf.fields("stitched").fields("equity");
    HtmlReport.figure(
        h,
        () -> WalkForwardCharts.equity(equity.list("times"), equity.list("equity_usd")),
        "The stitched test equity: the winners' test windows one after the other, each starting"
            + " where the previous one ended; flat where a window had no winner or no test.");
    h.append("</div></section>\n");
  }

  /** {@code pnl} per calendar day of [start, end); NaN when either is missing. */
  /**
   * The windows table's own layout, so that it fits a 1280 px window: a smaller font, and the jobs,
   * parameters and notes wrap.
   */
  private static final String WINDOWS_STYLE =
      "<style>\n"
          + "table.windows { font-size:12px; }\n"
          + "table.windows th, table.windows td { padding:4px 6px; }\n"
          + "table.windows th { white-space:normal; }\n"
          + "table.windows td.wrap { white-space:normal; }\n"
          + "table.windows td.params { min-width:12em; }\n"
          + "table.windows td.range { min-width:8em; }\n"
          + "table.windows td.params code { display:inline-block; overflow-wrap:anywhere; }\n"
          + "table.windows td.note { min-width:12em; overflow-wrap:anywhere; }\n"
          + "</style>\n";

  static double perDay(double pnl, String start, String end) {
    long from = WalkForwardCharts.micros(start);
    long to = WalkForwardCharts.micros(end);
    if (Double.isNaN(pnl) || from == Long.MIN_VALUE || to == Long.MIN_VALUE || to <= from) {
      return Double.NaN;
    }
    return pnl / ((to - from) / 86_400e6);
  }

  private static void totals(StringBuilder h, Fields wf, List<Window> windows) {
    Fields st = wf.fields("stitched");
    Fields eff = wf.fields("efficiency");
    h.append("<section><h2>Stitched out-of-sample result</h2>\n<table class=\"narrow\"><tbody>\n");
    row(h, "windows tested", esc(count(st.number("windows_tested"))));
    row(
        h,
        "realized PnL (sum of the test windows)",
        esc(money(st.number(Metric.REALIZED_PNL_USD.key()))));
    row(h, "trades", esc(count(st.number("trades"))));
    double dd = st.number("max_drawdown_usd");
    row(h, "worst drawdown", Double.isNaN(dd) ? "-" : esc(NumberFormats.number(dd, 2) + " USD"));
    row(h, "train PnL per year", esc(money(eff.number("train_pnl_per_year_usd")) + " USD"));
    row(h, "test PnL per year", esc(money(eff.number("test_pnl_per_year_usd")) + " USD"));
    double wfe = eff.number("wfe");
    String reason = eff.text("reason");
    row(
        h,
        "walk-forward efficiency",
        Double.isNaN(wfe)
            ? "not computed" + (reason == null ? "" : ": " + esc(reason))
            : esc(NumberFormats.fixed(wfe, 3))
                + " <span class=\"muted\">(annualised test PnL / annualised train PnL)</span>");
    row(
        h,
        "winner changes",
        esc(count(wf.number("winner_changes")))
            + " <span class=\"muted\">over "
            + esc(count(wf.number("windows_with_winner")))
            + " windows with a winner</span>");
    h.append("</tbody></table>\n<p class=\"muted\">WFE near 1: the winners earned out of sample")
        .append(" about what they earned in sample, per unit of time; near 0 or below: the")
        .append(" in-sample edge did not carry over.</p></section>\n");
  }

  private static String money(double v) {
    return Double.isNaN(v) ? "-" : NumberFormats.money(v);
  }

  private static String count(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? NumberFormats.count((long) v)
        : NumberFormats.number(v, 2);
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }

  /** "[start, end)" in short UTC form. */
  static String range(String start, String end) {
    return WalkForwardCharts.shortTime(start) + " → " + WalkForwardCharts.shortTime(end);
  }

  private static String fileName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }

  /** One window of the file, with what the page needs from it. */
  private static final class Window {
    final Fields f;
    final String label;
    final AggregatedJobResult winner;
    final Fields test;
    final double trainPnl;
    final double testPnl;

    Window(Fields f, int position) {
      this.f = f;
      double index = f.number("index");
      this.label = Double.isNaN(index) ? Integer.toString(position) : count(index);
      Fields w = f.fieldsOrNull("winner");
      String id = w == null ? null : w.text("job_id");
      if (id != null) {
        Map<String, Object> config = new LinkedHashMap<>(w.fields("config").map);
        WINDOW_KEYS.forEach(config::remove);
        Map<String, Object> metrics = w.fields("train_metrics").map;
        this.winner =
            new AggregatedJobResult(id, null, config, metrics, JobStatus.SUCCESS, FILE, 0, null);
        this.trainPnl = w.fields("train_metrics").number(Metric.REALIZED_PNL_USD.key());
      } else {
        this.winner = null;
        this.trainPnl = Double.NaN;
      }
      this.test = winner == null ? null : f.fieldsOrNull("test_metrics");
      this.testPnl = test == null ? Double.NaN : test.number(Metric.REALIZED_PNL_USD.key());
    }

    String note() {
      if (winner == null) {
        String why = f.text("no_winner_reason");
        return "no winner" + (why == null ? "" : ": " + why);
      }
      String winnerNote = f.text("winner_note");
      String suffix = winnerNote == null ? "" : winnerNote;
      if (test == null) {
        String why = f.text("no_test_reason");
        return "no test"
            + (why == null ? "" : ": " + why)
            + (suffix.isEmpty() ? "" : "; " + suffix);
      }
      return suffix;
    }
  }

  /** Typed, null-safe reads of a parsed JSON object: a value of the wrong type reads as missing. */
  static final class Fields {
    final Map<String, Object> map;

    @SuppressWarnings("unchecked")
    Fields(Map<?, ?> map) {
      this.map = map == null ? Map.of() : (Map<String, Object>) map;
    }

    Object get(String key) {
      return map.get(key);
    }

    /** Text as written, a number or boolean as JSON prints it; {@code null} when missing. */
    String text(String key) {
      Object v = map.get(key);
      return v == null || v instanceof Map || v instanceof List ? null : display(v);
    }

    static String display(Object v) {
      if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString(d.longValue());
      }
      return String.valueOf(v);
    }

    /** A number; NaN when missing or not a number. */
    double number(String key) {
      return map.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    List<?> list(String key) {
      return map.get(key) instanceof List<?> l ? l : List.of();
    }

    /** The object under {@code key}; an empty one when missing. */
    Fields fields(String key) {
      Fields f = fieldsOrNull(key);
      return f == null ? new Fields(Map.of()) : f;
    }

    Fields fieldsOrNull(String key) {
      return map.get(key) instanceof Map<?, ?> m ? new Fields(m) : null;
    }
  }
}
