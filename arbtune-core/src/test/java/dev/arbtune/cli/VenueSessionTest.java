package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.VenueFiles;
import dev.arbtune.join.JoinOptions;
import dev.arbtune.join.QuoteJoin;
import dev.arbtune.join.VenueFormat;
import dev.arbtune.join.VenueInput;
import dev.arbtune.run.VenueJoins;
import dev.arbtune.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions that name two venue files instead of a data_file, end to end: sweep, documents, show,
 * aggregate, errors. The venue files are the shipped examples (examples/venues/), Bybit's with
 * twenty minutes left out, so that the 90 s staleness limit drops rows.
 */
class VenueSessionTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GRIDS =
      """
      tag_prefix: v1
      taker_fee_a_bps: 0.5
      taker_fee_b_bps: 0.5
      grids:
        - name: min_spread_bps
          values: [0, 1, 2]
        - name: slippage_bps
          values: [0, 1]
      """;

  @TempDir Path tmp;

  @BeforeEach
  void venueFiles() throws IOException {
    Files.createDirectories(tmp.resolve("data"));
    Files.copy(REPO.resolve("examples/venues/binance.csv"), tmp.resolve("data/binance.csv"));
    Files.copy(REPO.resolve("examples/venues/bybit.csv"), tmp.resolve("data/bybit.csv"));
  }

  private Path session(String name, String head) throws IOException {
    return Files.writeString(tmp.resolve(name), head + GRIDS);
  }

  private static final String VENUES =
      """
      venue_a: data/binance.csv
      venue_b: data/bybit.csv
      format_a: generic
      format_b: generic
      max_staleness: 90s
      """;

  private Cli.Result sweep(Path session, Path out) {
    return Cli.run(
        "sweep",
        "--config",
        session.toString(),
        "--output-root",
        out.toString(),
        "--data-root",
        tmp.toString(),
        "--max-results",
        "100",
        "-q");
  }

  /** Every result document under {@code out}, by job id. */
  private static Map<String, JsonNode> documents(Path out) throws IOException {
    Map<String, JsonNode> docs = new TreeMap<>();
    try (Stream<Path> s = Files.walk(out.resolve("results"))) {
      for (Path p : s.filter(f -> f.toString().endsWith(".json")).toList()) {
        JsonNode d = JSON.readTree(p.toFile());
        docs.put(d.get("config_summary").get("job_id").asText(), d);
      }
    }
    return docs;
  }

  /** The joined files in {@code dir} (each has its join's stats beside it, not listed). */
  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void aVenueSessionRanksAsTheSameSessionOnTheJoinedFileDoes() throws IOException {
    Path out = tmp.resolve("out");
    Cli.Result r = sweep(session("venues.yaml", VENUES), out);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Total Jobs:           6\n").contains("Success Jobs:         6\n");

    // The join that arbtune join does with the same options, and the same session on it.
    Path joined = tmp.resolve("joined-by-hand.csv");
    QuoteJoin.join(
        new VenueInput(
            tmp.resolve("data/binance.csv"), VenueFormat.GENERIC, null, EpochUnit.AUTO, false),
        new VenueInput(
            tmp.resolve("data/bybit.csv"), VenueFormat.GENERIC, null, EpochUnit.AUTO, false),
        new JoinOptions(VenueFiles.stalenessMicros("90s"), 0, true),
        joined);
    assertThat(Files.readAllLines(joined).size())
        .as("the stale stretch is dropped")
        .isLessThan(Files.readAllLines(tmp.resolve("data/binance.csv")).size() - 10);
    Path plain = tmp.resolve("plain");
    r = sweep(session("plain.yaml", "data_file: " + joined + "\n"), plain);
    assertThat(r.exitCode()).as(r.err()).isZero();

    Map<String, JsonNode> venueDocs = documents(out);
    Map<String, JsonNode> plainDocs = documents(plain);
    assertThat(venueDocs.keySet()).hasSize(6).isEqualTo(plainDocs.keySet());
    for (String id : venueDocs.keySet()) {
      JsonNode v = venueDocs.get(id);
      JsonNode p = plainDocs.get(id);
      assertThat(v.get("status").asText()).isEqualTo("success");
      Map<String, Object> vm = JSON.convertValue(v.get("metrics"), Map.class);
      Map<String, Object> pm = JSON.convertValue(p.get("metrics"), Map.class);
      vm.remove("runtime_seconds");
      pm.remove("runtime_seconds");
      assertThat(vm).as(id).isEqualTo(pm);
      // The document records both venue files as given, and no data_file.
      JsonNode config = v.get("config");
      assertThat(config.get("venue_a").asText()).isEqualTo("data/binance.csv");
      assertThat(config.get("venue_b").asText()).isEqualTo("data/bybit.csv");
      assertThat(config.get("max_staleness").asText()).isEqualTo("90s");
      assertThat(config.has("data_file")).isFalse();
    }

    // Joined once for the six jobs: one file in the sweep's joined/ folder, the hand join's bytes.
    List<Path> cached = files(out.resolve(VenueJoins.FOLDER));
    assertThat(cached).hasSize(1);
    assertThat(cached.get(0).getFileName().toString()).matches("joined-[0-9a-f]{32}\\.csv");
    assertThat(Files.readAllBytes(cached.get(0))).isEqualTo(Files.readAllBytes(joined));
    for (String id : venueDocs.keySet()) { // each document names the joined quotes it read
      assertThat(venueDocs.get(id).get("config_summary").get("joined_file").asText())
          .isEqualTo(cached.get(0).toString());
      assertThat(plainDocs.get(id).get("config_summary").has("joined_file")).isFalse();
    }

    // A second sweep into the same root resumes and does not join again.
    r = sweep(tmp.resolve("venues.yaml"), out);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(files(out.resolve(VenueJoins.FOLDER))).isEqualTo(cached);

    // A changed venue file makes the results another session's, and gives a new join.
    Files.writeString(
        tmp.resolve("data/bybit.csv"),
        Files.readString(tmp.resolve("data/bybit.csv")).replace("17127,17127.5", "17127,17128"));
    r = sweep(tmp.resolve("venues.yaml"), out);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("holds the results of a different session");
    r =
        Cli.run(
            "sweep",
            "--config",
            tmp.resolve("venues.yaml").toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            tmp.toString(),
            "--fresh",
            "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(files(out.resolve(VenueJoins.FOLDER))).hasSize(2);
  }

  @Test
  void theAggregatorRanksAVenueSessionWithTheVenueKeysAsFixedKeys() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(sweep(session("venues.yaml", VENUES), out).exitCode()).isZero();
    Cli.Result r = Cli.run("aggregate", "--results-dir", out.toString(), "--max-results", "6");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> ranked = r.out().lines().filter(l -> l.matches("\\s+\\d+\\) job_id=.*")).toList();
    assertThat(ranked).hasSize(6);
    for (String line : ranked) {
      assertThat(line).contains("min_spread_bps=").contains("slippage_bps=");
      assertThat(line).doesNotContain("venue_").doesNotContain("max_staleness");
    }
    r = Cli.run("aggregate", "--results-dir", out.toString(), "--format", "csv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines().findFirst().orElseThrow()).contains("venue_a").contains("venue_b");
  }

  @Test
  void theReportsJobChartsReRunVenueJobs() throws IOException {
    Path out = tmp.resolve("out");
    Cli.Result r =
        Cli.run(
            "sweep",
            "--config",
            session("venues.yaml", VENUES).toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            tmp.toString(),
            "--report",
            "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String report = Files.readString(out.resolve("report.html"));
    assertThat(report).contains("Top jobs over time").contains("<div class=\"grid\">");
    assertThat(report).doesNotContain("charts are left out").doesNotContain("re-run differs");
  }

  @Test
  void theShippedExampleSessionSweeps() throws IOException {
    Path out = tmp.resolve("example");
    Cli.Result r =
        Cli.run(
            "sweep",
            "--config",
            REPO.resolve("examples/venues.yaml").toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            REPO.toString(),
            "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Success Jobs:         6\n");
    assertThat(files(out.resolve(VenueJoins.FOLDER))).hasSize(1);
  }

  @Test
  void showReRunsAVenueJobFromItsDocument() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(sweep(session("venues.yaml", VENUES), out).exitCode()).isZero();
    Cli.Result r =
        Cli.run(
            "show",
            "v1_0002",
            "--results-dir",
            out.toString(),
            "--data-root",
            tmp.toString(),
            "--output-dir",
            tmp.resolve("shown").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("DOES NOT REPRODUCE");
    assertThat(r.out()).startsWith("Job v1_0002").contains(VenueJoins.FOLDER);
    assertThat(files(out.resolve(VenueJoins.FOLDER))).hasSize(1); // the sweep's join, reused
  }

  @Test
  void aMalformedVenueFileIsEveryJobsErrorNamingFileLineAndColumn() throws IOException {
    Files.writeString(
        tmp.resolve("data/bybit.csv"),
        "timestamp,bid,ask\n2022-12-13T00:01:00Z,17210,17210.5\n2022-12-13T00:02:00Z,abc,17218\n");
    Path out = tmp.resolve("out");
    sweep(session("venues.yaml", VENUES), out);
    Map<String, JsonNode> docs = documents(out);
    assertThat(docs).hasSize(6);
    for (JsonNode d : docs.values()) {
      assertThat(d.get("status").asText()).isEqualTo("error");
      String error = d.get("error").asText();
      assertThat(error)
          .startsWith("plan line ")
          .contains("venue file ")
          .contains("bybit.csv")
          .contains("line 3")
          .contains("bid");
      assertThat(d.get("config").get("venue_b").asText()).isEqualTo("data/bybit.csv");
    }
    assertThat(files(out.resolve(VenueJoins.FOLDER))).isEmpty();
  }

  @Test
  void aMissingVenueFileStopsTheSweepBeforeAnyJobNamingItsLine() throws IOException {
    Path session = session("venues.yaml", VENUES.replace("data/bybit.csv", "data/nope.csv"));
    Path out = tmp.resolve("out");
    Cli.Result r = sweep(session, out);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains(session + ":2: venue_b: data/nope.csv not found (looked for ")
        .contains("a relative data_file or venue file is read from")
        .contains("no job was run");
    assertThat(out.resolve("results")).doesNotExist();
  }

  @Test
  void runJoinsAPlansVenueLinesIntoItsOutputRootAndRefusesAMixedLine() throws IOException {
    Path plan =
        Files.writeString(
            tmp.resolve("jobs.jsonl"),
            """
            {"job_id":"p_1","config":{"venue_a":"data/binance.csv","venue_b":"data/bybit.csv","format_a":"generic","max_staleness":"90s","min_spread_bps":1},"output_json":"p/p_1.json"}
            {"job_id":"p_2","config":{"data_file":"data/binance.csv","venue_a":"data/binance.csv","venue_b":"data/bybit.csv"},"output_json":"p/p_2.json"}
            {"job_id":"p_3","config":{"venue_a":"data/binance.csv","max_staleness":"soon"},"output_json":"p/p_3.json"}
            """);
    Path out = tmp.resolve("run");
    Cli.Result r =
        Cli.run(
            "run",
            "--jobs",
            plan.toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            tmp.toString());
    JsonNode ok = JSON.readTree(out.resolve("p/p_1.json").toFile());
    assertThat(ok.get("status").asText()).as(r.err()).isEqualTo("success");
    assertThat(files(out.resolve(VenueJoins.FOLDER))).hasSize(1);
    assertThat(JSON.readTree(out.resolve("p/p_2.json").toFile()).get("error").asText())
        .isEqualTo(
            "plan line 2: config.data_file: give either data_file or venue_a and venue_b (two"
                + " venue files joined by the runner), not both");
    assertThat(JSON.readTree(out.resolve("p/p_3.json").toFile()).get("error").asText())
        .isEqualTo("plan line 3: config.venue_b: is required with venue_a: give both venue files");
  }

  @Test
  void concurrentAskersOfOneJoinWaitForOneJoin() throws Exception {
    VenueFiles venues =
        new VenueFiles(
            "data/binance.csv",
            "data/bybit.csv",
            "generic",
            "generic",
            null,
            null,
            EpochUnit.AUTO,
            EpochUnit.AUTO,
            "90s");
    Path folder = tmp.resolve("joined");
    VenueJoins one = new VenueJoins(folder, tmp);
    VenueJoins other = new VenueJoins(folder, tmp); // a second session at once
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Path>> asked = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        VenueJoins joins = i % 2 == 0 ? one : other;
        asked.add(pool.submit(() -> joins.joined(venues)));
      }
      Path first = asked.get(0).get();
      for (Future<Path> f : asked) {
        assertThat(f.get()).isEqualTo(first);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(one.joinsRun() + other.joinsRun()).isEqualTo(1);
    assertThat(files(folder)).hasSize(1);
  }
}
