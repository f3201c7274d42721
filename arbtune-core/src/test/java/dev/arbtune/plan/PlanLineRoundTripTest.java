package dev.arbtune.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.run.PlanLine;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code plan} writes is what {@code run} reads: the plan line has one contract. */
class PlanLineRoundTripTest {

  @Test
  void theRunnerReadsTheJobThePlannerWrote() {
    BacktestConfig c =
        BacktestConfig.fromMap(Map.of("data_file", "data/q.csv", "min_spread_bps", 20, "tag", "t"));
    JobPlan job = new JobPlan("t_0001", c, "t/t_0001.json");
    PlanLine line = PlanLine.parse(1, job.toJsonLine());
    assertThat(line.isValid()).as(line.problem()).isTrue();
    assertThat(line.jobId()).isEqualTo(job.jobId());
    assertThat(line.outputJson()).isEqualTo(job.outputJson());
    assertThat(line.config()).isEqualTo(c);
    assertThat(line.rawConfig()).isEqualTo(c.toMap());
  }
}
