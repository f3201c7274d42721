package dev.arbtune.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock refusal names what holds the root: a sweep, or a walkforward. */
class RootLockHolderTest {

  @TempDir Path root;

  @Test
  void aSweepBlockedByAWalkforwardIsToldSo() throws IOException {
    try (Sweep.RootLock held = Sweep.RootLock.acquire(root, "walkforward")) {
      assertThat(held).isNotNull();
      assertThatThrownBy(() -> Sweep.RootLock.acquire(root, "sweep"))
          .isInstanceOf(SweepConflictException.class)
          .hasMessageContaining("another walkforward is running in " + root);
    }
  }

  @Test
  void aSweepBlockedByASweepIsToldSo() throws IOException {
    try (Sweep.RootLock held = Sweep.RootLock.acquire(root, "sweep")) {
      assertThat(held).isNotNull();
      assertThatThrownBy(() -> Sweep.RootLock.acquire(root, "walkforward"))
          .isInstanceOf(SweepConflictException.class)
          .hasMessageContaining("another sweep is running in " + root);
    }
  }
}
