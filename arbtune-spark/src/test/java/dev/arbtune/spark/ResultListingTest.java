package dev.arbtune.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.arbtune.aggregate.Warning;
import dev.arbtune.spark.ResultListing.ResultFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.security.AccessControlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result files below a results folder, found as the local aggregator finds them. */
class ResultListingTest {

  @TempDir java.nio.file.Path dir;

  private FileSystem fs() throws IOException {
    return HadoopFiles.fileSystem(new Path(dir.toUri()), new Configuration());
  }

  private void touch(String relative) throws IOException {
    java.nio.file.Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "{}");
  }

  @Test
  void findsJsonAndJsonLinesFilesAtAnyDepthHiddenOnesIncluded() throws IOException {
    for (String f :
        new String[] {
          "a.json",
          "s1/b.jsonl",
          "s1/deeper/c.json",
          ".hidden/d.json",
          "_spark/e.json",
          "s1/_f.json",
          "notes.txt",
          "g.json.bak",
          "s1/h.JSON"
        }) {
      touch(f);
    }
    Files.createDirectories(dir.resolve("x.json")); // a folder, entered, not a file

    ResultListing l = ResultListing.of(fs(), new Path(dir.toUri()), "given");

    assertThat(l.files())
        .extracting(ResultFile::source)
        .containsExactlyInAnyOrder(
            "a.json",
            "s1/b.jsonl",
            "s1/deeper/c.json",
            ".hidden/d.json",
            "_spark/e.json",
            "s1/_f.json");
    assertThat(l.files())
        .allSatisfy(f -> assertThat(f.jsonLines()).isEqualTo(f.source().endsWith(".jsonl")));
    assertThat(l.files())
        .allSatisfy(f -> assertThat(f.path()).startsWith("file:").endsWith(f.source()));
    assertThat(l.warnings()).isEmpty();
  }

  @Test
  void aMissingOrPlainFileRootIsRefusedWithTheGivenName() throws IOException {
    touch("file.json");
    assertThatThrownBy(
            () -> ResultListing.of(fs(), new Path(dir.resolve("none").toUri()), "runs/none"))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("runs/none")
        .hasMessageContaining("results directory not found");
    assertThatThrownBy(
            () -> ResultListing.of(fs(), new Path(dir.resolve("file.json").toUri()), "f.json"))
        .isInstanceOf(NotDirectoryException.class)
        .hasMessage("f.json");
  }

  /** The local file system, refusing to list folders named {@code locked}. */
  private static FileSystem refusingLocked() throws IOException {
    FileSystem fs =
        new RawLocalFileSystem() {
          @Override
          public FileStatus[] listStatus(Path f) throws IOException {
            if (f.toUri().getPath().replaceAll("/+$", "").endsWith("/locked")) {
              throw new AccessControlException("denied");
            }
            return super.listStatus(f);
          }
        };
    fs.initialize(URI.create("file:///"), new Configuration());
    return fs;
  }

  @Test
  void aFolderThatCannotBeListedIsAWarningButTheRootIsAnError() throws IOException {
    touch("ok/a.json");
    touch("locked/b.json");
    touch("locked/inner/locked/c.json");

    ResultListing l = ResultListing.of(refusingLocked(), new Path(dir.toUri()), "given");

    assertThat(l.files()).extracting(ResultFile::source).containsExactly("ok/a.json");
    assertThat(l.warnings())
        .extracting(Warning::kind, Warning::subject, Warning::message)
        .containsExactly(
            tuple(Warning.UNREADABLE_DIRECTORY, "locked", "cannot list locked: permission denied"));
    assertThatThrownBy(
            () ->
                ResultListing.of(
                    refusingLocked(), new Path(dir.resolve("locked").toString()), "given"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage(dir.resolve("locked").toString());
  }
}
