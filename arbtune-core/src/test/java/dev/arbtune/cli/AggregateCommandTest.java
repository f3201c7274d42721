package dev.arbtune.cli;

import static dev.arbtune.testing.Docs.success;
import static dev.arbtune.testing.Docs.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.testing.Cli;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateCommandTest {

  /** The example session shipped in the repository (tests run in the module folder). */
  private static final Path EXAMPLE = Path.of("..", "examples", "sess001");

  @TempDir Path tmp;

  private static String golden(String name) throws IOException {
    try (InputStream in = AggregateCommandTest.class.getResourceAsStream("/golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void printsTheSeedLayoutForTheExampleSession() throws IOException {
    Cli.Result r = Cli.run("aggregate", "--results-dir", EXAMPLE.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo(golden("sess001.txt"));
    assertThat(r.err()).isEqualTo(golden("sess001-stderr.txt"));
  }

  @Test
  void filtersMaxResultsAndJsonOutput() throws IOException {
    Path json = tmp.resolve("new/folder/summary.json");
    Cli.Result r =
        Cli.run(
            "aggregate",
            "--results-dir",
            EXAMPLE.toString(),
            "--max-drawdown-pct",
            "5",
            "--min-trades",
            "5",
            "--max-results",
            "3",
            "--output-json",
            json.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo(golden("sess001-filtered.txt"));
    assertThat(r.err())
        .isEqualTo(golden("sess001-stderr.txt") + "[D39_AGG] Summary written to: " + json + "\n");
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.fieldNames())
        .toIterable()
        .startsWith("total_jobs", "success_jobs", "error_jobs", "filters", "top_by_pnl");
    assertThat(root.get("total_jobs").asInt()).isEqualTo(36);
    assertThat(root.get("success_jobs").asInt() + root.get("error_jobs").asInt()).isEqualTo(36);
    assertThat(root.get("filters").toString())
        .isEqualTo("{\"max_drawdown_pct\":5.0,\"min_trades\":5}");
    JsonNode top = root.get("top_by_pnl");
    assertThat(top).hasSize(3);
    for (JsonNode job : top) {
      assertThat(job.fieldNames())
          .toIterable()
          .containsExactly("job_id", "tag", "config", "metrics", "status");
      assertThat(job.get("metrics").get("max_drawdown_pct").asDouble()).isLessThanOrEqualTo(5.0);
      assertThat(job.get("metrics").get("total_trades").asInt()).isGreaterThanOrEqualTo(5);
      assertThat(job.get("status").asText()).isEqualTo("success");
    }
    assertThat(top.get(0).get("metrics").get("realized_pnl_usd").asDouble())
        .isGreaterThanOrEqualTo(top.get(1).get("metrics").get("realized_pnl_usd").asDouble());
    try (Stream<Path> left = Files.list(json.getParent())) {
      assertThat(left).containsExactly(json);
    }
  }

  @Test
  void jsonFileIsWhatTheLibraryWouldWrite() throws IOException {
    write(tmp, "r/a.json", success("a", 10, 1, 1));
    Path json = tmp.resolve("s.json");
    Cli.Result r =
        Cli.run(
            "aggregate",
            "--results-dir",
            tmp.resolve("r").toString(),
            "--output-json",
            json.toString());
    assertThat(r.exitCode()).isZero();
    String expected =
        dev.arbtune.aggregate.SummaryJson.toJson(
            dev.arbtune.aggregate.TuningResultsAggregator.builder(tmp.resolve("r"))
                .maxResults(10)
                .build()
                .summarize());
    assertThat(Files.readString(json)).isEqualTo(expected);
  }

  @Test
  void missingResultsDirectoryExitsOneAndNamesThePath() {
    Path missing = tmp.resolve("no-such-dir");
    Cli.Result r = Cli.run("aggregate", "--results-dir", missing.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains(missing.toString())
        .contains("not found")
        .doesNotContain("Exception");
  }

  @Test
  void fileInsteadOfDirectoryExitsOne() {
    Path file = write(tmp, "f.json", "{}");
    Cli.Result r = Cli.run("aggregate", "--results-dir", file.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("not a directory").contains(file.toString());
  }

  @Test
  void missingRequiredOptionIsAUsageError() {
    Cli.Result r = Cli.run("aggregate");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required option: '--results-dir=DIR'").contains("Usage:");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void badNumbersAreUsageErrors() {
    assertThat(Cli.run("aggregate", "--results-dir", ".", "--max-results", "ten").exitCode())
        .isEqualTo(2);
    Cli.Result negative = Cli.run("aggregate", "--results-dir", ".", "--max-results", "-1");
    assertThat(negative.exitCode()).isEqualTo(2);
    assertThat(negative.err())
        .contains("--max-results must be 0 or more, got -1")
        .contains("Usage:");
    Cli.Result nan = Cli.run("aggregate", "--results-dir", ".", "--max-drawdown-pct", "NaN");
    assertThat(nan.exitCode()).isEqualTo(2);
    assertThat(nan.err()).contains("finite");
    assertThat(Cli.run("aggregate", "--results-dir", ".", "--min-trades", "1.5").exitCode())
        .isEqualTo(2);
    assertThat(Cli.run("aggregate", "--results-dir", ".", "--bogus").exitCode()).isEqualTo(2);
  }

  @Test
  void unwritableOutputIsAFailureWithAClearMessage() throws IOException {
    write(tmp, "r/a.json", success("a", 10, 1, 1));
    Path blocker = write(tmp, "blocker", "a file, not a folder");
    Cli.Result r =
        Cli.run(
            "aggregate",
            "--results-dir",
            tmp.resolve("r").toString(),
            "--output-json",
            blocker.resolve("s.json").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("cannot write").contains("s.json").doesNotContain("\tat ");
  }

  @Test
  void helpDescribesEveryOptionAndTheExitCodes() {
    Cli.Result r = Cli.run("aggregate", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("--results-dir=DIR")
        .contains("--max-results=N")
        .contains("default: 10")
        .contains("--max-drawdown-pct=PCT")
        .contains("--min-trades=N")
        .contains("--output-json=FILE")
        .contains("Exit codes:")
        .contains("1   input not found");
  }

  @Test
  void versionPrintsTheProjectVersion() {
    Cli.Result r = Cli.run("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("arbtune ").doesNotContain("unknown");
  }

  @Test
  void noCommandIsAUsageError() {
    Cli.Result r = Cli.run();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Usage: arbtune").contains("aggregate");
  }

  @Test
  void unknownCommandIsAUsageError() {
    Cli.Result r = Cli.run("aggregat");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("aggregat");
  }
}
