package dev.arbtune.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast engine against the reference engine: the same metrics (every double to the bit) and the
 * same trade log (every trade, in the same order), on random quote streams built to stress the
 * flat-period and holding-period skips (crossed, locked, zero and negative prices, gaps and equal
 * timestamps, long persistent-basis stretches, spreads exactly at the threshold, windows, drawdown
 * stops, up to 64 open trades) and on the shipped real data.
 */
class EngineDifferentialTest {

  static Stream<Arguments> enginesAgreeOnRandomStreams() {
    return Tries.of(600, Gen.longs(), Gen.ints(1, 20_000));
  }

  @PropertyTest
  @MethodSource
  void enginesAgreeOnRandomStreams(long seed, int rows) {
    Random r = new Random(seed);
    Quotes quotes = randomStream(r, rows);
    for (int k = 0; k < 4; k++) {
      assertSameRun(randomConfig(r, quotes), quotes);
    }
  }

  static Stream<Arguments> enginesAgreeOnHoldingStreams() {
    return Tries.of(400, Gen.longs(), Gen.ints(1, 30_000));
  }

  /**
   * Streams where trades stay open for long stretches (the holding-period skip): a persistent basis
   * with slow drifts (new peaks and slowly deepening drawdowns inside holding stretches), flat or
   * barely moving mids (so that whole blocks are passed over), locked equal prices (both directions
   * open at once, on consecutive rows), invalid rows, and prices from 1e-300 to 1e300 (where the
   * numbers may overflow: then both engines fail alike).
   */
  @PropertyTest
  @MethodSource
  void enginesAgreeOnHoldingStreams(long seed, int rows) {
    Random r = new Random(seed);
    Quotes quotes = holdingStream(r, rows);
    for (int k = 0; k < 4; k++) {
      assertSameRun(holdingConfig(r, quotes), quotes);
    }
  }

  /**
   * One trade held over three super-blocks of flat mids but one row that sets a new peak, one that
   * deepens the drawdown and one that would stop the run: the fast engine must step into exactly
   * the blocks holding them. A pass-over test that skipped a block whose upper bound exceeds the
   * peak, or whose lower bound deepens the drawdown or reaches the stop, fails here.
   */
  @Test
  void aLonePeakDipOrStopInsideAHoldingStretchIsFoundAtEveryBlockBoundary() {
    int n = 3 * 4096 + 100;
    int[] at = {2, 63, 64, 65, 127, 128, 4095, 4096, 4097, 8191, 8192, n - 1};
    for (int p : at) {
      // Bought A at 100, sold B at 100.5 (10 units each): equity 10,000 at mids (100, 100.5).
      double[][] peakRows = holdingRows(n, p, 100.4); // + 1 USD on row p
      double[][] dipRows = holdingRows(n, p, 100.6); // - 1 USD on row p
      BacktestConfig noStop = config(0, 0, 0, 0, 1, null, null, null);
      BacktestMetrics peak = Backtest.run(noStop, TestQuotes.of(peakRows), null, Engine.FAST);
      double top = 10_000.0 + 0 + (10 * (100.0 - 100) + 10 * (100.5 - 100.4) - 0.0);
      assertThat(peak.maxDrawdownPct())
          .as("peak at %d", p)
          .isEqualTo(p == n - 1 ? 0 : (top - 10_000.0) / top * 100);
      assertSameRun(noStop, TestQuotes.of(peakRows));
      BacktestMetrics dip = Backtest.run(noStop, TestQuotes.of(dipRows), null, Engine.FAST);
      double low = 10_000.0 + 0 + (10 * (100.0 - 100) + 10 * (100.5 - 100.6) - 0.0);
      assertThat(dip.maxDrawdownPct())
          .as("dip at %d", p)
          .isEqualTo((10_000.0 - low) / 10_000.0 * 100);
      assertSameRun(noStop, TestQuotes.of(dipRows));
      BacktestConfig stop = config(0, 0, 0, 0, 1, 0.005, null, null);
      BacktestMetrics stopped = Backtest.run(stop, TestQuotes.of(dipRows), null, Engine.FAST);
      assertThat(stopped.stoppedOnDrawdown()).as("stop at %d", p).isTrue();
      assertThat(stopped.quotesProcessed()).as("stop at %d", p).isEqualTo(p + 1);
      assertSameRun(stop, TestQuotes.of(dipRows));
    }
  }

  /**
   * A row whose equity exceeds the peak by rounding alone: its mids are elsewhere than the peak
   * row's, but their difference (all that the tighter pass-over test looks at) is the same to
   * within rounding, and the equity formula rounds up there. The fast engine must step into its
   * block (the pass-over test's margin covers rounding), or the peak, and the drawdown measured
   * from it, differ in the last bits. The prices were found by a search.
   */
  @Test
  void aNewPeakByRoundingAloneIsNotPassedOver() {
    int n = 3 * 4096;
    double[][] rows = new double[n][];
    rows[0] = TestQuotes.row(60.33, 60.33, 60.65, 60.65); // opens: buy A at 60.33, sell B at 60.65
    for (int i = 1; i < n; i++) {
      rows[i] = TestQuotes.row(122.35, 122.35, 122.55, 122.55);
    }
    int spike = 4096 + 200;
    rows[spike] = TestQuotes.row(133.44, 133.44, 133.64, 133.64);
    rows[n - 100] = TestQuotes.row(122.35, 122.35, 122.75, 122.75); // the dip
    double q = 1000 / 60.33;
    double atPeak = 10_000.0 + 0 + (0.0 + (q * (122.35 - 60.33) + q * (60.65 - 122.55) - 0.0));
    double atSpike = 10_000.0 + 0 + (0.0 + (q * (133.44 - 60.33) + q * (60.65 - 133.64) - 0.0));
    double atDip = 10_000.0 + 0 + (0.0 + (q * (122.35 - 60.33) + q * (60.65 - 122.75) - 0.0));
    assertThat(atSpike).as("a new peak by rounding").isGreaterThan(atPeak);
    assertThat((atSpike - atDip) / atSpike * 100).isNotEqualTo((atPeak - atDip) / atPeak * 100);
    Quotes quotes = TestQuotes.of(rows);
    BacktestConfig config = config(0, 0, 0, 0, 1, null, null, null);
    assertThat(Backtest.run(config, quotes, null, Engine.FAST).maxDrawdownPct())
        .isEqualTo((atSpike - atDip) / atSpike * 100);
    assertSameRun(config, quotes);
    // Rows 1 to 63 (before the first aligned block), the spike's block and the dip's block are
    // marked one by one; every other block is passed over.
    assertThat(Backtest.holdingSteps(config, quotes))
        .isEqualTo(new Backtest.HoldingSteps(63 + 64 + 64, n - 1 - (63 + 64 + 64)));
  }

  /**
   * One trade held over a long stretch of unchanging mids: after the first marks, no row sets a
   * peak or deepens the drawdown, so all but the rows before the first aligned block are passed
   * over in blocks (a pass-over test that never passes over fails here).
   */
  @Test
  void aLongFlatHoldingStretchIsPassedOver() {
    int n = 10 * 4096 + 30;
    Quotes quotes = TestQuotes.of(holdingRows(n, 1, 100.5));
    BacktestConfig config = config(0, 0, 0, 0, 1, 0.5, null, null);
    assertSameRun(config, quotes);
    Backtest.HoldingSteps steps = Backtest.holdingSteps(config, quotes);
    assertThat(steps.markedOneByOne() + steps.passedOver()).isEqualTo(n - 1);
    assertThat(steps.markedOneByOne()).isLessThan(64 + 64);
    assertThat(steps.passedOver()).isGreaterThan(n - 200L);
  }

  /**
   * The holding-period index is obtained by the first fast run that holds a trade: a fast run that
   * opens none builds the flat-period index alone.
   */
  @Test
  void theHoldingIndexIsBuiltByTheFirstRunThatHoldsATrade() {
    Quotes quotes = TestQuotes.of(holdingRows(300, 1, 100.5));
    Backtest.run(config(1_000, 0, 0, 0, 1, null, null, null), quotes, null, Engine.REFERENCE);
    assertThat(quotes.hasEngineIndex()).isFalse();
    BacktestMetrics none =
        Backtest.run(config(1_000, 0, 0, 0, 1, null, null, null), quotes, null, Engine.FAST);
    assertThat(none.totalTrades()).isZero();
    assertThat(quotes.hasEngineIndex()).isTrue();
    assertThat(quotes.hasHoldIndex()).isFalse();
    BacktestMetrics one =
        Backtest.run(config(0, 0, 0, 0, 1, null, null, null), quotes, null, Engine.FAST);
    assertThat(one.totalTrades()).isEqualTo(1);
    assertThat(quotes.hasHoldIndex()).isTrue();
  }

  /**
   * A trade held to the window's end over rows whose mids differ from row to row but never set a
   * peak or deepen the drawdown (so the fast engine passes over their blocks): the unrealized PnL
   * and the open trade's marked PnL are those of the last valid row before the end, also when the
   * rows just before the end are invalid.
   */
  @Test
  void aWindowEndingInsideAPassedOverBlockMarksItsLastValidRow() {
    int n = 2 * 4096 + 200;
    double[][] rows = new double[n][];
    rows[0] = TestQuotes.row(100, 100, 100.5, 100.5); // opens: buy A at 100, sell B at 100.5
    rows[1] = TestQuotes.row(100, 100, 100, 100); // + 5 USD: the peak
    rows[2] = TestQuotes.row(100, 100, 100.6, 100.6); // - 1 USD: the deepest drawdown
    for (int i = 3; i < n; i++) {
      double b = 100.4 + 0.01 * (i % 7);
      rows[i] = i % 97 == 5 ? TestQuotes.row(0, 100, b, b) : TestQuotes.row(100, 100, b, b);
    }
    Quotes quotes = TestQuotes.of(rows);
    for (int last : new int[] {70, 127, 128, 129, 4095, 4096, 4100, 6000, n - 1}) {
      for (int invalidTail = 0; invalidTail < 3; invalidTail++) {
        double[][] copy = rows.clone();
        for (int j = 0; j < invalidTail; j++) {
          copy[last - j] = TestQuotes.row(101, 100, 100, 100); // crossed
        }
        Quotes q = TestQuotes.of(copy);
        int lastValid = last - invalidTail;
        while (copy[lastValid][0] <= 0) {
          lastValid--;
        }
        BacktestConfig config = config(0, 0, 0, 0, 1, null, null, q.instant(last).plusSeconds(1));
        List<Trade> trades = new ArrayList<>();
        BacktestMetrics fast = Backtest.run(config, q, trades::add, Engine.FAST);
        double expected = 10 * (100.0 - 100) + 10 * (100.5 - copy[lastValid][2]) - 0.0;
        assertThat(fast.unrealizedPnlUsd()).as("end after %d", last).isEqualTo(expected);
        assertThat(trades).singleElement().extracting(Trade::pnlUsd).isEqualTo(expected);
        assertSameRun(config, q);
      }
    }
    assertThat(quotes.size()).isEqualTo(n);
  }

  /**
   * Up to 64 trades opened on consecutive rows at locked equal prices (both spreads 0, thresholds
   * 0), in both directions at once, then held over many blocks; windows ending while they are open.
   * From row 4,096 on, venue B drifts a few ticks above venue A, block by block: that closes the
   * buy-B trade, and the buy-A trades held lose and gain with the drift (drawdowns, stops).
   */
  @Test
  void manyTradesOfBothDirectionsHeldTogether() {
    int n = 4096 + 3000;
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      double a = 100 + 0.01 * ((i / 64) % 5);
      if (i >= 4096 && i % 50 != 49) {
        double b = a + 0.01 * ((i / 64) % 3 + (i / 640) % 2);
        rows[i] = TestQuotes.row(a, a, b, b);
      } else if (i < 40 && i % 3 == 0) {
        // s_ba > 0, s_ab < 0: closes the buy-A trades, opens a buy-B one.
        rows[i] = TestQuotes.row(a + 0.02, a + 0.02, a, a);
      } else if (i % 50 == 49) {
        rows[i] = TestQuotes.row(0, a, a, a); // invalid
      } else {
        // Locked equal prices: both spreads 0, nothing closes, a buy-A trade opens if there is
        // room.
        rows[i] = TestQuotes.row(a, a, a, a);
      }
    }
    Quotes quotes = TestQuotes.of(rows);
    int stops = 0;
    for (int maxOpen : new int[] {1, 2, 63, 64}) {
      for (Double stop : new Double[] {null, 1e-4, 0.0025, 0.01, 0.1}) {
        for (Instant end : new Instant[] {null, quotes.instant(4096), quotes.instant(5000)}) {
          BacktestConfig config = config(0, 0, 0, 0, maxOpen, stop, null, end);
          assertSameRun(config, quotes);
          BacktestMetrics metrics = Backtest.run(config, quotes);
          stops += metrics.stoppedOnDrawdown() && metrics.quotesProcessed() > 4096 ? 1 : 0;
        }
      }
    }
    assertThat(stops).as("runs stopped on drawdown while B drifts").isPositive();
    BacktestMetrics both =
        Backtest.run(config(0, 0, 0, 0, 64, null, null, quotes.instant(4096)), quotes);
    assertThat(both.openTrades()).isEqualTo(64);
    BacktestMetrics all = Backtest.run(config(0, 0, 0, 0, 64, null, null, null), quotes);
    assertThat(all.openTrades()).isEqualTo(64);
  }

  @Test
  void enginesAgreeOnTheShippedEurUsdMonth() throws IOException {
    assertSameOnGrid(QuotesLoader.load(TestQuotes.EURUSD_MONTH_GZ));
  }

  @Test
  void enginesAgreeOnTheShippedBtcPerpetualsDay() throws IOException {
    assertSameOnGrid(QuotesLoader.load(TestQuotes.BTC));
  }

  @Test
  void enginesAgreeOnTheShippedEurUsdSample() throws IOException {
    assertSameOnGrid(QuotesLoader.load(TestQuotes.EURUSD_SAMPLE));
  }

  @Test
  void aLoneOpeningRowIsFoundAtEveryBlockBoundary() {
    int n = 3 * 4096 + 130;
    int[] at = {0, 1, 62, 63, 64, 65, 127, 128, 4095, 4096, 4097, 8191, 8192, 8193, n - 2, n - 1};
    int[] starts = {0, 1, 63, 64, 4095, 4096, 4097};
    for (int p : at) {
      double[][] rows = new double[n][];
      for (int i = 0; i < n; i++) {
        rows[i] =
            i == p ? TestQuotes.row(100, 100, 101, 101) : TestQuotes.row(100, 100.1, 100, 100.1);
      }
      Quotes quotes = TestQuotes.of(rows);
      for (int from : starts) {
        BacktestConfig config =
            config(10, 0, 0, 0, 1, null, quotes.instant(Math.min(from, n - 1)), null);
        assertSameRun(config, quotes);
        assertThat(Backtest.run(config, quotes, null, Engine.FAST).totalTrades())
            .as("row %d from %d", p, from)
            .isEqualTo(p >= from ? 1 : 0);
      }
    }
  }

  @Test
  void theIndexIsBuiltOncePerQuotes() {
    Quotes quotes = randomStream(new Random(7), 1000);
    assertThat(quotes.flatIndex()).isSameAs(quotes.flatIndex());
    assertThat(quotes.holdIndex()).isSameAs(quotes.holdIndex());
  }

  /**
   * Row {@code p} of an otherwise unchanging holding stretch has venue B's price at {@code bAtP};
   * row 0 opens one trade (buy A at 100, sell B at 100.5, 10 units), which no row closes.
   */
  private static double[][] holdingRows(int n, int p, double bAtP) {
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      double b = i == p ? bAtP : 100.5;
      rows[i] = TestQuotes.row(100, 100, b, b);
    }
    return rows;
  }

  private static void assertSameOnGrid(Quotes quotes) {
    Instant mid = quotes.instant(quotes.size() / 2);
    for (double minSpread : new double[] {0, 0.3, 1, 3, 10}) {
      for (double fee : new double[] {0, 0.5, 2}) {
        for (int maxOpen : new int[] {1, 5, 64}) {
          for (Double stop : new Double[] {null, 0.002, 0.5}) {
            assertSameRun(config(minSpread, fee, fee / 2, 0.1, maxOpen, stop, null, null), quotes);
          }
        }
        assertSameRun(config(minSpread, fee, fee, 0, 3, null, mid, null), quotes);
        assertSameRun(config(minSpread, fee, fee, 0, 3, null, null, mid), quotes);
      }
    }
  }

  private static void assertSameRun(BacktestConfig config, Quotes quotes) {
    List<Trade> fastTrades = new ArrayList<>();
    List<Trade> referenceTrades = new ArrayList<>();
    BacktestMetrics reference;
    try {
      reference = Backtest.run(config, quotes, referenceTrades::add, Engine.REFERENCE);
    } catch (ConfigException | BacktestOverflowException e) {
      assertThatThrownBy(() -> Backtest.run(config, quotes, fastTrades::add, Engine.FAST))
          .as("failure of %s", config)
          .isInstanceOf(e.getClass())
          .hasMessage(e.getMessage());
      assertThat(fastTrades).as("trades of %s", config).isEqualTo(referenceTrades);
      return;
    }
    BacktestMetrics fast = Backtest.run(config, quotes, fastTrades::add, Engine.FAST);
    assertThat(fast).as("metrics of %s", config).isEqualTo(reference);
    assertThat(fastTrades).as("trades of %s", config).isEqualTo(referenceTrades);
  }

  private static BacktestConfig config(
      double minSpread,
      double feeA,
      double feeB,
      double slippage,
      int maxOpen,
      Double stop,
      Instant start,
      Instant end) {
    return new BacktestConfig(
        "x.csv", minSpread, feeA, feeB, slippage, 1000, maxOpen, 10_000, stop, null, start, end);
  }

  private static BacktestConfig randomConfig(Random r, Quotes quotes) {
    double feeA = r.nextInt(3) == 0 ? 0 : r.nextDouble() * 3;
    double feeB = r.nextInt(3) == 0 ? 0 : r.nextDouble() * 3;
    double slippage = r.nextInt(3) == 0 ? 0 : r.nextDouble() * 3;
    double cost = feeA + feeB + slippage;
    double minSpread;
    switch (r.nextInt(4)) {
      case 0 -> minSpread = 0;
      case 1 -> {
        // Exactly at some row's best spread (ties with the threshold).
        int i = r.nextInt(quotes.size());
        double s =
            Math.max(
                (quotes.bidB(i) - quotes.askA(i)) / quotes.askA(i) * 1e4,
                (quotes.bidA(i) - quotes.askB(i)) / quotes.askB(i) * 1e4);
        minSpread = Double.isFinite(s) ? Math.max(0, Math.min(10_000, s - cost)) : 0;
      }
      default -> minSpread = r.nextDouble() * 40;
    }
    int maxOpen = r.nextInt(4) == 0 ? 1 + r.nextInt(64) : 1 + r.nextInt(4);
    Double stop =
        switch (r.nextInt(4)) {
          case 0 -> null;
          case 1 -> 0.0001 + r.nextDouble() * 0.01;
          default -> 0.01 + r.nextDouble() * 2;
        };
    Instant[] window = randomWindow(r, quotes);
    return new BacktestConfig(
        "x.csv",
        minSpread,
        feeA,
        feeB,
        slippage,
        100 + r.nextDouble() * 5000,
        maxOpen,
        1000 + r.nextDouble() * 20_000,
        stop,
        null,
        window[0],
        window[1]);
  }

  /** A random {start_time, end_time}, either or both possibly null. */
  private static Instant[] randomWindow(Random r, Quotes quotes) {
    Instant start = null;
    Instant end = null;
    int first = r.nextInt(quotes.size());
    long startNanos = r.nextInt(2) * 1000L;
    if (r.nextInt(3) == 0) {
      start = quotes.instant(first).plusNanos(startNanos);
    }
    if (r.nextInt(3) == 0) {
      // After start_time (the config refuses anything else), possibly with no quote in between.
      int last = first + r.nextInt(quotes.size() - first);
      end = quotes.instant(last).plusNanos(startNanos + 1000L + r.nextInt(2) * 1000L);
    }
    return new Instant[] {start, end};
  }

  /** A config for {@link #holdingStream}: thresholds near its spreads, small drawdown stops. */
  private static BacktestConfig holdingConfig(Random r, Quotes quotes) {
    boolean free = r.nextInt(3) == 0;
    double feeA = free ? 0 : r.nextDouble() * 0.5;
    double feeB = free ? 0 : r.nextDouble() * 0.5;
    double slippage = free || r.nextBoolean() ? 0 : r.nextDouble() * 0.5;
    double minSpread = r.nextInt(3) == 0 ? 0 : r.nextDouble() * 8;
    int maxOpen = r.nextInt(3) == 0 ? 1 + r.nextInt(64) : 1 + r.nextInt(5);
    Double stop =
        switch (r.nextInt(4)) {
          case 0 -> null;
          case 1 -> 1e-5 + r.nextDouble() * 1e-3;
          case 2 -> 1e-3 + r.nextDouble() * 0.05;
          default -> 0.05 + r.nextDouble();
        };
    Instant[] window = randomWindow(r, quotes);
    return new BacktestConfig(
        "x.csv",
        minSpread,
        feeA,
        feeB,
        slippage,
        100 + r.nextDouble() * 5000,
        maxOpen,
        1000 + r.nextDouble() * 20_000,
        stop,
        null,
        window[0],
        window[1]);
  }

  /**
   * A persistent basis: venue A above venue B by a number of ticks that drifts slowly (so {@code
   * s_ba >= 0} on most rows and trades stay open for long stretches, with new peaks and slowly
   * deepening drawdowns), short dips below zero (closes), stretches of locked equal prices, a mid
   * that is flat or moves a little, invalid rows and equal timestamps; the price level is one of
   * 1e-300, 1, 100, 1e300.
   */
  static Quotes holdingStream(Random r, int n) {
    long[] ts = new long[n];
    double[] bidA = new double[n];
    double[] askA = new double[n];
    double[] bidB = new double[n];
    double[] askB = new double[n];
    double scale = new double[] {1e-300, 1, 1, 1e300}[r.nextInt(4)];
    double tick = 0.01;
    double mid = 100;
    double walk = new double[] {0, 0, 1e-6, 1e-5, 1e-4}[r.nextInt(5)];
    double moveRate = new double[] {0.001, 0.01, 0.1}[r.nextInt(3)];
    double invalidRate = r.nextInt(3) == 0 ? 0 : r.nextDouble() * 0.05;
    long t = 1_700_000_000_000_000L;
    int basis = 5;
    int drift = 1;
    int regime = 0;
    int left = 0;
    for (int i = 0; i < n; i++) {
      if (left-- <= 0) {
        int pick = r.nextInt(10);
        regime = pick < 7 ? 0 : pick < 9 ? 1 : 2; // hold, dip, locked
        left = regime == 0 ? 1 + r.nextInt(r.nextBoolean() ? 500 : 8000) : 1 + r.nextInt(20);
        drift = r.nextBoolean() ? 1 : -1;
      }
      if (r.nextDouble() < moveRate) {
        basis = Math.max(0, Math.min(20, basis + (r.nextInt(4) == 0 ? -drift : drift)));
      }
      if (walk > 0) {
        mid = Math.max(50, mid * (1 + r.nextGaussian() * walk));
      }
      double a = Math.rint(mid / tick) * tick;
      int halfA = r.nextInt(4) == 0 ? 1 : 0;
      int halfB = r.nextInt(4) == 0 ? 1 : 0;
      int ticks =
          switch (regime) {
            case 0 -> basis;
            case 1 -> -1 - r.nextInt(3);
            default -> 0;
          };
      if (regime == 2) {
        halfA = 0;
        halfB = 0;
      }
      double b = a - ticks * tick;
      bidA[i] = (a - halfA * tick) * scale;
      askA[i] = (a + halfA * tick) * scale;
      bidB[i] = (b - halfB * tick) * scale;
      askB[i] = (b + halfB * tick) * scale;
      if (r.nextDouble() < invalidRate) {
        switch (r.nextInt(3)) {
          case 0 -> bidA[i] = askA[i] * 1.5; // crossed
          case 1 -> askB[i] = 0;
          default -> bidB[i] = -1;
        }
      }
      ts[i] = t;
      t += r.nextInt(10) == 0 ? 0 : 1_000_000L;
    }
    return new Quotes("holding", ts, bidA, askA, bidB, askB);
  }

  /**
   * Regimes of random length: quiet (spreads far below any threshold), a persistent basis (one
   * direction's spread positive for a long stretch), noisy; on a tick grid so that spreads repeat
   * exactly, with invalid rows, gaps and equal timestamps sprinkled in.
   */
  static Quotes randomStream(Random r, int n) {
    long[] ts = new long[n];
    double[] bidA = new double[n];
    double[] askA = new double[n];
    double[] bidB = new double[n];
    double[] askB = new double[n];
    double tick = r.nextBoolean() ? 0.01 : 0.00001;
    double mid = r.nextBoolean() ? 100 : 1.1;
    long t = 1_700_000_000_000_000L;
    int regime = 0;
    int left = 0;
    double basis = 0;
    double invalidRate = r.nextInt(3) == 0 ? 0 : r.nextDouble() * 0.2;
    for (int i = 0; i < n; i++) {
      if (left-- <= 0) {
        regime = r.nextInt(3);
        left = 1 + r.nextInt(r.nextBoolean() ? 50 : 5000);
        basis = (r.nextBoolean() ? 1 : -1) * (r.nextDouble() * 30e-4) * mid;
      }
      mid = Math.max(100 * tick, mid * (1 + r.nextGaussian() * 2e-4));
      double half = tick * (1 + r.nextInt(3));
      double offset =
          switch (regime) {
            case 0 -> 0;
            case 1 -> basis;
            default -> r.nextGaussian() * 15e-4 * mid;
          };
      double a = Math.rint(mid / tick) * tick;
      double b = Math.rint((mid + offset) / tick) * tick;
      bidA[i] = a - half;
      askA[i] = a + half;
      bidB[i] = b - tick * (1 + r.nextInt(3));
      askB[i] = b + tick * (1 + r.nextInt(3));
      if (r.nextInt(10) == 0) {
        askA[i] = bidA[i]; // locked
      }
      if (r.nextDouble() < invalidRate) {
        switch (r.nextInt(4)) {
          case 0 -> bidA[i] = askA[i] + tick; // crossed
          case 1 -> askB[i] = bidB[i] - tick; // crossed
          case 2 -> bidB[i] = 0;
          default -> bidA[i] = -1;
        }
      }
      ts[i] = t;
      int gap = r.nextInt(20);
      t += gap == 0 ? 0 : gap == 1 ? 3_600_000_000L : 1_000_000L;
    }
    return new Quotes("random", ts, bidA, askA, bidB, askB);
  }
}
