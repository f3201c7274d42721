package dev.arbtune.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.result.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ranking, the checked metrics and the filters read the catalogue, as they behaved before it. */
class MetricCatalogueUseTest {

  @Test
  void betterOrdersAreThoseRankingSpecKnewBeforeTheCatalogue() {
    Map<String, Order> before =
        Map.ofEntries(
            Map.entry("realized_pnl_usd", Order.DESCENDING),
            Map.entry("unrealized_pnl_usd", Order.DESCENDING),
            Map.entry("final_balance_usd", Order.DESCENDING),
            Map.entry("win_rate", Order.DESCENDING),
            Map.entry("avg_pnl_per_trade_usd", Order.DESCENDING),
            Map.entry("total_trades", Order.DESCENDING),
            Map.entry("closed_trades", Order.DESCENDING),
            Map.entry("profit_factor", Order.DESCENDING),
            Map.entry("sharpe_per_trade", Order.DESCENDING),
            Map.entry("max_drawdown_pct", Order.ASCENDING),
            Map.entry("runtime_seconds", Order.ASCENDING),
            Map.entry("fees_paid_usd", Order.ASCENDING),
            Map.entry("pnl_std_per_trade_usd", Order.ASCENDING));
    for (Metric m : Metric.values()) {
      assertThat(RankingSpec.betterOrder(m.key()))
          .as(m.key())
          .isEqualTo(before.getOrDefault(m.key(), Order.DESCENDING));
    }
    assertThat(RankingSpec.betterOrder("my_own_metric")).isEqualTo(Order.DESCENDING);
  }

  @Test
  void checkedMetricsKeepTheirOrder() {
    assertThat(Jobs.CHECKED_METRICS)
        .containsExactly("realized_pnl_usd", "max_drawdown_pct", "total_trades");
  }

  @Test
  void onlyAMissingPnlRanksAsZero() {
    AggregatedJobResult none = job(Map.of());
    AggregatedJobResult negative = job(Map.of("realized_pnl_usd", -1.0, "win_rate", -1.0));
    assertThat(Ranking.of(RankingSpec.PNL).comparator().compare(none, negative)).isNegative();
    assertThat(Ranking.of(RankingSpec.by("win_rate")).comparator().compare(none, negative))
        .isPositive();
  }

  @Test
  void boundedFiltersKeepTheBoundAsGivenAndTreatMissingValuesAsAsked() {
    JobFilter minTrades = JobFilter.atLeast("min_trades", Metric.TOTAL_TRADES, 0, true);
    assertThat(minTrades.value()).isEqualTo(0).isInstanceOf(Integer.class);
    assertThat(minTrades.accepts(job(Map.of()))).isTrue();
    JobFilter dd = JobFilter.atMost("max_drawdown_pct", Metric.MAX_DRAWDOWN_PCT, 15.0, false);
    assertThat(dd.value()).isEqualTo(15.0);
    assertThat(dd.accepts(job(Map.of()))).isFalse();
    assertThat(dd.accepts(job(Map.of("max_drawdown_pct", 15)))).isTrue();
    assertThat(dd.accepts(job(Map.of("max_drawdown_pct", 15.5)))).isFalse();
    assertThat(JobFilter.maxDrawdownPct(15.0))
        .usingRecursiveComparison()
        .ignoringFields("test")
        .isEqualTo(dd);
    assertThat(JobFilter.minTrades(3).name()).isEqualTo("min_trades");
    assertThat(JobFilter.minTrades(3).value()).isEqualTo(3);
    assertThatThrownBy(() -> JobFilter.minWinRate(Double.NaN))
        .hasMessage("min_win_rate must be a finite number, got NaN");
    assertThatThrownBy(
            () ->
                JobFilter.atMost(
                    "max_drawdown_pct", Metric.MAX_DRAWDOWN_PCT, Double.POSITIVE_INFINITY, false))
        .hasMessage("max_drawdown_pct must be a finite number, got Infinity");
    // The library's builder refuses through the same one check, with the same name.
    assertThatThrownBy(
            () ->
                TuningResultsAggregator.builder(java.nio.file.Path.of("."))
                    .maxDrawdownPct(Double.NaN))
        .hasMessage("max_drawdown_pct must be a finite number, got NaN");
  }

  @Test
  void seedFiltersBehaveAsTheSeed() {
    List<AggregatedJobResult> jobs =
        List.of(
            job(Map.of("total_trades", 5, "max_drawdown_pct", 10.0)),
            job(Map.of("total_trades", 4, "max_drawdown_pct", 20.0)),
            job(Map.of("max_drawdown_pct", 1.0)),
            job(Map.of("total_trades", 9)));
    assertThat(jobs.stream().map(JobFilter.minTrades(5)::accepts))
        .containsExactly(true, false, false, true);
    assertThat(jobs.stream().map(JobFilter.maxTrades(4)::accepts))
        .containsExactly(false, true, true, false);
    assertThat(jobs.stream().map(JobFilter.maxDrawdownPct(15)::accepts))
        .containsExactly(true, false, true, false);
  }

  private static AggregatedJobResult job(Map<String, Object> metrics) {
    return new AggregatedJobResult(
        "j", null, Map.of(), new LinkedHashMap<>(metrics), JobStatus.SUCCESS, "j.json", 0, null);
  }
}
