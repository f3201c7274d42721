package dev.arbtune.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class OutputTargetTest {

  @TempDir Path dir;

  private static void write(OutputTarget t, String text) throws IOException {
    t.write(null, w -> w.write(text), false);
  }

  @Test
  void aSymbolicLinkToAFileStaysALinkAndItsTargetGetsTheContent() throws Exception {
    Path real = Files.writeString(dir.resolve("real.csv"), "old\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("real.csv"));
    Path link2 = Files.createSymbolicLink(dir.resolve("link2.csv"), link);

    OutputTarget t = OutputTarget.of("--output-csv", link2);
    write(t, "new\n");

    assertThat(t.mode()).isEqualTo(OutputTarget.Mode.REPLACE);
    assertThat(Files.isSymbolicLink(link2)).isTrue();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isEqualTo("new\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).hasSize(3); // no temporary file left
    }
  }

  @Test
  void aLinkToAFileNotYetWrittenCreatesTheTarget() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("later.json"));

    write(OutputTarget.of("--output", link), "{}\n");

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(dir.resolve("later.json"))).isEqualTo("{}\n");
  }

  @Test
  void aCompressedOutputIsGzipWrittenAtomicallyAndAFailedOneLeavesNothing() throws Exception {
    Path file = dir.resolve("joined.csv.gz");

    OutputTarget.of("--output", file).write(new StringWriter(), w -> w.write("a,b\n"), true, true);

    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\n");
    }
    Path failed = dir.resolve("failed.csv.gz");
    assertThatThrownBy(
            () ->
                OutputTarget.of("--output", failed)
                    .write(
                        new StringWriter(),
                        w -> {
                          w.write("a,b\n");
                          throw new IllegalStateException("bad input");
                        },
                        true,
                        true))
        .hasMessage("bad input");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).containsExactly(file);
    }
  }

  @Test
  void aReplacedFileKeepsItsPermissions() throws Exception {
    Path file = Files.writeString(dir.resolve("plan.jsonl"), "old\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    write(OutputTarget.of("--output", file), "new\n");

    assertThat(Files.readString(file)).isEqualTo("new\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aNewFileInNewFoldersIsCreated() throws Exception {
    Path file = dir.resolve("a/b/out.json");

    write(OutputTarget.of("--output-json", file), "x");

    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void aPipeIsWrittenInPlace() throws Exception {
    Path fifo = dir.resolve("out.fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    CompletableFuture<String> read =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.readString(fifo);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });

    OutputTarget t = OutputTarget.of("--output-json", fifo);
    write(t, "through the pipe\n");

    assertThat(t.mode()).isEqualTo(OutputTarget.Mode.IN_PLACE);
    assertThat(read.get(50, TimeUnit.SECONDS)).isEqualTo("through the pipe\n");
    assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(fifo); // no temporary file
    }
  }

  @Test
  void aLinkToACharacterDeviceIsWrittenInPlaceAndStaysADevice() throws Exception {
    // /dev/null through a link: the link is not replaced and /dev/null stays a device (a test
    // that would replace a real /dev node when it fails must not run as root without the link)
    Path link = Files.createSymbolicLink(dir.resolve("null.json"), Path.of("/dev/null"));

    OutputTarget t = OutputTarget.of("--output-json", link);
    write(t, "discarded");

    assertThat(t.mode()).isEqualTo(OutputTarget.Mode.IN_PLACE);
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readAttributes(Path.of("/dev/null"), "unix:mode").get("mode"))
        .satisfies(m -> assertThat(((Integer) m) & 0170000).isEqualTo(0020000));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(link);
    }
  }

  @Test
  void thisProcesssStdoutIsWrittenThroughStdoutAndOtherDescriptorsInPlace() throws Exception {
    for (String path : new String[] {"/dev/stdout", "/proc/self/fd/1", "/dev/fd/1"}) {
      OutputTarget t = OutputTarget.of("--output", Path.of(path));
      assertThat(t.mode()).as(path).isEqualTo(OutputTarget.Mode.STDOUT);
      assertThat(t.isStdout()).isTrue();
    }
    assertThat(OutputTarget.of("--output", Path.of("/dev/stderr")).mode())
        .isEqualTo(OutputTarget.Mode.IN_PLACE);
  }

  @Test
  void aWriterThatReportsIoFailuresUncheckedFailsAsAnyWriteDoesNamingTheOutput() throws Exception {
    OutputTarget t = OutputTarget.of("--output-csv", Path.of("-"));
    java.io.Writer failing =
        new java.io.Writer() {
          @Override
          public void write(char[] c, int off, int len) throws IOException {
            throw new IOException("No space left on device");
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };

    assertThatThrownBy(
            () ->
                t.write(
                    failing,
                    w -> {
                      try {
                        w.write("x");
                      } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                    },
                    false))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("--output-csv")
        .hasMessageContaining("disk is full");
  }

  @Test
  void aDashIsStdout() throws Exception {
    StringWriter out = new StringWriter();
    OutputTarget t = OutputTarget.of("--output", Path.of("-"));

    t.write(out, w -> w.write("to stdout\n"), true);

    assertThat(t.isStdout()).isTrue();
    assertThat(t).hasToString("stdout");
    assertThat(out).hasToString("to stdout\n");
    assertThat(Files.exists(Path.of("-"))).isFalse();
  }

  @Test
  void aFolderIsRefused() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("results"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), folder);

    assertThatThrownBy(() -> OutputTarget.of("--output-json", folder))
        .isInstanceOf(OutputPathException.class)
        .hasMessage("--output-json " + folder + " is a folder; give a file name (or - for stdout)");
    assertThatThrownBy(() -> OutputTarget.of("--output-json", link))
        .isInstanceOf(OutputPathException.class)
        .hasMessageContaining("is a folder");
  }

  @Test
  void aFileWhereAFolderIsNeededIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("afile"), "");

    assertThatThrownBy(() -> OutputTarget.of("--output", file.resolve("sub/x.json")))
        .isInstanceOf(OutputPathException.class)
        .hasMessage(
            "--output " + file.resolve("sub/x.json") + ": " + file + " is a file, not a folder");
  }

  @Test
  void loopingLinksAreSaidToLoop() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Files.createSymbolicLink(a, b);
    Files.createSymbolicLink(b, a);

    assertThatThrownBy(() -> OutputTarget.of("--output", a))
        .satisfies(e -> assertThat(IoMessages.describe((IOException) e)).contains("loop"));
    assertThatThrownBy(() -> OutputTarget.of("--output", a.resolve("x.json")))
        .satisfies(e -> assertThat(IoMessages.describe((IOException) e)).contains("loop"));
  }

  @Test
  void anOutputThatIsAnInputIsRefusedThroughLinks() throws Exception {
    Path session = Files.writeString(dir.resolve("s.yaml"), "data_file: q.csv\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), session);
    Path hard = Files.createLink(dir.resolve("hard.yaml"), session);
    List<OutputTarget.Input> inputs = List.of(new OutputTarget.Input("--config", session));

    for (Path out : List.of(session, link, hard)) {
      assertThatThrownBy(
              () -> OutputTarget.refuseOverlaps(List.of(OutputTarget.of("--output", out)), inputs))
          .isInstanceOf(OutputPathException.class)
          .hasMessage(
              "--output "
                  + out
                  + " is the same file as --config "
                  + session
                  + "; writing it would destroy the input, so give another output path");
    }
    assertThat(Files.readString(session)).isEqualTo("data_file: q.csv\n");
    OutputTarget.refuseOverlaps(
        List.of(OutputTarget.of("--output", dir.resolve("plan.jsonl"))), inputs);
  }

  @Test
  void twoOutputsOnOneFileAreRefused() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("new.json"));
    OutputTarget a = OutputTarget.of("--output-json", dir.resolve("new.json"));
    OutputTarget b = OutputTarget.of("--output-csv", link);

    assertThatThrownBy(() -> OutputTarget.refuseOverlaps(List.of(a, b), List.of()))
        .isInstanceOf(OutputPathException.class)
        .hasMessage(
            "--output-json and --output-csv both write "
                + link
                + "; give each output its own path");
    OutputTarget out1 = OutputTarget.of("--output-json", Path.of("-"));
    OutputTarget out2 = OutputTarget.of("--output-csv", Path.of("-"));
    assertThatThrownBy(() -> OutputTarget.refuseOverlaps(List.of(out1, out2), List.of()))
        .hasMessage(
            "--output-json and --output-csv both write stdout; give each output its own path");
    // a device may be written twice
    Path devNull = Path.of("/dev/null");
    OutputTarget.refuseOverlaps(
        List.of(
            OutputTarget.of("--output-json", devNull), OutputTarget.of("--output-csv", devNull)),
        List.of(new OutputTarget.Input("--config", devNull)));
  }

  @Test
  void aFailedWriteNamesTheOptionThePathAndTheCause() throws Exception {
    Path file = dir.resolve("out.json");
    OutputTarget t = OutputTarget.of("--output-json", file);

    assertThatThrownBy(
            () ->
                t.write(
                    null,
                    w -> {
                      throw new IOException("No space left on device");
                    },
                    false))
        .hasMessage(
            "cannot write --output-json " + file + ": the disk is full (no space left on device)");
    assertThat(Files.exists(file)).isFalse();
    assertThat(new String(new byte[0], StandardCharsets.UTF_8)).isEmpty();
  }
}
