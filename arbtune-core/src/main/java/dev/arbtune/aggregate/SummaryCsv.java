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
 *
 * <p>When the summary keeps error job rows ({@code aggregate --include-errors}), the columns {@code
 * error_kind} and {@code error} follow (empty for success jobs) and every error job follows the
 * ranked ones as a row with an empty rank, {@code status} {@code error}, its config (config keys
 * seen only in error jobs are added after the others) and empty metrics: one header, one row per
 * job, as pandas' {@code read_csv} wants it.
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
    List<AggregatedJobResult> errorRows = summary.errorJobRows();
    if (errorRows != null) {
      errorRows.forEach(job -> configKeys.addAll(job.config().keySet()));
    }
    CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out);
    List<String> header = new ArrayList<>(List.of("rank", "job_id", "tag", "status"));
    configKeys.forEach(k -> header.add("config." + k));
    metricKeys.forEach(k -> header.add("metrics." + k));
    if (errorRows != null) {
      header.add("error_kind");
      header.add("error");
    }
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
      if (errorRows != null) {
        row.add("");
        row.add("");
      }
      csv.writeRecord(row);
    }
    if (errorRows != null) {
      writeErrorRows(csv, errorRows, configKeys, metricKeys.size());
    }
    csv.flush();
  }

  /** The error jobs after the ranked ones: no rank, their config, no metrics, their error. */
  private static void writeErrorRows(
      CsvWriter csv, List<AggregatedJobResult> errorRows, Set<String> configKeys, int metrics) {
    for (AggregatedJobResult job : errorRows) {
      List<String> row = new ArrayList<>(4 + configKeys.size() + metrics + 2);
      row.add("");
      row.add(job.jobId());
      row.add(job.tag() == null ? "" : job.tag());
      row.add(job.status().label());
      for (String k : configKeys) {
        row.add(JsonNumbers.cell(job.config().get(k)));
      }
      for (int i = 0; i < metrics; i++) {
        row.add("");
      }
      row.add(job.error().kind().label());
      row.add(job.error().message());
      csv.writeRecord(row);
    }
  }
}
