package dev.arbtune.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kendall's tau-b, Spearman's rho and the rank-biased overlap against hand-worked cases and against
 * naive implementations written here from the definitions.
 */
class RankStatisticsTest {

  private static final double EPS = 1e-12;

  // ---------------------------------------------------------------------------------------------
  // Hand-worked cases

  /** Five pairs with ties in a, in b, and one pair tied in both. */
  private static final double[] A5 = {1, 2, 2, 3, 3};

  private static final double[] B5 = {2, 1, 3, 3, 3};

  @Test
  void tauBOfFivePairsWithTiesInBothVariables() {
    // The 10 pairs (i, j), i < j, 1-based:
    //   (1,2): a 1<2, b 2>1: discordant       (1,3), (1,4), (1,5): a up, b up: concordant
    //   (2,3): a 2=2, b 1<3: tied in a only    (2,4), (2,5): a up, b up: concordant
    //   (3,4), (3,5): a up, b 3=3: tied in b only
    //   (4,5): a 3=3, b 3=3: tied in both
    // C = 5, D = 1; n0 = 10; pairs tied in a n1 = 2 ((2,3), (4,5)); tied in b n2 = 3
    // ((3,4), (3,5), (4,5)); in both n3 = 1.
    // tau-b = (C - D) / sqrt((n0 - n1)(n0 - n2)) = 4 / sqrt(8 * 7) = 4 / sqrt(56) = 0.534522...
    // (scipy.stats.kendalltau gives 0.5345224838248487.)
    assertThat(RankStatistics.kendallTauB(A5, B5)).isCloseTo(4 / Math.sqrt(56), within(EPS));
    assertThat(RankStatistics.kendallTauB(A5, B5)).isCloseTo(0.5345224838248487, within(EPS));
  }

  @Test
  void rhoOfFivePairsWithTiesInBothVariables() {
    // Average ranks: a = 1, 2, 2, 3, 3 -> 1, 2.5, 2.5, 4.5, 4.5; b = 2, 1, 3, 3, 3 -> 2, 1, 4, 4,
    // 4.
    // Both means are 3 (= (n + 1) / 2). Centred: a' = -2, -0.5, -0.5, 1.5, 1.5;
    // b' = -1, -2, 1, 1, 1.
    // Sum a'b' = 2 + 1 - 0.5 + 1.5 + 1.5 = 5.5; sum a'^2 = 4 + .25 + .25 + 2.25 + 2.25 = 9;
    // sum b'^2 = 1 + 4 + 1 + 1 + 1 = 8. rho = 5.5 / sqrt(9 * 8) = 5.5 / sqrt(72) = 0.648181...
    // (scipy.stats.spearmanr gives 0.6481812160876685.)
    assertThat(RankStatistics.spearmanRho(A5, B5)).isCloseTo(5.5 / Math.sqrt(72), within(EPS));
    assertThat(RankStatistics.spearmanRho(A5, B5)).isCloseTo(0.6481812160876685, within(EPS));
  }

  @Test
  void perfectAgreementAndReversal() {
    double[] up = {1, 2, 3, 4};
    double[] down = {40, 30, 20, 10};
    assertThat(RankStatistics.kendallTauB(up, up)).isEqualTo(1.0);
    assertThat(RankStatistics.kendallTauB(up, down)).isEqualTo(-1.0);
    assertThat(RankStatistics.spearmanRho(up, up)).isEqualTo(1.0);
    assertThat(RankStatistics.spearmanRho(up, down)).isEqualTo(-1.0);
    // Monotone transforms do not matter: ranks only.
    assertThat(RankStatistics.spearmanRho(up, new double[] {1, 10, 100, 1000})).isEqualTo(1.0);
  }

  @Test
  void negativeZeroTiesWithZeroAndInfinitiesAreValues() {
    // a: -0.0 and 0.0 are one tie group; so tau-b is as for a = 0, 0, 1 and b = 1, 2, 3:
    // pairs (1,2) tied in a, (1,3) and (2,3) concordant: 2 / sqrt((3 - 1) * 3) = 2 / sqrt(6).
    double[] a = {-0.0, 0.0, Double.POSITIVE_INFINITY};
    double[] b = {Double.NEGATIVE_INFINITY, 2, 3};
    assertThat(RankStatistics.kendallTauB(a, b)).isCloseTo(2 / Math.sqrt(6), within(EPS));
    // Ranks a = 1.5, 1.5, 3 (centred -0.5, -0.5, 1), b = 1, 2, 3 (centred -1, 0, 1):
    // 1.5 / sqrt(1.5 * 2) = 0.866025...
    assertThat(RankStatistics.spearmanRho(a, b)).isCloseTo(1.5 / Math.sqrt(3), within(EPS));
  }

  @Test
  void rboOfIdenticalListsIsOneAndOfDisjointListsZero() {
    long[] ids = {5, 3, 9, 1, 7};
    assertThat(RankStatistics.rankBiasedOverlap(ids, ids.clone(), 0.9)).isCloseTo(1, within(EPS));
    assertThat(RankStatistics.rankBiasedOverlap(new long[] {42}, new long[] {42}, 0.9))
        .isCloseTo(1, within(EPS));
    assertThat(RankStatistics.rankBiasedOverlap(ids, new long[] {2, 4, 6, 8, 10, 12}, 0.9))
        .isEqualTo(0.0);
  }

  @Test
  void rboOfAHandWorkedUnevenCase() {
    // S = [1, 2] (s = 2), L = [2, 3, 1] (l = 3), p = 0.5, so (1 - p) / p = 1.
    // Overlaps: X_1 = |{1} n {2}| = 0; X_2 = |{1,2} n {2,3}| = 1 = X_s; X_3 = |{1,2} n {2,3,1}|
    // = 2 = X_l.
    // sum_{d=1..3} X_d / d p^d = 0 + 1/2 * 1/4 + 2/3 * 1/8 = 1/8 + 1/12 = 5/24
    // sum_{d=3..3} X_s (d - s) / (s d) p^d = 1 * 1 / (2 * 3) * 1/8 = 1/48
    // ((X_l - X_s) / l + X_s / s) p^l = (1/3 + 1/2) * 1/8 = 5/48
    // RBO_ext = 1 * (10/48 + 1/48) + 5/48 = 16/48 = 1/3.
    long[] s = {1, 2};
    long[] l = {2, 3, 1};
    assertThat(RankStatistics.rankBiasedOverlap(s, l, 0.5)).isCloseTo(1.0 / 3, within(EPS));
    assertThat(RankStatistics.rankBiasedOverlap(l, s, 0.5)).isCloseTo(1.0 / 3, within(EPS));
  }

  @Test
  void rboOfAHandWorkedEvenCase() {
    // [1, 2, 3, 4, 5] against [2, 3, 4, 1, 5], p = 0.9: X = 0, 1, 2, 4, 5.
    // sum X_d / d p^d = 0 + 0.5 * 0.81 + 2/3 * 0.729 + 1 * 0.6561 + 1 * 0.59049 = 2.13759
    // RBO_ext = 0.1 / 0.9 * 2.13759 + (5 / 5) * 0.59049 = 0.23751 + 0.59049 = 0.828
    long[] a = {1, 2, 3, 4, 5};
    long[] b = {2, 3, 4, 1, 5};
    assertThat(RankStatistics.rankBiasedOverlap(a, b, 0.9)).isCloseTo(0.828, within(EPS));
  }

  @Test
  void rboWhenAListIsEmpty() {
    assertThat(RankStatistics.rankBiasedOverlap(new long[0], new long[0], 0.9)).isNaN();
    assertThat(RankStatistics.rankBiasedOverlap(new long[0], new long[] {1, 2}, 0.9))
        .isEqualTo(0.0);
    assertThat(RankStatistics.rankBiasedOverlap(new long[] {1}, new long[0], 0.9)).isEqualTo(0.0);
  }

  // ---------------------------------------------------------------------------------------------
  // NaN cases and argument checks

  @Test
  void nanWhenFewerThanTwoPairsOrASideIsConstant() {
    double[] none = {};
    double[] one = {1};
    double[] constant = {2, 2, 2};
    double[] varying = {1, 2, 3};
    assertThat(RankStatistics.kendallTauB(none, none)).isNaN();
    assertThat(RankStatistics.kendallTauB(one, one)).isNaN();
    assertThat(RankStatistics.kendallTauB(constant, varying)).isNaN();
    assertThat(RankStatistics.kendallTauB(varying, constant)).isNaN();
    assertThat(RankStatistics.spearmanRho(none, none)).isNaN();
    assertThat(RankStatistics.spearmanRho(one, one)).isNaN();
    assertThat(RankStatistics.spearmanRho(constant, varying)).isNaN();
    assertThat(RankStatistics.spearmanRho(varying, constant)).isNaN();
    assertThat(RankStatistics.kendallTauB(new double[] {-0.0, 0.0}, new double[] {1, 2})).isNaN();
  }

  @Test
  void argumentsAreChecked() {
    double[] two = {1, 2};
    double[] three = {1, 2, 3};
    assertThatThrownBy(() -> RankStatistics.kendallTauB(two, three))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 values")
        .hasMessageContaining("3");
    assertThatThrownBy(() -> RankStatistics.spearmanRho(three, two))
        .isInstanceOf(IllegalArgumentException.class);
    double[] withNan = {1, Double.NaN, 3};
    assertThatThrownBy(() -> RankStatistics.kendallTauB(three, withNan))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN")
        .hasMessageContaining("pair 1");
    assertThatThrownBy(() -> RankStatistics.spearmanRho(withNan, three))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> RankStatistics.kendallTauB(null, three))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RankStatistics.kendallTauBOfRanks(new long[] {1}, new long[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
    long[] ids = {1, 2, 3};
    for (double p : new double[] {0, 1, -0.5, 1.5, Double.NaN}) {
      assertThatThrownBy(() -> RankStatistics.rankBiasedOverlap(ids, ids, p))
          .as("p = %s", p)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("persistence");
    }
    assertThatThrownBy(() -> RankStatistics.rankBiasedOverlap(new long[] {1, 2, 1}, ids, 0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id 1 twice");
    assertThatThrownBy(() -> RankStatistics.rankBiasedOverlap(ids, new long[] {7, 7}, 0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id 7 twice");
    assertThatThrownBy(() -> RankStatistics.rankBiasedOverlap(ids, null, 0.9))
        .isInstanceOf(NullPointerException.class);
  }

  // ---------------------------------------------------------------------------------------------
  // Properties against naive implementations

  static Stream<Arguments> tauAndRhoMatchTheDefinitions() {
    return Tries.of(300, Gen.longs());
  }

  @PropertyTest
  @MethodSource
  void tauAndRhoMatchTheDefinitions(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = r.nextInt(10) == 0 ? r.nextInt(2) : r.nextInt(201);
    double[][] ab = randomPairs(r, n);
    double[] a = ab[0];
    double[] b = ab[1];
    double tau = RankStatistics.kendallTauB(a, b);
    double rho = RankStatistics.spearmanRho(a, b);
    assertClose(tau, naiveTauB(a, b), "tau-b");
    assertClose(rho, naivePearson(naiveRanks(a), naiveRanks(b)), "rho");
    // Symmetric, exactly.
    assertIdentical(RankStatistics.kendallTauB(b, a), tau, "tau-b(b, a)");
    assertIdentical(RankStatistics.spearmanRho(b, a), rho, "rho(b, a)");
    // Reversing one side negates both.
    double[] negated = new double[n];
    for (int i = 0; i < n; i++) {
      negated[i] = -b[i];
    }
    assertClose(RankStatistics.kendallTauB(a, negated), -tau, "tau-b of a reversed side");
    assertClose(RankStatistics.spearmanRho(a, negated), -rho, "rho of a reversed side");
    // The inputs are not changed.
    assertThat(a).isEqualTo(ab[2]);
    assertThat(b).isEqualTo(ab[3]);
    // The variants taking ranks agree with the values' ranks.
    long[] ra = denseRanks(a);
    long[] rb = denseRanks(b);
    assertIdentical(RankStatistics.kendallTauBOfRanks(ra, rb), tau, "tau-b of ranks");
    assertIdentical(RankStatistics.spearmanRhoOfRanks(ra, rb), rho, "rho of ranks");
  }

  @Test
  void tauAndRhoMatchTheDefinitionsOnLargerInputs() {
    // Long enough for several merge levels above the insertion-sorted runs.
    SplittableRandom r = new SplittableRandom(16);
    for (int n : new int[] {1000, 2049, 3000}) {
      double[][] ab = randomPairs(r, n);
      assertClose(RankStatistics.kendallTauB(ab[0], ab[1]), naiveTauB(ab[0], ab[1]), "tau-b");
      assertClose(
          RankStatistics.spearmanRho(ab[0], ab[1]),
          naivePearson(naiveRanks(ab[0]), naiveRanks(ab[1])),
          "rho");
    }
  }

  static Stream<Arguments> rboMatchesEquation32AndTheDefinitionsSum() {
    return Tries.of(300, Gen.longs());
  }

  @PropertyTest
  @MethodSource
  void rboMatchesEquation32AndTheDefinitionsSum(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int universe = 1 + r.nextInt(r.nextBoolean() ? 10 : 300);
    long[] a = randomList(r, universe, r.nextInt(Math.min(universe, 200) + 1));
    long[] b = randomList(r, universe, r.nextInt(Math.min(universe, 200) + 1));
    double p = r.nextInt(4) == 0 ? 0.9 : 0.05 + 0.9 * r.nextDouble();
    double rbo = RankStatistics.rankBiasedOverlap(a, b, p);
    if (a.length == 0 && b.length == 0) {
      assertThat(rbo).isNaN();
      return;
    }
    if (a.length == 0 || b.length == 0) {
      assertThat(rbo).isEqualTo(0.0);
      return;
    }
    assertClose(rbo, naiveEquation32(a, b, p), "RBO against eq. 32");
    assertClose(rbo, naiveExtrapolatedSum(a, b, p), "RBO against the sum of agreements");
    assertIdentical(RankStatistics.rankBiasedOverlap(b, a, p), rbo, "RBO(b, a)");
    assertThat(rbo).isBetween(0.0, 1.0);
    assertClose(RankStatistics.rankBiasedOverlap(a, a.clone(), p), 1.0, "RBO of a list to itself");
  }

  // ---------------------------------------------------------------------------------------------
  // Naive implementations

  /** Tau-b from its definition: every pair classified, O(n^2). */
  static double naiveTauB(double[] a, double[] b) {
    long concordant = 0;
    long discordant = 0;
    long tiedAOnly = 0;
    long tiedBOnly = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = i + 1; j < a.length; j++) {
        int sa = Double.compare(a[i] + 0.0, a[j] + 0.0);
        int sb = Double.compare(b[i] + 0.0, b[j] + 0.0);
        if (sa == 0 && sb != 0) {
          tiedAOnly++;
        } else if (sb == 0 && sa != 0) {
          tiedBOnly++;
        } else if (sa != 0) {
          if (sa == sb) {
            concordant++;
          } else {
            discordant++;
          }
        }
      }
    }
    double denominator =
        Math.sqrt(
            (double) (concordant + discordant + tiedAOnly) * (concordant + discordant + tiedBOnly));
    return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
  }

  /** Average ranks (1-based) by sorting boxed indices; ties share the mean of their positions. */
  static double[] naiveRanks(double[] v) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble(i -> v[i] + 0.0));
    double[] ranks = new double[v.length];
    int i = 0;
    while (i < order.size()) {
      int j = i;
      double sum = 0;
      while (j < order.size() && v[order.get(j)] + 0.0 == v[order.get(i)] + 0.0) {
        sum += j + 1;
        j++;
      }
      for (int k = i; k < j; k++) {
        ranks[order.get(k)] = sum / (j - i);
      }
      i = j;
    }
    return ranks;
  }

  /** Pearson's correlation, textbook two-pass form. */
  static double naivePearson(double[] x, double[] y) {
    int n = x.length;
    if (n < 2) {
      return Double.NaN;
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i] / n;
      my += y[i] / n;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    if (sxx < 1e-9 || syy < 1e-9) {
      return Double.NaN;
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  /** X_d: the items the first d of each list have in common (the shorter list stops at s). */
  static int overlap(long[] shorter, long[] longer, int d) {
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < Math.min(d, shorter.length); i++) {
      seen.add(shorter[i]);
    }
    int x = 0;
    for (int i = 0; i < Math.min(d, longer.length); i++) {
      if (seen.contains(longer[i])) {
        x++;
      }
    }
    return x;
  }

  /**
   * Webber, Moffat, Zobel 2010, eq. 32, evaluated as printed: (1-p)/p * (sum_{d=1..l} X_d/d p^d +
   * sum_{d=s+1..l} X_s (d-s)/(s d) p^d) + ((X_l - X_s)/l + X_s/s) p^l.
   */
  static double naiveEquation32(long[] a, long[] b, double p) {
    long[] shorter = a.length <= b.length ? a : b;
    long[] longer = a.length <= b.length ? b : a;
    int s = shorter.length;
    int l = longer.length;
    double xs = overlap(shorter, longer, s);
    double xl = overlap(shorter, longer, l);
    double first = 0;
    for (int d = 1; d <= l; d++) {
      first += overlap(shorter, longer, d) / (double) d * Math.pow(p, d);
    }
    double second = 0;
    for (int d = s + 1; d <= l; d++) {
      second += xs * (d - s) / (s * (double) d) * Math.pow(p, d);
    }
    return (1 - p) / p * (first + second) + ((xl - xs) / l + xs / s) * Math.pow(p, l);
  }

  /**
   * RBO as the definition's weighted sum (1 - p) sum_{d>=1} p^(d-1) A_d, with the agreements A_d
   * the extrapolation assumes: beyond the shorter list's end, its unseen items agree at the rate
   * X_s / s (A_d = (X_d + X_s (d - s) / s) / d), and beyond the longer list's end A_d = A_l. The
   * sum runs until the weights left are below 1e-17.
   */
  static double naiveExtrapolatedSum(long[] a, long[] b, double p) {
    long[] shorter = a.length <= b.length ? a : b;
    long[] longer = a.length <= b.length ? b : a;
    int s = shorter.length;
    int l = longer.length;
    double xs = overlap(shorter, longer, s);
    double sum = 0;
    double agreement = 0;
    for (int d = 1; Math.pow(p, d - 1) > 1e-17; d++) {
      if (d <= l) {
        double xd = overlap(shorter, longer, d);
        agreement = d <= s ? xd / d : (xd + xs * (d - s) / s) / d;
      }
      sum += (1 - p) * Math.pow(p, d - 1) * agreement;
    }
    return sum;
  }

  // ---------------------------------------------------------------------------------------------
  // Random data

  /** a, b and copies of both; small integer values (many ties) or, at times, spread doubles. */
  private static double[][] randomPairs(SplittableRandom r, int n) {
    int kind = r.nextInt(5);
    int levels = 1 + r.nextInt(8);
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = value(r, kind, levels);
      b[i] = r.nextInt(3) == 0 ? a[i] + r.nextInt(2) : value(r, kind, levels);
    }
    return new double[][] {a, b, a.clone(), b.clone()};
  }

  private static double value(SplittableRandom r, int kind, int levels) {
    switch (kind) {
      case 0:
        return r.nextDouble(-1e6, 1e6);
      case 1:
        int v = r.nextInt(levels) - levels / 2;
        return v == 0 && r.nextBoolean() ? -0.0 : v;
      case 2:
        return r.nextInt(20) == 0 ? Double.POSITIVE_INFINITY : r.nextInt(levels);
      default:
        return r.nextInt(levels);
    }
  }

  /** n distinct ids out of 0..universe-1 in random order. */
  private static long[] randomList(SplittableRandom r, int universe, int n) {
    long[] all = new long[universe];
    for (int i = 0; i < universe; i++) {
      all[i] = i * 1_000_003L - 7;
    }
    for (int i = universe - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      long t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    long[] list = new long[n];
    System.arraycopy(all, 0, list, 0, n);
    return list;
  }

  /** Ranks 1..k of the distinct values (dense), which order the pairs as the values do. */
  private static long[] denseRanks(double[] v) {
    double[] sorted = v.clone();
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] += 0.0;
    }
    java.util.Arrays.sort(sorted);
    long[] ranks = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      ranks[i] = 1 + java.util.Arrays.binarySearch(sorted, v[i] + 0.0);
    }
    return ranks;
  }

  /** Equal bit for bit (NaN equals NaN). */
  private static void assertIdentical(double actual, double expected, String what) {
    assertThat(Double.valueOf(actual)).as(what).isEqualTo(Double.valueOf(expected));
  }

  private static void assertClose(double actual, double expected, String what) {
    if (Double.isNaN(expected)) {
      assertThat(actual).as(what).isNaN();
    } else {
      assertThat(actual).as(what).isCloseTo(expected, within(1e-10));
    }
  }
}
