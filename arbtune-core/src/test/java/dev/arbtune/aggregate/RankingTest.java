package dev.arbtune.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingTest {

  private static AggregatedJobResult job(String id, String metric, Object value) {
    Map<String, Object> metrics = value == null ? Map.of() : Map.of(metric, value);
    return new AggregatedJobResult(
        id, null, Map.of(), metrics, JobStatus.SUCCESS, id + ".json", 0, null);
  }

  private static List<String> rank(RankingSpec spec, AggregatedJobResult... jobs) {
    List<AggregatedJobResult> list = new ArrayList<>(List.of(jobs));
    list.sort(Ranking.of(spec).comparator());
    return list.stream().map(AggregatedJobResult::jobId).toList();
  }

  @Test
  void eachKnownMetricKnowsWhichWayIsBetter() {
    assertThat(RankingSpec.betterOrder("realized_pnl_usd")).isEqualTo(Order.DESCENDING);
    assertThat(RankingSpec.betterOrder("win_rate")).isEqualTo(Order.DESCENDING);
    assertThat(RankingSpec.betterOrder("final_balance_usd")).isEqualTo(Order.DESCENDING);
    assertThat(RankingSpec.betterOrder("avg_pnl_per_trade_usd")).isEqualTo(Order.DESCENDING);
    assertThat(RankingSpec.betterOrder("total_trades")).isEqualTo(Order.DESCENDING);
    assertThat(RankingSpec.betterOrder("max_drawdown_pct")).isEqualTo(Order.ASCENDING);
    assertThat(RankingSpec.betterOrder("runtime_seconds")).isEqualTo(Order.ASCENDING);
    assertThat(RankingSpec.betterOrder("something_new")).isEqualTo(Order.DESCENDING);
  }

  @Test
  void drawdownRanksLowestFirst() {
    assertThat(
            rank(
                RankingSpec.by("max_drawdown_pct"),
                job("a", "max_drawdown_pct", new BigDecimal("9.5")),
                job("b", "max_drawdown_pct", 2L),
                job("c", "max_drawdown_pct", new BigDecimal("4"))))
        .containsExactly("b", "c", "a");
  }

  @Test
  void missingMetricRanksLastInEitherOrderButMissingPnlIsZero() {
    AggregatedJobResult hi = job("hi", "win_rate", new BigDecimal("0.9"));
    AggregatedJobResult lo = job("lo", "win_rate", new BigDecimal("0.1"));
    AggregatedJobResult none = job("none", "win_rate", null);
    AggregatedJobResult nan = job("nan", "win_rate", Double.NaN);
    assertThat(rank(new RankingSpec("win_rate", Order.DESCENDING), none, lo, nan, hi))
        .containsExactly("hi", "lo", "nan", "none");
    assertThat(rank(new RankingSpec("win_rate", Order.ASCENDING), none, hi, nan, lo))
        .containsExactly("lo", "hi", "nan", "none");
    AggregatedJobResult neg = job("neg", "realized_pnl_usd", -5L);
    AggregatedJobResult zero = job("zero", "realized_pnl_usd", null);
    assertThat(rank(new RankingSpec("realized_pnl_usd", Order.ASCENDING), zero, neg))
        .containsExactly("neg", "zero");
  }

  @Test
  void tiesBreakByJobIdSourceAndLine() {
    AggregatedJobResult a2 =
        new AggregatedJobResult(
            "a", null, Map.of(), Map.of("x", 1L), JobStatus.SUCCESS, "f.jsonl", 10, null);
    AggregatedJobResult a1 =
        new AggregatedJobResult(
            "a", null, Map.of(), Map.of("x", 1L), JobStatus.SUCCESS, "f.jsonl", 9, null);
    AggregatedJobResult b = job("b", "x", new BigDecimal("1.0"));
    List<AggregatedJobResult> list = new ArrayList<>(List.of(b, a2, a1));
    list.sort(Ranking.of(RankingSpec.by("x")).comparator());
    assertThat(list).containsExactly(a1, a2, b);
  }

  @Test
  void onlyDescendingPnlIsTheSeedRanking() {
    assertThat(RankingSpec.by("realized_pnl_usd").isSeedRanking()).isTrue();
    assertThat(new RankingSpec("realized_pnl_usd", Order.ASCENDING).isSeedRanking()).isFalse();
    assertThat(RankingSpec.by("win_rate").isSeedRanking()).isFalse();
  }
}
