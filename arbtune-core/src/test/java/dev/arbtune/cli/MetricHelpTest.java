package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.aggregate.Order;
import dev.arbtune.aggregate.RankingSpec;
import dev.arbtune.result.Metric;
import dev.arbtune.testing.Cli;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code help aggregate} (and every command that ranks) lists the catalogue's metrics. */
class MetricHelpTest {

  @Test
  void helpOfEveryRankingCommandListsEveryMetricWithTheOrderItRanksIn() {
    for (String command : List.of("aggregate", "report", "sweep")) {
      Cli.Result r = Cli.run("help", command);
      assertThat(r.exitCode()).isZero();
      String metrics = r.out().substring(r.out().indexOf("\nMetrics ("));
      for (Metric m : Metric.values()) {
        String line =
            metrics
                .lines()
                .filter(l -> l.startsWith("  " + m.key() + " "))
                .findFirst()
                .orElseThrow();
        assertThat(line).contains(" " + m.better().label() + " ").contains(m.unit().label());
        Order order = RankingSpec.betterOrder(m.key());
        assertThat(line)
            .contains(
                order == Order.ASCENDING
                    ? "lowest first"
                    : m.better() == Metric.Better.NONE ? "neutral" : "highest first");
      }
      assertThat(metrics.indexOf("Metrics (")).isLessThan(metrics.indexOf("Exit codes:"));
    }
  }

  @Test
  void sortByHelpNoLongerListsDirectionsByHand() {
    String out = Cli.run("help", "aggregate").out();
    assertThat(out).contains("(default: realized_pnl_usd)");
    assertThat(out).doesNotContain("fees_paid_usd lowest first");
  }
}
