package dev.arbtune.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Builds result documents and writes them into test folders. */
public final class Docs {

  private Docs() {}

  /** A success document in the seed's shape. */
  public static String success(String jobId, double pnl, double drawdownPct, int trades) {
    return success(jobId, pnl, drawdownPct, trades, 30.0, 5.0);
  }

  /** A success document with the two parameters the text summary shows. */
  public static String success(
      String jobId, double pnl, double drawdownPct, int trades, double spread, double slippage) {
    return String.format(
        Locale.ROOT,
        """
        {
          "status": "success",
          "config": {
            "data_file": "data/q.csv",
            "min_spread_bps": %s,
            "taker_fee_a_bps": 5.0,
            "taker_fee_b_bps": 5.0,
            "slippage_bps": %s,
            "max_position_usd": 1000.0,
            "tag": "sess001"
          },
          "metrics": {
            "total_trades": %d,
            "realized_pnl_usd": %s,
            "max_drawdown_pct": %s,
            "win_rate": 0.5
          },
          "config_summary": {"job_id": "%s"}
        }
        """,
        Double.toString(spread),
        Double.toString(slippage),
        trades,
        Double.toString(pnl),
        Double.toString(drawdownPct),
        jobId);
  }

  /** A success document with the given raw {@code metrics} object text. */
  public static String withMetrics(String jobId, String metricsJson) {
    return "{\"status\": \"success\", \"config\": {\"tag\": \"t\"}, \"metrics\": "
        + metricsJson
        + ", \"config_summary\": {\"job_id\": \""
        + jobId
        + "\"}}";
  }

  /**
   * Writes a success document {@code dir/JOB_ID.json} whose {@code config} text is {@code
   * configJson} exactly as given (to test number spellings such as {@code 3E+1}).
   */
  public static Path writeWithRawConfig(Path dir, String jobId, String configJson, double pnl) {
    return write(
        dir,
        jobId + ".json",
        "{\"status\": \"success\", \"config\": "
            + configJson
            + ", \"metrics\": {\"realized_pnl_usd\": "
            + pnl
            + "}, \"config_summary\": {\"job_id\": \""
            + jobId
            + "\"}}");
  }

  /** Writes {@code text} as UTF-8 to {@code dir/name}, creating folders. */
  public static Path write(Path dir, String name, String text) {
    return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code bytes} to {@code dir/name}, creating folders. */
  public static Path write(Path dir, String name, byte[] bytes) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
