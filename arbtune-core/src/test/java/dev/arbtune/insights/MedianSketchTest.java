package dev.arbtune.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MedianSketchTest {

  @Test
  void isExactUpToTheLimit() {
    MedianSketch s = new MedianSketch();
    for (int i = MedianSketch.EXACT_LIMIT; i >= 1; i--) {
      s.add(i);
    }
    assertThat(s.isExact()).isTrue();
    assertThat(s.median()).isEqualTo((64 + 65) / 2.0);
    s.add(1000);
    assertThat(s.isExact()).isFalse();
  }

  @Test
  void oddCountTakesTheMiddleValue() {
    MedianSketch s = new MedianSketch();
    for (double x : new double[] {5, -1, 3}) {
      s.add(x);
    }
    assertThat(s.median()).isEqualTo(3.0);
  }

  @Test
  void emptyHasNoMedian() {
    assertThat(new MedianSketch().median()).isNaN();
  }

  @Test
  void estimatedMedianIsWithinOnePercentileOfTheTrueOne() {
    Random random = new Random(42);
    int n = 100_000;
    double[] values = new double[n];
    MedianSketch a = new MedianSketch();
    MedianSketch b = new MedianSketch();
    for (int i = 0; i < n; i++) {
      values[i] = random.nextGaussian() * 100 + (random.nextInt(10) == 0 ? 500 : 0);
      (i % 3 == 0 ? a : b).add(values[i]);
    }
    a.merge(b);
    Arrays.sort(values);
    double estimate = a.median();
    int rank = Arrays.binarySearch(values, estimate);
    int at = rank >= 0 ? rank : -rank - 1;
    assertThat(Math.abs(at / (double) n - 0.5)).isLessThan(0.01);
  }

  @Test
  void mergingExactSketchesStaysExact() {
    MedianSketch a = new MedianSketch();
    MedianSketch b = new MedianSketch();
    a.add(1);
    a.add(2);
    b.add(10);
    a.merge(b);
    assertThat(a.isExact()).isTrue();
    assertThat(a.median()).isEqualTo(2.0);
  }

  @Test
  void mergedLargeSketchesStillEstimateTheMedian() {
    Random random = new Random(3);
    for (int size : new int[] {1000, 20_000, 100_000}) {
      MedianSketch total = new MedianSketch();
      for (int part = 0; part < 4; part++) {
        MedianSketch s = new MedianSketch();
        for (int i = 0; i < size; i++) {
          s.add(random.nextGaussian() * (1 + part));
        }
        s.median();
        total.merge(s);
      }
      assertThat(total.median()).isBetween(-0.1, 0.1);
    }
  }

  @Test
  void estimatedMedianIsWithinTwoTenthsOfAPercentOfTheTrueOne() {
    Random random = new Random(8);
    for (int n : new int[] {129, 1000, 10_001}) {
      double[] values = new double[n];
      MedianSketch s = new MedianSketch();
      for (int i = 0; i < n; i++) {
        values[i] = 250 + random.nextGaussian() * 1000;
        s.add(values[i]);
      }
      Arrays.sort(values);
      double low = values[(n - 1) / 2];
      double high = values[n / 2];
      double bound = Math.max(Math.abs(low), Math.abs(high)) * 0x1p-9;
      assertThat(s.isExact()).isFalse();
      assertThat(s.median()).isBetween(low / 2 + high / 2 - bound, low / 2 + high / 2 + bound);
    }
  }

  @Test
  void sameValuesGiveTheSameMedianWhateverTheOrderAndTheSplit() {
    Random random = new Random(5);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      values.add(random.nextGaussian() * 77.7 + (i % 10 == 0 ? 400 : 0));
    }
    MedianSketch whole = new MedianSketch();
    values.forEach(whole::add);
    for (int parts = 2; parts <= 40; parts *= 3) {
      List<Double> shuffled = new ArrayList<>(values);
      Collections.shuffle(shuffled, new Random(parts));
      MedianSketch[] sketches = new MedianSketch[parts];
      for (int p = 0; p < parts; p++) {
        sketches[p] = new MedianSketch();
      }
      for (int i = 0; i < shuffled.size(); i++) {
        sketches[(i * 31 + i / 7) % parts].add(shuffled.get(i));
      }
      for (int p = 1; p < parts; p++) {
        sketches[0].merge(sketches[p]);
      }
      assertThat(Double.doubleToRawLongBits(sketches[0].median()))
          .as(parts + " parts")
          .isEqualTo(Double.doubleToRawLongBits(whole.median()));
    }
  }

  /** Values of two decimals (as the old generator drew them) and of all 53 bits, not subnormal. */
  static Stream<Arguments> aBucketStandsForItsValuesWithinTwoTenthsOfAPercent() {
    return Tries.of(
        1000,
        Gen.oneOf(Gen.decimals(-1e12, 1e12, 2), Gen.doubles(-1e12, 1e12))
            .filter(x -> x == 0 || Math.abs(x) >= Double.MIN_NORMAL));
  }

  @PropertyTest
  @MethodSource
  void aBucketStandsForItsValuesWithinTwoTenthsOfAPercent(double x) {
    double v = MedianSketch.value(MedianSketch.key(x));
    assertThat(Math.abs(v - x)).isLessThanOrEqualTo(Math.abs(x) * 0x1p-9);
  }

  /** Any two finite doubles (of all magnitudes, subnormal ones too, and of two decimals). */
  static Stream<Arguments> bucketsAreOrderedAsTheirValues() {
    Gen<Double> any =
        Gen.oneOf(Gen.doubles(-Double.MAX_VALUE, Double.MAX_VALUE), Gen.decimals(-1e6, 1e6, 2));
    return Tries.of(1000, any, any);
  }

  @PropertyTest
  @MethodSource
  void bucketsAreOrderedAsTheirValues(double x, double y) {
    double a = Math.min(x, y);
    double b = Math.max(x, y);
    assertThat(MedianSketch.key(a)).isLessThanOrEqualTo(MedianSketch.key(b));
  }
}
