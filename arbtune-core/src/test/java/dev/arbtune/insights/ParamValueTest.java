package dev.arbtune.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamValueTest {

  @Test
  void numbersAreEqualWhateverTheirSpelling() {
    assertThat(ParamValue.from(new BigDecimal("30.0")))
        .isEqualTo(ParamValue.from(30L))
        .isEqualTo(ParamValue.from(new BigDecimal("3E+1")));
    assertThat(ParamValue.from(-0.0)).isEqualTo(ParamValue.from(0L));
  }

  @Test
  void sortsNumbersThenBooleansThenTextThenNull() {
    List<ParamValue> values =
        new ArrayList<>(
            List.of(
                ParamValue.NULL,
                ParamValue.of("b.csv"),
                ParamValue.from(true),
                ParamValue.of(20),
                ParamValue.of("a.csv"),
                ParamValue.of(5)));
    Collections.sort(values);
    assertThat(values)
        .extracting(ParamValue::display)
        .containsExactly("5", "20", "true", "a.csv", "b.csv", "null");
  }

  @Test
  void displaysWholeNumbersWithoutDecimals() {
    assertThat(ParamValue.from(new BigDecimal("30.0")).display()).isEqualTo("30");
    assertThat(ParamValue.of(2.5).display()).isEqualTo("2.5");
    assertThat(ParamValue.from(Map.of("k", 1)).display()).isEqualTo("{\"k\":1}");
  }

  @Test
  void hashIgnoresKeyOrderAndTag() {
    long h1 = Hashing.vector(Map.of("a", 1L, "b", "x", "tag", "s1"));
    long h2 = Hashing.vector(new java.util.TreeMap<>(Map.of("b", "x", "a", 1.0, "tag", "s2")));
    assertThat(h1).isEqualTo(h2);
    assertThat(Hashing.vector(Map.of("a", 2L, "b", "x"))).isNotEqualTo(h1);
  }
}
