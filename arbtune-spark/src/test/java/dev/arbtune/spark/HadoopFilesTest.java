package dev.arbtune.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.io.AtomicFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files on a Hadoop file system, here the local one, as the local runner handles them. */
class HadoopFilesTest {

  @TempDir java.nio.file.Path dir;

  private Path root() {
    return new Path(dir.toUri());
  }

  private FileSystem fs() throws IOException {
    return HadoopFiles.fileSystem(root(), new Configuration());
  }

  @Test
  void theLocalFileSystemIsTheRawOneWithoutChecksumFiles() throws IOException {
    FileSystem fs = fs();
    assertThat(fs).isNotInstanceOf(LocalFileSystem.class);
    HadoopFiles.writeAtomically(fs, HadoopFiles.child(root(), "a/b.json"), new byte[] {'{', '}'});
    try (Stream<java.nio.file.Path> files = Files.list(dir.resolve("a"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("b.json");
    }
  }

  @Test
  void aColonInARelativeNameIsPartOfTheName() {
    Path p = HadoopFiles.child(new Path("/data/out"), "sub/job:1.json");
    assertThat(p.getName()).isEqualTo("job:1.json");
    assertThat(p.toUri().getPath()).isEqualTo("/data/out/sub/job:1.json");
    assertThat(p.toUri().getScheme()).isNull();
  }

  @Test
  void localPathsShowAsPlainPathsOthersAsUris() {
    assertThat(HadoopFiles.display(new Path("/tmp/x y/a.json"))).isEqualTo("/tmp/x y/a.json");
    assertThat(HadoopFiles.display(new Path("file:///tmp/a.json"))).isEqualTo("/tmp/a.json");
    assertThat(HadoopFiles.display(new Path("hdfs://nn:8020/r/a.json")))
        .isEqualTo("hdfs://nn:8020/r/a.json");
  }

  @Test
  void writesAtomicallyOverAnExistingFileAndReadsItBack() throws IOException {
    FileSystem fs = fs();
    Path target = HadoopFiles.child(root(), "out/r.json");
    HadoopFiles.writeAtomically(fs, target, "first".getBytes(StandardCharsets.UTF_8));
    HadoopFiles.writeAtomically(fs, target, "second".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(HadoopFiles.readAll(fs, target), StandardCharsets.UTF_8))
        .isEqualTo("second");
    try (Stream<java.nio.file.Path> files = Files.list(dir.resolve("out"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("r.json");
    }
  }

  @Test
  void readingAMissingFileIsNoSuchFileNamingIt() throws IOException {
    Path missing = HadoopFiles.child(root(), "nope.json");
    assertThatThrownBy(() -> HadoopFiles.readAll(fs(), missing))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(dir.resolve("nope.json").toString());
  }

  @Test
  void removesOnlyTheTemporaryFilesLeftBelowTheRoot() throws IOException {
    Files.createDirectories(dir.resolve("s/t"));
    String tmp = AtomicFiles.temporaryName("j.json");
    Files.writeString(dir.resolve("s/t").resolve(tmp), "half");
    Files.writeString(dir.resolve(AtomicFiles.temporaryName("k.json")), "half");
    Files.writeString(dir.resolve("s/t/j.json"), "{}");
    Files.writeString(dir.resolve("s/.hidden.json"), "{}");

    assertThat(HadoopFiles.removeTemporaryFiles(fs(), root())).isEqualTo(2);

    assertThat(dir.resolve("s/t").resolve(tmp)).doesNotExist();
    assertThat(dir.resolve("s/t/j.json")).exists();
    assertThat(dir.resolve("s/.hidden.json")).exists();
    assertThat(HadoopFiles.removeTemporaryFiles(fs(), HadoopFiles.child(root(), "none"))).isZero();
  }

  @Test
  void hadoopExceptionsBecomeTheNioOnesNamingThePath() {
    Path p = new Path("/r/a.json");
    IOException missing = HadoopFiles.asNio(new FileNotFoundException("gone"), p);
    assertThat(missing).isInstanceOf(NoSuchFileException.class).hasMessage("/r/a.json");
    assertThat(missing.getCause()).hasMessage("gone");
    assertThat(HadoopFiles.asNio(new AccessControlException("no"), p))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("/r/a.json");
    IOException other = new IOException("disk full");
    assertThat(HadoopFiles.asNio(other, p)).isSameAs(other);
  }
}
