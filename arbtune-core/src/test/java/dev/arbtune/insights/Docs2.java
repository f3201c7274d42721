package dev.arbtune.insights;

import dev.arbtune.testing.Docs;
import java.nio.file.Path;

/** Raw result documents whose config text is written as given (to test number spellings). */
final class Docs2 {
  private Docs2() {}

  static void writeRaw(Path dir, String jobId, String configJson, double pnl) {
    Docs.write(
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
}
