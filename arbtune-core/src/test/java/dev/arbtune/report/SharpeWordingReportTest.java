package dev.arbtune.report;

import static dev.arbtune.testing.GridDocs.map;
import static dev.arbtune.testing.GridDocs.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.insights.InsightOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's deflated Sharpe table says why a job has no ratio and flags a tiny T. */
class SharpeWordingReportTest {

  @TempDir Path dir;

  private void job(String id, double pnl, Double sharpe, int closed) {
    Map<String, Object> metrics =
        map("realized_pnl_usd", pnl, "max_drawdown_pct", 1.0, "total_trades", closed);
    metrics.put("closed_trades", closed);
    metrics.put("sharpe_per_trade", sharpe);
    write(dir, id, map("a", pnl), metrics);
  }

  @Test
  void fewTradesAndMissingRatiosAreExplained() throws IOException {
    job("lucky", 100, 24.0, 3);
    job("solid", 50, 0.4, 400);
    job("single", 40, null, 1);
    String html =
        HtmlReport.render(
            HtmlReport.collect(
                TuningResultsAggregator.builder(dir).pareto(true).build(),
                new ScanProgress(),
                InsightOptions.DEFAULTS));
    assertThat(html)
        .contains("; only 3 trades: not evidence</span>")
        .contains("no Sharpe ratio: fewer than 2 closed trades</span>")
        .contains("with T below 30 it is not evidence, whatever its DSR")
        // every row in the text insights' words, the job with enough trades included
        .containsPattern(">(NOT )?significant at 95%(: could be luck)?</span>")
        .doesNotContain(">not significant</span>", ">significant</span>");
  }
}
