package dev.arbtune.bench;

import dev.arbtune.backtest.Backtest;
import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.BacktestMetrics;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesLoader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many quote-steps per second a sweep of 1,000 configurations over the 325,660-row EUR/USD
 * month achieves, on one thread and on a pool of {@code threads}. One operation is one quote-step
 * (one configuration stepping over one row), so the score is quote-steps per second.
 *
 * <p>{@code scanBaseline} is the floor to compare with: the same pool reading the same four price
 * columns 1,000 times and summing the mid prices, with no strategy at all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class BacktestSweepBenchmark {

  /** Configurations in the sweep. */
  public static final int CONFIGS = 1000;

  private static final long STEPS = (long) CONFIGS * BenchData.EURUSD_ROWS;

  @Param({"2"})
  public int threads;

  private Quotes quotes;
  private List<BacktestConfig> configs;
  private ExecutorService pool;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    quotes = QuotesLoader.load(BenchData.file(BenchData.EURUSD_MONTH));
    if (quotes.size() != BenchData.EURUSD_ROWS) {
      throw new IllegalStateException("expected " + BenchData.EURUSD_ROWS + " rows");
    }
    configs = grid();
    pool = Executors.newFixedThreadPool(threads);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
  }

  /**
   * The sweep's grid: min spread × fees × slippage × open trades, 10 × 5 × 5 × 4 = 1,000 configs;
   * low costs, so that trades open on the real data (the engine's slower path is exercised).
   */
  public static List<BacktestConfig> grid() {
    return grid(
        BenchData.EURUSD_MONTH,
        new double[] {0, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2, 3, 5},
        new double[] {0, 0.1, 0.2, 0.5, 1},
        new double[] {0, 0.1, 0.2, 0.5, 1});
  }

  /**
   * Every config of min spread × fee (the same on both venues) × slippage × open trades 1, 2, 3 and
   * 5, in that order; a position of 1,000 USD, a balance of 10,000, tag {@code bench}.
   *
   * @param dataFile the data_file the configs name (the benchmarks hand the engine its quotes)
   */
  public static List<BacktestConfig> grid(
      String dataFile, double[] spreads, double[] fees, double[] slippages) {
    int[] openTrades = {1, 2, 3, 5};
    List<BacktestConfig> list = new ArrayList<>();
    for (double s : spreads) {
      for (double f : fees) {
        for (double slip : slippages) {
          for (int open : openTrades) {
            list.add(
                new BacktestConfig(
                    dataFile, s, f, f, slip, 1000, open, 10000, null, "bench", null, null));
          }
        }
      }
    }
    return list;
  }

  @Benchmark
  @OperationsPerInvocation((int) STEPS)
  public double sweepOneThread() {
    double sum = 0;
    for (BacktestConfig c : configs) {
      sum += Backtest.run(c, quotes).realizedPnlUsd();
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation((int) STEPS)
  public double sweepPool() throws InterruptedException, ExecutionException {
    AtomicInteger next = new AtomicInteger();
    List<Future<Double>> parts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      parts.add(
          pool.submit(
              () -> {
                double sum = 0;
                for (int i = next.getAndIncrement();
                    i < configs.size();
                    i = next.getAndIncrement()) {
                  BacktestMetrics m = Backtest.run(configs.get(i), quotes);
                  sum += m.realizedPnlUsd();
                }
                return sum;
              }));
    }
    double sum = 0;
    for (Future<Double> f : parts) {
      sum += f.get();
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation((int) STEPS)
  public double scanBaseline() throws InterruptedException, ExecutionException {
    AtomicInteger next = new AtomicInteger();
    List<Future<Double>> parts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      parts.add(
          pool.submit(
              () -> {
                double sum = 0;
                int n = quotes.size();
                for (int i = next.getAndIncrement(); i < CONFIGS; i = next.getAndIncrement()) {
                  for (int k = 0; k < n; k++) {
                    sum += (quotes.bidA(k) + quotes.askA(k)) - (quotes.bidB(k) + quotes.askB(k));
                  }
                }
                return sum;
              }));
    }
    double sum = 0;
    for (Future<Double> f : parts) {
      sum += f.get();
    }
    return sum;
  }
}
