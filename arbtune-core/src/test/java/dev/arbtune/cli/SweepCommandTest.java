package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void sweepsTheShippedSessionAndTheSummaryIsConsistent() throws IOException {
    Path out = tmp.resolve("out");
    Cli.Result r =
        Cli.run(
            "sweep",
            "--config",
            REPO.resolve("examples/session.yaml").toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            REPO.toString(),
            "--max-results",
            "100",
            "--report",
            "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("======").contains("Total Jobs:           12\n");
    assertThat(r.err()).contains("[D39_AGG] Summary written to: " + out.resolve("summary.json"));
    assertThat(out.resolve("report.html")).isRegularFile();

    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("total_jobs").asInt()).isEqualTo(12);
    assertThat(summary.get("success_jobs").asInt() + summary.get("error_jobs").asInt())
        .isEqualTo(12);
    JsonNode top = summary.get("top_by_pnl");
    assertThat(top).hasSize(12);
    for (int i = 1; i < top.size(); i++) {
      assertThat(top.get(i - 1).get("metrics").get("realized_pnl_usd").asDouble())
          .isGreaterThanOrEqualTo(top.get(i).get("metrics").get("realized_pnl_usd").asDouble());
    }
    // Each result's config equals its plan line's config.
    Map<String, JsonNode> planned = new HashMap<>();
    List<String> lines = Files.readAllLines(out.resolve("jobs.jsonl"));
    assertThat(lines).hasSize(12);
    for (String line : lines) {
      JsonNode job = JSON.readTree(line);
      planned.put(job.get("job_id").asText(), job.get("config"));
      JsonNode doc =
          JSON.readTree(out.resolve("results").resolve(job.get("output_json").asText()).toFile());
      assertThat(doc.get("config")).isEqualTo(job.get("config"));
    }
    for (JsonNode job : top) {
      assertThat(job.get("config")).isEqualTo(planned.get(job.get("job_id").asText()));
    }
  }

  @Test
  void runningAgainSkipsFinishedJobsAndPrintsTheSameSummary() {
    Path out = tmp.resolve("out");
    String[] args = {
      "sweep",
      "--config",
      REPO.resolve("examples/session.yaml").toString(),
      "--output-root",
      out.toString(),
      "--data-root",
      REPO.toString()
    };
    Cli.Result first = Cli.run(args);
    Cli.Result second = Cli.run(args);
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(second.err()).contains("  skipped:   12\n");
  }

  /** {@code -q}: the summary on stdout; on stderr only the line naming the file written. */
  @Test
  void quietPrintsNoSessionSummaryWhenEveryJobSucceeded() {
    Path out = tmp.resolve("out");
    Cli.Result r =
        Cli.run(
            "sweep",
            "--config",
            REPO.resolve("examples/session.yaml").toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            REPO.toString(),
            "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Total Jobs:           12\n");
    assertThat(r.err().lines())
        .containsExactly("[D39_AGG] Summary written to: " + out.resolve("summary.json"));
  }

  /**
   * A data file that is not there is refused before anything is planned or run, naming the session
   * file's line, the path looked for and --data-root; not 99 error documents.
   */
  @Test
  void aMissingDataFileIsRefusedBeforeAnyJobRuns() throws IOException {
    Path session =
        Files.writeString(
            tmp.resolve("s.yaml"),
            "tag_prefix: x\ndata_file: data/no-such-file.csv\ngrids:\n  - name: min_spread_bps\n"
                + "    values: [1, 2]\n");
    Path out = tmp.resolve("o");
    Cli.Result r =
        Cli.run(
            "sweep",
            "--config",
            session.toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            tmp.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err())
        .contains(session + ":2: data_file: ")
        .contains(tmp.resolve("data/no-such-file.csv").toString())
        .contains("--data-root")
        .doesNotContain("Exception");
    assertThat(r.out()).isEmpty();
    assertThat(out.resolve("results")).doesNotExist();

    Path folder = Files.createDirectories(tmp.resolve("data/no-such-file.csv"));
    Cli.Result dir =
        Cli.run(
            "sweep",
            "--config",
            session.toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            tmp.toString());
    assertThat(dir.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(dir.err()).contains(session + ":2: data_file: ").contains(folder + " is a folder");
    assertThat(out.resolve("results")).doesNotExist();
  }

  @Test
  void aJobThatFailsExitsOneButStillPrintsTheSummary() throws IOException {
    Path session =
        Files.writeString(
            tmp.resolve("s.yaml"),
            "data_file: "
                + Files.writeString(tmp.resolve("not-quotes.csv"), "hello\n1,2\n")
                + "\ntag_prefix: x\ngrids:\n  - name: min_spread_bps\n    values: [1, 2]\n");
    Cli.Result r =
        Cli.run(
            "sweep",
            "--config",
            session.toString(),
            "--output-root",
            tmp.resolve("o").toString(),
            "-q");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("Error Jobs:           2\n");
    Cli.Result strict =
        Cli.run(
            "sweep",
            "--config",
            session.toString(),
            "--output-root",
            tmp.resolve("o").toString(),
            "-q",
            "--strict");
    assertThat(strict.exitCode()).isEqualTo(3);
  }

  @Test
  void anInvalidSessionFileIsAnInputErrorNamingTheLine() throws IOException {
    Path session = Files.writeString(tmp.resolve("s.yaml"), "data_file: q.csv\nmin_spred_bps: 3\n");
    Cli.Result r =
        Cli.run(
            "sweep", "--config", session.toString(), "--output-root", tmp.resolve("o").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("s.yaml:2").contains("did you mean min_spread_bps?");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aChangedSessionIsRefusedWithoutFresh() throws IOException {
    Path out = tmp.resolve("o");
    Path session = tmp.resolve("s.yaml");
    String base = "data_file: data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv\ntag_prefix: x\n";
    Files.writeString(session, base + "min_spread_bps: 1\n");
    assertThat(
            Cli.run(
                    "sweep",
                    "--config",
                    session.toString(),
                    "--output-root",
                    out.toString(),
                    "--data-root",
                    REPO.toString(),
                    "-q")
                .exitCode())
        .isZero();
    Files.writeString(session, base + "min_spread_bps: 2\n");
    Cli.Result refused =
        Cli.run(
            "sweep",
            "--config",
            session.toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            REPO.toString(),
            "-q");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("--fresh");
    Cli.Result fresh =
        Cli.run(
            "sweep",
            "--config",
            session.toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            REPO.toString(),
            "-q",
            "--fresh");
    assertThat(fresh.exitCode()).isZero();
    assertThat(fresh.out()).contains("min_spread_bps=2");
  }

  @Test
  void theReportDoesNotAddAParetoBlockThatWasNotAskedFor() {
    String[] base = {
      "sweep",
      "--config",
      REPO.resolve("examples/session.yaml").toString(),
      "--data-root",
      REPO.toString(),
      "-q",
      "--output-root"
    };
    Cli.Result plain = Cli.run(concat(base, tmp.resolve("a").toString()));
    Cli.Result withReport = Cli.run(concat(base, tmp.resolve("b").toString(), "--report"));
    assertThat(withReport.out()).isEqualTo(plain.out()).doesNotContain("Pareto front");
    assertThat(tmp.resolve("b/report.html")).isRegularFile();
  }

  /**
   * The reviewer's session: money of 1e-300 USD and a min_spread_bps grid of 0 and 1e-300 (fees 0).
   * Its parameter values print as 300-digit decimals, which made the heatmap's category axis divide
   * by zero (exit 2, no report.html) before the labels were bounded.
   */
  @Test
  void aReportOverTinyMoneyAndTinyGridValuesIsWritten() throws IOException {
    Path session = tmp.resolve("s10.yaml");
    Files.writeString(
        session,
        """
        data_file: data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv
        tag_prefix: tiny
        taker_fee_a_bps: 0
        taker_fee_b_bps: 0
        max_position_usd: 1e-300
        grids:
          - name: min_spread_bps
            values: [0, 1e-300]
          - name: slippage_bps
            values: [0, 0.5, 1]
          - name: max_open_trades
            values: [1, 3]
        """);
    Path out = tmp.resolve("s10");
    Cli.Result r =
        Cli.run(
            "sweep",
            "--config",
            session.toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            REPO.toString(),
            "--report",
            "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("internal error", "Exception");
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("Total jobs</div><div class=\"value\">12").contains("Leaderboard");
    assertThat(html).doesNotContain("Exception", "java.");
  }

  @Test
  void parallelismIsBounded() {
    Cli.Result r =
        Cli.run(
            "sweep", "--config", "x.yaml", "--output-root", tmp.toString(), "--parallelism", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--parallelism must be between 1 and 256, got 0");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void anOutputRootThatIsAFileIsAnInputErrorAsForRunAndQuickstart() throws IOException {
    Path file = java.nio.file.Files.writeString(tmp.resolve("afile"), "keep");
    String expected =
        "error: --output-root " + file + " is a file; give a folder (it is created if missing)";

    Cli.Result sweep =
        Cli.run(
            "sweep",
            "--config",
            REPO.resolve("examples/session.yaml").toString(),
            "--output-root",
            file.toString());
    Cli.Result quickstart = Cli.run("quickstart", "--output-root", file.toString());
    Cli.Result run = Cli.run("run", "--jobs", "/dev/null", "--output-root", file.toString());

    for (Cli.Result r : java.util.List.of(sweep, quickstart, run)) {
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).contains(expected);
    }
    assertThat(file).hasContent("keep");
  }
}
