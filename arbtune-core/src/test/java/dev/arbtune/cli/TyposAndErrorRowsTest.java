package dev.arbtune.cli;

import static dev.arbtune.testing.Docs.success;
import static dev.arbtune.testing.Docs.withMetrics;
import static dev.arbtune.testing.Docs.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, end to end: typos in --sort-by and --filter are usage errors, zero-trade jobs in the
 * top are warned about, and --include-errors lists every job in the tables.
 */
class TyposAndErrorRowsTest {

  private static final Path EXAMPLE = Path.of("..", "examples", "sess001");
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static String firstLine(Cli.Result r) {
    return r.err().lines().findFirst().orElse("");
  }

  @Test
  void aMisspeltSortMetricIsAUsageErrorWithDidYouMean() {
    Cli.Result r =
        Cli.run("aggregate", "--results-dir", EXAMPLE.toString(), "--sort-by", "realised_pnl_usd");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE_OR_FAILURE);
    assertThat(r.out()).isEmpty();
    assertThat(firstLine(r))
        .isEqualTo(
            "--sort-by realised_pnl_usd: no success document (of 32 read) has"
                + " metrics.realised_pnl_usd; did you mean realized_pnl_usd or"
                + " unrealized_pnl_usd?");
  }

  @Test
  void aShortSortMetricSuggestsTheMetricsThatContainIt() {
    Cli.Result r = Cli.run("aggregate", "--results-dir", EXAMPLE.toString(), "--sort-by", "pnl");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(firstLine(r))
        .startsWith("--sort-by pnl: no success document (of 32 read) has metrics.pnl; did you mean")
        .contains("realized_pnl_usd");
  }

  @Test
  void aMisspeltFilterFieldIsAUsageErrorWithDidYouMean() {
    Cli.Result r =
        Cli.run("aggregate", "--results-dir", EXAMPLE.toString(), "--filter", "win_rat > 0.5");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(firstLine(r))
        .isEqualTo(
            "--filter 'win_rat > 0.5': no success document (of 32 read) has win_rat in metrics or"
                + " config; did you mean win_rate?");
  }

  @Test
  void reportRefusesATypoToo() {
    Cli.Result r =
        Cli.run(
            "report",
            "--results-dir",
            EXAMPLE.toString(),
            "--output",
            tmp.resolve("r.html").toString(),
            "--sort-by",
            "win_rat");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(firstLine(r)).startsWith("--sort-by win_rat: ").endsWith("did you mean win_rate?");
    assertThat(tmp.resolve("r.html")).doesNotExist();
  }

  @Test
  void aMetricOnlyAnotherRunnerWritesIsAcceptedOnceSeen() throws IOException {
    Path dir = tmp.resolve("custom");
    write(dir, "a.json", success("a", 5, 1, 3));
    write(dir, "b.json", withMetrics("b", "{\"realized_pnl_usd\": 1, \"calmar\": 2.5}"));
    Cli.Result r =
        Cli.run(
            "aggregate",
            "--results-dir",
            dir.toString(),
            "--sort-by",
            "calmar",
            "--filter",
            "calmar > 1",
            "--format",
            "jsonl");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("{\"rank\":1,\"job_id\":\"b\"");
  }

  @Test
  void withNoSuccessDocumentATypoIsNotAUsageError() throws IOException {
    Path dir = tmp.resolve("failed");
    write(dir, "e.json", "{\"status\": \"error\", \"error\": \"boom\"}");
    Cli.Result r = Cli.run("aggregate", "--results-dir", dir.toString(), "--sort-by", "pnl");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Top 0 by pnl (descending):");
  }

  @Test
  void sweepRefusesAnUnknownMetricBeforeRunningAnyJob() {
    Path out = tmp.resolve("sweep");
    Cli.Result r =
        Cli.run(
            "sweep",
            "--config",
            REPO.resolve("examples/session.yaml").toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            REPO.toString(),
            "--sort-by",
            "pnl",
            "-q");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(firstLine(r))
        .startsWith("--sort-by pnl: arbtune's backtests write no metric pnl; did you mean ")
        .contains("realized_pnl_usd");
    assertThat(out).doesNotExist();
    Cli.Result f =
        Cli.run(
            "sweep",
            "--config",
            REPO.resolve("examples/session.yaml").toString(),
            "--output-root",
            out.toString(),
            "--filter",
            "config.slipage_bps < 1");
    assertThat(f.exitCode()).isEqualTo(2);
    assertThat(firstLine(f)).endsWith("did you mean config.slippage_bps?");
    assertThat(out).doesNotExist();
  }

  private Path zeroTradeSession() {
    Path dir = tmp.resolve("zero");
    write(dir, "a.json", success("a", 5, 1, 3));
    write(dir, "z1.json", success("z1", 0, 0, 0));
    write(dir, "z2.json", success("z2", 0, 0, 0));
    write(dir, "loss.json", success("loss", -4, 1, 2));
    return dir;
  }

  @Test
  void zeroTradeJobsInTheTopAreWarnedAboutButStrictDoesNotFailOnIt() throws IOException {
    Path dir = zeroTradeSession();
    Cli.Result r =
        Cli.run(
            "aggregate",
            "--results-dir",
            dir.toString(),
            "--max-results",
            "3",
            "--format",
            "json",
            "--strict");
    assertThat(r.exitCode()).isZero();
    assertThat(r.err())
        .contains(
            "Warnings: 1\n  zero-trade-top: 2 of the 3 listed top jobs made no trade"
                + " (total_trades 0): they rank by a PnL of 0, not by what they did; --min-trades 1"
                + " ranks only jobs that traded\n");
    JsonNode w = JSON.readTree(r.out()).get("warnings");
    assertThat(w).hasSize(1);
    assertThat(w.get(0).get("kind").asText()).isEqualTo("zero-trade-top");
    Cli.Result traded =
        Cli.run("aggregate", "--results-dir", dir.toString(), "--min-trades", "1", "--strict");
    assertThat(traded.exitCode()).isZero();
    assertThat(traded.err()).doesNotContain("zero-trade-top");
    // Another warning still fails --strict.
    write(dir, "dup.json", success("a", 1, 1, 1));
    assertThat(Cli.run("aggregate", "--results-dir", dir.toString(), "--strict").exitCode())
        .isEqualTo(ExitCodes.STRICT);
  }

  @Test
  void includeErrorsGivesOneCsvRowPerJobAfterTheRankedOnes() throws IOException {
    Path csv = tmp.resolve("all.csv");
    Cli.Result r =
        Cli.run(
            "aggregate",
            "--results-dir",
            EXAMPLE.toString(),
            "--max-results",
            "all",
            "--max-errors",
            "1",
            "--include-errors",
            "--output-csv",
            csv.toString(),
            "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<CsvRecord> rows = new ArrayList<>();
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
      reader.forEach(rows::add);
    }
    List<String> header = rows.get(0).getFields();
    assertThat(header)
        .startsWith("rank", "job_id", "tag", "status")
        .endsWith("error_kind", "error");
    assertThat(rows).hasSize(1 + 36); // one header, one row per job
    Set<String> ids = new HashSet<>();
    for (CsvRecord row : rows.subList(1, rows.size())) {
      assertThat(row.getFieldCount()).isEqualTo(header.size());
      ids.add(row.getField(1));
    }
    assertThat(ids).hasSize(36);
    for (int i = 1; i <= 32; i++) {
      CsvRecord row = rows.get(i);
      assertThat(row.getField(0)).isEqualTo(Integer.toString(i));
      assertThat(row.getField(3)).isEqualTo("success");
      assertThat(row.getField(header.size() - 2)).isEmpty();
      assertThat(row.getField(header.size() - 1)).isEmpty();
    }
    CsvRecord failed = rows.get(35); // sess001_0033: a status-error document with its config
    assertThat(failed.getField(0)).isEmpty();
    assertThat(failed.getField(1)).isEqualTo("sess001_0033");
    assertThat(failed.getField(3)).isEqualTo("error");
    assertThat(failed.getField(header.indexOf("config.min_spread_bps"))).isEqualTo("4.0");
    assertThat(failed.getField(header.indexOf("metrics.realized_pnl_usd"))).isEmpty();
    assertThat(failed.getField(header.size() - 2)).isEqualTo("status-error");
    assertThat(failed.getField(header.size() - 1)).startsWith("config.start_time: the window");
    assertThat(rows.get(33).getField(header.size() - 2)).isEqualTo("malformed-json");
  }

  @Test
  void includeErrorsAddsTheSameRowsToJsonLinesAndMarkdown() throws IOException {
    Cli.Result jsonl =
        Cli.run(
            "aggregate",
            "--results-dir",
            EXAMPLE.toString(),
            "--max-results",
            "2",
            "--include-errors",
            "--format",
            "jsonl");
    assertThat(jsonl.exitCode()).isZero();
    List<String> lines = jsonl.out().lines().toList();
    assertThat(lines).hasSize(2 + 4);
    JsonNode ranked = JSON.readTree(lines.get(0));
    assertThat(ranked.get("rank").asInt()).isEqualTo(1);
    assertThat(ranked.get("error_kind").isNull()).isTrue();
    assertThat(ranked.get("error").isNull()).isTrue();
    for (String line : lines) {
      assertThat(JSON.readTree(line).fieldNames())
          .toIterable()
          .containsExactly(
              "rank", "job_id", "tag", "config", "metrics", "status", "error_kind", "error");
    }
    JsonNode empty = JSON.readTree(lines.get(3));
    assertThat(empty.get("rank").isNull()).isTrue();
    assertThat(empty.get("job_id").asText()).isEqualTo("sess001_0032");
    assertThat(empty.get("status").asText()).isEqualTo("error");
    assertThat(empty.get("error_kind").asText()).isEqualTo("empty");
    assertThat(empty.get("error").asText()).isEqualTo("empty file (no JSON value)");
    assertThat(JSON.readTree(lines.get(4)).get("config").get("min_spread_bps").asDouble())
        .isEqualTo(4.0);

    Cli.Result md =
        Cli.run(
            "aggregate",
            "--results-dir",
            EXAMPLE.toString(),
            "--max-results",
            "2",
            "--include-errors",
            "--format",
            "markdown");
    assertThat(md.exitCode()).isZero();
    List<String> table =
        md.out()
            .lines()
            .dropWhile(l -> !l.startsWith("| rank |"))
            .takeWhile(l -> l.startsWith("|"))
            .toList();
    assertThat(table).hasSize(2 + 2 + 4); // header, rule, 2 ranked, 4 errors
    assertThat(table.get(0)).endsWith(" status | error_kind | error |");
    assertThat(table.get(2)).startsWith("| 1 | sess001_0020 |").endsWith(" success |  |  |");
    assertThat(table.get(5))
        .startsWith("|  | sess001_0032 |")
        .endsWith("| error | empty | empty file (no JSON value) |");
    long columns = table.get(0).chars().filter(c -> c == '|').count();
    for (String row : table) {
      assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(columns);
    }
  }

  @Test
  void withoutIncludeErrorsTheTablesAreUnchanged() {
    for (String format : List.of("csv", "jsonl", "markdown")) {
      String out =
          Cli.run("aggregate", "--results-dir", EXAMPLE.toString(), "--format", format).out();
      assertThat(out).doesNotContain("error_kind").doesNotContain("sess001_0032 |");
    }
  }

  @Test
  void includeErrorsWithoutATableIsAUsageError() throws IOException {
    Cli.Result r = Cli.run("aggregate", "--results-dir", EXAMPLE.toString(), "--include-errors");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(firstLine(r))
        .isEqualTo(
            "--include-errors adds rows to tables: give --format csv, jsonl or markdown, or"
                + " --output-csv");
    assertThat(Files.list(tmp)).isEmpty();
  }
}
