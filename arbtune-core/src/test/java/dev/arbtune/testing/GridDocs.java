package dev.arbtune.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes result documents with arbitrary config and metrics, for parameter grids. */
public final class GridDocs {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GridDocs() {}

  /** A success document as JSON text. */
  public static String success(String jobId, Map<String, ?> config, Map<String, ?> metrics) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("status", "success");
    doc.put("config", config);
    doc.put("metrics", metrics);
    doc.put("config_summary", Map.of("job_id", jobId));
    try {
      return MAPPER.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a success document {@code dir/jobId.json}. */
  public static Path write(Path dir, String jobId, Map<String, ?> config, Map<String, ?> metrics) {
    return Docs.write(dir, jobId + ".json", success(jobId, config, metrics));
  }

  /** An ordered map from alternating keys and values. */
  public static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /**
   * Writes a two-parameter grid {@code a} x {@code b} (values 1..na and 1..nb), job {@code g_A_B},
   * with PnL {@code pnl[a-1][b-1]}, drawdown 1 and a fixed {@code fee}.
   */
  public static void grid(Path dir, double[][] pnl) {
    for (int a = 0; a < pnl.length; a++) {
      for (int b = 0; b < pnl[a].length; b++) {
        write(
            dir,
            "g_" + (a + 1) + "_" + (b + 1),
            map("a", a + 1, "b", (b + 1) * 1.0, "fee", 5.0, "tag", "t"),
            map("realized_pnl_usd", pnl[a][b], "max_drawdown_pct", 1.0, "total_trades", 10));
      }
    }
  }
}
