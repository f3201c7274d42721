package dev.arbtune.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which folders a write forces to disk: a power cut cannot be tested, the forcing can. */
class AtomicFilesDurabilityTest {

  @TempDir Path dir;

  private final List<Path> forced = new CopyOnWriteArrayList<>();

  @BeforeEach
  void recordForcedFolders() {
    FolderSync.forcer = forced::add;
  }

  @AfterEach
  void restoreTheSystemsForcer() {
    FolderSync.forcer = FolderSync.SYSTEM;
  }

  @Test
  void aDurableWriteForcesItsFolderAfterTheRename() throws Exception {
    Path target = dir.resolve("x.json");
    AtomicFiles.writeText(target, w -> w.write("1\n"));
    forced.clear();
    List<Path> forcedBeforeTheRename = new CopyOnWriteArrayList<>();

    AtomicFiles.writeText(target, w -> forcedBeforeTheRename.addAll(forced), true, "r1");

    assertThat(forcedBeforeTheRename).isEmpty();
    assertThat(forced).containsExactly(dir.toRealPath());
  }

  @Test
  void theFirstDurableWriteIntoAFolderForcesTheFoldersAboveItOnce() throws Exception {
    Path real = dir.toRealPath();

    AtomicFiles.writeBytes(dir.resolve("a.json"), new byte[] {'1'}, true, null);

    assertThat(forced).startsWith(real, real.getParent());
    forced.clear();
    AtomicFiles.writeChannel(dir.resolve("b.json"), channel -> {}, true);
    assertThat(forced).containsExactly(real);
  }

  @Test
  void aWriteThatIsNotDurableForcesNoFolder() throws Exception {
    AtomicFiles.writeText(dir.resolve("a/b/x.json"), w -> w.write("{}\n"), false);
    AtomicFiles.writeBytes(dir.resolve("y.json"), new byte[] {'1'}, false, "r1");
    AtomicFiles.writeOutput(dir.resolve("o.json"), w -> w.write("o"), false, null);

    assertThat(forced).isEmpty();
    assertThat(dir.resolve("a/b/x.json")).hasContent("{}\n");
  }

  @Test
  void creatingFoldersForcesTheParentOfEachNewOne() throws Exception {
    Path real = dir.toRealPath();
    AtomicFiles.writeText(dir.resolve("x.json"), w -> w.write("1\n"));
    forced.clear();
    List<Path> forcedBeforeTheBody = new CopyOnWriteArrayList<>();

    AtomicFiles.writeText(dir.resolve("a/b/x.json"), w -> forcedBeforeTheBody.addAll(forced));

    // b's entry is in a, a's in dir: forced before the file is written, b itself after the rename
    assertThat(forcedBeforeTheBody).startsWith(real.resolve("a"), real);
    assertThat(forced).startsWith(real.resolve("a"), real).endsWith(real.resolve("a/b"));
  }

  @Test
  void aNewFolderBesideAKnownOneForcesOnlyUpToItsKnownParent() throws Exception {
    Path real = dir.toRealPath();
    AtomicFiles.writeText(dir.resolve("a/x.json"), w -> w.write("1\n"));
    forced.clear();

    AtomicFiles.writeText(dir.resolve("b/x.json"), w -> w.write("2\n"));

    // dir holds b's new entry; dir's own entry was forced with the write into a
    assertThat(forced).containsExactly(real, real.resolve("b"));
  }

  @Test
  void aFolderThatCannotBeForcedFailsTheWriteNamingTheFolder() throws Exception {
    FolderSync.forcer =
        folder -> {
          throw new IOException("Input/output error");
        };
    Path target = dir.resolve("x.json");

    assertThatThrownBy(() -> AtomicFiles.writeText(target, w -> w.write("new\n")))
        .isInstanceOf(FileSystemException.class)
        .hasMessage(dir + ": Input/output error")
        .satisfies(
            e ->
                assertThat(IoMessages.describe((IOException) e))
                    .isEqualTo("the device reported an input/output error: " + dir));
    // the rename happened: a reader sees the new file, which a power cut might still lose
    assertThat(target).hasContent("new\n");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void aFailureWithoutWordsStillSaysWhatFailedWhere() throws Exception {
    FolderSync.forcer =
        folder -> {
          throw new IOException();
        };

    assertThatThrownBy(() -> AtomicFiles.writeText(dir.resolve("x.json"), w -> w.write("1\n")))
        .satisfies(
            e ->
                assertThat(IoMessages.describe((IOException) e))
                    .isEqualTo("the folder could not be forced to disk: " + dir));
  }

  @Test
  void aNewFolderThatCannotBeForcedFailsTheWriteBeforeTheFileIsWritten() throws Exception {
    FolderSync.forcer =
        folder -> {
          throw new IOException("No space left on device");
        };
    Path target = dir.resolve("a/x.json");

    assertThatThrownBy(() -> AtomicFiles.writeText(target, w -> w.write("new\n")))
        .isInstanceOf(FileSystemException.class)
        .hasMessageEndingWith(": No space left on device");
    assertThat(target).doesNotExist();
    try (var files = Files.list(dir.resolve("a"))) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void theSystemsForcerForcesARealFolder() throws Exception {
    FolderSync.forcer = FolderSync.SYSTEM;

    AtomicFiles.writeText(dir.resolve("a/x.json"), w -> w.write("1\n"));

    assertThat(dir.resolve("a/x.json")).hasContent("1\n");
    assertThatThrownBy(() -> FolderSync.SYSTEM.force(dir.resolve("missing")))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
  }
}
