package dev.arbtune.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OutputPathsTest {

  private final Path root = Path.of("/results/sess");

  @Test
  void resolvesRelativePathsInsideTheRoot() {
    assertThat(OutputPaths.resolve(root, "a/b.json")).isEqualTo(Path.of("/results/sess/a/b.json"));
    assertThat(OutputPaths.resolve(root, "a/../c.json")).isEqualTo(Path.of("/results/sess/c.json"));
    assertThat(OutputPaths.resolve(root, "./c.json")).isEqualTo(Path.of("/results/sess/c.json"));
  }

  @Test
  void refusesAbsolutePathsEscapesAndOtherSuffixes() {
    assertThatThrownBy(() -> OutputPaths.resolve(root, "/etc/x.json"))
        .hasMessageContaining("absolute");
    assertThatThrownBy(() -> OutputPaths.resolve(root, "../x.json"))
        .hasMessageContaining("inside the output root");
    assertThatThrownBy(() -> OutputPaths.resolve(root, "a/../../x.json"))
        .hasMessageContaining("inside the output root");
    assertThatThrownBy(() -> OutputPaths.resolve(root, "a/.."))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OutputPaths.resolve(root, "x.txt")).hasMessageContaining(".json");
    assertThatThrownBy(() -> OutputPaths.resolve(root, " ")).hasMessageContaining("empty");
  }

  @Test
  void theReservedFolderIsDecidedOnRealPaths() {
    assertThat(OutputPaths.isReserved(root, root.resolve("_invalid_plan_lines"))).isTrue();
    assertThat(OutputPaths.isReserved(root, root.resolve("_invalid_plan_lines/deeper"))).isTrue();
    assertThat(OutputPaths.isReserved(root, root)).isFalse();
    assertThat(OutputPaths.isReserved(root, root.resolve("_invalid_plan_lines_x"))).isFalse();
    assertThat(OutputPaths.isReserved(root, root.resolve("a/_invalid_plan_lines"))).isFalse();
  }

  @Test
  void invalidLinesGetANumberedFileInTheirOwnFolder() {
    assertThat(OutputPaths.forInvalidLine(root, 42))
        .isEqualTo(Path.of("/results/sess/_invalid_plan_lines/line_000042.json"));
  }
}
