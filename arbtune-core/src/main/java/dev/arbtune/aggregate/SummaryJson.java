package dev.arbtune.aggregate;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.arbtune.result.ErrorKind;
import dev.arbtune.result.Json;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link AggregatedSummary} as Contract 2: {@code total_jobs}, {@code success_jobs},
 * {@code error_jobs}, {@code filters}, {@code top_by_pnl}, in that order, each job as {@code
 * job_id}, {@code tag}, {@code config}, {@code metrics}, {@code status}, with config and metrics
 * exactly as the result documents wrote them. When the ranking is not the seed's, the list is
 * written as {@code top} instead.
 *
 * <p>After these come the fields arbtune adds: {@code ranking}, {@code matched_jobs}, {@code
 * skipped_files}, {@code error_kinds}, {@code errors}, {@code errors_truncated}, {@code warnings},
 * {@code warnings_truncated} and, when asked for, {@code pareto_front} (at most 1,000 jobs) and
 * {@code pareto_front_jobs} (how many are on the front in all). The layout is that of Python's
 * {@code json.dump(summary, indent=2)}, followed by a newline.
 */
public final class SummaryJson {

  private SummaryJson() {}

  /** The summary as the ordered map that is serialised. */
  public static Map<String, Object> toMap(AggregatedSummary summary) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("total_jobs", summary.totalJobs());
    root.put("success_jobs", summary.successJobs());
    root.put("error_jobs", summary.errorJobs());
    root.put("filters", summary.filters());
    root.put(listName(summary.ranking()), jobs(summary.topByPnl()));
    Map<String, Object> ranking = new LinkedHashMap<>();
    ranking.put("metric", summary.ranking().metric());
    ranking.put("order", summary.ranking().order().label());
    root.put("ranking", ranking);
    root.put("matched_jobs", summary.matchedJobs());
    root.put("skipped_files", summary.skippedFiles());
    Map<String, Object> kinds = new LinkedHashMap<>();
    for (Map.Entry<ErrorKind, Long> e : summary.errorKinds().entrySet()) {
      kinds.put(e.getKey().label(), e.getValue());
    }
    root.put("error_kinds", kinds);
    List<Map<String, Object>> errors = new ArrayList<>(summary.errors().size());
    for (ErrorReport e : summary.errors()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", e.source());
      if (e.line() > 0) {
        m.put("line", e.line());
      }
      m.put("job_id", e.jobId());
      m.put("kind", e.kind().label());
      m.put("message", e.message());
      errors.add(m);
    }
    root.put("errors", errors);
    root.put("errors_truncated", summary.errorsTruncated());
    List<Map<String, Object>> warnings = new ArrayList<>(summary.warnings().size());
    for (Warning w : summary.warnings()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", w.kind());
      m.put("subject", w.subject());
      m.put("message", w.message());
      warnings.add(m);
    }
    root.put("warnings", warnings);
    root.put("warnings_truncated", summary.warningsTruncated());
    if (summary.paretoFront() != null) {
      root.put("pareto_front", jobs(summary.paretoFront()));
      root.put("pareto_front_jobs", summary.paretoFrontJobs());
    }
    return root;
  }

  /** {@code top_by_pnl} for the seed's ranking, {@code top} for any other. */
  public static String listName(RankingSpec ranking) {
    return ranking.isSeedRanking() ? "top_by_pnl" : "top";
  }

  /** One job as written in the ranked list. */
  public static Map<String, Object> jobToMap(AggregatedJobResult job) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job_id", job.jobId());
    m.put("tag", job.tag());
    m.put("config", job.config());
    m.put("metrics", job.metrics());
    m.put("status", job.status().label());
    return m;
  }

  private static List<Map<String, Object>> jobs(List<AggregatedJobResult> jobs) {
    List<Map<String, Object>> out = new ArrayList<>(jobs.size());
    for (AggregatedJobResult job : jobs) {
      out.add(jobToMap(job));
    }
    return out;
  }

  /** Writes the summary and a final newline to {@code out}; does not close it. */
  public static void write(AggregatedSummary summary, Writer out) throws IOException {
    Json.prettyWriter()
        .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .writeValue(out, toMap(summary));
    out.write('\n');
  }

  /** The summary as a string, with a final newline. */
  public static String toJson(AggregatedSummary summary) {
    try {
      return Json.prettyWriter().writeValueAsString(toMap(summary)) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("serialising a summary to a string cannot fail", e);
    }
  }

  /**
   * Writes the ranked jobs as JSON Lines: one compact object per line with {@code rank}, {@code
   * job_id}, {@code tag}, {@code config}, {@code metrics} and {@code status}. When the summary
   * keeps error job rows ({@code aggregate --include-errors}), every line also has {@code
   * error_kind} and {@code error} ({@code null} for success jobs), and every error job follows the
   * ranked ones with {@code rank} {@code null}, its config ({@code {}} when unknown) and {@code
   * metrics} {@code {}}.
   */
  public static void writeJsonLines(AggregatedSummary summary, Writer out) throws IOException {
    boolean withErrors = summary.errorJobRows() != null;
    int rank = 0;
    for (AggregatedJobResult job : summary.topByPnl()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rank", ++rank);
      m.putAll(jobToMap(job));
      if (withErrors) {
        m.put("error_kind", null);
        m.put("error", null);
      }
      out.write(Json.compactWriter().writeValueAsString(m));
      out.write('\n');
    }
    if (withErrors) {
      writeErrorLines(summary.errorJobRows(), out);
    }
  }

  private static void writeErrorLines(List<AggregatedJobResult> rows, Writer out)
      throws IOException {
    for (AggregatedJobResult job : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rank", null);
      m.putAll(jobToMap(job));
      m.put("error_kind", job.error().kind().label());
      m.put("error", job.error().message());
      out.write(Json.compactWriter().writeValueAsString(m));
      out.write('\n');
    }
  }
}
