package dev.arbtune.aggregate;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the ranked jobs as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when
 * needed), one row per job, readable by pandas and spreadsheets as is.
 *
 * <p>Columns: {@code rank,job_id,tag,status}, then {@code config.KEY} for every config key and
 * {@code metrics.KEY} for every metric key of the ranked jobs, each in the order first seen going
 * down the ranking. Numbers are written as the documents wrote them, {@code null} and missing
 * values as empty fields, nested values as compact JSON.
 */
public final class SummaryCsv {

  private SummaryCsv() {}

  /** Writes the header and one row per ranked job; flushes but does not close {@code out}. */
  public static void write(AggregatedSummary summary, Writer out) throws IOException {
    List<AggregatedJobResult> jobs = summary.topByPnl();
    Set<String> configKeys = new LinkedHashSet<>();
    Set<String> metricKeys = new LinkedHashSet<>();
    for (AggregatedJobResult job : jobs) {
      configKeys.addAll(job.config().keySet());
      metricKeys.addAll(job.metrics().keySet());
    }
    CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out);
    List<String> header = new ArrayList<>(List.of("rank", "job_id", "tag", "status"));
    configKeys.forEach(k -> header.add("config." + k));
    metricKeys.forEach(k -> header.add("metrics." + k));
    csv.writeRecord(header);
    int rank = 0;
    for (AggregatedJobResult job : jobs) {
      List<String> row = new ArrayList<>(header.size());
      row.add(Integer.toString(++rank));
      row.add(job.jobId());
      row.add(job.tag() == null ? "" : job.tag());
      row.add(job.status().label());
      for (String k : configKeys) {
        row.add(JsonNumbers.cell(job.config().get(k)));
      }
      for (String k : metricKeys) {
        row.add(JsonNumbers.cell(job.metrics().get(k)));
      }
      csv.writeRecord(row);
    }
    csv.flush();
  }
}
