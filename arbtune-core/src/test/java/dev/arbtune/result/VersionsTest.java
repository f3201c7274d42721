package dev.arbtune.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.frontend.VersionProvider;
import org.junit.jupiter.api.Test;

class VersionsTest {

  @Test
  void versionIsTheOneMavenWroteAndTheCommandLineShows() {
    assertThat(Versions.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    assertThat(new VersionProvider().getVersion()[0]).isEqualTo("arbtune " + Versions.version());
  }
}
