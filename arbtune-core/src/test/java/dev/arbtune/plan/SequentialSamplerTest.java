package dev.arbtune.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SequentialSamplerTest {

  /** Upper 0.01 % point of the chi-square distribution (Wilson-Hilferty approximation). */
  private static double chiSquareCritical(int degreesOfFreedom) {
    double z = 3.719; // standard normal quantile for p = 1e-4
    double k = degreesOfFreedom;
    double a = 2.0 / (9.0 * k);
    return k * Math.pow(1 - a + z * Math.sqrt(a), 3);
  }

  private static List<Long> sample(long population, long n, long seed) {
    SequentialSampler s = new SequentialSampler(population, n, new SplitMix64(seed));
    List<Long> out = new ArrayList<>();
    while (s.hasNext()) {
      out.add(s.nextLong());
    }
    return out;
  }

  static Stream<Arguments> yieldsExactlyNDistinctIncreasingIndicesBelowN() {
    return Tries.of(300, Gen.longs(0, 1_000_000_000_000L), Gen.longs(0, 300), Gen.longs());
  }

  @PropertyTest
  @MethodSource
  void yieldsExactlyNDistinctIncreasingIndicesBelowN(long population, long wanted, long seed) {
    long n = Math.min(wanted, population);
    List<Long> s = sample(population, n, seed);
    assertThat(s).hasSize((int) n);
    for (int i = 0; i < s.size(); i++) {
      assertThat(s.get(i)).isBetween(0L, population - 1);
      if (i > 0) {
        assertThat(s.get(i)).isGreaterThan(s.get(i - 1));
      }
    }
  }

  @Test
  void takesEveryIndexWhenTheSampleIsTheWholePopulation() {
    assertThat(sample(7, 7, 99)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void isReproducibleBySeedAndVariesWithIt() {
    assertThat(sample(1_000_000, 50, 5)).isEqualTo(sample(1_000_000, 50, 5));
    assertThat(sample(1_000_000, 50, 5)).isNotEqualTo(sample(1_000_000, 50, 6));
  }

  @Test
  void everyPairIsEquallyLikelyOnTheSparsePath() {
    // n = 2 of N = 30: 2 * 13 < 30, so the first skip is Algorithm D's, the second the n = 1 step.
    assertUniformOverSubsets(30, 2, 60_000);
  }

  @Test
  void everyTripleIsEquallyLikelyOnTheDensePath() {
    // n = 3 of N = 9: Algorithm A throughout.
    assertUniformOverSubsets(9, 3, 42_000);
  }

  @Test
  void everyIndexIsEquallyLikelyWhenAlgorithmDRunsManySteps() {
    // n = 5 of N = 2000: Algorithm D for every skip but the last.
    int population = 2000;
    int n = 5;
    int trials = 40_000;
    long[] counts = new long[population];
    for (int t = 0; t < trials; t++) {
      for (long i : sample(population, n, 1_000_000L + t)) {
        counts[(int) i]++;
      }
    }
    double expected = (double) trials * n / population;
    double chi = 0;
    for (long c : counts) {
      chi += (c - expected) * (c - expected) / expected;
    }
    assertThat(chi).isLessThan(chiSquareCritical(population - 1));
  }

  @ParameterizedTest
  @CsvSource({"100, 3", "300, 20"})
  void firstIndexFollowsTheExactSkipDistributionOnTheSparsePath(int population, int n) {
    // Both cases take Algorithm D (13 n < N). With n = 20 the squeeze (step D3) alone would
    // visibly distort the distribution, so this also checks the exact test (step D4).
    // P(first = s) = n/(N-s) * prod_{i<s} (N-n-i)/(N-i): skip s records, then take one.
    int trials = 200_000;
    long[] counts = new long[population];
    for (int t = 0; t < trials; t++) {
      SequentialSampler s = new SequentialSampler(population, n, new SplitMix64(7_000_000L + t));
      counts[(int) s.nextLong()]++;
    }
    double chi = 0;
    int cells = 0;
    double survive = 1;
    for (int s = 0; s <= population - n; s++) {
      double expected = trials * survive * n / (population - s);
      survive *= (double) (population - n - s) / (population - s);
      if (expected >= 5) {
        chi += (counts[s] - expected) * (counts[s] - expected) / expected;
        cells++;
      }
    }
    assertThat(chi).isLessThan(chiSquareCritical(cells - 1));
  }

  @Test
  void rejectsASampleLargerThanThePopulation() {
    assertThatThrownBy(() -> new SequentialSampler(3, 4, new SplitMix64(0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void throwsWhenExhausted() {
    SequentialSampler s = new SequentialSampler(3, 1, new SplitMix64(0));
    s.nextLong();
    assertThat(s.hasNext()).isFalse();
    assertThatThrownBy(s::nextLong).isInstanceOf(NoSuchElementException.class);
  }

  private static void assertUniformOverSubsets(int population, int n, int trials) {
    Map<List<Long>, Integer> counts = new HashMap<>();
    for (int t = 0; t < trials; t++) {
      counts.merge(sample(population, n, t), 1, Integer::sum);
    }
    long subsets = binomial(population, n);
    assertThat(counts).hasSize((int) subsets);
    double expected = (double) trials / subsets;
    double chi = 0;
    for (int c : counts.values()) {
      chi += (c - expected) * (c - expected) / expected;
    }
    assertThat(chi).isLessThan(chiSquareCritical((int) subsets - 1));
  }

  private static long binomial(int n, int k) {
    long r = 1;
    for (int i = 1; i <= k; i++) {
      r = r * (n - k + i) / i;
    }
    return r;
  }
}
