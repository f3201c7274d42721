package dev.arbtune.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PboTest {

  private static final long USD = 1_000_000L;

  /**
   * The worked example of docs/INSIGHTS.md ("Probability of backtest overfitting"); this test reads
   * nothing from the docs, it asserts the same numbers. Three jobs A, B, C (rows in job_id order),
   * four blocks, PnL in USD:
   *
   * <pre>
   *        b0  b1  b2  b3  total
   *   A     3  -1   2   0      4
   *   B     1   1   1   1      4
   *   C    -2   4   0   1      3
   * </pre>
   *
   * The C(4, 2) = 6 splits (IS blocks; IS totals A/B/C; winner; OOS totals A/B/C; winner's rank =
   * below + (equal + 1)/2; w = rank/4; logit):
   *
   * <pre>
   *   {0,1}  2/ 2/ 2  A (tie, first row)  2/2/ 1  below 1 equal 2: 2.5  0.625  ln(5/3) = +0.511
   *   {0,2}  5/ 2/-2  A                  -1/2/ 5  below 0 equal 1: 1    0.25   ln(1/3) = -1.099 overfit, loss
   *   {0,3}  3/ 2/-1  A                   1/2/ 4  below 0 equal 1: 1    0.25   -1.099  overfit
   *   {1,2}  1/ 2/ 4  C                   3/2/-1  below 0 equal 1: 1    0.25   -1.099  overfit, loss
   *   {1,3} -1/ 2/ 5  C                   5/2/-2  below 0 equal 1: 1    0.25   -1.099  overfit, loss
   *   {2,3}  2/ 2/ 1  A (tie, first row)  2/2/ 2  below 0 equal 3: 2    0.5     0      overfit (λ ≤ 0)
   * </pre>
   *
   * PBO = 5/6; probability of an OOS loss = 3/6. Winners' (IS, OOS): (2,2) (5,-1) (3,1) (4,-1)
   * (5,-2) (2,2): mean IS 3.5, mean OOS 1/6, Sxx = 9.5, Sxy = -11.5, Syy = 89/6, so slope = -23/19,
   * intercept = 1/6 + 3.5 × 23/19 = 251/57, R² = 11.5² / (9.5 × 89/6) = 1587/1691. The histogram's
   * 20 bins span [-ln 3, ln 3] (width ln 3 / 10): the four -ln 3 fall in bin 0, the 0 in bin 9 (its
   * upper edge), ln(5/3) = 4.65 widths in bin 14.
   */
  @Test
  void reproducesTheWorkedExampleOfTheDocs() {
    long[] m = {
      3, -1, 2, 0, //
      1, 1, 1, 1, //
      -2, 4, 0, 1
    };
    PboResult r = Pbo.compute(usd(m), 3, 4, 1);

    assertThat(r.jobs()).isEqualTo(3);
    assertThat(r.blocks()).isEqualTo(4);
    assertThat(r.splits()).isEqualTo(6);
    assertThat(r.sampled()).isFalse();
    assertThat(r.overfitSplits()).isEqualTo(5);
    assertThat(r.pbo()).isEqualTo(5.0 / 6);
    assertThat(r.probOosLoss()).isEqualTo(0.5);
    assertThat(r.slope()).isCloseTo(-23.0 / 19, within(1e-12));
    assertThat(r.intercept()).isCloseTo(251.0 / 57, within(1e-12));
    assertThat(r.r2()).isCloseTo(1587.0 / 1691, within(1e-12));
    long[] counts = new long[20];
    counts[0] = 4;
    counts[9] = 1;
    counts[14] = 1;
    assertThat(r.histogramCounts()).containsExactly(counts);
    double[] edges = r.histogramEdges();
    assertThat(edges).hasSize(21);
    assertThat(edges[0]).isCloseTo(-Math.log(3), within(1e-15));
    assertThat(edges[10]).isZero();
    assertThat(edges[20]).isCloseTo(Math.log(3), within(1e-15));
    assertThat(r.verdict())
        .isEqualTo(
            "PBO 0.83: worse than a coin flip: the in-sample winner tends to be below the median"
                + " out of sample");
  }

  @Test
  void theRowOrderBreaksInSampleTies() {
    // Two jobs with the same in-sample totals in every split: the first row always wins.
    // A = [1, 0], B = [0, 1]: split {0}: IS 1/0 -> A, OOS 0/1 -> rank 1; split {1}: IS 0/1 -> B,
    // OOS 1/0 -> rank 1. Swapping the rows changes nothing here; equal rows do:
    // A = B = [1, 1]: every split ties, A wins, OOS tie -> rank 1.5 = (N + 1)/2 -> overfit.
    PboResult opposite = Pbo.compute(usd(new long[] {1, 0, 0, 1}), 2, 2, 1);
    assertThat(opposite.overfitSplits()).isEqualTo(2);
    PboResult equal = Pbo.compute(usd(new long[] {1, 1, 1, 1}), 2, 2, 1);
    assertThat(equal.overfitSplits()).isEqualTo(2);
    assertThat(equal.histogramCounts()[9]).isEqualTo(2);
    // A persistent winner: A = [2, 2], B = [1, 1]: A wins and stays best: rank 2, logit ln 2.
    PboResult persistent = Pbo.compute(usd(new long[] {2, 2, 1, 1}), 2, 2, 1);
    assertThat(persistent.pbo()).isZero();
    assertThat(persistent.histogramCounts()[19]).isEqualTo(2);
    assertThat(persistent.verdict())
        .isEqualTo("PBO 0.00: the in-sample winner usually stays in the top half out of sample");
    // Degradation undefined: the winners' IS totals do not vary.
    assertThat(persistent.slope()).isNaN();
    assertThat(persistent.intercept()).isNaN();
    assertThat(persistent.r2()).isNaN();
  }

  @Test
  void aLossIsAStrictlyNegativeOutOfSampleTotal() {
    // A = [1, -1], B = [0, 0]: split {0}: A wins (1 > 0), OOS -1 < 0: loss; split {1}: B wins
    // (0 > -1), OOS 0: not a loss.
    PboResult r = Pbo.compute(usd(new long[] {1, -1, 0, 0}), 2, 2, 1);
    assertThat(r.probOosLoss()).isEqualTo(0.5);
    // split {0}: winner A OOS -1, B OOS 0: rank 1 (overfit); split {1}: winner B OOS 0, A OOS 1:
    // rank 1 (overfit)
    assertThat(r.pbo()).isEqualTo(1.0);
  }

  @Test
  void theResultDoesNotDependOnTheNumberOfThreads() {
    SplittableRandom random = new SplittableRandom(15);
    int jobs = 400;
    long[] m = new long[jobs * 16];
    for (int i = 0; i < m.length; i++) {
      m[i] = random.nextInt(-3, 4) * USD;
    }
    assertThat(Pbo.parts(2, 12_870, jobs)).isEqualTo(2);
    assertThat(Pbo.parts(3, 12_870, jobs)).isEqualTo(3);
    PboResult one = Pbo.compute(m, jobs, 16, 1);
    assertThat(Pbo.compute(m, jobs, 16, 2)).isEqualTo(one);
    assertThat(Pbo.compute(m, jobs, 16, 3)).isEqualTo(one);
    assertThat(Pbo.compute(m, jobs, 16, 3).toMap()).isEqualTo(one.toMap());

    int sampledJobs = 60;
    long[] s = new long[sampledJobs * 22];
    for (int i = 0; i < s.length; i++) {
      s[i] = random.nextLong(-1000, 1001);
    }
    assertThat(Pbo.parts(3, Pbo.SAMPLE_SIZE, sampledJobs)).isEqualTo(3);
    PboResult sampledOne = Pbo.compute(s, sampledJobs, 22, 1);
    assertThat(Pbo.compute(s, sampledJobs, 22, 2)).isEqualTo(sampledOne);
    assertThat(Pbo.compute(s, sampledJobs, 22, 3)).isEqualTo(sampledOne);
  }

  @Test
  void smallWorkRunsOnOneThread() {
    assertThat(Pbo.parts(8, 6, 3)).isEqualTo(1);
    assertThat(Pbo.parts(1, 12_870, 10_000)).isEqualTo(1);
    assertThat(Pbo.parts(2, 12_870, 10_000)).isEqualTo(2);
  }

  @Test
  void theInputIsNotModified() {
    long[] m = {5, -3, 2, 7, 0, 1, -4, 4};
    long[] copy = m.clone();
    Pbo.compute(m, 2, 4, 2);
    assertThat(m).containsExactly(copy);
  }

  @Test
  void acceptsTheLargestBlocksWithoutOverflow() {
    long max = Pbo.MAX_ABS_MICROS;
    int blocks = 64;
    long[] m = new long[3 * blocks];
    for (int b = 0; b < blocks; b++) {
      m[b] = max; // job 0: +max everywhere
      m[blocks + b] = -max; // job 1: -max everywhere
      m[2 * blocks + b] = b % 2 == 0 ? max : -max; // job 2: alternating
    }
    PboResult r = Pbo.compute(m, 3, blocks, 2);
    // job 0 always wins in and out of sample (its total is the largest whatever the split)
    assertThat(r.pbo()).isZero();
    assertThat(r.probOosLoss()).isZero();
    assertThat(r.sampled()).isTrue();
    assertThat(r.splits()).isEqualTo(Pbo.SAMPLE_SIZE);
    // The winner is always job 0 with IS = OOS = 32 max: no variation, no line.
    assertThat(r.slope()).isNaN();
  }

  @Test
  void rejectsShapesAndValuesOutOfRange() {
    long[] four = new long[8];
    assertRejected(() -> Pbo.compute(four, 1, 8, 1), "at least 2 jobs, got 1");
    assertRejected(() -> Pbo.compute(new long[6], 2, 3, 1), "even number of blocks");
    assertRejected(() -> Pbo.compute(new long[0], 2, 0, 1), "even number of blocks");
    assertRejected(() -> Pbo.compute(new long[132], 2, 66, 1), "from 2 to 64, got 66");
    assertRejected(() -> Pbo.compute(four, 2, 4, 0), "at least 1 thread");
    assertRejected(() -> Pbo.compute(new long[7], 2, 4, 1), "2 jobs x 4 blocks = 8 values, got 7");
    long[] tooLarge = new long[8];
    tooLarge[6] = Pbo.MAX_ABS_MICROS + 1;
    assertRejected(() -> Pbo.compute(tooLarge, 2, 4, 1), "at job 1, block 2");
    long[] tooSmall = new long[8];
    tooSmall[1] = -Pbo.MAX_ABS_MICROS - 1;
    assertRejected(() -> Pbo.compute(tooSmall, 2, 4, 1), "at job 0, block 1");
    long[] atLimit = new long[8];
    atLimit[0] = Pbo.MAX_ABS_MICROS;
    atLimit[7] = -Pbo.MAX_ABS_MICROS;
    assertThat(Pbo.compute(atLimit, 2, 4, 1).splits()).isEqualTo(6);
    assertThatThrownBy(() -> Pbo.compute(null, 2, 4, 1)).isInstanceOf(NullPointerException.class);
  }

  private static void assertRejected(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void toMapHasTheAgreedNamesAndNullForUndefinedNumbers() {
    PboResult r =
        new PboResult(
            4,
            2,
            2,
            false,
            1,
            0.5,
            0.0,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            new double[] {-1, 0, 1},
            new long[] {1, 1});
    Map<String, Object> m = r.toMap();
    assertThat(m.keySet())
        .containsExactly(
            "pbo",
            "jobs",
            "blocks",
            "splits",
            "sampled",
            "overfit_splits",
            "prob_oos_loss",
            "degradation",
            "logit_histogram",
            "verdict");
    assertThat(m.get("pbo")).isEqualTo(0.5);
    assertThat(m.get("jobs")).isEqualTo(4);
    assertThat(m.get("splits")).isEqualTo(2L);
    assertThat(m.get("sampled")).isEqualTo(false);
    assertThat(m.get("overfit_splits")).isEqualTo(1L);
    @SuppressWarnings("unchecked")
    Map<String, Object> line = (Map<String, Object>) m.get("degradation");
    assertThat(line.keySet()).containsExactly("slope", "intercept", "r2");
    assertThat(line.values()).containsOnlyNulls();
    @SuppressWarnings("unchecked")
    Map<String, Object> histogram = (Map<String, Object>) m.get("logit_histogram");
    assertThat(histogram.keySet()).containsExactly("edges", "counts");
    assertThat(histogram.get("edges")).isEqualTo(List.of(-1.0, 0.0, 1.0));
    assertThat(histogram.get("counts")).isEqualTo(List.of(1L, 1L));
    assertThat(m.get("verdict"))
        .isEqualTo("PBO 0.50: the in-sample winner is no better than a coin flip out of sample");
  }

  @Test
  void theVerdictRoundsHalfUpAndPicksTheWordsFromTheRoundedNumber() {
    assertThat(verdict(0, 100)).startsWith("PBO 0.00: the in-sample winner usually stays");
    assertThat(verdict(9, 100)).startsWith("PBO 0.09: the in-sample winner usually stays");
    assertThat(verdict(95, 1000)).startsWith("PBO 0.10: some risk of overfitting");
    assertThat(verdict(94, 1000)).startsWith("PBO 0.09: the in-sample winner usually");
    assertThat(verdict(29, 100)).startsWith("PBO 0.29: some risk");
    assertThat(verdict(30, 100)).startsWith("PBO 0.30: the in-sample winner is no better than");
    assertThat(verdict(45, 100))
        .isEqualTo("PBO 0.45: the in-sample winner is no better than a coin flip out of sample");
    assertThat(verdict(604, 1000)).startsWith("PBO 0.60: the in-sample winner is no better");
    assertThat(verdict(605, 1000)).startsWith("PBO 0.61: worse than a coin flip");
    assertThat(verdict(1, 1)).startsWith("PBO 1.00: worse than a coin flip");
  }

  private static String verdict(long overfit, long splits) {
    return new PboResult(
            2,
            2,
            splits,
            false,
            overfit,
            (double) overfit / splits,
            0,
            0,
            0,
            0,
            new double[] {0, 1},
            new long[] {splits})
        .verdict();
  }

  @Test
  void theRecordCopiesItsArraysAndComparesTheirContents() {
    double[] edges = {-1, 0, 1};
    long[] counts = {3, 4};
    PboResult r = new PboResult(2, 2, 7, false, 3, 3 / 7.0, 0, 0, 0, 0, edges, counts);
    edges[0] = 9;
    counts[0] = 9;
    assertThat(r.histogramEdges()).containsExactly(-1, 0, 1);
    r.histogramCounts()[1] = 9;
    assertThat(r.histogramCounts()).containsExactly(3, 4);
    PboResult same =
        new PboResult(
            2, 2, 7, false, 3, 3 / 7.0, 0, 0, 0, 0, new double[] {-1, 0, 1}, new long[] {3, 4});
    assertThat(same).isEqualTo(r).hasSameHashCodeAs(r);
    assertThat(same.toString()).contains("[3, 4]");
    assertThatThrownBy(
            () -> new PboResult(2, 2, 7, false, 8, 1, 0, 0, 0, 0, edges, new long[] {3, 4}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PboResult(2, 2, 7, false, 3, 1, 0, 0, 0, 0, edges, new long[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static long[] usd(long[] values) {
    return Arrays.stream(values).map(v -> v * USD).toArray();
  }
}
