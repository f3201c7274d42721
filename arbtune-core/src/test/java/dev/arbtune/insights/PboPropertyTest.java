package dev.arbtune.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Pbo#compute} against a deliberately naive CSCV written here from the definitions: splits
 * enumerated recursively as lists of block indices, every total summed from scratch per split in
 * {@link BigDecimal} USD, the winner found by a scan, its rank by sorting the out-of-sample totals,
 * the logit by {@link Math#log} of w / (1 − w), the degradation line in exact decimals.
 */
class PboPropertyTest {

  static Stream<Arguments> matchesTheNaiveImplementation() {
    return Tries.of(300, Gen.longs());
  }

  @PropertyTest
  @MethodSource
  void matchesTheNaiveImplementation(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int jobs = 2 + r.nextInt(r.nextBoolean() ? 5 : 39);
    int blocks = 2 * (1 + r.nextInt(5));
    long[] m = randomMatrix(r, jobs, blocks);
    int parts = 1 + r.nextInt(Math.min(jobs, 4));

    PboResult got =
        r.nextBoolean() ? Pbo.compute(m, jobs, blocks, parts) : Pbo.inParts(m, jobs, blocks, parts);

    Naive want = Naive.of(m, jobs, blocks, combinations(blocks));
    assertThat(got.sampled()).isFalse();
    want.check(got);
  }

  static Stream<Arguments> manyJobsMatchTheNaiveImplementationAcrossChunksAndThreads() {
    return Tries.of(6, Gen.longs());
  }

  /**
   * More jobs than one chunk of the scan holds, in up to 3 parts (threads), with rows repeated far
   * apart so that equal in-sample totals meet across chunks and threads (the first row must win).
   */
  @PropertyTest
  @MethodSource
  void manyJobsMatchTheNaiveImplementationAcrossChunksAndThreads(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int jobs = 2 * CscvScan.CHUNK + r.nextInt(CscvScan.CHUNK);
    int blocks = 2 * (1 + r.nextInt(3));
    long[] m = new long[jobs * blocks];
    for (int i = 0; i < m.length; i++) {
      m[i] = r.nextInt(-2, 3) * 1_000_000L;
    }
    for (int k = 0; k < 20; k++) {
      System.arraycopy(m, r.nextInt(jobs) * blocks, m, r.nextInt(jobs) * blocks, blocks);
    }
    PboResult got = Pbo.inParts(m, jobs, blocks, 1 + r.nextInt(3));

    Naive.of(m, jobs, blocks, combinations(blocks)).check(got);
  }

  static Stream<Arguments> sampledSplitsMatchTheNaiveImplementationOnTheSameSplits() {
    return Tries.of(4, Gen.longs());
  }

  /**
   * Above 20 blocks: 100,000 distinct splits, and the same results as the naive implementation over
   * those splits (which exercises the updates by several blocks and the recomputations).
   */
  @PropertyTest
  @MethodSource
  void sampledSplitsMatchTheNaiveImplementationOnTheSameSplits(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int jobs = 2 + r.nextInt(3);
    int blocks = r.nextBoolean() ? 22 : 2 * (11 + r.nextInt(22));
    long[] m = randomMatrix(r, jobs, blocks);

    PboResult got = Pbo.inParts(m, jobs, blocks, 1 + r.nextInt(jobs));

    assertThat(got.sampled()).isTrue();
    assertThat(got.splits()).isEqualTo(100_000);
    assertThat(got.pbo()).isBetween(0.0, 1.0);
    List<int[]> splits = new ArrayList<>();
    for (long mask : CscvSplits.sample(blocks)) {
      int[] in = new int[blocks / 2];
      int k = 0;
      for (int b = 0; b < blocks; b++) {
        if ((mask & (1L << b)) != 0) {
          in[k++] = b;
        }
      }
      splits.add(in);
    }
    Naive.of(m, jobs, blocks, splits).check(got);
  }

  /**
   * Small integers (ties common), sometimes scaled to whole dollars or to the largest accepted
   * blocks, sometimes with repeated rows.
   */
  private static long[] randomMatrix(SplittableRandom r, int jobs, int blocks) {
    int spread = 1 + r.nextInt(r.nextBoolean() ? 2 : 10);
    long scale =
        switch (r.nextInt(4)) {
          case 0 -> 1;
          case 1 -> 1_000_000;
          case 2 -> 1 + r.nextLong(1_000_000_000L);
          default -> Pbo.MAX_ABS_MICROS / spread;
        };
    long[] m = new long[jobs * blocks];
    for (int i = 0; i < m.length; i++) {
      m[i] = r.nextInt(-spread, spread + 1) * scale;
    }
    if (r.nextInt(4) == 0) {
      int from = r.nextInt(jobs);
      int to = r.nextInt(jobs);
      System.arraycopy(m, from * blocks, m, to * blocks, blocks);
    }
    return m;
  }

  /** Every S/2-subset of the blocks, by recursion. */
  private static List<int[]> combinations(int blocks) {
    List<int[]> out = new ArrayList<>();
    choose(new int[blocks / 2], 0, 0, blocks, out);
    return out;
  }

  private static void choose(int[] chosen, int size, int next, int blocks, List<int[]> out) {
    if (size == chosen.length) {
      out.add(chosen.clone());
      return;
    }
    for (int b = next; b < blocks; b++) {
      chosen[size] = b;
      choose(chosen, size + 1, b + 1, blocks, out);
    }
  }

  /** The naive CSCV over the given splits. */
  private record Naive(
      long splits,
      long overfit,
      long losses,
      double[] logits,
      BigDecimal[] winnerIs,
      BigDecimal[] winnerOos) {

    static Naive of(long[] micros, int jobs, int blocks, List<int[]> splits) {
      int n = splits.size();
      long overfit = 0;
      long losses = 0;
      double[] logits = new double[n];
      BigDecimal[] wis = new BigDecimal[n];
      BigDecimal[] woos = new BigDecimal[n];
      for (int s = 0; s < n; s++) {
        int[] in = splits.get(s);
        boolean[] isIn = new boolean[blocks];
        for (int b : in) {
          isIn[b] = true;
        }
        BigDecimal[] is = new BigDecimal[jobs];
        BigDecimal[] oos = new BigDecimal[jobs];
        for (int j = 0; j < jobs; j++) {
          is[j] = BigDecimal.ZERO;
          oos[j] = BigDecimal.ZERO;
          for (int b = 0; b < blocks; b++) {
            BigDecimal usd = BigDecimal.valueOf(micros[j * blocks + b], 6);
            if (isIn[b]) {
              is[j] = is[j].add(usd);
            } else {
              oos[j] = oos[j].add(usd);
            }
          }
        }
        int winner = 0;
        for (int j = 1; j < jobs; j++) {
          if (is[j].compareTo(is[winner]) > 0) {
            winner = j;
          }
        }
        // rank by sorting: positions (1-based) of the winner's value among the sorted OOS totals,
        // averaged over the ties
        BigDecimal[] sorted = oos.clone();
        Arrays.sort(sorted);
        double rankSum = 0;
        int ties = 0;
        for (int i = 0; i < jobs; i++) {
          if (sorted[i].compareTo(oos[winner]) == 0) {
            rankSum += i + 1;
            ties++;
          }
        }
        double rank = rankSum / ties;
        double w = rank / (jobs + 1);
        logits[s] = Math.log(w / (1 - w));
        if (2 * rank <= jobs + 1) {
          overfit++;
        }
        if (oos[winner].signum() < 0) {
          losses++;
        }
        wis[s] = is[winner];
        woos[s] = oos[winner];
      }
      return new Naive(n, overfit, losses, logits, wis, woos);
    }

    void check(PboResult got) {
      assertThat(got.splits()).isEqualTo(splits);
      assertThat(got.overfitSplits()).isEqualTo(overfit);
      assertThat(got.pbo()).isEqualTo((double) overfit / splits);
      assertThat(got.probOosLoss()).isEqualTo((double) losses / splits);
      checkHistogram(got);
      checkLine(got);
    }

    /**
     * Bins (a, b], the first [a, b]: below each inner edge, the result's bins hold as many splits
     * as there are logits below it, give or take the logits within 1e-9 of the edge (a logit can
     * sit on an edge, e.g. ln 2 = ln(32) × 2/10, and the two implementations round differently). At
     * 0 exactly the overfit splits.
     */
    private void checkHistogram(PboResult got) {
      double[] edges = got.histogramEdges();
      long[] counts = got.histogramCounts();
      assertThat(counts).hasSize(20);
      double range = Math.log(got.jobs());
      assertThat(edges[0]).isCloseTo(-range, within(1e-12));
      assertThat(edges[20]).isCloseTo(range, within(1e-12));
      assertThat(edges[10]).isZero();
      assertThat(Arrays.stream(counts).sum()).isEqualTo(splits);
      long cumulative = 0;
      for (int i = 1; i < 20; i++) {
        cumulative += counts[i - 1];
        double e = edges[i];
        if (i == 10) {
          assertThat(cumulative).isEqualTo(overfit);
          continue;
        }
        long surely = Arrays.stream(logits).filter(x -> x < e - 1e-9).count();
        long maybe = Arrays.stream(logits).filter(x -> x <= e + 1e-9).count();
        assertThat(cumulative).as("splits in the bins below edge %d", i).isBetween(surely, maybe);
      }
    }

    private void checkLine(PboResult got) {
      int n = winnerIs.length;
      MathContext mc = MathContext.DECIMAL128;
      BigDecimal count = BigDecimal.valueOf(n);
      BigDecimal meanX = Arrays.stream(winnerIs).reduce(BigDecimal.ZERO, BigDecimal::add);
      meanX = meanX.divide(count, mc);
      BigDecimal meanY = Arrays.stream(winnerOos).reduce(BigDecimal.ZERO, BigDecimal::add);
      meanY = meanY.divide(count, mc);
      BigDecimal sxx = BigDecimal.ZERO;
      BigDecimal sxy = BigDecimal.ZERO;
      BigDecimal syy = BigDecimal.ZERO;
      for (int s = 0; s < n; s++) {
        BigDecimal dx = winnerIs[s].subtract(meanX);
        BigDecimal dy = winnerOos[s].subtract(meanY);
        sxx = sxx.add(dx.multiply(dx));
        sxy = sxy.add(dx.multiply(dy));
        syy = syy.add(dy.multiply(dy));
      }
      if (sxx.signum() == 0) {
        assertThat(got.slope()).isNaN();
        assertThat(got.intercept()).isNaN();
        assertThat(got.r2()).isNaN();
        return;
      }
      double slope = sxy.divide(sxx, mc).doubleValue();
      double intercept = meanY.subtract(sxy.divide(sxx, mc).multiply(meanX)).doubleValue();
      assertThat(got.slope()).isCloseTo(slope, within(1e-9 * Math.max(1, Math.abs(slope))));
      double scale =
          Math.max(
              1,
              meanY
                  .abs()
                  .add(meanX.abs().multiply(BigDecimal.valueOf(Math.abs(slope))))
                  .doubleValue());
      assertThat(got.intercept()).isCloseTo(intercept, within(1e-9 * scale));
      if (syy.signum() == 0) {
        assertThat(got.r2()).isNaN();
      } else {
        double r2 = sxy.multiply(sxy).divide(sxx.multiply(syy), mc).doubleValue();
        assertThat(got.r2()).isCloseTo(r2, within(1e-9));
      }
    }
  }
}
