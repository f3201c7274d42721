package dev.arbtune.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

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
    // (the report over 1,000,000 jobs hit a buffer overflow in t-digest 3.3 add(List<TDigest>))
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
}
