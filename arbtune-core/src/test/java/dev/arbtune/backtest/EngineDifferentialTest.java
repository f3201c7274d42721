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
 * flat-period skip (crossed, locked, zero and negative prices, gaps and equal timestamps, long
 * persistent-basis stretches, spreads exactly at the threshold, windows, drawdown stops, up to 64
 * open trades) and on the shipped real data.
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
    } catch (ConfigException e) {
      assertThatThrownBy(() -> Backtest.run(config, quotes, fastTrades::add, Engine.FAST))
          .isInstanceOf(ConfigException.class)
          .hasMessage(e.getMessage());
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
        start,
        end);
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
