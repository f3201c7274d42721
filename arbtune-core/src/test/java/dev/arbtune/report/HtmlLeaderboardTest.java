package dev.arbtune.report;

import static dev.arbtune.testing.GridDocs.map;
import static dev.arbtune.testing.GridDocs.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.insights.ParamValue;
import dev.arbtune.insights.ParameterInsight;
import dev.arbtune.insights.ValueStats;
import dev.arbtune.testing.Chromium;
import dev.arbtune.testing.ChromiumLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/**
 * The report's leaderboard shows every config key that varies among the listed jobs, both trade
 * counts, the fixed keys once, and fits a 1280 px page; the PnL spread chart per parameter value is
 * drawn (issue 12, sections 1 and 4).
 */
class HtmlLeaderboardTest {

  private static final String LONG_A =
      "/srv/market-data/archive/2022/december/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv";
  private static final String LONG_B =
      "/srv/market-data/archive/2022/december/btcusd_perp_binance_vs_bybit_1m_2022-12-14.csv";

  @TempDir Path tmp;
  Path results;

  /** 48 jobs where ten config keys vary, two data files with long paths among them. */
  @BeforeEach
  void session() {
    results = tmp.resolve("results");
    for (int i = 0; i < 48; i++) {
      write(
          results,
          String.format("wide_session_job_%04d", i),
          map(
              "data_file",
              i % 2 == 0 ? LONG_A : LONG_B,
              "min_spread_bps",
              1.0 + i % 3,
              "taker_fee_a_bps",
              i % 4 < 2 ? 0.5 : 2.5,
              "taker_fee_b_bps",
              i % 5 < 2 ? 0.5 : 2.5,
              "slippage_bps",
              0.25 * (i % 2),
              "max_position_usd",
              10000.0 * (1 + i % 3),
              "max_open_trades",
              1 + 2 * (i % 2),
              "initial_balance_usd",
              i % 7 < 3 ? 100000.0 : 250000.0,
              "stop_on_drawdown_pct",
              i % 3 == 0 ? null : 5.0 * (i % 3),
              "exit_spread_bps",
              0.1 * (i % 6),
              "start_time",
              i % 2 == 0 ? "2022-12-13T00:00:00Z" : "2022-12-13T06:00:00Z",
              "venue_latency_ms",
              250,
              "tag",
              "wide"),
          map(
              "total_trades",
              100 + i,
              "closed_trades",
              100 + i - i % 3,
              "realized_pnl_usd",
              1_234_567.89 - 25_000.0 * i,
              "max_drawdown_pct",
              12.5 + i % 9,
              "win_rate",
              0.5 + (i % 10) / 40.0,
              "sharpe_per_trade",
              0.1234 + i / 100.0));
    }
  }

  private Path report(Path dir) throws IOException {
    Path file = tmp.resolve("out/" + dir.getFileName() + ".html");
    HtmlReport.write(
        TuningResultsAggregator.builder(dir).maxResults(10).pareto(true).build(),
        new ScanProgress(),
        file);
    return file;
  }

  @Test
  void leaderboardShowsVaryingKeysBothTradeCountsAndTheFixedOnes() throws IOException {
    String board = board(Files.readString(report(results)));
    assertThat(board)
        .contains("<th class=\"num\">trades opened</th><th class=\"num\">closed</th>")
        .contains(
            "<th class=\"num key\">min_<wbr>spread_<wbr>bps</th>"
                + "<th class=\"num key\">slippage_<wbr>bps</th>"
                + "<th class=\"num key\">initial_<wbr>balance_<wbr>usd</th>"
                + "<th class=\"num key\">max_<wbr>open_<wbr>trades</th>"
                + "<th class=\"num key\">max_<wbr>position_<wbr>usd</th><th>neighbours</th>");
    // three further keys get a column; the others (long values, or beyond three) go on a row
    // under each job's
    assertThat(board)
        .contains(
            "<tr class=\"pairs\"><td></td><td colspan=\"14\"><code title=\""
                + LONG_A
                + "\">data_file=<wbr>/srv/market-da..._2022-12-13.csv</code> <code>exit_spread_bps"
                + "=<wbr>0</code> ");
    for (String key :
        List.of("start_time", "stop_on_drawdown_pct", "taker_fee_a_bps", "taker_fee_b_bps")) {
      assertThat(board).contains("<code>" + key + "=<wbr>");
    }
    // the fixed key, once, under the table; tag is not a parameter
    assertThat(board)
        .contains("<p class=\"fixed\">Fixed (all 10 listed): <code>venue_latency_ms=250</code></p>")
        .doesNotContain("tag=");
    // job 1 opened 101 trades and closed 100
    assertThat(board).contains("<td class=\"num\">101</td><td class=\"num\">100</td>");
  }

  @Test
  void upToThreeVaryingKeysWithShortValuesGetAColumnEachAndLongOnesARowUnderTheJob()
      throws IOException {
    String board = board(Files.readString(report(narrow())));
    assertThat(board)
        .contains(
            "<th class=\"num key\">min_<wbr>spread_<wbr>bps</th>"
                + "<th class=\"num key\">slippage_<wbr>bps</th>"
                + "<th class=\"num key\">max_<wbr>open_<wbr>trades</th>"
                + "<th class=\"num key\">max_<wbr>position_<wbr>usd</th>"
                + "<th class=\"num key\">stop_<wbr>on_<wbr>drawdown_<wbr>pct</th>"
                + "<th>neighbours</th>")
        .contains(
            "<tr class=\"pairs\"><td></td><td colspan=\"14\"><code title=\""
                + LONG_A
                + "\">data_file=<wbr>/srv/market-da..._2022-12-13.csv</code> </td></tr>");
  }

  @Test
  void leaderboardAndParetoTablesFitA1280PxPageWithoutClippedCells() throws IOException {
    for (Path dir : List.of(results, narrow())) {
      List<ChromiumLayout.Table> tables =
          ChromiumLayout.tables(report(dir), tmp, 1280, "table.board");
      assertThat(tables).hasSize(2); // the leaderboard and the Pareto front
      for (ChromiumLayout.Table t : tables) {
        assertThat(t.fits()).as("%s table %d: %s", dir, t.index(), t).isTrue();
        assertThat(t.clipped()).as("%s table %d", dir, t.index()).isEmpty();
      }
    }
  }

  /**
   * A short job id stays on one line (it is what a user copies into {@code arbtune show}): in the
   * quickstart's layout (four varied keys get columns) the job id column was squeezed to eight
   * characters, so that {@code quickstart_0035} read "quicksta / rt_0035".
   */
  @Test
  void shortJobIdsAreNotBrokenAcrossLinesAt1280Px() throws IOException {
    Path dir = tmp.resolve("quick");
    for (int i = 0; i < 36; i++) {
      write(
          dir,
          String.format("quickstart_%04d", i + 1),
          map(
              "data_file",
              "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv",
              "min_spread_bps",
              (double) (i / 6),
              "slippage_bps",
              0.5,
              "max_open_trades",
              1 + 2 * (i / 3 % 2),
              "stop_on_drawdown_pct",
              new double[] {0.01, 0.02, 0.05}[i % 3],
              "tag",
              "quickstart"),
          map(
              "total_trades",
              3 + i,
              "closed_trades",
              3 + i - i % 2,
              "realized_pnl_usd",
              9.87 - 0.5 * i,
              "max_drawdown_pct",
              0.02,
              "win_rate",
              1.0,
              "sharpe_per_trade",
              8.673861));
    }
    List<ChromiumLayout.Table> tables =
        ChromiumLayout.tables(report(dir), tmp, 1280, "table.board");
    assertThat(tables).hasSize(2);
    for (ChromiumLayout.Table t : tables) {
      assertThat(t.wrappedIds()).as("table %d", t.index()).isEmpty();
      assertThat(t.fits()).as("table %d: %s", t.index(), t).isTrue();
      assertThat(t.clipped()).as("table %d", t.index()).isEmpty();
    }
  }

  private static String board(String html) {
    return html.substring(html.indexOf("<h2>Leaderboard"), html.indexOf("<h2>Charts"));
  }

  /**
   * 24 jobs where four keys beside the seed's two vary (as many as get a column each), with long
   * data file paths and job ids.
   */
  private Path narrow() {
    Path dir = tmp.resolve("narrow");
    for (int i = 0; i < 24; i++) {
      write(
          dir,
          String.format("a_rather_long_session_name_2022_12_13_job_%04d", i),
          map(
              "data_file",
              i % 2 == 0 ? LONG_A : LONG_B,
              "min_spread_bps",
              1.0 + i % 3,
              "slippage_bps",
              0.25 * (i % 2),
              "max_open_trades",
              1 + 2 * (i % 2),
              "max_position_usd",
              10000.0 * (1 + i % 3),
              "stop_on_drawdown_pct",
              i % 3 == 0 ? null : 12.345678 * (i % 3),
              "tag",
              "narrow"),
          map(
              "total_trades",
              10_000 + i,
              "closed_trades",
              10_000 + i - i % 3,
              "realized_pnl_usd",
              -1_234_567.89 - 25_000.0 * i,
              "max_drawdown_pct",
              112.5 + i % 9,
              "win_rate",
              0.5 + (i % 10) / 40.0,
              "sharpe_per_trade",
              -0.1234 - i / 100.0));
    }
    return dir;
  }

  @Test
  void spreadChartsRenderInChromium() throws IOException {
    Path file = report(results);
    Chromium.Report r = Chromium.open(file, tmp);
    assertThat(r.errors()).isEmpty();
    List<Chromium.ImageCheck> spread =
        r.images().stream()
            .filter(i -> i.alt().startsWith("Realized PnL of the jobs with"))
            .toList();
    assertThat(spread).hasSizeGreaterThanOrEqualTo(10); // one per varied parameter
    for (Chromium.ImageCheck i : spread) {
      assertThat(i.decoded()).as(i.alt()).isTrue();
      assertThat(i.width()).as(i.alt()).isEqualTo(Charts.WIDTH);
      assertThat(i.variance()).as(i.alt()).isGreaterThan(100);
      assertThat(i.colours()).as(i.alt()).isGreaterThanOrEqualTo(10);
    }
  }

  @Test
  void spreadChartWhiskersRunFromLowestToHighest() {
    ParameterInsight p =
        new ParameterInsight(
            "max_open_trades",
            List.of(
                new ValueStats(ParamValue.of(1), 3, 2.0, 1.0, true, 10.0, 0.6, -5.0),
                new ValueStats(ParamValue.of(3), 2, 4.0, 4.0, true, 6.0, 1.0, 2.0),
                new ValueStats(ParamValue.of(5), 1, 1.0, 1.0, true, 1.0, 1.0)),
            0.75,
            0.5,
            false);
    CategoryChart chart = Charts.parameterSpreadChart(p);
    CategorySeries whiskers = chart.getSeries("lowest to highest");
    double[] middles = whiskers.getYData();
    double[] halves = whiskers.getExtraValues();
    assertThat(middles[0] - halves[0]).isEqualTo(-5.0);
    assertThat(middles[0] + halves[0]).isEqualTo(10.0);
    assertThat(middles[1] - halves[1]).isEqualTo(2.0);
    assertThat(middles[1] + halves[1]).isEqualTo(6.0);
    assertThat(middles[2]).isNaN(); // lowest not known: no whisker
    assertThat(chart.getSeries("median").getYData()).containsExactly(1.0, 4.0, 1.0);
    assertThat(chart.getSeries("mean").getYData()).containsExactly(2.0, 4.0, 1.0);
    assertThat(Charts.parameterSpread(p)).isNotEmpty(); // draws despite the missing whisker
  }
}
