package dev.arbtune.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.backtest.BacktestConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobPlanTest {

  @Test
  void writesOneCompactLineWithKeysInContractOrder() {
    BacktestConfig c =
        BacktestConfig.fromMap(
            Map.of("data_file", "data/q.csv", "min_spread_bps", 20, "max_open_trades", 2));
    JobPlan job = new JobPlan("job_0001", c, "job/job_0001.json");
    assertThat(job.toJsonLine())
        .isEqualTo(
            "{\"job_id\":\"job_0001\",\"config\":{\"data_file\":\"data/q.csv\","
                + "\"min_spread_bps\":20.0,\"taker_fee_a_bps\":5.0,\"taker_fee_b_bps\":5.0,"
                + "\"slippage_bps\":5.0,\"max_position_usd\":1000.0,\"max_open_trades\":2,"
                + "\"initial_balance_usd\":10000.0,\"stop_on_drawdown_pct\":null,\"tag\":null},"
                + "\"output_json\":\"job/job_0001.json\"}");
  }

  @Test
  void mapHoldsTheConfigExactlyAsTheRunnerWritesIt() {
    BacktestConfig c = BacktestConfig.defaults("q.csv");
    JobPlan job = new JobPlan("a_0001", c, "a/a_0001.json");
    assertThat(job.toMap()).containsOnlyKeys("job_id", "config", "output_json");
    assertThat(job.toMap().get("config")).isEqualTo(c.toMap());
  }

  @Test
  void rejectsABlankJobIdOrOutputPath() {
    BacktestConfig c = BacktestConfig.defaults("q.csv");
    assertThatThrownBy(() -> new JobPlan(" ", c, "x.json"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JobPlan("j", c, "")).isInstanceOf(IllegalArgumentException.class);
  }
}
