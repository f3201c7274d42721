package dev.arbtune.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The equity recorder against the engine: on the shipped data, for random configs, the recorded
 * maximum drawdown and final equity are the engine's metrics exactly (not within a tolerance).
 */
class EquityRecorderTest {

  private static final QuotesCache CACHE = new QuotesCache();

  private static Quotes load(java.nio.file.Path file) {
    try {
      return CACHE.get(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rows recorded by a replay. */
  private static final class Rows implements EquityRecorder.Sink {
    final List<double[]> rows = new ArrayList<>();
    final List<Integer> openedRows = new ArrayList<>();
    final List<Integer> closedRows = new ArrayList<>();

    @Override
    public void marked(int row, double equity, double drawdownPct, int openTrades) {
      rows.add(new double[] {row, equity, drawdownPct, openTrades});
    }

    @Override
    public void opened(int row, Trade trade) {
      openedRows.add(row);
    }

    @Override
    public void closed(int row, Trade trade) {
      closedRows.add(row);
    }
  }

  static Stream<Arguments> maxDrawdownAndFinalEquityAreTheEnginesExactly() {
    return Tries.of(400, Gen.longs());
  }

  @PropertyTest
  @MethodSource
  void maxDrawdownAndFinalEquityAreTheEnginesExactly(long seed) {
    Random r = new Random(seed);
    boolean btc = r.nextBoolean();
    Quotes quotes = load(btc ? TestQuotes.BTC : TestQuotes.EURUSD_SAMPLE);
    BacktestConfig config = randomConfig(r, quotes, btc);
    List<Trade> log = new ArrayList<>();
    BacktestMetrics m = Backtest.run(config, quotes, log::add);
    Rows rows = new Rows();

    EquityRecorder.Curve curve = EquityRecorder.replay(config, quotes, log, rows);

    assertThat(curve.maxDrawdownPct()).isEqualTo(m.maxDrawdownPct());
    assertThat(curve.finalEquity()).isEqualTo(m.finalBalanceUsd() + m.unrealizedPnlUsd());
    assertThat(curve.stopped()).isEqualTo(m.stoppedOnDrawdown());
    assertThat((long) curve.end() - curve.from()).isEqualTo(m.quotesProcessed());
    assertThat(rows.openedRows).hasSize(m.totalTrades());
    assertThat(rows.closedRows).hasSize(m.closedTrades());
    double maxSeen = 0;
    for (double[] row : rows.rows) {
      maxSeen = Math.max(maxSeen, row[2]);
      assertThat(row[3]).isBetween(0.0, (double) config.maxOpenTrades());
    }
    assertThat(maxSeen).isEqualTo(m.maxDrawdownPct());
    if (!rows.rows.isEmpty()) {
      double[] last = rows.rows.get(rows.rows.size() - 1);
      assertThat(last[1]).isEqualTo(curve.finalEquity());
      assertThat((int) last[3]).isEqualTo(m.openTrades());
    }
  }

  @Test
  void everyMarkedRowFollowsTheModelOnAHandCase() {
    // docs/MODEL.md case 1: opens at t=1 (marked, equity 9996.9965...), skipped rows, closes at
    // t=4.
    Quotes quotes =
        TestQuotes.of(
            TestQuotes.row(100.0, 100.1, 100.2, 100.3),
            TestQuotes.row(99.9, 100.0, 100.5, 100.6),
            TestQuotes.row(101.0, 100.9, 100.5, 100.6),
            TestQuotes.row(0, 100.0, 100.5, 100.6),
            TestQuotes.row(100.4, 100.5, 100.3, 100.4));
    BacktestConfig config =
        new BacktestConfig("x.csv", 10, 5, 5, 10, 1000, 1, 10000, null, null, null, null);
    List<Trade> log = new ArrayList<>();
    Backtest.run(config, quotes, log::add);
    Rows rows = new Rows();

    EquityRecorder.replay(config, quotes, log, rows);

    assertThat(rows.rows).hasSize(2);
    assertThat(rows.rows.get(0)[0]).isEqualTo(1);
    assertThat(rows.rows.get(0)[1]).isCloseTo(9996.99650, within(1e-5));
    assertThat(rows.rows.get(0)[2]).isCloseTo(0.03003497, within(1e-8));
    assertThat(rows.rows.get(0)[3]).isEqualTo(1);
    assertThat(rows.rows.get(1)[0]).isEqualTo(4);
    assertThat(rows.rows.get(1)[1]).isCloseTo(10000.986508, within(1e-6));
    assertThat(rows.rows.get(1)[2]).isEqualTo(0);
    assertThat(rows.rows.get(1)[3]).isEqualTo(0);
    assertThat(rows.openedRows).containsExactly(1);
    assertThat(rows.closedRows).containsExactly(4);
  }

  @Test
  void rowsSharingATimestampAreToldApart() {
    // Three rows at one instant: a trade opens on the first, a second on the second (two may be
    // open), both close on the third. Times alone could not place them.
    long t = TestQuotes.T0.getEpochSecond() * 1_000_000L;
    Quotes quotes =
        new Quotes(
            "same-time",
            new long[] {t, t, t},
            new double[] {100.0, 100.0, 100.0},
            new double[] {100.1, 100.1, 100.1},
            new double[] {99.8, 99.8, 100.05},
            new double[] {99.85, 99.85, 100.1});
    BacktestConfig config =
        new BacktestConfig("x.csv", 10, 0, 0, 0, 1000, 2, 10000, null, null, null, null);
    List<Trade> log = new ArrayList<>();
    BacktestMetrics m = Backtest.run(config, quotes, log::add);
    Rows rows = new Rows();

    EquityRecorder.Curve curve = EquityRecorder.replay(config, quotes, log, rows);

    assertThat(rows.openedRows).containsExactly(0, 1);
    assertThat(rows.closedRows).containsExactly(2, 2);
    assertThat(curve.finalEquity()).isEqualTo(m.finalBalanceUsd() + m.unrealizedPnlUsd());
  }

  @Test
  void aTradeLogOfAnotherConfigIsRefused() {
    Quotes quotes = load(TestQuotes.BTC);
    BacktestConfig a =
        new BacktestConfig("x.csv", 0, 0, 0, 0, 1000, 1, 10000, null, null, null, null);
    BacktestConfig b =
        new BacktestConfig("x.csv", 3, 0, 0, 0, 1000, 1, 10000, null, null, null, null);
    List<Trade> log = new ArrayList<>();
    Backtest.run(a, quotes, log::add);
    assertThat(log).isNotEmpty();

    assertThatThrownBy(() -> EquityRecorder.replay(b, quotes, log, (i, e, d, o) -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("trade log does not match");
  }

  private static BacktestConfig randomConfig(Random r, Quotes quotes, boolean btc) {
    // Spreads on the BTC pair reach a few bps, on EUR/USD about one: thresholds around them.
    double scale = btc ? 6 : 1.5;
    Instant start = null;
    Instant end = null;
    if (r.nextInt(4) == 0) {
      int a = r.nextInt(quotes.size());
      int b = a + 1 + r.nextInt(quotes.size() - a);
      start = quotes.instant(a);
      end = b < quotes.size() ? quotes.instant(b) : null;
    }
    return new BacktestConfig(
        "x.csv",
        r.nextInt(4) == 0 ? 0 : r.nextDouble() * scale,
        r.nextInt(3) == 0 ? 0 : r.nextDouble() * scale / 4,
        r.nextInt(3) == 0 ? 0 : r.nextDouble() * scale / 4,
        r.nextInt(3) == 0 ? 0 : r.nextDouble() * scale / 4,
        100 + r.nextDouble() * 50_000,
        1 + r.nextInt(6),
        1000 + r.nextDouble() * 20_000,
        r.nextInt(3) == 0 ? 0.0005 + r.nextDouble() * 0.05 : null,
        null,
        start,
        end);
  }
}
