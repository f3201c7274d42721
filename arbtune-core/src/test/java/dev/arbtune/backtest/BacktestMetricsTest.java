package dev.arbtune.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.math.BigDecimal;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BacktestMetricsTest {

  private static BacktestMetrics sample(Double profitFactor, Double sharpe) {
    return new BacktestMetrics(
        3,
        2,
        1,
        10001.123456789,
        1.123456789,
        0.0300349700149925,
        0.5,
        0.5617283945,
        -0.25,
        2.0054960019990005,
        profitFactor,
        1.23456789,
        sharpe,
        2.5,
        29575,
        1087,
        false);
  }

  @Test
  void mapPutsTheSeedMetricsFirstWithRuntimeInItsSeedPlace() {
    Map<String, Object> m = sample(1.5, 0.3).toMap(0.12345);

    assertThat(m.keySet()).containsExactlyElementsOf(BacktestMetrics.KEYS);
    assertThat(BacktestMetrics.KEYS.subList(0, 9))
        .containsExactly(
            "total_trades",
            "closed_trades",
            "open_trades",
            "final_balance_usd",
            "realized_pnl_usd",
            "max_drawdown_pct",
            "win_rate",
            "avg_pnl_per_trade_usd",
            "runtime_seconds");
  }

  @Test
  void mapRoundsAmountsKeepsCountsIntegralAndUndefinedRatiosNull() {
    Map<String, Object> m = sample(null, null).toMap(0.12345);

    assertThat(m.get("total_trades")).isEqualTo(3);
    assertThat(m.get("quotes_processed")).isEqualTo(29575L);
    assertThat(m.get("final_balance_usd")).isEqualTo(10001.123457);
    assertThat(m.get("max_drawdown_pct")).isEqualTo(0.030035);
    assertThat(m.get("runtime_seconds")).isEqualTo(0.123);
    assertThat(m.get("avg_holding_seconds")).isEqualTo(2.5);
    assertThat(m.get("profit_factor")).isNull();
    assertThat(m).containsKey("sharpe_per_trade");
    assertThat(m.get("sharpe_per_trade")).isNull();
    assertThat(m.get("stopped_on_drawdown")).isEqualTo(false);
  }

  @Test
  void refusesInconsistentCounts() {
    assertThatThrownBy(
            () -> new BacktestMetrics(3, 1, 1, 0, 0, 0, 0, 0, 0, 0, null, 0, null, 0, 10, 0, false))
        .hasMessageContaining("closed + open");
    assertThatThrownBy(
            () -> new BacktestMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, null, 0, 1, 2, false))
        .hasMessageContaining("quotes_skipped");
  }

  static Stream<Arguments> roundingGivesWhatTheDecimalArithmeticGives() {
    return Tries.of(
        3000,
        Gen.oneOf(
            Gen.doubles(-1e18, 1e18),
            Gen.longs(-(1L << 54), 1L << 54).map(Long::doubleValue),
            Gen.longs(-100_000, 100_000).map(n -> n / 2.0),
            Gen.of(-0.0, 0.0, 0x1p53, -0x1p53, 0x1p53 - 1, 1e15, Double.NaN)),
        Gen.of(0, 3, 6));
  }

  /**
   * The shortcuts (whole numbers, the fast path) give exactly (bits, so -0.0 too) what BigDecimal
   * gives.
   */
  @PropertyTest
  @MethodSource
  void roundingGivesWhatTheDecimalArithmeticGives(double value, int places) {
    assertThat(Double.doubleToRawLongBits(BacktestMetrics.round(value, places)))
        .isEqualTo(Double.doubleToRawLongBits(BacktestMetrics.roundDecimal(value, places)));
  }

  /** A value and the places to round it to. */
  private record Case(double value, int places) {}

  /** n with a bit length drawn uniformly from 1..bits, so that short and long decimals come up. */
  private static long digits(SplittableRandom r, int bits) {
    return r.nextLong(1L << r.nextInt(1, bits + 1));
  }

  /** {@code value} moved by up to {@code ulps} ulps either way. */
  private static double nudge(SplittableRandom r, double value, int ulps) {
    double v = value;
    int steps = r.nextInt(-ulps, ulps + 1);
    for (int i = 0; i < Math.abs(steps); i++) {
      v = steps > 0 ? Math.nextUp(v) : Math.nextDown(v);
    }
    return v;
  }

  /** Doubles of every exponent, NaN and infinities included, at 0..22 places. */
  private static final Gen<Case> RANDOM_BITS =
      s -> new Case(Double.longBitsToDouble(s.random().nextLong()), s.random().nextInt(23));

  /**
   * Decimals n / 10^p and decimal ties (n + ½) / 10^p (2.675 at 2 places, 1.0000005 at 6), a few
   * ulps off or not, either sign, rounded at p places (sometimes at p ± 1).
   */
  private static final Gen<Case> NEAR_DECIMALS =
      s -> {
        SplittableRandom r = s.random();
        int p = r.nextInt(4) == 0 ? r.nextInt(23) : r.nextInt(11);
        long n = digits(r, 50);
        BigDecimal d =
            r.nextBoolean() ? BigDecimal.valueOf(2 * n + 1, p + 1) : BigDecimal.valueOf(n, p);
        double v = nudge(r, d.doubleValue(), r.nextInt(4) == 0 ? 0 : 3);
        int places = r.nextInt(5) == 0 ? Math.min(22, Math.max(0, p + r.nextInt(-1, 2))) : p;
        return new Case(r.nextBoolean() ? v : -v, places);
      };

  /**
   * What the metrics are: amounts with 6 decimals, their sums, differences and means, percents,
   * fractions and ratios of them, counts, seconds; at 6 places (3 for seconds).
   */
  private static final Gen<Case> METRIC_LIKE =
      s -> {
        SplittableRandom r = s.random();
        double a = (r.nextBoolean() ? 1 : -1) * digits(r, 44) / 1e6;
        double b = digits(r, 44) / 1e6 + 1e-6;
        int n = 1 + r.nextInt(1000);
        return switch (r.nextInt(8)) {
          case 0 -> new Case(a, 6);
          case 1 -> new Case(10_000 + a + b, 6);
          case 2 -> new Case(a / n, 6);
          case 3 -> new Case(100 * Math.abs(a) / (Math.abs(a) + b), 6);
          case 4 -> new Case((double) r.nextInt(n) / n, 6);
          case 5 -> new Case(a / b, 6);
          case 6 -> new Case(r.nextLong(1L << 40) / (double) n / 1e6, 3);
          default -> new Case(0.1 * r.nextInt(100) + 0.2 * r.nextInt(100), 6);
        };
      };

  /** Huge, tiny and subnormal magnitudes, either sign, at 0..22 places. */
  private static final Gen<Case> HUGE_AND_TINY =
      s -> {
        SplittableRandom r = s.random();
        double m = Math.scalb(1.0 + r.nextDouble(), r.nextInt(Double.MIN_EXPONENT - 52, 1024));
        return new Case(r.nextBoolean() ? m : -m, r.nextInt(23));
      };

  private static final Map<String, Gen<Case>> SHAPES =
      Map.of(
          "random bits", RANDOM_BITS,
          "near decimals", NEAR_DECIMALS,
          "metric-like", METRIC_LIKE,
          "huge and tiny", HUGE_AND_TINY);

  /** 10^p for p = 0..22 (exact doubles). */
  private static final double[] POWERS =
      IntStream.rangeClosed(0, 22).mapToDouble(p -> BigDecimal.TEN.pow(p).doubleValue()).toArray();

  /** Rounding a product to an integer with no margin: what the fast path must not be. */
  private static double naive(double value, int places) {
    double scale = POWERS[places];
    double r = Math.rint(value * scale) / scale;
    return r == 0 ? 0.0 : r;
  }

  static Stream<Arguments> theFastPathGivesWhatTheDecimalArithmeticGivesWhereItApplies() {
    return Tries.of(
        40, Gen.of(SHAPES.keySet().stream().sorted().toArray(String[]::new)), Gen.longs());
  }

  /**
   * 50,000 values of one shape per try (2 million in all): where {@code roundFast} answers, it is
   * the decimal arithmetic to the bit, and so is {@code round} everywhere. Each path is taken in a
   * good share of the shapes that should take it, and among the near decimals some products round
   * the other way than their decimals do (a fast path without a margin would get them wrong): all
   * of those take the decimal arithmetic.
   */
  @PropertyTest
  @MethodSource
  void theFastPathGivesWhatTheDecimalArithmeticGivesWhereItApplies(String shape, long seed) {
    Gen<Case> gen = SHAPES.get(shape);
    Gen.Source source = new Gen.Source(seed);
    int n = 50_000;
    int fast = 0;
    int marginCritical = 0;
    for (int i = 0; i < n; i++) {
      Case c = gen.draw(source);
      long expected =
          Double.doubleToRawLongBits(BacktestMetrics.roundDecimal(c.value(), c.places()));
      double f = BacktestMetrics.roundFast(c.value(), c.places());
      boolean applies = !Double.isNaN(f);
      long rounded = Double.doubleToRawLongBits(BacktestMetrics.round(c.value(), c.places()));
      // AssertJ only on a mismatch: two million descriptions would cost most of the time
      if (applies && Double.doubleToRawLongBits(f) != expected || rounded != expected) {
        assertThat(Double.doubleToRawLongBits(f))
            .as("fast path for %s at %d places", c.value(), c.places())
            .isIn(expected, Double.doubleToRawLongBits(Double.NaN));
        assertThat(rounded).as("%s at %d places", c.value(), c.places()).isEqualTo(expected);
      }
      fast += applies ? 1 : 0;
      // what a fast path without a margin would take and get wrong (this one declined them all)
      if (Double.isFinite(c.value())
          && Math.abs(c.value() * POWERS[c.places()]) < 0x1p47
          && Double.doubleToRawLongBits(naive(c.value(), c.places())) != expected) {
        marginCritical++;
      }
    }
    int fallback = n - fast;
    switch (shape) {
      case "metric-like" -> assertThat(fast).isGreaterThan(n * 97 / 100);
      case "near decimals" -> {
        assertThat(fast).isGreaterThan(n / 3);
        assertThat(fallback).isGreaterThan(n / 20);
        assertThat(marginCritical).isGreaterThan(n / 2500);
      }
      default -> {
        assertThat(fast).isGreaterThan(n / 5);
        assertThat(fallback).isGreaterThan(n / 5);
      }
    }
  }

  /**
   * Values whose product with 10^places lands on the other side of a half than their decimal string
   * ({@code 0.33499999999999996 · 100} is the double 33.5; 1.0000005 is a decimal tie, {@code
   * 1.0000005 · 10^6} the double 1000000.5000000001): rounding the product would be wrong, the fast
   * path declines them, and the decimal arithmetic gives the reference's digits.
   */
  @Test
  void nearTiesWhereTheProductRoundsTheOtherWayTakeTheDecimalArithmetic() {
    double[][] cases = {
      {0.33499999999999996, 2, 0.33},
      {0.0014874999999999999, 6, 0.001487},
      {141545.47149999999, 3, 141545.471},
      {1.0000005, 6, 1.0},
      {0.545, 2, 0.54},
      {1.255e-4, 6, 1.26e-4},
      {1.5e-4, 4, 2e-4},
    };
    for (double[] c : cases) {
      for (double sign : new double[] {1, -1}) {
        double value = sign * c[0];
        int places = (int) c[1];
        double expected = sign * c[2];
        assertThat(naive(value, places)).as("the product of %s", value).isNotEqualTo(expected);
        assertThat(BacktestMetrics.roundFast(value, places)).as("%s", value).isNaN();
        assertThat(BacktestMetrics.round(value, places)).as("%s", value).isEqualTo(expected);
        assertThat(BacktestMetrics.roundDecimal(value, places)).isEqualTo(expected);
      }
    }
  }

  /** Zeros of either sign, tiny values and the largest products the fast path takes. */
  @Test
  void theFastPathsEdges() {
    assertThat(Double.doubleToRawLongBits(BacktestMetrics.roundFast(-0.0, 6))).isZero();
    assertThat(Double.doubleToRawLongBits(BacktestMetrics.roundFast(-1e-7, 6))).isZero();
    assertThat(BacktestMetrics.roundFast(Double.MIN_VALUE, 22)).isEqualTo(0.0);
    assertThat(BacktestMetrics.roundFast(-4.9999999e-7, 6)).isEqualTo(0.0);
    assertThat(BacktestMetrics.roundFast(-5.000001e-7, 6)).isEqualTo(-1e-6);
    assertThat(BacktestMetrics.roundFast(1e8 + 0.25, 6)).isEqualTo(1e8 + 0.25);
    assertThat(BacktestMetrics.roundFast(0x1p47 / 1e6, 6)).isNaN();
    assertThat(BacktestMetrics.roundFast(1e300, 6)).isNaN();
    assertThat(BacktestMetrics.roundFast(Double.POSITIVE_INFINITY, 6)).isNaN();
    assertThat(BacktestMetrics.roundFast(Double.NaN, 6)).isNaN();
    assertThat(BacktestMetrics.roundFast(1.5, 23)).isNaN();
    assertThat(BacktestMetrics.roundFast(1.5, -1)).isNaN();
    assertThat(BacktestMetrics.round(1.5, 23)).isEqualTo(1.5);
    assertThat(BacktestMetrics.round(15, -1)).isEqualTo(20.0);
  }
}
