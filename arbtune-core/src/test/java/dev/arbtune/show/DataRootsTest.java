package dev.arbtune.show;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a re-run reads a relative data_file from. */
class DataRootsTest {

  @TempDir Path dir;

  /** A sweep root whose inputs.json records {@code recorded} as its data file. */
  private Path sweepRoot(Path recorded) throws IOException {
    Path root = Files.createDirectories(dir.resolve("sweep"));
    Files.createDirectories(root.resolve("results"));
    Files.writeString(
        root.resolve("jobs.jsonl"),
        "{\"job_id\": \"j1\", \"config\": {}, \"output_json\": \"results/j1.json\"}\n");
    Files.writeString(
        root.resolve("inputs.json"),
        "{\"data_file\": \"" + recorded.toString().replace("\\", "\\\\") + "\"}");
    return root;
  }

  @Test
  void givenRootWins() throws IOException {
    Path root = sweepRoot(dir.resolve("sweep/data/q-not-anywhere.csv"));
    assertThat(DataRoots.of(dir, root, "data/q-not-anywhere.csv")).isEqualTo(dir);
  }

  @Test
  void theFolderTheSweepRecordedIsUsedForItsResultsAndItsRoot() throws IOException {
    Path data = Files.createDirectories(dir.resolve("sweep/data")).resolve("q-arbtune-dr.csv");
    Files.writeString(data, "x");
    Path root = sweepRoot(data);
    assertThat(DataRoots.of(null, root, "data/q-arbtune-dr.csv")).isEqualTo(dir.resolve("sweep"));
    assertThat(DataRoots.of(null, root.resolve("results"), "data/q-arbtune-dr.csv"))
        .isEqualTo(dir.resolve("sweep"));
  }

  @Test
  void aRecordedFileThatIsGoneIsStillLookedForWhereTheSweepReadIt() throws IOException {
    Path root = sweepRoot(dir.resolve("sweep/data/q-arbtune-gone.csv"));
    // not the current folder, where the sweep never read it: the error must name the sweep's path
    assertThat(DataRoots.of(null, root, "data/q-arbtune-gone.csv")).isEqualTo(dir.resolve("sweep"));
  }

  @Test
  void aFileOfAnotherNameOrNoRecordMeansTheCurrentFolder() throws IOException {
    Path root = sweepRoot(dir.resolve("sweep/data/other.csv"));
    assertThat(DataRoots.of(null, root, "data/q-arbtune-x.csv")).isEqualTo(Path.of(""));
    assertThat(DataRoots.of(null, dir, "data/q-arbtune-x.csv")).isEqualTo(Path.of(""));
  }

  @Test
  void aVenueSweepsRecordedVenueFileIsUsedAsItsDataFileIs() throws IOException {
    // a sweep of venue files records venue_a_file (and venue_b_file), not data_file
    Path venue = Files.createDirectories(dir.resolve("sweep/venues")).resolve("a-arbtune-v.csv");
    Files.writeString(venue, "x");
    Path root = sweepRoot(venue);
    Files.writeString(
        root.resolve("inputs.json"),
        Files.readString(root.resolve("inputs.json")).replace("\"data_file\"", "\"venue_a_file\""));
    assertThat(DataRoots.of(null, root, "venues/a-arbtune-v.csv")).isEqualTo(dir.resolve("sweep"));
  }
}
