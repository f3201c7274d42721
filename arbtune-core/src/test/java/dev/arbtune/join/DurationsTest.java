package dev.arbtune.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void readsAWholeNumberAndAUnitOrIso8601() {
    assertThat(Durations.parseMicros("100us")).isEqualTo(100);
    assertThat(Durations.parseMicros("250ms")).isEqualTo(250_000);
    assertThat(Durations.parseMicros("5s")).isEqualTo(5_000_000);
    assertThat(Durations.parseMicros("2m")).isEqualTo(120_000_000);
    assertThat(Durations.parseMicros("6h")).isEqualTo(21_600_000_000L);
    assertThat(Durations.parseMicros("1d")).isEqualTo(86_400_000_000L);
    assertThat(Durations.parseMicros("0s")).isZero();
    assertThat(Durations.parseMicros("PT5S")).isEqualTo(5_000_000);
    assertThat(Durations.parseMicros("pt0.25s")).isEqualTo(250_000);
  }

  @Test
  void noneIsNoLimit() {
    assertThat(Durations.parseLimitMicros("none")).isEqualTo(Long.MAX_VALUE);
    assertThat(Durations.parseLimitMicros("NONE")).isEqualTo(Long.MAX_VALUE);
    assertThat(Durations.parseLimitMicros("600s")).isEqualTo(600_000_000L);
  }

  @Test
  void anythingElseIsRefusedNamingTheAcceptedForms() {
    for (String bad :
        new String[] {"5", "5 sec", "-5s", "PT-5S", "1.5s", "", "none", "9999999999999999d"}) {
      assertThatThrownBy(() -> Durations.parseMicros(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("invalid duration '" + bad + "'")
          .hasMessageContaining("e.g. 5s or 250ms");
    }
  }

  @Test
  void formatsForPeople() {
    assertThat(Durations.format(0)).isEqualTo("0s"); // as --max-staleness 0s is written
    assertThat(Durations.format(125)).isEqualTo("125us");
    assertThat(Durations.format(250_000)).isEqualTo("250ms");
    assertThat(Durations.format(1_140_000_000L)).isEqualTo("19m");
    assertThat(Durations.format(3_750_500_000L)).isEqualTo("1h 2m 30.5s");
    assertThat(Durations.format(2 * 86_400_000_000L + 3_600_000_000L)).isEqualTo("2d 1h");
  }
}
