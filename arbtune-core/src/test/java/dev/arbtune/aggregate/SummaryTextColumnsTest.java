package dev.arbtune.aggregate;

import static dev.arbtune.aggregate.LeaderboardColumnsTest.full;
import static dev.arbtune.aggregate.LeaderboardColumnsTest.job;
import static dev.arbtune.aggregate.LeaderboardColumnsTest.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.aggregate.SummaryText.Columns;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text leaderboard with {@link Columns#VARIED} (issue 12, section 1). */
class SummaryTextColumnsTest {

  private static AggregatedSummary summary(List<AggregatedJobResult> top) {
    return new AggregatedSummary(top.size(), top.size(), 0, top, Map.of());
  }

  private static AggregatedJobResult seed(String id, String spread, String slip, long trades) {
    return job(
        id,
        map("min_spread_bps", new BigDecimal(spread), "slippage_bps", new BigDecimal(slip)),
        map(
            "total_trades",
            trades,
            "closed_trades",
            trades,
            "realized_pnl_usd",
            new BigDecimal("1250.0"),
            "max_drawdown_pct",
            new BigDecimal("10.0")));
  }

  @Test
  void whenOnlyTheSeedsTwoVaryTheLayoutIsTheSeedsByteForByte() {
    AggregatedSummary s =
        summary(List.of(seed("sess001_0007", "30.0", "3.0", 18), seed("x", "35", "3", 15)));
    assertThat(SummaryText.format(s, Columns.VARIED)).isEqualTo(SummaryText.format(s));
    assertThat(SummaryText.format(s, Columns.VARIED))
        .contains(
            "  1) job_id=sess001_0007  PnL=+1,250.00  DD=10.00%  trades=18  min_spread_bps=30"
                + "  slippage_bps=3\n  2) job_id=x")
        .doesNotContain("Fixed", "closed=");
  }

  @Test
  void aVaryingKeyIsShownAfterTheSeedsTwoAndTheOthersOnOneFixedLine() {
    AggregatedSummary s =
        summary(
            List.of(
                full("sess_0020", 2, 0, 3, 15.35, 9, 9),
                full("sess_0013", 1, 0, 1, 6.15, 7, 7),
                full("sess_0014", 1, 0, 3, 13.48, 16, 16)));
    String text = SummaryText.format(s, Columns.VARIED);
    assertThat(text)
        .contains(
            "Top 3 by Realized PnL (USD):\n"
                + "  1) job_id=sess_0020  PnL=+15.35    DD=1.50%   trades=9  min_spread_bps=2"
                + "  slippage_bps=0  max_open_trades=3\n"
                + "  2) job_id=sess_0013  PnL=+6.15     DD=1.50%   trades=7  min_spread_bps=1"
                + "  slippage_bps=0  max_open_trades=1\n"
                + "  3) job_id=sess_0014  PnL=+13.48    DD=1.50%   trades=16  min_spread_bps=1"
                + "  slippage_bps=0  max_open_trades=3\n"
                + "  Fixed (all 3 listed): data_file=data/btcusd_pe..._2022-12-13.csv"
                + "  stop_on_drawdown_pct=null  taker_fee_a_bps=5\n"
                + "\n");
    // the varied columns are what format(summary) prints; the seed's layout stays available
    assertThat(SummaryText.format(s)).isEqualTo(SummaryText.format(s, Columns.VARIED));
    assertThat(SummaryText.format(s, Columns.SEED)).doesNotContain("max_open_trades", "Fixed");
  }

  @Test
  void closedIsShownOnEveryLineWhenSomeListedJobClosedFewerThanItOpened() {
    AggregatedSummary s =
        summary(List.of(full("a", 2, 0, 3, 15, 9, 7), full("b", 1, 0, 3, 13, 16, 16)));
    String text = SummaryText.format(s, Columns.VARIED);
    assertThat(text)
        .contains("  1) job_id=a  PnL=+15.00    DD=1.50%   trades=9  closed=7  min_spread_bps=2")
        .contains("  2) job_id=b  PnL=+13.00    DD=1.50%   trades=16  closed=16  min_spread_bps=1")
        .contains("  Fixed (all 2 listed): data_file=")
        .contains("max_open_trades=3");
  }

  @Test
  void theParetoBlockFollowsTheSameRuleForTheJobsItLists() {
    AggregatedJobResult a = full("a", 2, 0, 3, 15, 9, 9);
    AggregatedJobResult b = full("b", 1, 0, 1, 13, 16, 16);
    AggregatedSummary base = summary(List.of(a, b));
    AggregatedSummary s =
        new AggregatedSummary(
            2,
            2,
            0,
            List.of(a, b),
            Map.of(),
            base.ranking(),
            2,
            0,
            Map.of(),
            List.of(),
            0,
            List.of(),
            0,
            List.of(a),
            1);
    String text = SummaryText.format(s, Columns.VARIED);
    assertThat(text)
        .contains(
            "Pareto front, PnL higher and drawdown lower (1 job):\n"
                + "  1) job_id=a  PnL=+15.00    DD=1.50%   trades=9  min_spread_bps=2"
                + "  slippage_bps=0\n"
                + "  Fixed (the 1 listed): data_file=");
    assertThat(text.substring(text.indexOf("Pareto"))).contains("max_open_trades=3");
  }
}
