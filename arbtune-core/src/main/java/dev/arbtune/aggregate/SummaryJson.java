package dev.arbtune.aggregate;

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
 * exactly as the result documents wrote them. The layout is that of Python's {@code
 * json.dump(summary, indent=2)}, followed by a newline.
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
    List<Map<String, Object>> top = new ArrayList<>(summary.topByPnl().size());
    for (AggregatedJobResult job : summary.topByPnl()) {
      top.add(jobToMap(job));
    }
    root.put("top_by_pnl", top);
    return root;
  }

  /** One job as written in {@code top_by_pnl}. */
  public static Map<String, Object> jobToMap(AggregatedJobResult job) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job_id", job.jobId());
    m.put("tag", job.tag());
    m.put("config", job.config());
    m.put("metrics", job.metrics());
    m.put("status", job.status().label());
    return m;
  }

  /** Writes the summary and a final newline to {@code out}; does not close it. */
  public static void write(AggregatedSummary summary, Writer out) throws IOException {
    Json.prettyWriter()
        .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
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
}
