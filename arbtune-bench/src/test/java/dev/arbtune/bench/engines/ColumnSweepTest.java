package dev.arbtune.bench.engines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.Backtest;
import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.BacktestMetrics;
import dev.arbtune.backtest.ConfigException;
import dev.arbtune.backtest.Engine;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesLoader;
import dev.arbtune.bench.BenchData;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The jobs-as-columns prototype against the reference engine, job by job: the same metrics, every
 * double to the bit, in both visiting orders, on random quote streams (crossed, locked, zero and
 * negative prices, gaps and equal timestamps, persistent-basis stretches, spreads exactly at a
 * threshold) with random configs (windows, drawdown stops, up to 64 open trades), and on the
 * shipped and generated data of {@link EngineBenchmark}.
 */
class ColumnSweepTest {

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void matchesTheReferenceOnRandomStreams(long seed) {
    Random r = new Random(seed * 0x9E3779B97F4A7C15L);
    Quotes quotes = randomStream(r, 1 + r.nextInt(r.nextBoolean() ? 300 : 6000));
    List<BacktestConfig> configs = new ArrayList<>();
    for (int k = 0; k < 12; k++) {
      BacktestConfig c = randomConfig(r, quotes);
      if (windowHoldsQuotes(c, quotes)) {
        configs.add(c);
      }
    }
    assertSameAsReference(configs, quotes);
  }

  @Test
  void matchesTheReferenceOnTheShippedEurUsdMonth() throws IOException {
    Quotes quotes = EngineData.sparse();
    List<BacktestConfig> configs = new ArrayList<>(EngineData.spread(EngineData.sparseGrid(), 50));
    configs.addAll(edgeConfigs(quotes));
    assertSameAsReference(configs, quotes);
  }

  @Test
  void matchesTheReferenceOnTheShippedBtcPerpetualsDay() throws IOException {
    Quotes quotes =
        QuotesLoader.load(BenchData.file("data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv"));
    assertSameAsReference(edgeConfigs(quotes), quotes);
  }

  @Test
  void matchesTheReferenceOnTheGeneratedBasisStream() throws IOException {
    Quotes quotes = EngineData.busy(30_000, 7);
    List<BacktestConfig> configs = new ArrayList<>(EngineData.spread(EngineData.busyGrid(), 40));
    configs.addAll(edgeConfigs(quotes));
    assertSameAsReference(configs, quotes);
  }

  @Test
  void theBenchmarkSweepsTradeOnBothKindsOfData() throws IOException {
    // The busy grid must hold jobs that are in a trade most of the time and jobs that rarely
    // trade; the sparse one, jobs with about one trade: what the benchmark's labels claim.
    Quotes busy = EngineData.busy(30_000, 42);
    List<BacktestMetrics> busyRuns = ColumnSweep.run(EngineData.busyGrid(), busy, true);
    assertThat(busyRuns.stream().mapToInt(BacktestMetrics::totalTrades).max().orElseThrow())
        .isGreaterThan(300);
    assertThat(busyRuns.stream().mapToInt(BacktestMetrics::totalTrades).min().orElseThrow())
        .isLessThan(30);
  }

  private static void assertSameAsReference(List<BacktestConfig> configs, Quotes quotes) {
    List<BacktestMetrics> sorted = ColumnSweep.run(configs, quotes, true);
    List<BacktestMetrics> plain = ColumnSweep.run(configs, quotes, false);
    assertThat(sorted).hasSize(configs.size());
    for (int j = 0; j < configs.size(); j++) {
      BacktestMetrics reference = Backtest.run(configs.get(j), quotes, null, Engine.REFERENCE);
      assertThat(sorted.get(j)).as("columns, %s", configs.get(j)).isEqualTo(reference);
      assertThat(plain.get(j)).as("columns-plain, %s", configs.get(j)).isEqualTo(reference);
    }
  }

  private static boolean windowHoldsQuotes(BacktestConfig c, Quotes quotes) {
    try {
      Backtest.run(c, quotes, null, Engine.REFERENCE);
      return true;
    } catch (ConfigException e) {
      return false;
    }
  }

  /** Stops, windows and 64 open trades over {@code quotes}: the rules the grids do not reach. */
  private static List<BacktestConfig> edgeConfigs(Quotes quotes) {
    Instant mid = quotes.instant(quotes.size() / 2);
    Instant late = quotes.instant(quotes.size() * 3 / 4);
    List<BacktestConfig> list = new ArrayList<>();
    for (double minSpread : new double[] {0, 0.5, 3}) {
      for (int maxOpen : new int[] {1, 64}) {
        for (Double stop : new Double[] {null, 0.002, 0.5}) {
          list.add(config(minSpread, 0.2, 0.1, 0.1, maxOpen, stop, null, null));
        }
        list.add(config(minSpread, 0.2, 0.2, 0, maxOpen, null, mid, null));
        list.add(config(minSpread, 0.2, 0.2, 0, maxOpen, 0.01, null, mid));
        list.add(config(minSpread, 0, 0, 0, maxOpen, null, mid, late));
      }
    }
    return list;
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
    double minSpread =
        switch (r.nextInt(4)) {
          case 0 -> 0;
          case 1 -> atSomeRowsBestSpread(r, quotes, feeA + feeB + slippage);
          default -> r.nextDouble() * 40;
        };
    int maxOpen = r.nextInt(4) == 0 ? 1 + r.nextInt(64) : 1 + r.nextInt(4);
    Double stop =
        switch (r.nextInt(4)) {
          case 0 -> null;
          case 1 -> 0.0001 + r.nextDouble() * 0.01;
          default -> 0.01 + r.nextDouble() * 2;
        };
    int first = r.nextInt(quotes.size());
    Instant start = r.nextInt(3) == 0 ? quotes.instant(first) : null;
    Instant end =
        r.nextInt(3) == 0
            ? quotes.instant(first + r.nextInt(quotes.size() - first)).plusNanos(1000)
            : null;
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

  /** A min spread that puts the opening threshold exactly at some row's best spread (a tie). */
  private static double atSomeRowsBestSpread(Random r, Quotes quotes, double cost) {
    int i = r.nextInt(quotes.size());
    double s =
        Math.max(
            (quotes.bidB(i) - quotes.askA(i)) / quotes.askA(i) * 1e4,
            (quotes.bidA(i) - quotes.askB(i)) / quotes.askB(i) * 1e4);
    return Double.isFinite(s) ? Math.max(0, Math.min(10_000, s - cost)) : 0;
  }

  /**
   * Stretches of random length, each quiet (both venues at one mid), a persistent basis (one venue
   * above the other), or noisy; prices on a tick grid so that spreads repeat exactly and tie, with
   * locked rows, invalid rows (crossed, zero, negative), equal timestamps and gaps.
   */
  private static Quotes randomStream(Random r, int n) {
    long[] ts = new long[n];
    double[] bidA = new double[n];
    double[] askA = new double[n];
    double[] bidB = new double[n];
    double[] askB = new double[n];
    double tick = r.nextBoolean() ? 0.01 : 0.00001;
    double mid = 1000 * tick * (1 + r.nextInt(20));
    double invalidShare = r.nextInt(3) == 0 ? 0 : r.nextDouble() * 0.2;
    long t = 1_700_000_000_000_000L;
    int kind = 0;
    int left = 0;
    double offset = 0;
    for (int i = 0; i < n; i++) {
      if (left-- <= 0) {
        kind = r.nextInt(3);
        left = 1 + r.nextInt(r.nextBoolean() ? 40 : 3000);
        offset = (r.nextBoolean() ? 1 : -1) * r.nextDouble() * 25e-4 * mid;
      }
      mid = Math.max(100 * tick, mid * (1 + r.nextGaussian() * 2e-4));
      double shift = kind == 0 ? 0 : kind == 1 ? offset : r.nextGaussian() * 12e-4 * mid;
      double a = Math.rint(mid / tick) * tick;
      double b = Math.rint((mid + shift) / tick) * tick;
      bidA[i] = a - tick * r.nextInt(3);
      askA[i] = a + tick * r.nextInt(3);
      bidB[i] = b - tick * (1 + r.nextInt(2));
      askB[i] = b + tick * r.nextInt(2);
      if (r.nextDouble() < invalidShare) {
        switch (r.nextInt(4)) {
          case 0 -> bidA[i] = askA[i] + tick;
          case 1 -> askB[i] = bidB[i] - tick;
          case 2 -> bidB[i] = 0;
          default -> askA[i] = -askA[i];
        }
      }
      ts[i] = t;
      int gap = r.nextInt(25);
      t += gap == 0 ? 0 : gap == 1 ? 7_200_000_000L : 1_000_000L;
    }
    return new Quotes("random", ts, bidA, askA, bidB, askB);
  }
}
