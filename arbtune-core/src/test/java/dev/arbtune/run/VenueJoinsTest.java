package dev.arbtune.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.ConfigException;
import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.backtest.VenueFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The join cache's key and the refusals that need no join (the joins themselves: sweep tests). */
class VenueJoinsTest {

  @TempDir Path tmp;

  private Path venue(String name, String rows) throws IOException {
    return Files.writeString(tmp.resolve(name), "timestamp,bid,ask\n" + rows);
  }

  private static VenueFiles venues(String staleness) {
    return new VenueFiles(
        "a.csv",
        "b.csv",
        "generic",
        "generic",
        null,
        null,
        EpochUnit.AUTO,
        EpochUnit.AUTO,
        staleness);
  }

  @Test
  void theKeyChangesWithEveryInputOfTheJoinAndOnlyThen() throws IOException {
    Path a = venue("a.csv", "2022-12-13T00:00:00Z,1,2\n");
    Path b = venue("b.csv", "2022-12-13T00:00:00Z,1,2\n");
    String key = VenueJoins.key(venues("5s"), a, b);
    assertThat(key).matches("[0-9a-f]{32}");
    assertThat(VenueJoins.key(venues("PT5S"), a, b)).isEqualTo(key);
    assertThat(VenueJoins.key(venues("6s"), a, b)).isNotEqualTo(key);
    assertThat(VenueJoins.key(venues("5s"), b, a)).isNotEqualTo(key);
    VenueFiles tardis =
        new VenueFiles(
            "a.csv", "b.csv", "auto", "generic", null, null, EpochUnit.AUTO, EpochUnit.AUTO, "5s");
    assertThat(VenueJoins.key(tardis, a, b)).isNotEqualTo(key);
    Files.setLastModifiedTime(a, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    String touched = VenueJoins.key(venues("5s"), a, b);
    assertThat(touched).isNotEqualTo(key);
    Files.writeString(a, "timestamp,bid,ask\n2022-12-13T00:00:00Z,1,3\n");
    Files.setLastModifiedTime(a, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    assertThat(VenueJoins.key(venues("5s"), a, b)).isEqualTo(touched); // same size and time
    Files.writeString(a, "timestamp,bid,ask\n2022-12-13T00:00:00Z,1,3.5\n");
    Files.setLastModifiedTime(a, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    assertThat(VenueJoins.key(venues("5s"), a, b)).isNotEqualTo(touched); // another size
  }

  @Test
  void aMissingVenueFileNamesItsKeyAndThePathTried() throws IOException {
    venue("a.csv", "2022-12-13T00:00:00Z,1,2\n");
    VenueJoins joins = new VenueJoins(tmp.resolve("joined"), tmp);
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> joins.joined(venues("5s")));
    assertThat(e.getMessage())
        .isEqualTo(
            "venue_b: not found: b.csv (looked for " + tmp.resolve("b.csv").toAbsolutePath() + ")");
    Files.createDirectory(tmp.resolve("b.csv"));
    e = catchThrowableOfType(ConfigException.class, () -> joins.joined(venues("5s")));
    assertThat(e.getMessage()).isEqualTo("venue_b: b.csv is a folder, not a quotes file");
    assertThat(joins.joinsRun()).isZero();
  }

  @Test
  void aJobWhoseVenueFileIsMissingGetsAnErrorDocumentNamingIt() throws IOException {
    venue("a.csv", "2022-12-13T00:00:00Z,1,2\n");
    BacktestConfig config = BacktestConfig.fromMap(Map.of("venue_a", "a.csv", "venue_b", "b.csv"));
    JobDocument doc =
        JobDocument.run(
            0,
            "j1",
            config,
            QuotesSource.local(new QuotesCache(), tmp, tmp.resolve("joined")),
            null);
    assertThat(doc.isSuccess()).isFalse();
    assertThat(doc.error())
        .isEqualTo(
            "config.venue_b: not found: b.csv (looked for "
                + tmp.resolve("b.csv").toAbsolutePath()
                + ")");
    assertThat(doc.config().get("venue_a")).isEqualTo("a.csv");
    assertThat(doc.config().get("venue_b")).isEqualTo("b.csv");
  }

  @Test
  void aSourceThatDoesNotJoinSaysToJoinFirst() {
    BacktestConfig config = BacktestConfig.fromMap(Map.of("venue_a", "a.csv", "venue_b", "b.csv"));
    JobDocument doc =
        JobDocument.run(0, "j1", config, QuotesSource.local(new QuotesCache(), tmp), null);
    assertThat(doc.error())
        .isEqualTo(
            "config.venue_a: this runner does not join venue files; join the venue files first"
                + " with arbtune join and give data_file");
  }

  @Test
  void venueFilesWhoseJoinKeepsNoRowGiveAnErrorSayingWhyNotAnEmptyJoinedFile() throws IOException {
    // two downloads of different days: every row of the join is stale
    venue("a.csv", "2022-12-13T00:00:00Z,1,2\n2022-12-13T00:00:01Z,1,2\n");
    venue("b.csv", "2022-12-14T00:00:00Z,3,4\n");
    BacktestConfig config =
        BacktestConfig.fromMap(
            Map.of("venue_a", "a.csv", "venue_b", "b.csv", "max_staleness", "5s"));
    JobDocument doc =
        JobDocument.run(
            0,
            "j1",
            config,
            QuotesSource.local(new QuotesCache(), tmp, tmp.resolve("joined")),
            null);
    assertThat(doc.isSuccess()).isFalse();
    assertThat(doc.error())
        .startsWith("cannot read the join of venue_a a.csv and venue_b b.csv: it has no row")
        .contains("1 stale")
        .contains("2 before both venues had quoted")
        .doesNotContain("joined-");
    try (var files = Files.list(tmp.resolve("joined"))) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(f -> f.endsWith(".csv"));
    }
  }
}
