package dev.arbtune.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParamGridTest {

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Test
  void keepsExplicitValuesInTheOrderGiven() {
    ParamGrid g = ParamGrid.of("min_spread_bps", d("40"), d("20"), d("30"));
    assertThat(g.values()).containsExactly(d("40"), d("20"), d("30"));
    assertThat(g.size()).isEqualTo(3);
    assertThat(g.isRange()).isFalse();
  }

  @Test
  void copiesTheListItIsGiven() {
    List<BigDecimal> values = new ArrayList<>(List.of(d("1"), d("2")));
    ParamGrid g = new ParamGrid("slippage_bps", values);
    values.add(d("3"));
    assertThat(g.values()).containsExactly(d("1"), d("2"));
  }

  @Test
  void rangeIncludesStopWhenTheStepLandsOnIt() {
    ParamGrid g = ParamGrid.range("slippage_bps", d("1"), d("7"), d("2"));
    assertThat(g.values()).containsExactly(d("1"), d("3"), d("5"), d("7"));
    assertThat(g.isRange()).isTrue();
  }

  @Test
  void rangeStopsBeforeStopWhenTheStepOvershootsIt() {
    ParamGrid g = ParamGrid.range("slippage_bps", d("1"), d("8"), d("2"));
    assertThat(g.values()).containsExactly(d("1"), d("3"), d("5"), d("7"));
  }

  @Test
  void rangeOfDecimalsHasNoFloatingPointDrift() {
    ParamGrid g = ParamGrid.range("min_spread_bps", d("0.1"), d("0.3"), d("0.1"));
    assertThat(g.values()).hasSize(3);
    assertThat(g.values().get(2).doubleValue()).isEqualTo(0.3);
  }

  @Test
  void rangeWithStopEqualToStartHasOneValue() {
    assertThat(ParamGrid.range("slippage_bps", d("5"), d("5"), d("1")).values())
        .containsExactly(d("5"));
  }

  @Test
  void hugeRangeIsNotMaterialised() {
    ParamGrid g = ParamGrid.range("min_spread_bps", d("0"), d("1000000"), d("0.001"));
    assertThat(g.size()).isEqualTo(1_000_000_001);
    assertThat(g.values().get(1_000_000_000)).isEqualByComparingTo(d("1000000"));
    assertThat(g.toString()).hasSizeLessThan(200);
  }

  static Stream<Arguments> rangeHasEveryStepFromStartUpToStop() {
    return Tries.of(200, Gen.ints(-1000, 1000), Gen.ints(0, 500), Gen.ints(1, 50));
  }

  @PropertyTest
  @MethodSource
  void rangeHasEveryStepFromStartUpToStop(int start, int span, int step) {
    ParamGrid g =
        ParamGrid.range(
            "min_spread_bps",
            BigDecimal.valueOf(start),
            BigDecimal.valueOf(start + span),
            BigDecimal.valueOf(step));
    List<BigDecimal> expected = new ArrayList<>();
    for (int v = start; v <= start + span; v += step) {
      expected.add(BigDecimal.valueOf(v));
    }
    assertThat(g.values()).isEqualTo(expected);
  }

  @Test
  void rejectsAStepThatIsZeroOrNegative() {
    for (String step : new String[] {"0", "-2"}) {
      assertThatThrownBy(() -> ParamGrid.range("slippage_bps", d("1"), d("7"), d(step)))
          .isInstanceOfSatisfying(
              SessionConfigException.class,
              e -> {
                assertThat(e.field()).isEqualTo("range.step");
                assertThat(e.problem()).contains("must be > 0");
              });
    }
  }

  @Test
  void rejectsAStopBelowStart() {
    assertThatThrownBy(() -> ParamGrid.range("slippage_bps", d("7"), d("1"), d("2")))
        .isInstanceOfSatisfying(
            SessionConfigException.class, e -> assertThat(e.field()).isEqualTo("range.stop"));
  }

  @Test
  void rejectsARangeWithMoreThanTheMaximumNumberOfValues() {
    assertThatThrownBy(() -> ParamGrid.range("slippage_bps", d("0"), d("1e12"), d("1")))
        .isInstanceOfSatisfying(
            SessionConfigException.class, e -> assertThat(e.field()).isEqualTo("range"));
  }

  @Test
  void rejectsAnUnknownFieldSuggestingTheClosestOne() {
    assertThatThrownBy(() -> ParamGrid.of("min_spred_bps", d("1")))
        .isInstanceOfSatisfying(
            SessionConfigException.class,
            e -> {
              assertThat(e.field()).isEqualTo("name");
              assertThat(e.problem()).contains("did you mean min_spread_bps?");
            });
  }

  @Test
  void rejectsANonNumericRunnerField() {
    assertThatThrownBy(() -> ParamGrid.of("data_file", d("1")))
        .isInstanceOfSatisfying(
            SessionConfigException.class,
            e -> assertThat(e.problem()).startsWith("data_file cannot be varied"));
  }

  @Test
  void rejectsNoValues() {
    assertThatThrownBy(() -> new ParamGrid("slippage_bps", List.of()))
        .isInstanceOfSatisfying(
            SessionConfigException.class, e -> assertThat(e.field()).isEqualTo("values"));
  }

  @Test
  void rejectsTheSameNumberTwiceEvenWrittenDifferently() {
    assertThatThrownBy(() -> ParamGrid.of("slippage_bps", d("1"), d("2"), d("1.00")))
        .isInstanceOfSatisfying(
            SessionConfigException.class,
            e -> {
              assertThat(e.field()).isEqualTo("values[2]");
              assertThat(e.problem()).contains("values[0]");
            });
  }

  @Test
  void describesValuesForPeopleAndShortensLongLists() {
    assertThat(ParamGrid.of("min_spread_bps", d("20"), d("3E+1"), d("40.50")).describeValues(10))
        .isEqualTo("20, 30, 40.5");
    assertThat(ParamGrid.range("slippage_bps", d("1"), d("7"), d("2")).describeValues(2))
        .isEqualTo("1 to 7 step 2: 1, 3, …");
  }
}
