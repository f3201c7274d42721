package dev.arbtune.cli;

import static dev.arbtune.testing.GridDocs.map;
import static dev.arbtune.testing.GridDocs.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aggregate --columns varied} and the Markdown table over a small results folder where
 * {@code max_open_trades} varies (issue 12, section 1): two lines that the seed's layout prints
 * with the same config get the key that tells them apart.
 */
class AggregateColumnsTest {

  @TempDir Path tmp;

  private Path session() {
    Path dir = tmp.resolve("results");
    int n = 0;
    for (int maxOpen : new int[] {1, 3}) {
      for (double spread : new double[] {1.0, 2.0}) {
        n++;
        write(
            dir,
            "s_" + n,
            map(
                "data_file",
                "data/quotes.csv",
                "min_spread_bps",
                spread,
                "taker_fee_a_bps",
                5.0,
                "slippage_bps",
                0.0,
                "max_open_trades",
                maxOpen,
                "tag",
                "s"),
            map(
                "total_trades",
                4 * maxOpen,
                "closed_trades",
                4 * maxOpen - (maxOpen == 3 ? 2 : 0),
                "realized_pnl_usd",
                10.0 * maxOpen + spread,
                "max_drawdown_pct",
                1.0));
      }
    }
    return dir;
  }

  @Test
  void variedColumnsShowMaxOpenTradesClosedCountsAndTheFixedKeys() {
    Cli.Result r =
        Cli.run("aggregate", "--results-dir", session().toString(), "--columns", "varied");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "Top 4 by Realized PnL (USD):\n"
                + "  1) job_id=s_4  PnL=+32.00    DD=1.00%   trades=12  closed=10  min_spread_bps=2"
                + "  slippage_bps=0  max_open_trades=3\n"
                + "  2) job_id=s_3  PnL=+31.00    DD=1.00%   trades=12  closed=10  min_spread_bps=1"
                + "  slippage_bps=0  max_open_trades=3\n"
                + "  3) job_id=s_2  PnL=+12.00    DD=1.00%   trades=4  closed=4  min_spread_bps=2"
                + "  slippage_bps=0  max_open_trades=1\n"
                + "  4) job_id=s_1  PnL=+11.00    DD=1.00%   trades=4  closed=4  min_spread_bps=1"
                + "  slippage_bps=0  max_open_trades=1\n"
                + "  Fixed (all 4 listed): data_file=data/quotes.csv  taker_fee_a_bps=5\n");
  }

  @Test
  void columnsSeedGivesTheSeedsLayout() {
    Cli.Result r =
        Cli.run(
            "aggregate",
            "--results-dir",
            session().toString(),
            "--max-results",
            "2",
            "--columns",
            "seed");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "  1) job_id=s_4  PnL=+32.00    DD=1.00%   trades=12  min_spread_bps=2  slippage_bps=0\n"
                + "  2) job_id=s_3  PnL=+31.00    DD=1.00%   trades=12  min_spread_bps=1"
                + "  slippage_bps=0\n\n")
        .doesNotContain("Fixed", "closed=");
  }

  @Test
  void theDefaultShowsTheVariedColumns() {
    Cli.Result byDefault = Cli.run("aggregate", "--results-dir", session().toString());
    Cli.Result varied =
        Cli.run("aggregate", "--results-dir", session().toString(), "--columns", "varied");
    assertThat(byDefault.exitCode()).as(byDefault.err()).isZero();
    assertThat(byDefault.out()).isEqualTo(varied.out()).contains("max_open_trades=3", "Fixed");
  }

  @Test
  void markdownShowsTheVaryingKeyTheClosedColumnAndTheFixedLine() {
    Cli.Result r =
        Cli.run("aggregate", "--results-dir", session().toString(), "--format", "markdown");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "| min_spread_bps | slippage_bps | max_open_trades | closed_trades |\n",
            "| 1 | s_4 | 32 | 1 | 12 |  | 2 | 0 | 3 | 10 |\n",
            "Fixed (all 4 listed): `data_file=data/quotes.csv`, `taker_fee_a_bps=5`\n",
            "_total_trades: trades opened; closed_trades: trades closed");
  }

  @Test
  void anUnknownColumnsValueIsAUsageError() {
    Cli.Result r =
        Cli.run("aggregate", "--results-dir", session().toString(), "--columns", "everything");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--columns");
  }
}
