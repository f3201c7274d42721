package dev.arbtune.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PnlDistributionTest {

  private static PnlDistribution of(int n) {
    double[] pnls = new double[n];
    for (int i = 0; i < n; i++) {
      pnls[i] = i * 1.5 - 100;
    }
    return PnlDistribution.of(pnls);
  }

  @Test
  void binsFollowRicesRuleBetweenFiveAndForty() {
    assertThat(of(1000).counts()).hasSize(20); // ceil(2 x 10)
    assertThat(of(50).counts()).hasSize(8); // ceil(2 x 3.68)
    assertThat(of(8).counts()).hasSize(5); // ceil(2 x 2) = 4, at least 5
    assertThat(of(100_000).counts()).hasSize(40); // ceil(2 x 46.4) = 93, at most 40
  }

  @Test
  void equalWidthBinsFromTheLowestToTheHighestHoldEveryJob() {
    PnlDistribution d = of(50);
    double[] edges = d.edges();
    assertThat(edges[0]).isEqualTo(-100.0);
    assertThat(edges[edges.length - 1]).isEqualTo(-100 + 49 * 1.5);
    assertThat(Arrays.stream(d.counts()).sum()).isEqualTo(50);
    assertThat(d.median()).isEqualTo(-100 + 24.5 * 1.5);
  }

  @Test
  void oneValueMakesOneBin() {
    PnlDistribution d = PnlDistribution.of(new double[] {3, 3, 3});
    assertThat(d.counts()).containsExactly(3);
    assertThat(d.interquartileRange()).isZero();
  }

  @Test
  void pnlsAtBothEndsOfTheDoublesGetFiniteEdgesAndBinsAtTheEnds() {
    double max = Double.MAX_VALUE;
    PnlDistribution d = PnlDistribution.of(new double[] {-max, 0, 0, 0, max});
    assertThat(Arrays.stream(d.edges()).allMatch(Double::isFinite)).isTrue();
    long[] counts = d.counts();
    assertThat(counts[0]).isEqualTo(1);
    assertThat(counts[counts.length - 1]).isEqualTo(1);
    assertThat(Arrays.stream(counts).sum()).isEqualTo(5);
  }
}
