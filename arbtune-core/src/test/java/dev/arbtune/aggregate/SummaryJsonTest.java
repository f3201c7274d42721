package dev.arbtune.aggregate;

import static dev.arbtune.testing.Docs.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryJsonTest {

  @TempDir Path dir;

  @Test
  void writesContractTwoWithConfigAndMetricsVerbatim() throws IOException {
    write(
        dir,
        "a.json",
        """
        {"status": "success",
         "config": {"data_file": "d.csv", "min_spread_bps": 30.0, "max_open_trades": 1,
                    "stop_on_drawdown_pct": null, "ratio": 1.50, "big": 12345678901234567890,
                    "tag": "sess001"},
         "metrics": {"total_trades": 18, "realized_pnl_usd": 1250.0, "max_drawdown_pct": 10.0,
                     "win_rate": 0.7, "sharpe": NaN},
         "config_summary": {"job_id": "sess001_0007"},
         "extra": [1, 2, 3]}
        """);
    AggregatedSummary summary =
        TuningResultsAggregator.builder(dir).maxDrawdownPct(15.0).minTrades(5).build().summarize();
    String json = SummaryJson.toJson(summary);
    assertThat(json)
        .isEqualTo(
            """
            {
              "total_jobs": 1,
              "success_jobs": 1,
              "error_jobs": 0,
              "filters": {
                "max_drawdown_pct": 15.0,
                "min_trades": 5
              },
              "top_by_pnl": [
                {
                  "job_id": "sess001_0007",
                  "tag": "sess001",
                  "config": {
                    "data_file": "d.csv",
                    "min_spread_bps": 30.0,
                    "max_open_trades": 1,
                    "stop_on_drawdown_pct": null,
                    "ratio": 1.50,
                    "big": 12345678901234567890,
                    "tag": "sess001"
                  },
                  "metrics": {
                    "total_trades": 18,
                    "realized_pnl_usd": 1250.0,
                    "max_drawdown_pct": 10.0,
                    "win_rate": 0.7,
                    "sharpe": "NaN"
                  },
                  "status": "success"
                }
              ],
              "ranking": {
                "metric": "realized_pnl_usd",
                "order": "descending"
              },
              "matched_jobs": 1,
              "skipped_files": 0,
              "error_kinds": {},
              "errors": [],
              "errors_truncated": 0,
              "warnings": [],
              "warnings_truncated": 0
            }
            """);
  }

  @Test
  void emptyFiltersAndListUsePythonsEmptyForms() {
    AggregatedSummary s = new AggregatedSummary(2, 0, 2, List.of(), Map.of());
    assertThat(SummaryJson.toJson(s))
        .isEqualTo(
            """
            {
              "total_jobs": 2,
              "success_jobs": 0,
              "error_jobs": 2,
              "filters": {},
              "top_by_pnl": [],
              "ranking": {
                "metric": "realized_pnl_usd",
                "order": "descending"
              },
              "matched_jobs": 0,
              "skipped_files": 0,
              "error_kinds": {},
              "errors": [],
              "errors_truncated": 2,
              "warnings": [],
              "warnings_truncated": 0
            }
            """);
  }

  @Test
  void writerAndStringFormsAgreeAndParseBack() throws IOException {
    write(dir, "a.json", dev.arbtune.testing.Docs.success("a", -12.5, 3.0, 4));
    AggregatedSummary s = TuningResultsAggregator.of(dir).summarize();
    StringWriter w = new StringWriter();
    SummaryJson.write(s, w);
    assertThat(w.toString()).isEqualTo(SummaryJson.toJson(s));
    JsonNode root = new ObjectMapper().readTree(w.toString());
    assertThat(root.get("top_by_pnl").get(0).get("metrics").get("realized_pnl_usd").asDouble())
        .isEqualTo(-12.5);
    assertThat(root.get("top_by_pnl").get(0).get("metrics").get("total_trades").isIntegralNumber())
        .isTrue();
  }
}
