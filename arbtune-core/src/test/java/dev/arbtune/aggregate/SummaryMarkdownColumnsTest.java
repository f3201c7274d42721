package dev.arbtune.aggregate;

import static dev.arbtune.aggregate.LeaderboardColumnsTest.full;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Markdown leaderboard's config and trade-count columns (issue 12, section 1). */
class SummaryMarkdownColumnsTest {

  @Test
  void seedsTwoFirstThenVaryingKeysClosedCountLastAndOneFixedLine() {
    List<AggregatedJobResult> top =
        List.of(full("a", 2, 0, 3, 15.5, 9, 7), full("b", 1, 0, 1, 13, 16, 16));
    String md = SummaryMarkdown.format(new AggregatedSummary(2, 2, 0, top, Map.of()), 20);
    assertThat(md)
        .contains(
            "| rank | job_id | realized_pnl_usd | max_drawdown_pct | total_trades | win_rate"
                + " | min_spread_bps | slippage_bps | max_open_trades | closed_trades |\n"
                + "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
                + "| 1 | a | 15.5 | 1.5 | 9 |  | 2 | 0 | 3 | 7 |\n"
                + "| 2 | b | 13 | 1.5 | 16 |  | 1 | 0 | 1 | 16 |\n"
                + "\nFixed (all 2 listed): `data_file=data/btcusd_pe..._2022-12-13.csv`,"
                + " `stop_on_drawdown_pct=null`, `taker_fee_a_bps=5`\n"
                + "\n_total_trades: trades opened; closed_trades: trades closed");
    assertThat(md).doesNotContain("| tag |");
  }

  @Test
  void fixedSeedKeysStayColumnsAndNoFixedLineWhenNothingElseIsInTheConfigs() {
    List<AggregatedJobResult> top =
        List.of(
            LeaderboardColumnsTest.job(
                "a",
                LeaderboardColumnsTest.map("min_spread_bps", 30L, "slippage_bps", 3L),
                Map.of("total_trades", 5L, "closed_trades", 5L)),
            LeaderboardColumnsTest.job(
                "b",
                LeaderboardColumnsTest.map("min_spread_bps", 35L, "slippage_bps", 3L),
                Map.of("total_trades", 4L, "closed_trades", 4L)));
    String md = SummaryMarkdown.format(new AggregatedSummary(2, 2, 0, top, Map.of()), 20);
    assertThat(md).contains("| min_spread_bps | slippage_bps | closed_trades |\n");
    assertThat(md).contains("| 30 | 3 | 5 |\n").doesNotContain("Fixed");
  }
}
