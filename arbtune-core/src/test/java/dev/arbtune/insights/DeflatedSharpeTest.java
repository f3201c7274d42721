package dev.arbtune.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DeflatedSharpeTest {

  /**
   * The numerical example of Bailey and López de Prado (2014), section "A numerical example": a
   * strategy with an annualised Sharpe ratio of 2.5 over 5 years of daily returns (T = 1250, 250
   * per year), skewness -3 and kurtosis 10, selected from N = 100 trials whose annualised Sharpe
   * ratios have variance 1/2. The paper reports an expected maximum of about 0.1132 per day
   * (annualised about 1.79) and DSR = 0.9004: not significant at 95%.
   */
  @Test
  void reproducesThePublishedWorkedExample() {
    double perYear = 250;
    double sharpe = 2.5 / Math.sqrt(perYear);
    double variance = 0.5 / perYear;
    double benchmark = DeflatedSharpe.expectedMaxSharpe(variance, 100);
    assertThat(benchmark).isCloseTo(0.1132, within(5e-5));
    double dsr = DeflatedSharpe.deflatedSharpe(sharpe, 1250, -3, 10, variance, 100);
    assertThat(dsr).isCloseTo(0.9004, within(5e-4));
    assertThat(dsr).isLessThan(0.95);
  }

  @Test
  void expectedMaximumFollowsTheFormulaWithEulerMascheroni() {
    // Phi^-1(1 - 1/10) = 1.2815515655, Phi^-1(1 - 1/(10 e)) = 1.7892417646 (computed outside
    // Java, with Python's statistics.NormalDist)
    double expected = 2 * ((1 - 0.5772156649) * 1.2815515655 + 0.5772156649 * 1.7892417646);
    assertThat(DeflatedSharpe.expectedMaxSharpe(4.0, 10)).isCloseTo(expected, within(1e-8));
  }

  @Test
  void aSingleTrialHasNoSelectionBias() {
    assertThat(DeflatedSharpe.expectedMaxSharpe(1.0, 1)).isZero();
  }

  @Test
  void moreTrialsRaiseTheBarAndLowerTheDeflatedSharpe() {
    double few = DeflatedSharpe.deflatedSharpe(0.2, 300, 0, 3, 0.01, 10);
    double many = DeflatedSharpe.deflatedSharpe(0.2, 300, 0, 3, 0.01, 10_000);
    assertThat(many).isLessThan(few);
    assertThat(DeflatedSharpe.expectedMaxSharpe(0.01, 10_000))
        .isGreaterThan(DeflatedSharpe.expectedMaxSharpe(0.01, 10));
  }

  @Test
  void probabilisticSharpeIsOneHalfAtTheBenchmark() {
    assertThat(DeflatedSharpe.probabilisticSharpe(0.3, 0.3, 100, -1, 6))
        .isCloseTo(0.5, within(1e-15));
  }

  @Test
  void probabilisticSharpeOfNormalReturnsMatchesTheClosedForm() {
    // (0.1 - 0) * sqrt(100) / sqrt(1 + 0.5 * 0.01) = 0.99751; Phi(0.99751) = 0.84074 (tables)
    assertThat(DeflatedSharpe.probabilisticSharpe(0.1, 0.0, 101, 0, 3))
        .isCloseTo(0.84074, within(5e-5));
  }

  @Test
  void cannotBeComputedFromFewerThanTwoObservationsOrInconsistentMoments() {
    assertThat(DeflatedSharpe.probabilisticSharpe(0.1, 0.0, 1, 0, 3)).isNaN();
    // 1 - 10 * 0.5 + 0 < 0
    assertThat(DeflatedSharpe.probabilisticSharpe(0.5, 0.0, 50, 10, 1)).isNaN();
  }

  @Test
  void rejectsNegativeVarianceAndNoTrials() {
    assertThatThrownBy(() -> DeflatedSharpe.expectedMaxSharpe(-1, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("variance");
    assertThatThrownBy(() -> DeflatedSharpe.expectedMaxSharpe(1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trials");
  }
}
