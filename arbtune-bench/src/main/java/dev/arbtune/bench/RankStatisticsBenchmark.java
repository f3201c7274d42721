package dev.arbtune.bench;

import dev.arbtune.compare.RankStatistics;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast {@code compare}'s rank statistics run over a million shared jobs: Kendall's tau-b,
 * Spearman's rho and the rank-biased overlap of two rankings of a million jobs each, against the
 * baseline of one {@link Arrays#sort(double[])} of a million doubles. One operation is one pair
 * (one job), so the scores are pairs per second.
 *
 * <p>The data: A's metric is a random PnL; B's is A's plus noise (the ranking mostly survived, as
 * after a fee change), either with distinct values ({@code ties=false}) or rounded to 1,000 levels
 * ({@code ties=true}, many ties on both sides). The RBO lists are A's and B's rankings of job ids,
 * B missing 5% of A's jobs and ranking 5% others instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RankStatisticsBenchmark {

  /** The number of shared jobs. */
  static final int N = 1_000_000;

  @Param({"false", "true"})
  public boolean ties;

  private double[] a;
  private double[] b;
  private long[] rankingA;
  private long[] rankingB;

  @Setup
  public void setUp() {
    SplittableRandom r = new SplittableRandom(16);
    a = new double[N];
    b = new double[N];
    for (int i = 0; i < N; i++) {
      a[i] = r.nextGaussian() * 1000;
      b[i] = a[i] + r.nextGaussian() * 300;
      if (ties) {
        a[i] = Math.rint(a[i] / 8);
        b[i] = Math.rint(b[i] / 8);
      }
    }
    rankingA = idsBy(a);
    rankingB = idsBy(b);
    // B ranks 5% other jobs in place of 5% of A's.
    for (int i = 0; i < N; i++) {
      if (r.nextInt(20) == 0) {
        rankingB[i] += N;
      }
    }
  }

  /** The ids 0..n-1 in the order of their values, best (highest) first. */
  private static long[] idsBy(double[] values) {
    long[] keyed = new long[values.length];
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    // Rank by value with the id as tie-break, without boxing: sort (value rank, id) packed.
    for (int i = 0; i < values.length; i++) {
      long valueRank = Arrays.binarySearch(sorted, values[i]);
      keyed[i] = ((values.length - 1 - valueRank) << 21) | i;
    }
    Arrays.sort(keyed);
    for (int i = 0; i < keyed.length; i++) {
      keyed[i] = keyed[i] & ((1 << 21) - 1);
    }
    return keyed;
  }

  /** Kendall's tau-b of a million pairs. */
  @Benchmark
  @OperationsPerInvocation(N)
  public double kendallTauB() {
    return RankStatistics.kendallTauB(a, b);
  }

  /** Spearman's rho of a million pairs. */
  @Benchmark
  @OperationsPerInvocation(N)
  public double spearmanRho() {
    return RankStatistics.spearmanRho(a, b);
  }

  /** The rank-biased overlap (p = 0.9) of two rankings of a million ids. */
  @Benchmark
  @OperationsPerInvocation(N)
  public double rankBiasedOverlap() {
    return RankStatistics.rankBiasedOverlap(rankingA, rankingB, 0.9);
  }

  /** Baseline: one sort of a copy of a million doubles. */
  @Benchmark
  @OperationsPerInvocation(N)
  public double sortBaseline() {
    double[] copy = a.clone();
    Arrays.sort(copy);
    return copy[N / 2];
  }
}
