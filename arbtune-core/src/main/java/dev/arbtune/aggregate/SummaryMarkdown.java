package dev.arbtune.aggregate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes an {@link AggregatedSummary} as Markdown (GitHub-flavoured tables) for pull requests,
 * wikis and notebooks: the counts, the filters, the ranked jobs with the key metrics and every
 * config parameter that varies among them, the Pareto front when computed, and the errors.
 */
public final class SummaryMarkdown {

  private static final List<String> METRICS =
      List.of("realized_pnl_usd", "max_drawdown_pct", "total_trades", "win_rate");

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
    if (s.errorJobRows() == null) {
      table(sb, s.topByPnl(), s.ranking().metric());
    } else {
      tableWithErrors(sb, s.topByPnl(), s.errorJobRows(), s.ranking().metric());
    }
    if (s.paretoFront() != null) {
      sb.append("\n## Pareto front: PnL higher, drawdown lower (")
          .append(s.paretoFrontJobs())
          .append(")\n\n");
      table(sb, s.paretoFront(), null);
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

  private static void table(StringBuilder sb, List<AggregatedJobResult> jobs, String rankMetric) {
    if (jobs.isEmpty()) {
      sb.append("_No success job passed the filters._\n");
      return;
    }
    Set<String> metrics = new LinkedHashSet<>(METRICS);
    if (rankMetric != null) {
      metrics.add(rankMetric);
    }
    List<String> params = varyingParameters(jobs);
    sb.append("| rank | job_id |");
    metrics.forEach(m -> sb.append(' ').append(m).append(" |"));
    params.forEach(p -> sb.append(' ').append(p).append(" |"));
    sb.append("\n| ---: | --- |");
    metrics.forEach(m -> sb.append(" ---: |"));
    params.forEach(p -> sb.append(" ---: |"));
    sb.append('\n');
    int rank = 0;
    for (AggregatedJobResult job : jobs) {
      sb.append("| ").append(++rank).append(" | ").append(escape(job.jobId())).append(" |");
      for (String m : metrics) {
        sb.append(' ').append(escape(cell(job.metrics(), m))).append(" |");
      }
      for (String p : params) {
        sb.append(' ').append(escape(cell(job.config(), p))).append(" |");
      }
      sb.append('\n');
    }
  }

  /**
   * The ranked table with every error job after the ranked rows ({@code aggregate
   * --include-errors}): three more columns, {@code status}, {@code error_kind} and {@code error}
   * (empty for success jobs); error rows have no rank and no metrics, and show their config.
   */
  private static void tableWithErrors(
      StringBuilder sb,
      List<AggregatedJobResult> ranked,
      List<AggregatedJobResult> errors,
      String rankMetric) {
    if (ranked.isEmpty() && errors.isEmpty()) {
      sb.append("_No success job passed the filters._\n");
      return;
    }
    Set<String> metrics = new LinkedHashSet<>(METRICS);
    metrics.add(rankMetric);
    List<AggregatedJobResult> all = new ArrayList<>(ranked);
    all.addAll(errors);
    // A document that could not be read has no config: it says nothing about what varies.
    List<AggregatedJobResult> withConfig = all.stream().filter(j -> !j.config().isEmpty()).toList();
    List<String> params =
        withConfig.isEmpty() ? SummaryText.SHOWN_PARAMETERS : varyingParameters(withConfig);
    sb.append("| rank | job_id |");
    metrics.forEach(m -> sb.append(' ').append(m).append(" |"));
    params.forEach(p -> sb.append(' ').append(p).append(" |"));
    sb.append(" status | error_kind | error |\n| ---: | --- |");
    metrics.forEach(m -> sb.append(" ---: |"));
    params.forEach(p -> sb.append(" ---: |"));
    sb.append(" --- | --- | --- |\n");
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
        sb.append(' ').append(escape(cell(job.config(), p))).append(" |");
      }
      sb.append(' ')
          .append(job.status().label())
          .append(" | ")
          .append(error ? job.error().kind().label() : "")
          .append(" | ")
          .append(error ? escape(job.error().message()) : "")
          .append(" |\n");
    }
  }

  /**
   * Config keys whose values differ among {@code jobs}, in first-seen order; when none differ, the
   * two the seed's summary shows.
   */
  static List<String> varyingParameters(List<AggregatedJobResult> jobs) {
    Set<String> keys = new LinkedHashSet<>();
    jobs.forEach(j -> keys.addAll(j.config().keySet()));
    List<String> varying = new ArrayList<>();
    for (String k : keys) {
      if (k.equals("tag")) {
        continue;
      }
      Object first = jobs.get(0).config().get(k);
      for (AggregatedJobResult j : jobs) {
        if (!Objects.equals(first, j.config().get(k))) {
          varying.add(k);
          break;
        }
      }
    }
    return varying.isEmpty() ? SummaryText.SHOWN_PARAMETERS : varying;
  }

  private static String cell(Map<String, Object> map, String key) {
    return map.containsKey(key) ? JsonNumbers.display(map.get(key)) : "";
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ");
  }
}
