package dev.arbtune.bench.engines;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesLoader;
import dev.arbtune.bench.BacktestSweepBenchmark;
import dev.arbtune.bench.BenchData;
import dev.arbtune.bench.ToolRunner;
import dev.arbtune.bench.gen.QuotesFileGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The inputs of {@link EngineBenchmark}: the sparse and busy quotes and their config grids. */
public final class EngineData {

  private EngineData() {}

  /** The shipped EUR/USD month: about one trade per job of {@link #sparseGrid()}. */
  public static Quotes sparse() throws IOException {
    return QuotesLoader.load(BenchData.file(BenchData.EURUSD_MONTH));
  }

  /**
   * {@code rows} rows of {@code QuotesFileGenerator --mode basis} with its default basis (3 bps
   * mean, 2 bps deviation, half-life 600 rows) and {@code seed}, written to a temporary file
   * (deleted again) and loaded as {@code arbtune} loads quotes.
   */
  public static Quotes busy(int rows, long seed) throws IOException {
    Path file = Files.createTempFile("arbtune-basis-", ".csv");
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          ToolRunner.run(
              new QuotesFileGenerator(),
              new PrintWriter(out),
              new PrintWriter(err),
              "--mode",
              "basis",
              "--rows",
              Integer.toString(rows),
              "--seed",
              Long.toString(seed),
              "--out",
              file.toString());
      if (code != 0) {
        throw new IllegalStateException("the basis generator failed: " + err);
      }
      return QuotesLoader.load(file);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * 1,000 configs for the EUR/USD month: min spread × fees × slippage × open trades, 10 × 5 × 5 ×
   * 4, low costs so that trades open (the grid of {@code BacktestSweepBenchmark}).
   */
  public static List<BacktestConfig> sparseGrid() {
    return BacktestSweepBenchmark.grid();
  }

  /**
   * 1,000 configs for the persistent-basis stream, whose best spread is about 3 ± 2 bps: opening
   * thresholds ({@code cost + min_spread}) from 0 bps, reached on about 93% of the rows, to 7.5
   * bps, reached on a few percent.
   */
  public static List<BacktestConfig> busyGrid() {
    return BacktestSweepBenchmark.grid(
        "bench.csv",
        new double[] {0, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 6},
        new double[] {0, 0.1, 0.2, 0.3, 0.5},
        new double[] {0, 0.1, 0.2, 0.3, 0.5});
  }

  /**
   * Every {@code step}-th config of {@code grid}, {@code jobs} of them: a smaller sweep that still
   * spans the grid's thresholds.
   */
  public static List<BacktestConfig> spread(List<BacktestConfig> grid, int jobs) {
    if (jobs < 1 || jobs > grid.size() || grid.size() % jobs != 0) {
      throw new IllegalArgumentException(
          "jobs must divide the grid's " + grid.size() + " configs, got " + jobs);
    }
    int step = grid.size() / jobs;
    List<BacktestConfig> out = new ArrayList<>(jobs);
    for (int k = 0; k < jobs; k++) {
      out.add(grid.get(k * step + (k % step)));
    }
    return out;
  }
}
