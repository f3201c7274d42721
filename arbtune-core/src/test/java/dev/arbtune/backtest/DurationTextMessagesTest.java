package dev.arbtune.backtest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A negative, unit-less or too long duration is told what is wrong with it. */
class DurationTextMessagesTest {

  @Test
  void aNegativeDurationIsCalledNegative() {
    assertThatThrownBy(() -> DurationText.parseMicros("-1d"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'-1d'")
        .hasMessageContaining("negative");
  }

  @Test
  void aNumberTooLongToCountInMicrosecondsIsCalledTooLong() {
    assertThatThrownBy(() -> DurationText.parseMicros("9223372036854775807us"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too long");
  }

  @Test
  void aNumberWithoutUnitIsToldTheUnitIsMissing() {
    assertThatThrownBy(() -> DurationText.parseMicros("5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no unit");
  }
}
