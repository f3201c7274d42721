package dev.arbtune.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptTest {

  @Test
  void shortTextIsKeptLongTextIsCutWithItsLength() {
    assertThat(Excerpt.of("abc")).isEqualTo("abc");
    assertThat(Excerpt.of("x".repeat(200))).isEqualTo("x".repeat(200));
    assertThat(Excerpt.of("x".repeat(100_000_000)))
        .isEqualTo("x".repeat(200) + "…(100000000 characters)");
    assertThat(Excerpt.quoted("y".repeat(201)))
        .isEqualTo("\"" + "y".repeat(200) + "…(201 characters)\"");
    assertThat(Excerpt.of(null)).isEqualTo("null");
  }

  @Test
  void neverSplitsACharacter() {
    String text = "x".repeat(199) + "😀".repeat(10);
    assertThat(Excerpt.of(text)).startsWith("x".repeat(199) + "…(");
  }

  @Test
  void boundKeepsTheStartAndTheEndOfAWholeMessage() {
    String message =
        "plan line 2: cannot read data_file " + "x".repeat(10_000) + ": permission denied";

    String bounded = Excerpt.bound(message);

    assertThat(bounded.length()).isLessThan(Excerpt.MAX_MESSAGE_CHARS + 40);
    assertThat(bounded)
        .startsWith("plan line 2: cannot read data_file xxx")
        .contains("…(" + message.length() + " characters)…")
        .endsWith(": permission denied");
    assertThat(Excerpt.bound("short")).isEqualTo("short");
  }
}
