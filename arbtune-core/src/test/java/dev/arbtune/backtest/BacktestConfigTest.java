package dev.arbtune.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacktestConfigTest {

  private static Map<String, Object> withData(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    m.put("data_file", "q.csv");
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void missingFieldsTakeTheDefaults() {
    BacktestConfig c = BacktestConfig.fromMap(withData());
    assertThat(c).isEqualTo(BacktestConfig.defaults("q.csv"));
    assertThat(c.minSpreadBps()).isEqualTo(30.0);
    assertThat(c.maxOpenTrades()).isEqualTo(1);
    assertThat(c.initialBalanceUsd()).isEqualTo(10000.0);
    assertThat(c.stopOnDrawdownPct()).isNull();
    assertThat(c.costBps()).isEqualTo(15.0);
  }

  @Test
  void toMapWritesEveryFieldInContractOrderWithContractTypes() {
    Map<String, Object> m =
        BacktestConfig.fromMap(withData("min_spread_bps", 20L, "tag", "s1")).toMap();
    assertThat(m.keySet())
        .containsExactly(
            "data_file",
            "min_spread_bps",
            "taker_fee_a_bps",
            "taker_fee_b_bps",
            "slippage_bps",
            "max_position_usd",
            "max_open_trades",
            "initial_balance_usd",
            "stop_on_drawdown_pct",
            "tag");
    assertThat(m.get("min_spread_bps")).isEqualTo(20.0);
    assertThat(m.get("max_open_trades")).isEqualTo(1);
    assertThat(m).containsEntry("stop_on_drawdown_pct", null);
  }

  @Test
  void timeWindowRoundTrips() {
    BacktestConfig c =
        BacktestConfig.fromMap(
            withData(
                "start_time", "2014-05-01T05:00:00Z", "end_time", "2014-05-02T00:00:00+02:00"));
    assertThat(c.startTime()).isEqualTo(Instant.parse("2014-05-01T05:00:00Z"));
    assertThat(c.endTime()).isEqualTo(Instant.parse("2014-05-01T22:00:00Z"));
    assertThat(BacktestConfig.fromMap(c.toMap())).isEqualTo(c);
    assertThat(BacktestConfig.fromMap(withData("start_time", "2014-05-01T05:00:00")).startTime())
        .isEqualTo(Instant.parse("2014-05-01T05:00:00Z"));
  }

  @Test
  void timeUnitIsAutoByDefaultWrittenOnlyWhenSetAndRoundTrips() {
    assertThat(BacktestConfig.fromMap(withData()).timeUnit()).isEqualTo(EpochUnit.AUTO);
    assertThat(BacktestConfig.fromMap(withData("time_unit", "auto")).toMap())
        .doesNotContainKey("time_unit");
    for (String label : List.of("s", "ms", "us", "ns")) {
      BacktestConfig c = BacktestConfig.fromMap(withData("time_unit", label));
      assertThat(c.timeUnit().label()).isEqualTo(label);
      assertThat(c.toMap()).containsEntry("time_unit", label);
      assertThat(List.copyOf(c.toMap().keySet())).last().isEqualTo("time_unit");
      assertThat(BacktestConfig.fromMap(c.toMap())).isEqualTo(c);
    }
  }

  @Test
  void aWrongTimeUnitNamesTheChoicesAndSuggestsOne() {
    assertThatThrownBy(() -> BacktestConfig.fromMap(withData("time_unit", "seconds")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "time_unit: expected one of auto, s, ms, us, ns, got \"seconds\" (did you mean s?)");
    assertThatThrownBy(() -> BacktestConfig.fromMap(withData("time_unit", "µs")))
        .hasMessageEndingWith("(did you mean us?)");
    assertThatThrownBy(() -> BacktestConfig.fromMap(withData("time_unit", "MS")))
        .hasMessageEndingWith("(did you mean ms?)");
    assertThatThrownBy(() -> BacktestConfig.fromMap(withData("time_unit", 1000)))
        .hasMessage("time_unit: expected one of auto, s, ms, us, ns, got 1000");
    assertThatThrownBy(() -> BacktestConfig.fromMap(withData("time_unit", "x".repeat(500))))
        .hasMessageContaining("x".repeat(40) + "…\"")
        .hasMessageNotContaining("x".repeat(41));
  }

  @Test
  void windowTimesAreKeptToTheMicrosecond() {
    BacktestConfig c =
        BacktestConfig.fromMap(
            withData(
                "start_time", "2014-05-01T05:00:00.123456789Z",
                "end_time", "2014-05-01T05:00:01.0000001Z"));

    assertThat(c.startTime()).isEqualTo(Instant.parse("2014-05-01T05:00:00.123456Z"));
    assertThat(c.toMap()).containsEntry("end_time", "2014-05-01T05:00:01Z");
  }

  @Test
  void unknownKeySuggestsTheClosestField() {
    assertThatThrownBy(() -> BacktestConfig.fromMap(withData("min_spred_bps", 3)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("min_spred_bps: unknown config field (did you mean min_spread_bps?)")
        .extracting(e -> ((ConfigException) e).field())
        .isEqualTo("min_spred_bps");
    assertThatThrownBy(() -> BacktestConfig.fromMap(withData("colour", 3)))
        .hasMessage("colour: unknown config field");
  }

  @Test
  void refusesWhatTheRunnerWouldRefuse() {
    assertThatThrownBy(() -> BacktestConfig.fromMap(Map.of()))
        .hasMessageStartingWith("data_file: is required");
    assertThatThrownBy(() -> BacktestConfig.fromMap(withData("taker_fee_a_bps", -1)))
        .hasMessage("taker_fee_a_bps: must be a finite number >= 0, got -1.0");
    assertThatThrownBy(() -> BacktestConfig.fromMap(withData("max_position_usd", 0)))
        .hasMessageStartingWith("max_position_usd: must be a finite number > 0");
    assertThatThrownBy(() -> BacktestConfig.fromMap(withData("max_open_trades", 0)))
        .hasMessage("max_open_trades: must be at least 1, got 0");
    assertThatThrownBy(() -> BacktestConfig.fromMap(withData("max_open_trades", 1.5)))
        .hasMessage("max_open_trades: expected an integer, got 1.5");
    assertThatThrownBy(() -> BacktestConfig.fromMap(withData("stop_on_drawdown_pct", 0)))
        .hasMessageStartingWith("stop_on_drawdown_pct: must be a finite number > 0");
    assertThatThrownBy(() -> BacktestConfig.fromMap(withData("slippage_bps", "5")))
        .hasMessage("slippage_bps: expected a number, got the string \"5\"");
    assertThatThrownBy(() -> BacktestConfig.fromMap(withData("slippage_bps", Double.NaN)))
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> BacktestConfig.fromMap(withData("tag", List.of())))
        .hasMessage("tag: expected a string, got a list");
    assertThatThrownBy(() -> BacktestConfig.fromMap(withData("start_time", "yesterday")))
        .hasMessageStartingWith("start_time: expected an ISO-8601 timestamp");
    assertThatThrownBy(
            () ->
                BacktestConfig.fromMap(
                    withData(
                        "start_time", "2014-05-02T00:00:00Z", "end_time", "2014-05-01T00:00:00Z")))
        .hasMessageStartingWith("end_time: must be after start_time");
  }

  @Test
  void moneyAndBasisPointsHaveDocumentedUpperLimits() {
    assertThatThrownBy(() -> BacktestConfig.fromMap(withData("max_position_usd", 1e300)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("max_position_usd: must be at most 1e12 (1,000,000,000,000 USD), got 1.0E300");
    assertThatThrownBy(() -> BacktestConfig.fromMap(withData("initial_balance_usd", 2e12)))
        .hasMessageStartingWith("initial_balance_usd: must be at most 1e12");
    for (String bps : List.of("min_spread_bps", "taker_fee_a_bps", "taker_fee_b_bps")) {
      assertThatThrownBy(() -> BacktestConfig.fromMap(withData(bps, 10_001)))
          .hasMessage(bps + ": must be at most 10000 (100%), got 10001.0");
    }
    assertThatThrownBy(() -> BacktestConfig.fromMap(withData("slippage_bps", 1e9)))
        .hasMessageStartingWith("slippage_bps: must be at most 10000 (100%)");
    BacktestConfig atTheLimits =
        BacktestConfig.fromMap(
            withData(
                "max_position_usd", 1e12,
                "initial_balance_usd", 1e12,
                "min_spread_bps", 10_000,
                "taker_fee_a_bps", 10_000,
                "taker_fee_b_bps", 10_000,
                "slippage_bps", 10_000));
    assertThat(atTheLimits.maxPositionUsd()).isEqualTo(BacktestConfig.MAX_USD);
    assertThat(atTheLimits.slippageBps()).isEqualTo(BacktestConfig.MAX_BPS);
  }

  @Test
  void acceptsWholeDecimalsForIntegersAndAnyNumberType() {
    BacktestConfig c =
        BacktestConfig.fromMap(
            withData(
                "max_open_trades",
                new BigDecimal("3.0"),
                "min_spread_bps",
                new BigDecimal("12.5")));
    assertThat(c.maxOpenTrades()).isEqualTo(3);
    assertThat(c.minSpreadBps()).isEqualTo(12.5);
    assertThat(BacktestConfig.fromMap(withData("stop_on_drawdown_pct", null)).stopOnDrawdownPct())
        .isNull();
  }
}
