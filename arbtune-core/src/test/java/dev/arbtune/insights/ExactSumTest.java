package dev.arbtune.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactSumTest {

  /** 20,000 values from 1e-12 to 1e12, both signs: a double sum depends on their order. */
  private static List<Double> wildValues() {
    Random random = new Random(17);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      double magnitude = Math.pow(10, random.nextInt(25) - 12);
      values.add((random.nextBoolean() ? 1 : -1) * random.nextDouble() * magnitude);
    }
    return values;
  }

  private static BigDecimal reference(List<Double> values, boolean squares) {
    BigDecimal sum = BigDecimal.ZERO;
    for (double x : values) {
      BigDecimal b = new BigDecimal(x);
      sum = sum.add(squares ? b.multiply(b) : b);
    }
    return sum;
  }

  @Test
  void sumIsExactWhateverTheOrderAndTheSplit() {
    List<Double> values = wildValues();
    BigDecimal expected = reference(values, false);
    double naiveForward = 0;
    for (double x : values) {
      naiveForward += x;
    }
    for (int seed = 0; seed < 3; seed++) {
      List<Double> shuffled = new ArrayList<>(values);
      Collections.shuffle(shuffled, new Random(seed));
      ExactSum a = new ExactSum();
      ExactSum b = new ExactSum();
      for (int i = 0; i < shuffled.size(); i++) {
        (i % (seed + 2) == 0 ? a : b).add(shuffled.get(i));
      }
      b.merge(a);
      assertThat(b.exact()).isEqualByComparingTo(expected);
      assertThat(b.partials()).isLessThan(40);
    }
    // (a plain double sum is not exact here, so the test means something)
    assertThat(new BigDecimal(naiveForward)).isNotEqualByComparingTo(expected);
  }

  @Test
  void squaresAreAddedExactly() {
    List<Double> values = wildValues();
    ExactSum s = new ExactSum();
    values.forEach(s::addSquare);
    assertThat(s.exact()).isEqualByComparingTo(reference(values, true));
  }

  @Test
  void cancellationLosesNothing() {
    ExactSum s = new ExactSum();
    s.add(1e16);
    s.add(1.0);
    s.add(-1e16);
    s.add(0.1);
    assertThat(s.exact()).isEqualByComparingTo(new BigDecimal(1.0).add(new BigDecimal(0.1)));
  }

  @Test
  void emptySumIsZero() {
    assertThat(new ExactSum().exact()).isEqualByComparingTo(BigDecimal.ZERO);
  }

  @Test
  void hugeOrNonFiniteInputsMakeTheSumUndefinedWhateverTheOrder() {
    ExactSum huge = new ExactSum();
    huge.add(1.0);
    huge.add(0x1p960);
    assertThat(huge.isDefined()).isFalse();
    assertThat(huge.exact()).isNull();
    ExactSum nan = new ExactSum();
    nan.add(Double.NaN);
    ExactSum merged = new ExactSum();
    merged.add(2.0);
    merged.merge(nan);
    assertThat(merged.isDefined()).isFalse();
    ExactSum square = new ExactSum();
    square.addSquare(0x1p480);
    assertThat(square.isDefined()).isFalse();
    ExactSum fine = new ExactSum();
    fine.addSquare(0x1p479);
    fine.add(-0x1p958);
    assertThat(fine.exact()).isEqualByComparingTo(BigDecimal.ZERO);
  }
}
