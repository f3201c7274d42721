package dev.arbtune.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class AxisScaleTest {

  /** Finite edge values: the extremes of double, powers that broke XChart, and ordinary ones. */
  static final double[] EDGES = {
    -Double.MAX_VALUE,
    -1e300,
    -1e20,
    -1e15,
    -7e8,
    -1,
    -1e-300,
    -Double.MIN_VALUE,
    0,
    Double.MIN_VALUE,
    1e-300,
    1e-9,
    0.5,
    1,
    1 + 1e-15,
    5,
    250,
    1e12,
    1e14,
    1e15,
    1e15 + 0.125,
    1e20,
    1e300,
    Double.MAX_VALUE
  };

  @Test
  void drawableAcceptsOrdinaryRangesAndSingleValues() {
    assertThat(AxisScale.drawable(-50, 250)).isTrue();
    assertThat(AxisScale.drawable(0, 0)).isTrue();
    assertThat(AxisScale.drawable(5, 5)).isTrue();
    assertThat(AxisScale.drawable(Double.MIN_VALUE, Double.MIN_VALUE)).isTrue();
    assertThat(AxisScale.drawable(-1e12, 1e12)).isTrue();
    assertThat(AxisScale.drawable(0.001, 0.002)).isTrue();
  }

  @Test
  void drawableRefusesWhatXChartCannotDraw() {
    assertThat(AxisScale.drawable(-Double.MAX_VALUE, Double.MAX_VALUE)).isFalse();
    assertThat(AxisScale.drawable(Double.MAX_VALUE, Double.MAX_VALUE)).isFalse();
    assertThat(AxisScale.drawable(0, 1e15)).isFalse(); // "1,000,000,000,000,000" is 21 characters
    assertThat(AxisScale.drawable(1e20, 1e20)).isFalse();
    assertThat(AxisScale.drawable(0, Double.MIN_VALUE)).isFalse();
    assertThat(AxisScale.drawable(0, 1e-300)).isFalse();
    assertThat(AxisScale.drawable(1, 1 + 1e-15)).isFalse(); // narrow for its magnitude
    assertThat(AxisScale.drawable(5, 4)).isFalse();
    assertThat(AxisScale.drawable(0, Double.POSITIVE_INFINITY)).isFalse();
    assertThat(AxisScale.drawable(Double.NaN, 1)).isFalse();
  }

  @Test
  void ordinaryRangesAreDrawnAsTheyAre() {
    AxisScale s = AxisScale.of(-50, 250);
    assertThat(s).isEqualTo(new AxisScale(0, -50, 250, false));
    assertThat(s.apply(12.5)).isEqualTo(12.5);
    assertThat(s.unit("USD")).isEqualTo("USD");
  }

  @Test
  void largeAndTinyValuesAreShownInAPowerOfTenNamedInTheUnit() {
    AxisScale big = AxisScale.of(0, 1e15);
    assertThat(big.exponent()).isEqualTo(15);
    assertThat(big.apply(1e15)).isEqualTo(1.0);
    assertThat(big.unit("USD")).isEqualTo("USD \u00d7 10^15");
    AxisScale tiny = AxisScale.of(0, 2e-300);
    assertThat(tiny.exponent()).isEqualTo(-300);
    assertThat(tiny.apply(2e-300)).isEqualTo(2.0);
    AxisScale all = AxisScale.of(-Double.MAX_VALUE, Double.MAX_VALUE);
    assertThat(all.exponent()).isEqualTo(306);
    assertThat(all.max()).isBetween(179.0, 180.0);
    assertThat(AxisScale.of(0, Double.MIN_VALUE).apply(Double.MIN_VALUE)).isBetween(4.0, 5.0);
  }

  @Test
  void aRangeTooNarrowForItsMagnitudeGetsFixedBoundsAroundItsMiddle() {
    AxisScale s = AxisScale.of(1e15, 1e15 + 0.125);
    assertThat(s.fixedBounds()).isTrue();
    assertThat(s.exponent()).isEqualTo(15);
    assertThat(s.min()).isLessThan(1.0);
    assertThat(s.max()).isGreaterThan(1.0);
  }

  @Test
  void ofRefusesInfiniteValues() {
    assertThatThrownBy(() -> AxisScale.of(0, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Every range of two finite edge values becomes a drawable one that holds both values, and
   * XChart's tick search over it (replayed below) ends after a bounded number of attempts, each
   * with a bounded number of ticks.
   */
  @Test
  void everyFiniteRangeBecomesDrawableAndXChartsTickSearchEnds() {
    for (double lo : EDGES) {
      for (double hi : EDGES) {
        if (lo > hi) {
          continue;
        }
        AxisScale s = AxisScale.of(lo, hi);
        String range = "[" + lo + ", " + hi + "]";
        assertThat(AxisScale.drawable(s.min(), s.max())).as(range).isTrue();
        assertThat(s.apply(lo)).as(range).isBetween(s.min(), s.max());
        assertThat(s.apply(hi)).as(range).isBetween(s.min(), s.max());
        for (double tickSpace : new double[] {150, 300, 650}) {
          assertThat(tickSearchAttempts(s.min(), s.max(), tickSpace)).as(range).isPositive();
        }
      }
    }
  }

  /** The replay is faithful enough to show the hang: a PnL of 10^15 has 21-character labels. */
  @Test
  void tickSearchOverRawValuesOfTenToTheFifteenNeverEnds() {
    assertThat(tickSearchAttempts(0, 1e14, 300)).isPositive();
    assertThat(tickSearchAttempts(0, 1e15, 300)).isEqualTo(-1);
    assertThat(tickSearchAttempts(1e15, 1e15 + 0.125, 300)).isEqualTo(-1);
  }

  /**
   * XChart 4.0.3's tick search (AxisTickCalculator_.calculate) with the report's axis pattern:
   * attempt after attempt, with a spacing hint 5 pixels larger each time, a step of 1, 2, 5 or 10
   * times a power of ten near {@code span / tickSpace * hint}, ticks from a step below the minimum
   * to two steps past the maximum; it ends when the labels are distinct, at most 20 characters, and
   * at least 7 pixels per character apart. Returns the number of attempts, or -1 when 10,000 did
   * not end it (or an attempt had more than 1,000 ticks).
   */
  static int tickSearchAttempts(double min, double max, double tickSpace) {
    DecimalFormat format =
        new DecimalFormat(
            Charts.axisPattern(max - min), DecimalFormatSymbols.getInstance(Locale.ROOT));
    if (min == max) {
      return format.format(max).length() <= 20 ? 1 : -1;
    }
    double span = max - min;
    int hint = 74; // XChart's default spacing hint
    for (int attempt = 1; attempt <= 10_000; attempt++, hint += 5) {
      double significand = span / tickSpace * hint;
      int exponent = 0;
      while (significand < 1) {
        significand *= 10;
        exponent--;
      }
      while (significand >= 10) {
        significand /= 10;
        exponent++;
      }
      double m = significand > 7.5 ? 10 : significand > 3.5 ? 5 : significand > 1.5 ? 2 : 1;
      BigDecimal step = new BigDecimal(m).scaleByPowerOfTen(exponent).round(MathContext.DECIMAL64);
      double pixels = step.doubleValue() / span * tickSpace;
      double first = min - (min % step.doubleValue()) - step.doubleValue();
      BigDecimal end = BigDecimal.valueOf(max + 2 * step.doubleValue());
      List<String> labels = new ArrayList<>();
      for (BigDecimal v = BigDecimal.valueOf(first); v.compareTo(end) < 0; v = v.add(step)) {
        labels.add(format.format(v.doubleValue()));
        if (labels.size() > 1000) {
          return -1;
        }
      }
      int longest = labels.stream().mapToInt(String::length).max().orElse(0);
      if (new HashSet<>(labels).size() == labels.size() && longest <= 20 && pixels >= 7 * longest) {
        return attempt;
      }
    }
    return -1;
  }
}
