package dev.arbtune.report;

import dev.arbtune.result.Versions;
import dev.arbtune.show.MetricCheck;
import dev.arbtune.show.TradeSummary;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The page {@code arbtune show} writes ({@code show.html}): one self-contained file (inline CSS,
 * charts as PNG {@code data:} URIs, no script, no external reference) with the job's trade summary,
 * config, the equity/drawdown curve and the spreads with entries and exits marked.
 */
public final class ShowPage {

  private ShowPage() {}

  /**
   * What the page shows.
   *
   * @param jobId the job
   * @param document where its document is (path relative to the results folder)
   * @param config the document's config
   * @param summary the re-run's trade summary
   * @param differences the metrics where the re-run disagrees with the document (empty: none)
   * @param series the re-run's series for the charts
   */
  public record Content(
      String jobId,
      String document,
      Map<String, Object> config,
      TradeSummary summary,
      List<MetricCheck.Difference> differences,
      JobCharts.Series series) {
    public Content {
      Objects.requireNonNull(jobId, "jobId");
      Objects.requireNonNull(document, "document");
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(summary, "summary");
      differences = List.copyOf(differences);
      Objects.requireNonNull(series, "series");
    }
  }

  /** The page as one HTML document. */
  public static String render(Content c) {
    StringBuilder h = new StringBuilder(1 << 18);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
        .append(" img-src data:; style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>arbtune show: ")
        .append(HtmlReport.esc(c.jobId()))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n<main>\n<header><h1>Job <code>")
        .append(HtmlReport.esc(c.jobId()))
        .append("</code></h1>\n<p class=\"muted\">Re-run from the config of <code>")
        .append(HtmlReport.esc(c.document()))
        .append("</code> &middot; arbtune ")
        .append(HtmlReport.esc(Versions.version()))
        .append("</p></header>\n");
    differences(h, c.differences());
    h.append("<section><h2>Trades</h2>\n<table>\n");
    for (String[] row : c.summary().rows()) {
      h.append("<tr><th>")
          .append(HtmlReport.esc(row[0]))
          .append("</th><td>")
          .append(HtmlReport.esc(row[1]))
          .append("</td></tr>\n");
    }
    h.append("</table>\n<p class=\"muted\">Every trade is in <code>trades.csv</code>, the equity")
        .append(
            " of every marked row in <code>equity.csv</code> (beside this page).</p></section>\n");
    h.append("<section><h2>Over time</h2>\n");
    figures(h, c.series());
    h.append("</section>\n<section><h2>Config</h2>\n<table>\n");
    c.config()
        .forEach(
            (k, v) ->
                h.append("<tr><th>")
                    .append(HtmlReport.esc(k))
                    .append("</th><td><code>")
                    .append(HtmlReport.esc(String.valueOf(v)))
                    .append("</code></td></tr>\n"));
    h.append("</table></section>\n</main>\n</body>\n</html>\n");
    return h.toString();
  }

  /** The warning box when the re-run disagrees with the document; nothing when it agrees. */
  static void differences(StringBuilder h, List<MetricCheck.Difference> differences) {
    if (differences.isEmpty()) {
      return;
    }
    h.append("<section class=\"warn\"><h2>The re-run differs from the document</h2>\n<p>")
        .append("The data file or the engine changed since the job ran: these charts show the")
        .append(" re-run, not what the document ranked.</p>\n<ul>\n");
    for (MetricCheck.Difference d : differences) {
      h.append("<li><code>").append(HtmlReport.esc(d.toString())).append("</code></li>\n");
    }
    h.append("</ul></section>\n");
  }

  /** The two charts of a job's series. */
  static void figures(StringBuilder h, JobCharts.Series s) {
    HtmlReport.figure(
        h,
        () -> JobCharts.equityPng(s),
        "Equity of "
            + s.jobId()
            + " at every marked row (a trade open or just closed; unchanged in between) and its"
            + " drawdown below the peak so far.");
    HtmlReport.figure(
        h,
        () -> JobCharts.spreadPng(s),
        "Spreads of "
            + s.jobId()
            + " (bps): green triangles where trades opened, red where they closed, the dashed"
            + " line the opening threshold (costs + min_spread_bps). Long series keep each time"
            + " bucket's lowest and highest value, so spikes show.");
  }

  private static final String CSS =
      """
      :root { --ink:#1f2937; --muted:#6b7280; --line:#e5e7eb; --bg:#f8fafc; --red:#dc2626; }
      * { box-sizing: border-box; }
      body { margin:0; background:var(--bg); color:var(--ink);
             font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif; }
      main { max-width:1100px; margin:0 auto; padding:24px 32px 48px; }
      h1 { font-size:24px; margin:0 0 4px; } h2 { font-size:18px; margin:0 0 12px; }
      section { background:#fff; border:1px solid var(--line); border-radius:10px;
                padding:18px 22px; margin:18px 0; }
      section.warn { border-color:var(--red); background:#fef2f2; }
      section.warn h2 { color:var(--red); }
      .muted { color:var(--muted); }
      code { font:13px/1.4 ui-monospace,"DejaVu Sans Mono",monospace; background:#f1f5f9;
             padding:1px 5px; border-radius:4px; overflow-wrap:anywhere; }
      table { border-collapse:collapse; font-size:14px; }
      th, td { padding:5px 10px; border-bottom:1px solid var(--line); text-align:left;
               vertical-align:top; }
      th { font-weight:600; white-space:nowrap; }
      figure { margin:0 0 16px; border:1px solid var(--line); border-radius:8px; padding:8px; }
      figure img { display:block; width:100%; height:auto; }
      figcaption { color:var(--muted); font-size:13px; padding:6px 4px 0; }
      figure.omitted p { color:var(--muted); margin:40px 12px; text-align:center; }
      """;
}
