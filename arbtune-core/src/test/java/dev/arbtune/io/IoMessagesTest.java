package dev.arbtune.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, item 14: every I/O failure as a sentence with the path, no class names. */
class IoMessagesTest {

  @TempDir Path dir;

  @Test
  void aFailedWriteIsSaidOneWayNamingWhatAndWhy() {
    assertThat(IoMessages.cannotWrite(Path.of("out", "summary.json"), "the disk is full"))
        .isEqualTo("cannot write out" + java.io.File.separator + "summary.json: the disk is full");
    assertThat(IoMessages.cannotWrite("report.html", new NoSuchFileException("/gone/report.html")))
        .isEqualTo("cannot write report.html: no such file or folder: /gone/report.html");
  }

  @Test
  void namesThePathAndTheCause() {
    assertThat(IoMessages.describe(new NoSuchFileException("/d/q.csv")))
        .isEqualTo("no such file or folder: /d/q.csv");
    assertThat(IoMessages.describe(new AccessDeniedException("/d/q.csv")))
        .isEqualTo("permission denied: /d/q.csv");
    assertThat(IoMessages.describe(new NotDirectoryException("/d/f")))
        .isEqualTo("not a folder: /d/f");
    assertThat(IoMessages.describe(new DirectoryNotEmptyException("/d")))
        .isEqualTo("the folder is not empty: /d");
    assertThat(IoMessages.describe(new FileSystemLoopException("/d/loop")))
        .isEqualTo("the symbolic links loop (a link leads back to itself): /d/loop");
    assertThat(
            IoMessages.describe(
                new FileSystemException(
                    "loop1",
                    null,
                    "Too many levels of symbolic links or unable to access attributes of symbolic"
                        + " link")))
        .isEqualTo("the symbolic links loop (a link leads back to itself): loop1");
    assertThat(
            IoMessages.describe(new FileSystemException("afile/s.yaml", null, "Not a directory")))
        .isEqualTo("a part of the path is a file, not a folder: afile/s.yaml");
  }

  @Test
  void aFullDiskSaysSoWithThePathWhereKnown() {
    assertThat(
            IoMessages.describe(
                new FileSystemException("/mnt/out.json", null, "No space left on device")))
        .isEqualTo("the disk is full (no space left on device): /mnt/out.json");
    // a write on a full disk names no file: the caller puts it in front ("cannot write X: ...")
    assertThat(IoMessages.describe(new IOException("No space left on device")))
        .isEqualTo("the disk is full (no space left on device)");
  }

  @Test
  void aCallersSentenceThatNamesThePathIsKept() {
    String sentence = "cannot write --output /dev/full: the disk is full (no space left on device)";

    assertThat(
            IoMessages.describe(
                new IOException(sentence, new IOException("No space left on device"))))
        .isEqualTo(sentence);
  }

  @Test
  void neverSaysAClassNameOrNull() {
    assertThat(IoMessages.describe(new EOFException()))
        .isEqualTo("the data ends too early (the file is truncated or still being written)");
    assertThat(IoMessages.describe(new IOException()))
        .isEqualTo("an input/output error without details");
    assertThat(IoMessages.describe(new IOException((String) null))).doesNotContain("null");
    assertThat(IoMessages.describe(new FileSystemException("/x")))
        .isEqualTo("cannot access: /x")
        .doesNotContain("FileSystemException");
    assertThat(IoMessages.describe(new IOException("Illegal seek")))
        .isEqualTo("it is a pipe or a device, which cannot be read this way; give a regular file");
  }

  @Test
  void tellsALoopFromADanglingLink() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Files.createSymbolicLink(a, b);
    Files.createSymbolicLink(b, a);
    Path dangling = Files.createSymbolicLink(dir.resolve("d"), dir.resolve("gone"));

    assertThat(IoMessages.isLoop(a)).isTrue();
    assertThat(IoMessages.isLoop(dangling)).isFalse();
    assertThat(IoMessages.describe(new NoSuchFileException(a.toString())))
        .isEqualTo("the symbolic links loop (a link leads back to itself): " + a);
    assertThat(IoMessages.describe(new NoSuchFileException(dangling.toString())))
        .isEqualTo("a symbolic link whose target does not exist: " + dangling);
  }

  @Test
  void aFolderThatCannotBeMadeWhereALinkLoopsOrDanglesSaysSo() throws Exception {
    // Files.createDirectories on such a link: "it exists", though not as a folder.
    Path a = dir.resolve("a");
    Files.createSymbolicLink(a, dir.resolve("b"));
    Files.createSymbolicLink(dir.resolve("b"), a);
    Path dangling = Files.createSymbolicLink(dir.resolve("d"), dir.resolve("gone"));
    Path file = Files.writeString(dir.resolve("f"), "");

    assertThat(IoMessages.describe(new FileAlreadyExistsException(a.toString())))
        .isEqualTo("the symbolic links loop (a link leads back to itself): " + a);
    assertThat(IoMessages.describe(new FileAlreadyExistsException(dangling.toString())))
        .isEqualTo("a symbolic link whose target does not exist: " + dangling);
    assertThat(IoMessages.describe(new FileAlreadyExistsException(file.toString())))
        .isEqualTo(
            "a file is in the way (a folder is needed there, or the name is taken): " + file);
  }

  @Test
  void echoesAtMostAnExcerptOfAHugeMessage() {
    String huge = "x".repeat(1_000_000);
    assertThat(IoMessages.describe(new IOException(huge)))
        .hasSize(Excerpt.MAX_CHARS + "…(1000000 characters)".length())
        .endsWith("…(1000000 characters)");
  }
}
