package dev.arbtune.bench.engines;

import dev.arbtune.backtest.Backtest;
import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.BacktestMetrics;
import dev.arbtune.backtest.Engine;
import dev.arbtune.backtest.Quotes;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The backtest engines side by side on one thread (issue 17): a sweep of {@code jobs} configs over
 * one quotes file, by
 *
 * <ul>
 *   <li>{@code reference}: {@code Backtest.run} with {@link Engine#REFERENCE}, job after job;
 *   <li>{@code fast}: the same with {@link Engine#FAST};
 *   <li>{@code columns}: {@link ColumnSweep}, all jobs in one pass over the rows, flat jobs visited
 *       by opening threshold;
 *   <li>{@code columns-plain}: the same, testing every flat job on every valid row.
 * </ul>
 *
 * <p>Data: {@code sparse} is the shipped EUR/USD month (325,660 rows, about one trade per job);
 * {@code busy} is {@code busyRows} rows of the generated persistent-basis stream (seed 42), with
 * thresholds from "opens on most rows" to "on a few". The primary score is sweeps per second; the
 * secondary {@code quoteSteps} is rows × jobs per second, the unit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class EngineBenchmark {

  @Param({"reference", "fast", "columns", "columns-plain"})
  public String engine;

  @Param({"sparse", "busy"})
  public String data;

  @Param({"100", "1000"})
  public int jobs;

  /** Rows of the generated stream of {@code busy}. */
  @Param({"200000"})
  public int busyRows;

  private Quotes quotes;
  private List<BacktestConfig> configs;
  private long stepsPerSweep;

  /** Rows × jobs per second, the quote-steps. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Steps {
    /** Quote-steps done in this iteration. */
    public long quoteSteps;

    /** Starts each iteration's count at zero. */
    @Setup(Level.Iteration)
    public void reset() {
      quoteSteps = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    switch (data) {
      case "sparse" -> {
        quotes = EngineData.sparse();
        configs = EngineData.spread(EngineData.sparseGrid(), jobs);
      }
      case "busy" -> {
        quotes = EngineData.busy(busyRows, 42);
        configs = EngineData.spread(EngineData.busyGrid(), jobs);
      }
      default -> throw new IllegalArgumentException("data must be sparse or busy, got " + data);
    }
    if (!List.of("reference", "fast", "columns", "columns-plain").contains(engine)) {
      throw new IllegalArgumentException("unknown engine " + engine);
    }
    stepsPerSweep = (long) quotes.size() * configs.size();
  }

  /** One sweep of every config; returns a sum of the results so that nothing is optimised away. */
  @Benchmark
  public double sweep(Steps steps) {
    double sum = 0;
    switch (engine) {
      case "reference" -> {
        for (BacktestConfig c : configs) {
          sum += Backtest.run(c, quotes, null, Engine.REFERENCE).maxDrawdownPct();
        }
      }
      case "fast" -> {
        for (BacktestConfig c : configs) {
          sum += Backtest.run(c, quotes, null, Engine.FAST).maxDrawdownPct();
        }
      }
      default -> {
        for (BacktestMetrics m : ColumnSweep.run(configs, quotes, engine.equals("columns"))) {
          sum += m.maxDrawdownPct();
        }
      }
    }
    steps.quoteSteps += stepsPerSweep;
    return sum;
  }
}
