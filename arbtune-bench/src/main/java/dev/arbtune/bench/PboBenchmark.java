package dev.arbtune.bench;

import dev.arbtune.insights.Pbo;
import dev.arbtune.insights.PboResult;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long {@link Pbo#compute} takes for 10,000 jobs x 16 blocks (all 12,870 splits) of random
 * per-block PnL (whole cents between -$50 and $50, a fixed seed), on 1 and 2 threads; {@code -p
 * blocks=16,22} adds the sampled case (100,000 splits). docs/BENCHMARKS.md, "PBO".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
public class PboBenchmark {

  @Param({"1", "2"})
  public int threads;

  @Param({"16"})
  public int blocks;

  private static final int JOBS = 10_000;

  private long[] micros;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(15);
    micros = new long[JOBS * blocks];
    for (int i = 0; i < micros.length; i++) {
      micros[i] = random.nextLong(-5_000, 5_001) * 10_000L;
    }
  }

  @Benchmark
  public PboResult compute() {
    return Pbo.compute(micros, JOBS, blocks, threads);
  }
}
