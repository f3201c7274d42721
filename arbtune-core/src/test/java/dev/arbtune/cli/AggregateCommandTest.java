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

  private static String golden(String name) {
    try (InputStream in = AggregateCommandTest.class.getResourceAsStream("/golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void printsTheSeedLayoutForTheExampleSession() throws IOException {
    Cli.Result r = Cli.run("aggregate", "--results-dir", EXAMPLE.toString(), "--columns", "seed");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo(golden("sess001.txt"));
    assertThat(r.err()).isEqualTo(golden("sess001-stderr.txt"));
  }

  @Test
  void showsEveryVariedKeyByDefault() {
    Cli.Result r = Cli.run("aggregate", "--results-dir", EXAMPLE.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo(golden("sess001-varied.txt"));
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
            "--columns",
            "seed",
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
    assertThat(r.err()).contains("not a folder").contains(file.toString());
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
    assertThat(r.err())
        .isEqualTo(
            "arbtune aggregate: error: --output-json "
                + blocker.resolve("s.json")
                + ": "
                + blocker
                + " is a file, not a folder\n");
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

  private Path session() {
    Path r = tmp.resolve("session");
    write(r, "a.json", dev.arbtune.testing.Docs.success("a", 300, 12.0, 20, 10, 1));
    write(r, "b.json", dev.arbtune.testing.Docs.success("b", 250, 4.0, 8, 20, 3));
    write(r, "c.json", dev.arbtune.testing.Docs.success("c", -40, 2.0, 3, 30, 5));
    write(r, "d.json", dev.arbtune.testing.Docs.success("d", 100, 6.0, 12, 40, 7));
    write(
        r,
        "e.json",
        dev.arbtune.testing.Docs.withMetrics(
            "e", "{\"realized_pnl_usd\": 50, \"win_rate\": 0.9, \"max_drawdown_pct\": 1}"));
    return r;
  }

  private static java.util.List<String> rankedIds(String jsonLines) throws IOException {
    java.util.List<String> ids = new java.util.ArrayList<>();
    for (String line : jsonLines.split("\n")) {
      ids.add(new ObjectMapper().readTree(line).get("job_id").asText());
    }
    return ids;
  }

  @Test
  void sortByKnowsTheBetterDirectionAndCanBeOverridden() throws IOException {
    Path r = session();
    Cli.Result dd =
        Cli.run(
            "aggregate",
            "--results-dir",
            r.toString(),
            "--sort-by",
            "max_drawdown_pct",
            "--format",
            "jsonl");
    assertThat(dd.exitCode()).isZero();
    assertThat(rankedIds(dd.out())).containsExactly("e", "c", "b", "d", "a");
    Cli.Result desc =
        Cli.run(
            "aggregate",
            "--results-dir",
            r.toString(),
            "--sort-by",
            "max_drawdown_pct",
            "--descending",
            "--format",
            "jsonl");
    assertThat(rankedIds(desc.out())).containsExactly("a", "d", "b", "c", "e");
    Cli.Result asc =
        Cli.run("aggregate", "--results-dir", r.toString(), "--ascending", "--format", "jsonl");
    assertThat(rankedIds(asc.out())).containsExactly("c", "e", "d", "b", "a");
    Cli.Result both =
        Cli.run("aggregate", "--results-dir", r.toString(), "--ascending", "--descending");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("cannot be used together");
  }

  @Test
  void otherRankingsAreNamedInTextAndListedUnderTopInJson() throws IOException {
    Path r = session();
    Cli.Result text =
        Cli.run(
            "aggregate",
            "--results-dir",
            r.toString(),
            "--sort-by",
            "win_rate",
            "--max-results",
            "2");
    assertThat(text.out())
        .contains("Top 2 by win_rate (descending):\n  1) job_id=e  PnL=+50.00 ")
        .contains("  win_rate=0.9  ");
    Cli.Result json =
        Cli.run(
            "aggregate",
            "--results-dir",
            r.toString(),
            "--sort-by",
            "win_rate",
            "--format",
            "json");
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertThat(root.has("top_by_pnl")).isFalse();
    assertThat(root.get("top").get(0).get("job_id").asText()).isEqualTo("e");
    assertThat(root.get("ranking").toString())
        .isEqualTo("{\"metric\":\"win_rate\",\"order\":\"descending\"}");
    JsonNode seed =
        new ObjectMapper()
            .readTree(
                Cli.run("aggregate", "--results-dir", r.toString(), "--format", "json").out());
    assertThat(seed.get("top_by_pnl")).hasSize(5);
    assertThat(seed.get("ranking").get("metric").asText()).isEqualTo("realized_pnl_usd");
  }

  @Test
  void filterExpressionsAndShortcutsAllApplyAndAreListed() throws IOException {
    Path r = session();
    Cli.Result res =
        Cli.run(
            "aggregate",
            "--results-dir",
            r.toString(),
            "--format",
            "json",
            "--filter",
            "win_rate>=0.5",
            "--filter",
            "config.slippage_bps <= 5",
            "--min-win-rate",
            "0.5",
            "--min-pnl",
            "0",
            "--max-trades",
            "30",
            "--profitable",
            "--tag",
            "sess001");
    assertThat(res.exitCode()).isZero();
    JsonNode root = new ObjectMapper().readTree(res.out());
    assertThat(root.get("filters").toString())
        .isEqualTo(
            "{\"min_win_rate\":0.5,\"min_pnl\":0.0,\"max_trades\":30,\"profitable\":true,\"tag\":\"sess001\","
                + "\"expressions\":[\"win_rate >= 0.5\",\"config.slippage_bps <= 5\"]}");
    assertThat(root.get("top_by_pnl"))
        .extracting(j -> j.get("job_id").asText())
        .containsExactly("a", "b");
    assertThat(root.get("matched_jobs").asInt()).isEqualTo(2);
    Cli.Result few =
        Cli.run(
            "aggregate",
            "--results-dir",
            r.toString(),
            "--format",
            "jsonl",
            "--max-trades",
            "10",
            "--profitable");
    assertThat(rankedIds(few.out())).containsExactly("b", "e");
    Cli.Result tag =
        Cli.run("aggregate", "--results-dir", r.toString(), "--format", "jsonl", "--tag", "t");
    assertThat(rankedIds(tag.out())).containsExactly("e");
  }

  @Test
  void malformedFilterIsAUsageErrorPointingAtTheBadPart() {
    Cli.Result r = Cli.run("aggregate", "--results-dir", ".", "--filter", "win_rate=>0.6");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("invalid filter 'win_rate=>0.6'")
        .contains("position 9")
        .contains("          ^")
        .contains("Usage:");
  }

  @Test
  void paretoFrontInTextAndJson() throws IOException {
    Path r = session();
    Cli.Result text = Cli.run("aggregate", "--results-dir", r.toString(), "--pareto");
    assertThat(text.out())
        .contains("Pareto front, PnL higher and drawdown lower (3 jobs):\n  1) job_id=a ")
        .contains("  2) job_id=b ")
        .contains("  3) job_id=e ");
    JsonNode root =
        new ObjectMapper()
            .readTree(
                Cli.run("aggregate", "--results-dir", r.toString(), "--pareto", "--format", "json")
                    .out());
    assertThat(root.get("pareto_front"))
        .extracting(j -> j.get("job_id").asText())
        .containsExactly("a", "b", "e");
    assertThat(
            new ObjectMapper()
                .readTree(
                    Cli.run("aggregate", "--results-dir", r.toString(), "--format", "json").out())
                .has("pareto_front"))
        .isFalse();
  }

  @Test
  void csvRoundTripsThroughACsvReader() throws IOException {
    Path r = session();
    write(
        r,
        "weird.json",
        "{\"status\": \"success\", \"config\": {\"tag\": \"with,comma \\\"quoted\\\"\\nnewline\", \"nested\": [1, 2]}, \"metrics\": {\"realized_pnl_usd\": 1000}}");
    Path csvFile = tmp.resolve("out/ranked.csv");
    Cli.Result res =
        Cli.run(
            "aggregate",
            "--results-dir",
            r.toString(),
            "--format",
            "csv",
            "--output-csv",
            csvFile.toString());
    assertThat(res.exitCode()).isZero();
    assertThat(Files.readString(csvFile)).isEqualTo(res.out());
    assertThat(res.out()).contains("\r\n");
    java.util.List<de.siegmar.fastcsv.reader.CsvRecord> rows;
    try (var reader = de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(res.out())) {
      rows = reader.stream().toList();
    }
    java.util.List<String> header = rows.get(0).getFields();
    assertThat(header).startsWith("rank", "job_id", "tag", "status");
    assertThat(header)
        .contains(
            "config.min_spread_bps",
            "config.nested",
            "metrics.realized_pnl_usd",
            "metrics.win_rate");
    assertThat(rows).hasSize(7);
    for (var row : rows) {
      assertThat(row.getFieldCount()).isEqualTo(header.size());
    }
    de.siegmar.fastcsv.reader.CsvRecord first = rows.get(1);
    assertThat(first.getField(0)).isEqualTo("1");
    assertThat(first.getField(1)).isEqualTo("weird");
    assertThat(first.getField(2)).isEqualTo("with,comma \"quoted\"\nnewline");
    assertThat(first.getField(header.indexOf("config.nested"))).isEqualTo("[1,2]");
    assertThat(first.getField(header.indexOf("config.min_spread_bps"))).isEmpty();
    de.siegmar.fastcsv.reader.CsvRecord a = rows.get(2);
    assertThat(a.getField(1)).isEqualTo("a");
    assertThat(a.getField(header.indexOf("config.min_spread_bps"))).isEqualTo("10.0");
    assertThat(a.getField(header.indexOf("metrics.total_trades"))).isEqualTo("20");
    assertThat(a.getField(header.indexOf("metrics.realized_pnl_usd"))).isEqualTo("300.0");
  }

  @Test
  void markdownHasTheCountsAndARankedTable() {
    Cli.Result res =
        Cli.run(
            "aggregate",
            "--results-dir",
            EXAMPLE.toString(),
            "--format",
            "markdown",
            "--max-results",
            "2");
    assertThat(res.exitCode()).isZero();
    assertThat(res.out())
        .startsWith(
            "# Tuning session summary\n\n| total jobs | success | error | skipped files | passed filters |\n")
        .contains("| 36 | 32 | 4 | 0 | 32 |")
        .contains("## Top 2 by Realized PnL (USD)")
        .contains(
            "| rank | job_id | realized_pnl_usd | max_drawdown_pct | total_trades | win_rate"
                + " | min_spread_bps |")
        .contains("| 1 | sess001_0020 | 15.346424 | 0.023595 | 9 | 1 | 2 |")
        .contains("## Errors (4)")
        .contains("| sess001_0032.json | empty | empty file (no JSON value) |");
  }

  @Test
  void strictExitsThreeOnErrorsOrWarningsAndZeroOtherwise() {
    assertThat(Cli.run("aggregate", "--results-dir", EXAMPLE.toString(), "--strict").exitCode())
        .isEqualTo(3);
    Path clean = session();
    assertThat(Cli.run("aggregate", "--results-dir", clean.toString(), "--strict").exitCode())
        .isZero();
    write(clean, "dup/a.json", dev.arbtune.testing.Docs.success("a", 1, 1, 1));
    Cli.Result dup = Cli.run("aggregate", "--results-dir", clean.toString(), "--strict");
    assertThat(dup.exitCode()).isEqualTo(3);
    assertThat(dup.err())
        .contains("Warnings: 1")
        .contains("duplicate-job-id: job_id \"a\" is claimed by 2 documents");
  }

  @Test
  void quietPrintsNothingOnStderrButTheFilesWritten() {
    Cli.Result r = Cli.run("aggregate", "--results-dir", EXAMPLE.toString(), "--quiet");
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo(golden("sess001-varied.txt"));
  }

  @Test
  void threadCountDoesNotChangeTheOutput() {
    String one =
        Cli.run(
                "aggregate",
                "--results-dir",
                EXAMPLE.toString(),
                "--threads",
                "1",
                "--format",
                "json",
                "--pareto")
            .out();
    String four =
        Cli.run(
                "aggregate",
                "--results-dir",
                EXAMPLE.toString(),
                "--threads",
                "4",
                "--format",
                "json",
                "--pareto")
            .out();
    assertThat(four).isEqualTo(one);
    assertThat(Cli.run("aggregate", "--results-dir", ".", "--threads", "0").exitCode())
        .isEqualTo(2);
  }

  @Test
  void outputJsonInsideTheResultsFolderIsSkippedNextTime() {
    Path r = session();
    Path inside = r.resolve("summary.json");
    assertThat(
            Cli.run("aggregate", "--results-dir", r.toString(), "--output-json", inside.toString())
                .exitCode())
        .isZero();
    Cli.Result again = Cli.run("aggregate", "--results-dir", r.toString(), "--strict");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("Total Jobs:           5\n");
    assertThat(again.err())
        .contains("Skipped 1 document(s) of arbtune's own found among the results");
  }

  @Test
  void insightsAppendABlockAfterTheUnchangedSummary() throws IOException {
    Cli.Result plain = Cli.run("aggregate", "--results-dir", EXAMPLE.toString(), "--pareto");
    Cli.Result r = Cli.run("aggregate", "--results-dir", EXAMPLE.toString(), "--insights");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith(plain.out());
    String block = r.out().substring(plain.out().length());
    assertThat(block)
        .startsWith("Insights (32 jobs that passed the filters; PnL = realized_pnl_usd):")
        .contains("Parameter importance", "min_spread_bps", "slippage_bps")
        .contains("Fixed: data_file")
        .contains("Sensitivity of realized PnL")
        .contains("Robustness of the top 10")
        .contains("1) job_id=sess001_0020  PnL=+15.35")
        .contains("Deflated Sharpe ratio (Bailey & López de Prado 2014), N=32 trials")
        .endsWith(dev.arbtune.aggregate.SummaryText.RULE + "\n");
    assertThat(r.err()).isEqualTo(golden("sess001-stderr.txt"));
  }

  @Test
  void insightsAddAnInsightsObjectToJsonOnlyWhenAsked() throws IOException {
    Cli.Result without =
        Cli.run("aggregate", "--results-dir", EXAMPLE.toString(), "--format", "json");
    assertThat(new ObjectMapper().readTree(without.out()).has("insights")).isFalse();
    Path file = tmp.resolve("s.json");
    Cli.Result r =
        Cli.run(
            "aggregate",
            "--results-dir",
            EXAMPLE.toString(),
            "--format",
            "json",
            "--insights",
            "--output-json",
            file.toString());
    assertThat(r.exitCode()).isZero();
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.fieldNames()).toIterable().last().isEqualTo("insights");
    assertThat(root.has("pareto_front")).isTrue();
    JsonNode in = root.get("insights");
    assertThat(in.get("jobs").asInt()).isEqualTo(32);
    assertThat(in.get("parameters"))
        .extracting(p -> p.get("name").asText())
        .containsExactlyInAnyOrder("min_spread_bps", "slippage_bps", "max_open_trades");
    assertThat(in.get("robustness").get("jobs")).hasSize(10);
    assertThat(in.get("robustness").get("jobs").get(0).get("verdict").asText())
        .isIn("plateau", "spike", "no-neighbours");
    assertThat(in.get("deflated_sharpe").get("available").asBoolean()).isTrue();
    assertThat(in.get("pnl_distribution").get("jobs").asInt()).isEqualTo(32);
    assertThat(new ObjectMapper().readTree(file.toFile())).isEqualTo(root);
  }

  @Test
  void rankedListsWrittenIntoTheResultsFolderAreSkippedNextTime() throws IOException {
    Path r = session();
    Cli.Result list =
        Cli.run("aggregate", "--results-dir", r.toString(), "--format", "jsonl", "-q");
    Files.writeString(r.resolve("top.jsonl"), list.out());
    Cli.Result again = Cli.run("aggregate", "--results-dir", r.toString(), "--strict");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("Total Jobs:           5\n");
    assertThat(again.err())
        .contains("Skipped 5 document(s) of arbtune's own found among the results");
  }

  @Test
  void maxResultsZeroSaysWhyNothingIsListed() {
    Cli.Result r =
        Cli.run("aggregate", "--results-dir", EXAMPLE.toString(), "--max-results", "0", "-q");
    assertThat(r.out())
        .contains("Top 0 by Realized PnL (USD):\n  (none listed: --max-results is 0)\n");
    Path empty = tmp.resolve("empty");
    write(empty, "a.json", dev.arbtune.testing.Docs.success("a", 1, 50, 1));
    Cli.Result none =
        Cli.run("aggregate", "--results-dir", empty.toString(), "--max-drawdown-pct", "1", "-q");
    assertThat(none.out()).contains("  (no success job passed the filters)\n");
  }

  @Test
  void threadsAreBounded() {
    Cli.Result r = Cli.run("aggregate", "--results-dir", EXAMPLE.toString(), "--threads", "10000");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--threads must be between 1 and 256, got 10000");
  }

  @Test
  void aFilterNumberBeyondRangeIsAUsageErrorWithACaret() {
    Cli.Result r = Cli.run("aggregate", "--results-dir", ".", "--filter", "x > 1e99999999999");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("invalid filter 'x > 1e99999999999': number out of range at position 5");
  }

  @Test
  void sortByAcceptsTheMetricsPrefix() throws IOException {
    Path r = session();
    String plain =
        Cli.run(
                "aggregate",
                "--results-dir",
                r.toString(),
                "--sort-by",
                "win_rate",
                "--format",
                "json")
            .out();
    String prefixed =
        Cli.run(
                "aggregate",
                "--results-dir",
                r.toString(),
                "--sort-by",
                "metrics.win_rate",
                "--format",
                "json")
            .out();
    assertThat(prefixed).isEqualTo(plain).contains("\"metric\": \"win_rate\"");
  }

  @Test
  void diagnosticsListTheFirstErrorsAndCountTheRest() throws IOException {
    Path r = tmp.resolve("broken");
    for (int i = 0; i < 8; i++) {
      write(r, "e" + i + ".json", "{ broken " + i);
    }
    write(r, "nopnl.json", dev.arbtune.testing.Docs.withMetrics("np", "{}"));
    Cli.Result res = Cli.run("aggregate", "--results-dir", r.toString(), "--format", "json");
    assertThat(res.err())
        .contains("Errors: 8 (malformed-json: 8)\n")
        .contains("  e4.json: malformed-json:")
        .doesNotContain("  e5.json")
        .contains("  ... and 3 more (all listed by --format json)\n")
        .contains(
            "Warnings: 1\n  missing-pnl: nopnl.json: success document without metrics.realized_pnl_usd");
    JsonNode root = new ObjectMapper().readTree(res.out());
    assertThat(root.get("errors")).hasSize(8);
    assertThat(root.get("errors").get(0).has("line")).isFalse();
    Cli.Result capped =
        Cli.run(
            "aggregate", "--results-dir", r.toString(), "--format", "json", "--max-errors", "0");
    JsonNode c = new ObjectMapper().readTree(capped.out());
    assertThat(c.get("errors")).isEmpty();
    assertThat(c.get("errors_truncated").asInt()).isEqualTo(8);
    assertThat(c.get("warnings")).isEmpty();
    assertThat(c.get("warnings_truncated").asInt()).isEqualTo(1);
  }

  @Test
  void tiedParetoJobsAreCountedAndListedWithinBounds() throws IOException {
    Path r = tmp.resolve("ties");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      lines
          .append(
              dev.arbtune.testing.Docs.withMetrics(
                  String.format("z%02d", i), "{\"realized_pnl_usd\": 0, \"max_drawdown_pct\": 0}"))
          .append('\n');
    }
    write(r, "ties.jsonl", lines.toString());
    Cli.Result text = Cli.run("aggregate", "--results-dir", r.toString(), "--pareto", "-q");
    assertThat(text.out())
        .contains("Pareto front, PnL higher and drawdown lower (30 jobs):\n  1) job_id=z00 ")
        .contains("  20) job_id=z19 ")
        .doesNotContain("job_id=z20 ")
        .contains("  ... and 10 more on the front (--format json lists up to 1,000)\n");
    JsonNode root =
        new ObjectMapper()
            .readTree(
                Cli.run("aggregate", "--results-dir", r.toString(), "--pareto", "--format", "json")
                    .out());
    assertThat(root.get("pareto_front")).hasSize(30);
    assertThat(root.get("pareto_front_jobs").asInt()).isEqualTo(30);
  }

  @Test
  void maxResultsAllListsEveryJobThatPassesTheFilters() throws Exception {
    Cli.Result all =
        Cli.run(
            "aggregate",
            "--results-dir",
            EXAMPLE.toString(),
            "--max-results",
            "all",
            "--format",
            "json");
    Cli.Result many =
        Cli.run(
            "aggregate",
            "--results-dir",
            EXAMPLE.toString(),
            "--max-results",
            "1000000",
            "--format",
            "json");
    Cli.Result text =
        Cli.run("aggregate", "--results-dir", EXAMPLE.toString(), "--max-results", "ALL", "-q");

    assertThat(all.exitCode()).isZero();
    com.fasterxml.jackson.databind.JsonNode summary =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(all.out());
    int success = summary.get("success_jobs").asInt();
    assertThat(success).isGreaterThan(10);
    assertThat(summary.get("top_by_pnl")).hasSize(success);
    assertThat(all.out()).isEqualTo(many.out());
    assertThat(text.out()).contains("Top " + success + " by Realized PnL (USD):");
  }

  @Test
  void maxResultsThatIsNeitherACountNorAllIsAUsageError() {
    Cli.Result r =
        Cli.run("aggregate", "--results-dir", EXAMPLE.toString(), "--max-results", "lots");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "Invalid value for option '--max-results': expected a number of jobs or 'all', got"
                + " \"lots\"");
  }
}
