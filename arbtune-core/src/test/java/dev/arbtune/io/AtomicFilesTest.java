package dev.arbtune.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
  void aFileInTheWayOfTheFolderFailsAsCreatingTheFolderDoes() throws Exception {
    Files.writeString(dir.resolve("a"), "not a folder");
    Path target = dir.resolve("a/b/x.json");

    assertThatThrownBy(() -> AtomicFiles.writeText(target, w -> w.write("{}\n")))
        .isInstanceOf(FileSystemException.class)
        .hasMessage(dir.resolve("a/b") + ": Not a directory");
    assertThat(Files.readString(dir.resolve("a"))).isEqualTo("not a folder");
  }

  @Test
  void aFolderRemovedBetweenWritesIsCreatedAgain() throws Exception {
    Path target = dir.resolve("a/x.json");
    AtomicFiles.writeText(target, w -> w.write("1\n"), false);
    Files.delete(target);
    Files.delete(target.getParent());

    AtomicFiles.writeText(target, w -> w.write("2\n"), false);

    assertThat(Files.readString(target)).isEqualTo("2\n");
  }

  @Test
  void aFailedBodyLeavesNeitherTheTargetNorATemporaryFile() throws Exception {
    Path target = dir.resolve("x.json");
    Files.writeString(target, "old\n");

    assertThatThrownBy(
            () ->
                AtomicFiles.writeText(
                    target,
                    w -> {
                      w.write("half");
                      throw new IOException("disk full");
                    }))
        .hasMessage("disk full");

    assertThat(Files.readString(target)).isEqualTo("old\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void recognisesItsOwnTemporaryNamesOnly() {
    assertThat(AtomicFiles.isTemporaryName(".arbtune-x.json.1f3a9c.tmp")).isTrue();
    assertThat(AtomicFiles.isTemporaryName(".arbtune-sess_0001.json.ffffffffffffffff.tmp"))
        .isTrue();
    assertThat(AtomicFiles.isTemporaryName("x.json")).isFalse();
    assertThat(AtomicFiles.isTemporaryName(".arbtune-x.json")).isFalse();
    assertThat(AtomicFiles.isTemporaryName("arbtune-x.json.1f3a.tmp")).isFalse();
    assertThat(AtomicFiles.isTemporaryName(".arbtune-x.json.notHex.tmp")).isFalse();
    // other programs' temporary files, even when shaped like ours used to be
    assertThat(AtomicFiles.isTemporaryName(".bash_history.cafe.tmp")).isFalse();
    assertThat(AtomicFiles.isTemporaryName(".x.json.1f3a9c.tmp")).isFalse();
  }

  @Test
  void temporaryNamesAreFreshAndRecognised() {
    String a = AtomicFiles.temporaryName("x.json");
    String b = AtomicFiles.temporaryName("x.json");

    assertThat(a).startsWith(".arbtune-x.json.").endsWith(".tmp").isNotEqualTo(b);
    assertThat(AtomicFiles.isTemporaryName(a)).isTrue();
  }

  @Test
  void temporaryNamesCarryTheirOwner() {
    String owned = AtomicFiles.temporaryName("x.json", "r0123456789ab");

    assertThat(owned).startsWith(".arbtune-x.json.r0123456789ab.").endsWith(".tmp");
    assertThat(AtomicFiles.isTemporaryName(owned)).isTrue();
    assertThat(AtomicFiles.isTemporaryNameOf(owned, "r0123456789ab")).isTrue();
    assertThat(AtomicFiles.isTemporaryNameOf(owned, "r0123456789ac")).isFalse();
    assertThat(AtomicFiles.isTemporaryNameOf(owned, "123456789ab")).isFalse();
    assertThat(AtomicFiles.isTemporaryNameOf(AtomicFiles.temporaryName("x.json"), "x")).isFalse();
    assertThat(AtomicFiles.isTemporaryNameOf(".arbtune-r1.beef.tmp", "r1")).isFalse();
    assertThat(AtomicFiles.temporaryName("x.json", null)).matches(AtomicFiles::isTemporaryName);
    assertThatThrownBy(() -> AtomicFiles.temporaryName("x.json", "a/b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFileBeingWrittenHasATemporaryName() throws Exception {
    Path target = dir.resolve("x.json");
    List<String> whileWriting = new ArrayList<>();

    AtomicFiles.writeText(
        target,
        w -> {
          try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> whileWriting.add(f.getFileName().toString()));
          }
          w.write("{}\n");
        });

    assertThat(whileWriting).singleElement().matches(AtomicFiles::isTemporaryName);
    assertThat(whileWriting.get(0)).startsWith(".arbtune-x.json.");
  }

  @Test
  void anOutputsLeftoversOfEndedProcessesAreRemovedByItsNextWrite() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    long deadPid = ended.pid();
    long livePid = ProcessHandle.current().parent().orElseThrow().pid();
    Path dead = Files.writeString(dir.resolve(".arbtune-p.jsonl.p" + deadPid + ".abc.tmp"), "x");
    Path live = Files.writeString(dir.resolve(".arbtune-p.jsonl.p" + livePid + ".abc.tmp"), "x");
    Path ownerless = Files.writeString(dir.resolve(".arbtune-p.jsonl.abc.tmp"), "x");
    Path otherOutput =
        Files.writeString(dir.resolve(".arbtune-q.jsonl.p" + deadPid + ".1.tmp"), "x");
    Path notOurs = Files.writeString(dir.resolve(".arbtune-p.jsonl.p" + deadPid + ".zz.tmp"), "x");

    AtomicFiles.writeOutput(dir.resolve("p.jsonl"), w -> w.write("new"), false, null);

    assertThat(dir.resolve("p.jsonl")).hasContent("new");
    assertThat(dead).doesNotExist();
    assertThat(live).exists();
    assertThat(ownerless).exists();
    assertThat(otherOutput).exists();
    assertThat(notOurs).exists();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .noneMatch(n -> n.contains(".p" + ProcessHandle.current().pid() + "."));
    }
  }

  @Test
  void anOutputsTemporaryFileCarriesTheProcessId() throws Exception {
    List<String> seen = new ArrayList<>();
    AtomicFiles.writeOutput(
        dir.resolve("o.json"),
        w -> {
          try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> seen.add(f.getFileName().toString()));
          }
        },
        false,
        null);

    assertThat(seen).hasSize(1);
    assertThat(seen.get(0)).startsWith(".arbtune-o.json.p" + ProcessHandle.current().pid() + ".");
    assertThat(AtomicFiles.isTemporaryName(seen.get(0))).isTrue();
  }

  @Test
  void aFailedCleanUpDoesNotHideTheWritesOwnFailure() throws Exception {
    Path target = dir.resolve("x.json");
    // The body puts a folder that cannot be deleted where its temporary file was, then fails: the
    // caller must hear of the body's failure, the failed clean-up only as a suppressed exception.
    assertThatThrownBy(
            () ->
                AtomicFiles.writeChannel(
                    target,
                    channel -> {
                      Path tmp;
                      try (Stream<Path> files = Files.list(dir)) {
                        tmp = files.filter(p -> p.toString().endsWith(".tmp")).findFirst().get();
                      }
                      Files.delete(tmp);
                      Files.createDirectories(tmp.resolve("inside"));
                      throw new IOException("the body's own failure");
                    },
                    false))
        .isInstanceOf(IOException.class)
        .hasMessage("the body's own failure")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    assertThat(target).doesNotExist();
  }

  static Stream<Arguments> anOwnerIsWhatTheRegularExpressionMatches() {
    return Tries.of(
        3000,
        Gen.strings(
            Gen.frequencyOf(
                Gen.w(8, Gen.chars('a', 'z', "ABCXYZ0123456789", "")),
                Gen.w(1, Gen.chars("./-_ \u00e9\u0661\uff21\u00b2@[`{:"))),
            0,
            34));
  }

  /** The owner check is the regular expression {@code [A-Za-z0-9]{1,32}}, without one. */
  @PropertyTest
  @MethodSource
  void anOwnerIsWhatTheRegularExpressionMatches(String owner) {
    boolean reference = Pattern.matches("[A-Za-z0-9]{1,32}", owner);
    assertThat(AtomicFiles.isOwner(owner)).isEqualTo(reference);
    if (reference) {
      assertThat(AtomicFiles.isTemporaryNameOf(AtomicFiles.temporaryName("x.json", owner), owner))
          .isTrue();
    } else {
      assertThatThrownBy(() -> AtomicFiles.temporaryName("x.json", owner))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("owner must be 1 to 32 letters or digits");
    }
  }
}
