package dev.arbtune.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MomentsTest {

  @Test
  void meanAndVarianceAreExactEvenFarFromZero() {
    // 1e9 + 1, 1e9 + 2, 1e9 + 3: mean 1e9 + 2, sample variance 1 (a naive sum of squares, about
    // 3e18, keeps no digit of it)
    Moments m = new Moments();
    for (int i = 1; i <= 3; i++) {
      m.add(1e9 + i);
    }
    assertThat(m.mean()).isEqualTo(1e9 + 2);
    assertThat(m.sampleVariance()).isEqualTo(1.0);
    assertThat(m.sumOfSquaredDeviations()).isEqualByComparingTo("2");
  }

  @Test
  void mergedMomentsAreThoseOfAllValues() {
    Moments a = new Moments();
    Moments b = new Moments();
    a.add(0.1);
    a.add(0.2);
    b.add(0.7);
    a.merge(b);
    assertThat(a.count).isEqualTo(3);
    assertThat(a.mean()).isCloseTo(1.0 / 3, within(1e-16));
    // deviations -7/30, -4/30, 11/30: squares sum to 186/900, / 2
    assertThat(a.sampleVariance()).isCloseTo(186.0 / 900 / 2, within(1e-16));
  }

  @Test
  void varianceNeedsTwoValuesAndMeanOne() {
    Moments m = new Moments();
    assertThat(m.mean()).isNaN();
    m.add(5);
    assertThat(m.mean()).isEqualTo(5.0);
    assertThat(m.sampleVariance()).isNaN();
  }
}
