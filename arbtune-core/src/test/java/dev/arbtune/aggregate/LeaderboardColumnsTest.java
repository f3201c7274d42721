package dev.arbtune.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The varied-columns rule of the text and Markdown leaderboards (issue 12, section 1). */
class LeaderboardColumnsTest {

  static AggregatedJobResult job(
      String id, Map<String, Object> config, Map<String, Object> metrics) {
    return new AggregatedJobResult(
        id, "t", config, metrics, JobStatus.SUCCESS, id + ".json", 0, null);
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** A job of the sess001 shape: the seed's two, max_open_trades, fees, a data file. */
  static AggregatedJobResult full(
      String id, double spread, double slip, int maxOpen, double pnl, int opened, int closed) {
    return job(
        id,
        map(
            "data_file",
            "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv",
            "min_spread_bps",
            new BigDecimal(Double.toString(spread)),
            "taker_fee_a_bps",
            new BigDecimal("5.0"),
            "slippage_bps",
            new BigDecimal(Double.toString(slip)),
            "max_open_trades",
            (long) maxOpen,
            "stop_on_drawdown_pct",
            null,
            "tag",
            "sess"),
        map(
            "total_trades",
            (long) opened,
            "closed_trades",
            (long) closed,
            "realized_pnl_usd",
            new BigDecimal(Double.toString(pnl)),
            "max_drawdown_pct",
            new BigDecimal("1.5")));
  }

  @Test
  void seedTwoFirstThenVaryingKeysByNameAndTheRestFixed() {
    LeaderboardColumns c =
        LeaderboardColumns.of(
            List.of(full("a", 30, 3, 3, 100, 9, 9), full("b", 30, 3, 1, 50, 4, 4)));
    assertThat(c.shown()).containsExactly("min_spread_bps", "slippage_bps", "max_open_trades");
    assertThat(c.fixed())
        .containsExactly(
            Map.entry("data_file", "data/btcusd_pe..._2022-12-13.csv"),
            Map.entry("stop_on_drawdown_pct", "null"),
            Map.entry("taker_fee_a_bps", "5"));
    assertThat(c.closedDiffers()).isFalse();
    assertThat(c.seedOnly()).isFalse();
    assertThat(c.fixedLine(2))
        .isEqualTo(
            "Fixed (all 2 listed): data_file=data/btcusd_pe..._2022-12-13.csv"
                + "  stop_on_drawdown_pct=null  taker_fee_a_bps=5");
  }

  @Test
  void aKeyMissingFromSomeJobsVariesAndEqualNumbersWrittenDifferentlyDoNot() {
    LeaderboardColumns c =
        LeaderboardColumns.of(
            List.of(
                job("a", map("x", new BigDecimal("30.0"), "y", 1L, "z", "3"), Map.of()),
                job("b", map("x", new BigDecimal("30"), "z", 3L), Map.of())));
    assertThat(c.shown()).containsExactly("min_spread_bps", "slippage_bps", "y", "z");
    assertThat(c.fixed()).containsExactly(Map.entry("x", "30"));
  }

  @Test
  void closedDiffersOnlyWhenSomeJobClosedADifferentCount() {
    assertThat(
            LeaderboardColumns.of(List.of(full("a", 1, 0, 3, 1, 9, 9), full("b", 1, 0, 3, 1, 9, 7)))
                .closedDiffers())
        .isTrue();
    // a document without closed_trades says nothing about it
    assertThat(
            LeaderboardColumns.of(List.of(job("a", Map.of(), map("total_trades", 9L))))
                .closedDiffers())
        .isFalse();
  }

  @Test
  void onlyTheSeedsTwoMeansTheSeedsLayout() {
    LeaderboardColumns c =
        LeaderboardColumns.of(
            List.of(
                job("a", map("min_spread_bps", 30L, "slippage_bps", 3L, "tag", "s"), Map.of()),
                job("b", map("min_spread_bps", 35L, "slippage_bps", 3L, "tag", "r"), Map.of())));
    assertThat(c.seedOnly()).isTrue();
    assertThat(c.fixedLine(2)).isNull();
    assertThat(LeaderboardColumns.of(List.of()).seedOnly()).isTrue();
  }

  @Test
  void longValuesKeepTheirStartAndEndWithinThirtyTwoCharacters() {
    String path = "/very/long/folder/name/that/goes/on/and/on/quotes.csv";
    String shown = LeaderboardColumns.value(map("data_file", path), "data_file");
    assertThat(shown).hasSize(LeaderboardColumns.MAX_VALUE).startsWith("/very/").endsWith(".csv");
    assertThat(shown).contains("...");
    assertThat(LeaderboardColumns.value(map("x", "short"), "x")).isEqualTo("short");
    assertThat(LeaderboardColumns.value(map(), "x")).isEqualTo("N/A");
    assertThat(LeaderboardColumns.fixedLabel(1)).isEqualTo("Fixed (the 1 listed)");
  }
}
