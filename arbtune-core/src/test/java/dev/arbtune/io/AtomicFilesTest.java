package dev.arbtune.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void writesTheWholeFileAndLeavesNoTemporaryFile() throws Exception {
    Path target = dir.resolve("a/b/x.json");

    AtomicFiles.writeText(target, w -> w.write("{}\n"));

    assertThat(Files.readString(target)).isEqualTo("{}\n");
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void recognisesItsOwnTemporaryNamesOnly() {
    assertThat(AtomicFiles.isTemporaryName(".x.json.1f3a9c.tmp")).isTrue();
    assertThat(AtomicFiles.isTemporaryName(".sess_0001.json.ffffffffffffffff.tmp")).isTrue();
    assertThat(AtomicFiles.isTemporaryName("x.json")).isFalse();
    assertThat(AtomicFiles.isTemporaryName(".x.json")).isFalse();
    assertThat(AtomicFiles.isTemporaryName("x.json.1f3a.tmp")).isFalse();
    assertThat(AtomicFiles.isTemporaryName(".x.json.notHex.tmp")).isFalse();
  }
}
