package dev.arbtune.bench.gen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.bench.gen.GenerationMarker.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationMarkerTest {

  @TempDir Path tmp;

  private static final Settings SETTINGS = new Settings(true, 1000, 42, 0.01, 500);

  @Test
  void readsBackWhatItWrote() throws IOException {
    GenerationMarker m =
        new GenerationMarker(
            SETTINGS, true, 1000, Map.of(BrokenKind.EMPTY, 3L, BrokenKind.NAN_PNL, 4L), 777_000);
    Path file = tmp.resolve("m");
    m.write(file);
    assertThat(GenerationMarker.read(file)).contains(m);
    assertThat(Files.readString(file))
        .contains("format=jsonl\n", "broken=7\n", "broken.truncated=0\n")
        .contains("expected_success_jobs=993\n", "expected_error_jobs=7\n");
  }

  @Test
  void missingMarkerReadsAsNone() throws IOException {
    assertThat(GenerationMarker.read(tmp.resolve("absent"))).isEmpty();
  }

  @Test
  void markerOfAnotherGeneratorVersionReadsAsNone() throws IOException {
    Path file = tmp.resolve("m");
    new GenerationMarker(SETTINGS, true, 1000, Map.of(), 0).write(file);
    Files.writeString(
        file,
        Files.readString(file)
            .replace(
                "generator_version=" + GenerationMarker.GENERATOR_VERSION, "generator_version=0"));
    assertThat(GenerationMarker.read(file)).isEmpty();
  }

  @Test
  void unreadableMarkerMatchesNoSettingsAndIsIncomplete() throws IOException {
    Path file = tmp.resolve("m");
    Files.writeString(
        file, "generator_version=" + GenerationMarker.GENERATOR_VERSION + "\ncount=lots\n");
    GenerationMarker m = GenerationMarker.read(file).orElseThrow();
    assertThat(m.complete()).isFalse();
    assertThat(m.settings()).isNotEqualTo(SETTINGS);
  }

  @Test
  void markerOfAFolderIsInsideItAndOfAFileBesideIt() {
    Path dir = tmp.resolve("results");
    assertThat(GenerationMarker.pathFor(dir, false)).isEqualTo(dir.resolve(".arbtune-generated"));
    Path file = tmp.resolve("r.jsonl");
    assertThat(GenerationMarker.pathFor(file, true))
        .isEqualTo(tmp.resolve("r.jsonl.arbtune-generated"));
  }
}
