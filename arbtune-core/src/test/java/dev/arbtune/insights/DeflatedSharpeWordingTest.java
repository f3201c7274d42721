package dev.arbtune.insights;

import static dev.arbtune.testing.GridDocs.map;
import static dev.arbtune.testing.GridDocs.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.aggregate.CollectedSummary;
import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.TuningResultsAggregator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deflated Sharpe section says why a job has no Sharpe ratio and when T is too small. */
class DeflatedSharpeWordingTest {

  @TempDir Path dir;

  private Insights insights() throws IOException {
    CollectedSummary<InsightCollector> run =
        TuningResultsAggregator.builder(dir)
            .build()
            .summarize(new ScanProgress(), InsightCollector::new);
    return Insights.compute(run, InsightOptions.DEFAULTS);
  }

  /** A job as arbtune's engine writes it: sharpe_per_trade null below 2 trades or at 0 spread. */
  private void job(String id, double pnl, Double sharpe, int closed) {
    Map<String, Object> metrics =
        map("realized_pnl_usd", pnl, "total_trades", closed, "closed_trades", closed);
    metrics.put("sharpe_per_trade", sharpe);
    write(dir, id, map("a", pnl), metrics);
  }

  @Test
  void noSharpeRatioAnywhereSaysWhyInsteadOfClaimingTheMetricIsMissing() throws IOException {
    job("one", 5, null, 1);
    job("none", 0, null, 0);
    job("flat", 3, null, 4); // 4 closed trades with the same PnL: zero deviation
    SelectionBias b = insights().selectionBias();
    assertThat(b.available()).isFalse();
    assertThat(b.unavailable())
        .isEqualTo(
            "no job has a Sharpe ratio per trade (2 jobs closed fewer than 2 trades; 1 job has a"
                + " zero deviation of per-trade PnL (every closed trade had the same PnL))")
        .doesNotContain("carry no");
    assertThat(InsightsText.format(insights()))
        .contains("Deflated Sharpe ratio (Bailey & López de Prado 2014): not available (no job");
  }

  @Test
  void documentsWithoutTheKeyStillSayTheyCarryNone() throws IOException {
    write(dir, "x", map("a", 1), map("realized_pnl_usd", 1.0));
    write(dir, "y", map("a", 2), map("realized_pnl_usd", 2.0));
    assertThat(insights().selectionBias().unavailable())
        .isEqualTo("the result documents carry no sharpe_per_trade");
  }

  @Test
  void aTopJobWithoutSharpeSaysWhyAndAFewTradeSharpeIsNotEvidence() throws IOException {
    job("lucky", 100, 24.0, 3); // a per-trade Sharpe of 24 from 3 trades
    job("solid", 50, 0.4, 400);
    job("single", 40, null, 1);
    job("flat", 30, null, 5);
    job("weak", 10, 0.05, 300);
    Insights in = insights();
    List<SharpeCheck> checks = in.selectionBias().checks();
    SharpeCheck lucky = checks.get(0);
    assertThat(lucky.job().jobId()).isEqualTo("lucky");
    assertThat(lucky.fewTrades()).isTrue();
    assertThat(InsightsText.verdict(lucky, 0.95)).endsWith("; only 3 trades: not evidence");
    SharpeCheck solid = checks.get(1);
    assertThat(solid.fewTrades()).isFalse();
    assertThat(InsightsText.verdict(solid, 0.95)).doesNotContain("not evidence");
    assertThat(InsightsText.verdict(checks.get(2), 0.95))
        .isEqualTo("no Sharpe ratio: fewer than 2 closed trades");
    assertThat(checks.get(2).fewTrades()).isFalse(); // nothing to doubt: there is no ratio
    assertThat(InsightsText.verdict(checks.get(3), 0.95))
        .isEqualTo("no Sharpe ratio: zero deviation: every closed trade had the same PnL");

    String text = InsightsText.format(in);
    assertThat(text)
        .contains("1) job_id=lucky  SR=24.0000  T=3  DSR=")
        .contains(
            "  T is the number of closed trades behind a job's Sharpe ratio per trade: with T")
        .doesNotContain("no sharpe_per_trade");
    Map<String, Object> json = InsightsJson.toMap(in);
    @SuppressWarnings("unchecked")
    Map<String, Object> dsr = (Map<String, Object>) json.get("deflated_sharpe");
    assertThat(dsr.get("min_evidence_trades")).isEqualTo(30L);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) dsr.get("jobs");
    assertThat(jobs.get(0)).containsEntry("few_trades", true).doesNotContainKey("no_sharpe_reason");
    assertThat(jobs.get(1)).containsEntry("few_trades", false);
    assertThat(jobs.get(2)).containsEntry("no_sharpe_reason", "few-trades");
    assertThat(jobs.get(3)).containsEntry("no_sharpe_reason", "zero-deviation");
  }

  @Test
  void noSharpeReadsTheEngineRule() {
    var job =
        new dev.arbtune.aggregate.AggregatedJobResult(
            "j",
            null,
            Map.of(),
            Map.of("total_trades", 7, "closed_trades", 1),
            dev.arbtune.aggregate.JobStatus.SUCCESS,
            "j.json",
            0,
            null);
    assertThat(NoSharpe.of(job)).isEqualTo(NoSharpe.NOT_CARRIED); // no key at all
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>(job.metrics());
    m.put("sharpe_per_trade", null);
    var withNull =
        new dev.arbtune.aggregate.AggregatedJobResult(
            "j", null, Map.of(), m, dev.arbtune.aggregate.JobStatus.SUCCESS, "j.json", 0, null);
    assertThat(NoSharpe.of(withNull)).isEqualTo(NoSharpe.FEW_TRADES); // closed, not total, counts
  }
}
