package dev.arbtune.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BacktestMetricsTest {

  private static BacktestMetrics sample(Double profitFactor, Double sharpe) {
    return new BacktestMetrics(
        3,
        2,
        1,
        10001.123456789,
        1.123456789,
        0.0300349700149925,
        0.5,
        0.5617283945,
        -0.25,
        2.0054960019990005,
        profitFactor,
        1.23456789,
        sharpe,
        2.5,
        29575,
        1087,
        false);
  }

  @Test
  void mapPutsTheSeedMetricsFirstWithRuntimeInItsSeedPlace() {
    Map<String, Object> m = sample(1.5, 0.3).toMap(0.12345);

    assertThat(m.keySet()).containsExactlyElementsOf(BacktestMetrics.KEYS);
    assertThat(BacktestMetrics.KEYS.subList(0, 9))
        .containsExactly(
            "total_trades",
            "closed_trades",
            "open_trades",
            "final_balance_usd",
            "realized_pnl_usd",
            "max_drawdown_pct",
            "win_rate",
            "avg_pnl_per_trade_usd",
            "runtime_seconds");
  }

  @Test
  void mapRoundsAmountsKeepsCountsIntegralAndUndefinedRatiosNull() {
    Map<String, Object> m = sample(null, null).toMap(0.12345);

    assertThat(m.get("total_trades")).isEqualTo(3);
    assertThat(m.get("quotes_processed")).isEqualTo(29575L);
    assertThat(m.get("final_balance_usd")).isEqualTo(10001.123457);
    assertThat(m.get("max_drawdown_pct")).isEqualTo(0.030035);
    assertThat(m.get("runtime_seconds")).isEqualTo(0.123);
    assertThat(m.get("avg_holding_seconds")).isEqualTo(2.5);
    assertThat(m.get("profit_factor")).isNull();
    assertThat(m).containsKey("sharpe_per_trade");
    assertThat(m.get("sharpe_per_trade")).isNull();
    assertThat(m.get("stopped_on_drawdown")).isEqualTo(false);
  }

  @Test
  void refusesInconsistentCounts() {
    assertThatThrownBy(
            () -> new BacktestMetrics(3, 1, 1, 0, 0, 0, 0, 0, 0, 0, null, 0, null, 0, 10, 0, false))
        .hasMessageContaining("closed + open");
    assertThatThrownBy(
            () -> new BacktestMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, null, 0, 1, 2, false))
        .hasMessageContaining("quotes_skipped");
  }

  static Stream<Arguments> roundingGivesWhatTheDecimalArithmeticGives() {
    return Tries.of(
        3000,
        Gen.oneOf(
            Gen.doubles(-1e18, 1e18),
            Gen.longs(-(1L << 54), 1L << 54).map(Long::doubleValue),
            Gen.longs(-100_000, 100_000).map(n -> n / 2.0),
            Gen.of(-0.0, 0.0, 0x1p53, -0x1p53, 0x1p53 - 1, 1e15, Double.NaN)),
        Gen.of(0, 3, 6));
  }

  /** The shortcut for whole numbers gives exactly (bits, so -0.0 too) what BigDecimal gives. */
  @PropertyTest
  @MethodSource
  void roundingGivesWhatTheDecimalArithmeticGives(double value, int places) {
    assertThat(Double.doubleToRawLongBits(BacktestMetrics.round(value, places)))
        .isEqualTo(Double.doubleToRawLongBits(BacktestMetrics.roundDecimal(value, places)));
  }
}
