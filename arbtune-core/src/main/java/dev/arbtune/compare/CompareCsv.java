package dev.arbtune.compare;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The comparison's jobs as CSV (RFC 4180, CRLF), one row per job: the shared jobs in A's rank
 * order, then the jobs only in A, then those only in B. Columns: {@code side} ({@code shared},
 * {@code only_in_a}, {@code only_in_b}), {@code job_id_a}, {@code job_id_b}, {@code rank_a}, {@code
 * rank_b}, {@code rank_change} (positive: better in B), then for every compared metric {@code M.a},
 * {@code M.b}, {@code M.delta} (B minus A). What a side lacks is an empty field. The verdict and
 * statistics are in the text, Markdown and JSON outputs.
 */
public final class CompareCsv {

  private CompareCsv() {}

  /** Writes the header and the rows; flushes but does not close {@code out}. */
  public static void write(CompareReport r, Writer out) throws IOException {
    Comparison c = r.comparison();
    List<String> metrics = c.a().metrics();
    CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out);
    List<String> header =
        new ArrayList<>(List.of("side", "job_id_a", "job_id_b", "rank_a", "rank_b", "rank_change"));
    for (String m : metrics) {
      header.add(m + ".a");
      header.add(m + ".b");
      header.add(m + ".delta");
    }
    csv.writeRecord(header);
    for (int i : r.rows()) {
      int ra = c.sharedA()[i];
      int rb = c.sharedB()[i];
      List<String> row = new ArrayList<>(header.size());
      row.add("shared");
      row.add(c.a().jobIds()[ra]);
      row.add(c.b().jobIds()[rb]);
      row.add(Integer.toString(ra + 1));
      row.add(Integer.toString(rb + 1));
      row.add(Integer.toString(CompareRun.rankChange(c, i)));
      for (int m = 0; m < metrics.size(); m++) {
        double x = c.a().metric(ra, m);
        double y = c.b().metric(rb, m);
        row.add(num(x));
        row.add(num(y));
        row.add(num(y - x));
      }
      csv.writeRecord(row);
    }
    oneSided(csv, c.a(), c.onlyA(), true, header.size());
    oneSided(csv, c.b(), c.onlyB(), false, header.size());
    csv.flush();
  }

  private static void oneSided(
      CsvWriter csv, RankedJobs.Ranked side, int[] rows, boolean isA, int width) {
    for (int r : rows) {
      List<String> row = new ArrayList<>(width);
      row.add(isA ? "only_in_a" : "only_in_b");
      row.add(isA ? side.jobIds()[r] : "");
      row.add(isA ? "" : side.jobIds()[r]);
      row.add(isA ? Integer.toString(r + 1) : "");
      row.add(isA ? "" : Integer.toString(r + 1));
      row.add("");
      for (int m = 0; m < side.metrics().size(); m++) {
        String v = num(side.metric(r, m));
        row.add(isA ? v : "");
        row.add(isA ? "" : v);
        row.add("");
      }
      csv.writeRecord(row);
    }
  }

  private static String num(double x) {
    return Double.isFinite(x)
        ? new java.math.BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString()
        : "";
  }
}
