package dev.arbtune.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExitCodesTest {

  @Test
  void theCommandsTableListsEveryCodeRightAligned() {
    assertThat(ExitCodes.helpTable())
        .containsOnlyKeys("  0", "  1", "  2", "  3", "  4", "141")
        .containsEntry("  1", "input not found, or invalid configuration or data");
  }

  @Test
  void theToolsTableIsTheBenchmarkToolsHelpKeptByteForByte() {
    assertThat(ExitCodes.toolTable())
        .containsExactly(
            org.assertj.core.api.Assertions.entry(" 0", "success"),
            org.assertj.core.api.Assertions.entry(" 1", "input not found, or invalid input"),
            org.assertj.core.api.Assertions.entry(" 2", "usage error, or an unexpected failure"));
  }
}
