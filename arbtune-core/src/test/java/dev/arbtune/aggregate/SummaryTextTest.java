package dev.arbtune.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SummaryTextTest {

  private static AggregatedJobResult job(
      String id, Map<String, Object> config, Map<String, Object> metrics) {
    return new AggregatedJobResult(
        id, "t", config, metrics, JobStatus.SUCCESS, id + ".json", 0, null);
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void moneyHasSignGroupingAndTwoDecimals() {
    assertThat(SummaryText.money(OptionalDouble.of(1250.0))).isEqualTo("+1,250.00");
    assertThat(SummaryText.money(OptionalDouble.of(-1234567.891))).isEqualTo("-1,234,567.89");
    assertThat(SummaryText.money(OptionalDouble.of(0.0))).isEqualTo("+0.00");
    assertThat(SummaryText.money(OptionalDouble.of(950))).isEqualTo("+950.00");
    assertThat(SummaryText.money(OptionalDouble.empty())).isEqualTo("N/A");
  }

  @Test
  void moneyRoundsTheBinaryValueHalfEvenLikePython() {
    // Python: f"{0.125:+,.2f}" == "+0.12"; f"{0.375:+,.2f}" == "+0.38"; f"{2.675:+,.2f}" == "+2.67"
    assertThat(SummaryText.money(OptionalDouble.of(0.125))).isEqualTo("+0.12");
    assertThat(SummaryText.money(OptionalDouble.of(0.375))).isEqualTo("+0.38");
    assertThat(SummaryText.money(OptionalDouble.of(2.675))).isEqualTo("+2.67");
    // Python: f"{-0.001:+,.2f}" == "-0.00"
    assertThat(SummaryText.money(OptionalDouble.of(-0.001))).isEqualTo("-0.00");
  }

  @Test
  void percentHasTwoDecimals() {
    assertThat(SummaryText.percent(OptionalDouble.of(10.0))).isEqualTo("10.00%");
    assertThat(SummaryText.percent(OptionalDouble.of(8.005))).isEqualTo("8.01%");
    assertThat(SummaryText.percent(OptionalDouble.empty())).isEqualTo("N/A");
  }

  @Test
  void wholeConfigNumbersPrintWithoutPointZeroAndMissingOnesAsNa() {
    Map<String, Object> config =
        map("min_spread_bps", new BigDecimal("30.0"), "slippage_bps", new BigDecimal("2.50"));
    assertThat(SummaryText.plain(config, "min_spread_bps")).isEqualTo("30");
    assertThat(SummaryText.plain(config, "slippage_bps")).isEqualTo("2.5");
    assertThat(SummaryText.plain(config, "absent")).isEqualTo("N/A");
    assertThat(SummaryText.plain(map("x", 7L), "x")).isEqualTo("7");
    assertThat(SummaryText.plain(map("x", new BigDecimal("1E+3")), "x")).isEqualTo("1000");
    assertThat(SummaryText.plain(map("x", null), "x")).isEqualTo("null");
    assertThat(SummaryText.plain(map("x", "abc"), "x")).isEqualTo("abc");
  }

  @Test
  void jobLinesMatchTheSeedExample() {
    AggregatedJobResult first =
        job(
            "sess001_0007",
            map("min_spread_bps", new BigDecimal("30.0"), "slippage_bps", new BigDecimal("3.0")),
            map(
                "total_trades", 18L,
                "realized_pnl_usd", new BigDecimal("1250.0"),
                "max_drawdown_pct", new BigDecimal("10.0")));
    AggregatedJobResult third =
        job(
            "sess001_0003",
            map("min_spread_bps", new BigDecimal("35.0"), "slippage_bps", new BigDecimal("3.0")),
            map(
                "total_trades", 15L,
                "realized_pnl_usd", new BigDecimal("950.0"),
                "max_drawdown_pct", new BigDecimal("8.0")));
    assertThat(SummaryText.jobLine(1, first))
        .isEqualTo(
            "  1) job_id=sess001_0007  PnL=+1,250.00  DD=10.00%  trades=18  min_spread_bps=30"
                + "  slippage_bps=3");
    assertThat(SummaryText.jobLine(3, third))
        .isEqualTo(
            "  3) job_id=sess001_0003  PnL=+950.00   DD=8.00%   trades=15  min_spread_bps=35"
                + "  slippage_bps=3");
  }

  @Test
  void missingMetricsAndParametersPrintNa() {
    AggregatedJobResult bare = job("x", Map.of(), Map.of());
    assertThat(SummaryText.jobLine(2, bare))
        .isEqualTo(
            "  2) job_id=x  PnL=N/A       DD=N/A     trades=N/A  min_spread_bps=N/A"
                + "  slippage_bps=N/A");
  }

  @Test
  void layoutWithFilters() {
    AggregatedSummary s =
        new AggregatedSummary(50, 47, 3, List.of(), map("max_drawdown_pct", 15.0, "min_trades", 5));
    assertThat(SummaryText.format(s))
        .isEqualTo(
            """
            ======================================================================
            [D39_AGG] TUNING SESSION SUMMARY
            ======================================================================

            Total Jobs:           50
            Success Jobs:         47
            Error Jobs:           3

            Filters:
              max_drawdown_pct: 15.0
              min_trades: 5

            Top 0 by Realized PnL (USD):
              (no success job passed the filters)

            ======================================================================
            """);
  }
}
