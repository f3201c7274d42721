package dev.arbtune.aggregate;

import dev.arbtune.result.Metric;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes an {@link AggregatedSummary} as Markdown (GitHub-flavoured tables) for pull requests,
 * wikis and notebooks: the counts, the filters, the ranked jobs with the key metrics and every
 * config parameter that varies among them, the Pareto front when computed, and the errors.
 *
 * <p>Each table's config columns are those of {@link LeaderboardColumns}: the seed's {@code
 * min_spread_bps} and {@code slippage_bps} first, then every other key that varies among the jobs
 * of that table, sorted by name, values longer than {@link LeaderboardColumns#MAX_VALUE} characters
 * shortened; the keys with one value in all of them follow the table on one {@code Fixed (all N
 * listed): ...} line. {@code total_trades} counts the trades opened and the last column, {@code
 * closed_trades}, those closed; a note under each table says so.
 */
public final class SummaryMarkdown {

  private static final String CLOSED = Metric.CLOSED_TRADES.key();

  private static final List<String> METRICS =
      List.of(
          Metric.REALIZED_PNL_USD.key(),
          Metric.MAX_DRAWDOWN_PCT.key(),
          Metric.TOTAL_TRADES.key(),
          Metric.WIN_RATE.key());

  private SummaryMarkdown() {}

  /** The whole document, each line ending in {@code \n}. */
  public static String format(AggregatedSummary s, int errorLimit) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Tuning session summary\n\n");
    sb.append("| total jobs | success | error | skipped files | passed filters |\n");
    sb.append("| ---: | ---: | ---: | ---: | ---: |\n");
    sb.append("| ")
        .append(s.totalJobs())
        .append(" | ")
        .append(s.successJobs())
        .append(" | ")
        .append(s.errorJobs())
        .append(" | ")
        .append(s.skippedFiles())
        .append(" | ")
        .append(s.matchedJobs())
        .append(" |\n\n");
    if (!s.filters().isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, Object> f : s.filters().entrySet()) {
        parts.add("`" + f.getKey() + ": " + f.getValue() + "`");
      }
      sb.append("Filters: ").append(String.join(", ", parts)).append("\n\n");
    }
    sb.append("## Top ")
        .append(s.topByPnl().size())
        .append(" by ")
        .append(SummaryText.title(s.ranking()))
        .append("\n\n");
    table(sb, s.topByPnl(), s.errorJobRows(), s.ranking().metric());
    if (s.paretoFront() != null) {
      sb.append("\n## Pareto front: PnL higher, drawdown lower (")
          .append(s.paretoFrontJobs())
          .append(")\n\n");
      table(sb, s.paretoFront(), null, null);
    }
    if (s.errorJobs() > 0) {
      sb.append("\n## Errors (").append(s.errorJobs()).append(")\n\n");
      sb.append("| kind | jobs |\n| --- | ---: |\n");
      s.errorKinds()
          .forEach(
              (k, n) -> sb.append("| ").append(k.label()).append(" | ").append(n).append(" |\n"));
      sb.append("\n| where | kind | message |\n| --- | --- | --- |\n");
      List<ErrorReport> errors = s.errors();
      for (int i = 0; i < Math.min(errorLimit, errors.size()); i++) {
        ErrorReport e = errors.get(i);
        sb.append("| ")
            .append(escape(e.location()))
            .append(" | ")
            .append(e.kind().label())
            .append(" | ")
            .append(escape(e.message()))
            .append(" |\n");
      }
    }
    if (!s.warnings().isEmpty()) {
      sb.append("\n## Warnings (")
          .append(s.warnings().size() + s.warningsTruncated())
          .append(")\n\n");
      for (Warning w : s.warnings().subList(0, Math.min(errorLimit, s.warnings().size()))) {
        sb.append("- ").append(w.kind()).append(": ").append(escape(w.message())).append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * One table: the ranked {@code jobs}, then, when {@code errors} is not {@code null} ({@code
   * aggregate --include-errors}), every error job, with three more columns, {@code status}, {@code
   * error_kind} and {@code error} (empty for success jobs); error rows have no rank and no metrics,
   * and show their config. The config columns are those of {@link LeaderboardColumns} over the rows
   * that have a config (a document that could not be read says nothing about what varies).
   */
  private static void table(
      StringBuilder sb,
      List<AggregatedJobResult> jobs,
      List<AggregatedJobResult> errors,
      String rankMetric) {
    List<AggregatedJobResult> all = new ArrayList<>(jobs);
    if (errors != null) {
      all.addAll(errors);
    }
    if (all.isEmpty()) {
      sb.append("_No success job passed the filters._\n");
      return;
    }
    Set<String> metrics = new LinkedHashSet<>(METRICS);
    if (rankMetric != null) {
      metrics.add(rankMetric);
    }
    List<AggregatedJobResult> withConfig = all.stream().filter(j -> !j.config().isEmpty()).toList();
    LeaderboardColumns cols = LeaderboardColumns.of(withConfig);
    List<String> params = cols.shown();
    boolean closed = !metrics.contains(CLOSED);
    boolean status = errors != null;
    sb.append("| rank | job_id |");
    metrics.forEach(m -> sb.append(' ').append(m).append(" |"));
    params.forEach(p -> sb.append(' ').append(p).append(" |"));
    sb.append(closed ? " " + CLOSED + " |" : "");
    sb.append(status ? " status | error_kind | error |" : "");
    sb.append("\n| ---: | --- |");
    metrics.forEach(m -> sb.append(" ---: |"));
    params.forEach(p -> sb.append(" ---: |"));
    sb.append(closed ? " ---: |" : "");
    sb.append(status ? " --- | --- | --- |" : "");
    sb.append('\n');
    int rank = 0;
    for (AggregatedJobResult job : all) {
      boolean error = !job.isSuccess();
      sb.append("| ")
          .append(error ? "" : Integer.toString(++rank))
          .append(" | ")
          .append(escape(job.jobId()))
          .append(" |");
      for (String m : metrics) {
        sb.append(' ').append(escape(cell(job.metrics(), m))).append(" |");
      }
      for (String p : params) {
        String v = job.config().containsKey(p) ? LeaderboardColumns.value(job.config(), p) : "";
        sb.append(' ').append(escape(v)).append(" |");
      }
      if (closed) {
        sb.append(' ').append(escape(cell(job.metrics(), CLOSED))).append(" |");
      }
      if (status) {
        sb.append(' ')
            .append(job.status().label())
            .append(" | ")
            .append(error ? job.error().kind().label() : "")
            .append(" | ")
            .append(error ? escape(job.error().message()) : "")
            .append(" |");
      }
      sb.append('\n');
    }
    fixedAndCounts(sb, cols, withConfig.size());
  }

  /**
   * After a table: the config keys with one value in every listed job, and what the two trade
   * counts mean.
   */
  private static void fixedAndCounts(StringBuilder sb, LeaderboardColumns cols, int listed) {
    if (!cols.fixed().isEmpty()) {
      List<String> parts = new ArrayList<>();
      cols.fixed().forEach((k, v) -> parts.add("`" + k + "=" + v.replace("`", "'") + "`"));
      sb.append('\n')
          .append(LeaderboardColumns.fixedLabel(listed))
          .append(": ")
          .append(String.join(", ", parts))
          .append('\n');
    }
    sb.append("\n_total_trades: trades opened; closed_trades: trades closed (a trade still open")
        .append(" when the data ended is opened, not closed)._\n");
  }

  private static String cell(Map<String, Object> map, String key) {
    return map.containsKey(key) ? JsonNumbers.display(map.get(key)) : "";
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ");
  }
}
