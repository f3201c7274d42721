package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.run.VenueJoins;
import dev.arbtune.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What sweeps, runs and {@code arbtune join} say about the joins of venue files: the summary once
 * per join, a reused join, the warning when most rows are stale, and reader messages naming the
 * settings of where the files were named (session keys or options).
 */
class VenueJoinMessagesTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GRIDS =
      """
      tag_prefix: m1
      grids:
        - name: min_spread_bps
          values: [0, 1]
      """;
  private static final String VENUES =
      """
      venue_a: data/binance.csv
      venue_b: data/bybit.csv
      format_a: generic
      format_b: generic
      max_staleness: 90s
      """;

  @TempDir Path tmp;

  @BeforeEach
  void venueFiles() throws IOException {
    Files.createDirectories(tmp.resolve("data"));
    Files.copy(REPO.resolve("examples/venues/binance.csv"), tmp.resolve("data/binance.csv"));
    Files.copy(REPO.resolve("examples/venues/bybit.csv"), tmp.resolve("data/bybit.csv"));
  }

  private Path session(String head) throws IOException {
    return Files.writeString(tmp.resolve("s.yaml"), head + GRIDS);
  }

  private Cli.Result sweep(Path session, Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sweep",
                "--config",
                session.toString(),
                "--output-root",
                out.toString(),
                "--data-root",
                tmp.toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  private static List<String> errors(Path out) throws IOException {
    List<String> errors = new ArrayList<>();
    try (Stream<Path> s = Files.walk(out.resolve("results"))) {
      for (Path p : s.filter(f -> f.toString().endsWith(".json")).toList()) {
        JsonNode d = JSON.readTree(p.toFile());
        errors.add(d.path("error").asText(""));
      }
    }
    return errors;
  }

  @Test
  void aSweepSaysWhatItsJoinDidOnceKeepsItsStatsAndAResumedSweepSaysItReusedIt()
      throws IOException {
    Path out = tmp.resolve("out");
    Cli.Result r = sweep(session(VENUES), out);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(count(r.err(), "[run] joining venue files data/binance.csv and data/bybit.csv"))
        .as(r.err())
        .isEqualTo(1);
    assertThat(count(r.err(), "[run] join: venue A: 398 rows of ")).isEqualTo(1);
    assertThat(r.err())
        .contains("[run] join: venue B: 378 rows of ")
        .contains("longest gap 27m from 2022-12-13T07:03:00Z")
        .contains(" rows written to " + out.resolve("joined"))
        .contains(
            "dropped 19 rows as stale (max_staleness 1m 30s; A's quote too old in 0, B's in 19)")
        .doesNotContain("[run] warning");
    try (Stream<Path> s = Files.list(out.resolve(VenueJoins.FOLDER))) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted())
          .hasSize(2)
          .anyMatch(n -> n.matches("joined-[0-9a-f]{32}\\.csv"))
          .anyMatch(n -> n.matches("joined-[0-9a-f]{32}\\.json"));
    }

    // A job left to do: the sweep reuses the join and prints its kept summary.
    try (Stream<Path> s = Files.walk(out.resolve("results"))) {
      Files.delete(s.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow());
    }
    r = sweep(tmp.resolve("s.yaml"), out);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("[run] join: reusing " + out.resolve("joined").toAbsolutePath())
        .contains(", joined earlier from data/binance.csv and data/bybit.csv:")
        .contains("[run] join: venue A: 398 rows of ")
        .doesNotContain("[run] joining");
  }

  @Test
  void aQuietSweepSaysNothingOfAJoinThatWentWell() throws IOException {
    Cli.Result r = sweep(session(VENUES), tmp.resolve("out"), "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("join");
  }

  @Test
  void aJoinDroppingMostRowsAsStaleIsAWarningEvenUnderQuiet() throws IOException {
    // Bybit stops quoting after its 100th row: a dead venue.
    Path bybit = tmp.resolve("data/bybit.csv");
    Files.write(bybit, Files.readAllLines(bybit).subList(0, 101));
    Cli.Result r = sweep(session(VENUES), tmp.resolve("out"), "-q");
    assertThat(r.err())
        .contains("[run] join: venue A: 398 rows of ")
        .contains("[run] warning: the join dropped ")
        .contains(" max_staleness 1m 30s; venue B's quote was too old in ")
        .contains("check time_unit_a and time_unit_b (a wrong time unit)");
    assertThat(r.exitCode()).as(r.err()).isZero(); // a warning, the jobs ran

    Cli.Result strict = sweep(session(VENUES), tmp.resolve("strict"), "-q", "--strict");
    assertThat(strict.exitCode()).as(strict.err()).isEqualTo(ExitCodes.STRICT);
  }

  @Test
  void sortKeysSortAVenueFileOutOfOrderThatIsOtherwiseEveryJobsErrorNamingTheKey()
      throws IOException {
    List<String> rows = new ArrayList<>(Files.readAllLines(tmp.resolve("data/bybit.csv")));
    String second = rows.remove(2);
    rows.add(5, second);
    Files.write(tmp.resolve("data/bybit.csv"), rows);

    Path refused = tmp.resolve("refused");
    sweep(session(VENUES), refused, "-q");
    assertThat(errors(refused))
        .hasSize(2)
        .allMatch(
            e -> e.contains("bybit.csv, line 6, column timestamp: rows must be in time order"))
        .allMatch(
            e ->
                e.endsWith(
                    "sort the file by time, or set sort_b: true in the session (or the plan"
                        + " line's config) to sort it (in memory)"));

    Cli.Result r = sweep(session(VENUES + "sort_b: true\n"), tmp.resolve("sorted"), "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(errors(tmp.resolve("sorted"))).containsOnly("");
  }

  @Test
  void mixedUnitsInASessionsVenueFileNameItsUnitKey() throws IOException {
    Files.writeString(
        tmp.resolve("data/bybit.csv"),
        "timestamp,bid,ask\n1670889660000,17210,17210.5\n1670889720000000,17217.5,17218\n");
    Path out = tmp.resolve("out");
    sweep(session(VENUES), out, "-q");
    assertThat(errors(out))
        .hasSize(2)
        .allMatch(e -> e.endsWith("(or set time_unit_b to read all in one)"));
  }

  @Test
  void joinOnTheCommandLineNamesItsOptionsAndWarnsOfStaleRowsEvenUnderQuiet() throws IOException {
    Path a = tmp.resolve("data/binance.csv");
    Path b =
        Files.writeString(
            tmp.resolve("b.csv"),
            "timestamp,bid,ask\n1670889660000,17210,17210.5\n1670889720000000,17217.5,17218\n");
    Cli.Result r =
        Cli.run(
            "join",
            "--venue-a",
            a.toString(),
            "--venue-b",
            b.toString(),
            "--output",
            tmp.resolve("j.csv").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("(or set --time-unit-b to read all in one)");

    Files.writeString(b, "timestamp,bid,ask\n2022-12-13T00:02:00Z,1,2\n2022-12-13T00:01:00Z,1,2\n");
    r =
        Cli.run(
            "join",
            "--venue-a",
            a.toString(),
            "--venue-b",
            b.toString(),
            "--output",
            tmp.resolve("j.csv").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("sort the file by time, or let --sort sort it (in memory)");

    Files.writeString(b, "timestamp,bid,ask\n2022-12-13T00:01:00Z,1,2\n");
    r =
        Cli.run(
            "join",
            "--venue-a",
            a.toString(),
            "--venue-b",
            b.toString(),
            "--output",
            tmp.resolve("j.csv").toString(),
            "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err().strip())
        .startsWith(
            "arbtune join: warning: the join dropped 397 of 398 rows as stale (older than"
                + " --max-staleness 5s; venue B's quote was too old in 397")
        .endsWith(
            "check --time-unit-a and --time-unit-b (a wrong time unit), and whether a venue"
                + " stopped quoting")
        .doesNotContain("\n");
  }

  @Test
  void showFallsBackToTheJoinedFileWhenTheVenueFilesMovedAndSaysSo() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(sweep(session(VENUES), out, "-q").exitCode()).isZero();
    Files.move(tmp.resolve("data"), tmp.resolve("moved"));
    String[] show = {
      "show",
      "m1_0002",
      "--results-dir",
      out.toString(),
      "--data-root",
      tmp.toString(),
      "--output-dir",
      tmp.resolve("shown").toString()
    };
    Cli.Result r = Cli.run(show);
    assertThat(r.exitCode()).as(r.err()).isZero();
    Path joined;
    try (Stream<Path> s = Files.list(out.resolve(VenueJoins.FOLDER))) {
      joined = s.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
    }
    assertThat(r.err())
        .contains(
            "arbtune show: the venue files of job m1_0002 are not found under "
                + tmp.toAbsolutePath()
                + "; re-running it on the joined quotes it read (config_summary.joined_file): "
                + joined)
        .doesNotContain("DOES NOT REPRODUCE");
    assertThat(r.out()).startsWith("Job m1_0002").contains("re-run on " + joined);

    Files.move(tmp.resolve("moved"), tmp.resolve("data")); // back, the join gone: joined again
    Files.delete(joined);
    r = Cli.run(show);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("\narbtune show: joining venue files data/binance.csv and data/bybit.csv into ")
        .doesNotContain("config_summary.joined_file");

    Files.move(tmp.resolve("data"), tmp.resolve("moved"));
    try (Stream<Path> s = Files.list(out.resolve(VenueJoins.FOLDER))) {
      for (Path p : s.toList()) {
        Files.delete(p);
      }
    } // no joined file either: the clear error of a missing venue file
    r = Cli.run(show);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("cannot re-run job m1_0002")
        .contains("data/binance.csv")
        .doesNotContain("config_summary.joined_file");
  }

  @Test
  void aSortKeyThatIsNotABooleanIsAnErrorNamingItsLine() throws IOException {
    Path session = session(VENUES + "sort_b: 1\n");
    Cli.Result r = Cli.run("plan", "--config", session.toString(), "--dry-run");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains(session + ":6: sort_b: expected true or false, got 1\n");
  }
}
