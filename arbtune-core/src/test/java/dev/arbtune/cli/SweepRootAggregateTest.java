package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.SweepRoots;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.testing.Cli;
import dev.arbtune.testing.Docs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aggregate} and {@code report} on a real sweep's output root (a 36-job quickstart). */
class SweepRootAggregateTest {

  @TempDir static Path tmp;
  static Path root;

  @BeforeAll
  static void sweep() {
    root = tmp.resolve("qs");
    Cli.Result r = Cli.run("quickstart", "--output-root", root.toString(), "-q", "--no-report");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(root.resolve("jobs.jsonl")).isRegularFile();
    assertThat(root.resolve("inputs.json")).isRegularFile();
    assertThat(root.resolve("summary.json")).isRegularFile();
  }

  @Test
  void aggregateOnTheRootReadsItsResultsAndSaysSo() {
    Cli.Result r = Cli.run("aggregate", "--results-dir", root.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Total Jobs:           36")
        .contains("Success Jobs:         36")
        .contains("Error Jobs:           0");
    assertThat(r.err())
        .contains("[D39_AGG] Reading " + root.resolve("results") + ": " + root)
        .contains("is a sweep's output root");
    assertThat(r.err().lines().filter(l -> l.contains("sweep's output root"))).hasSize(1);
  }

  @Test
  void reportOnTheRootReadsItsResults() throws IOException {
    Path html = tmp.resolve("report.html");
    Cli.Result r =
        Cli.run("report", "--results-dir", root.toString(), "--output", html.toString(), "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("is a sweep's output root");
    assertThat(Files.readString(html))
        .contains("Total jobs</div><div class=\"value\">36")
        .contains("Errors</div><div class=\"value\">0");
  }

  @Test
  void theRootIsRecognisedButItsResultsFolderIsNot() {
    assertThat(SweepRoots.resultsOf(root)).contains(root.resolve("results"));
    assertThat(SweepRoots.resultsOf(root.resolve("results"))).isEmpty();
  }

  /**
   * Scanning the root itself (the library, or a folder holding several roots) counts the 36 jobs
   * and skips the 36 plan lines, inputs.json and summary.json; before, they were 37 error jobs.
   */
  @Test
  void scanningTheRootItselfNeverCountsThePlanOrTheSweepsOwnFiles() throws IOException {
    AggregatedSummary s = TuningResultsAggregator.of(root).summarize();
    assertThat(s.totalJobs()).isEqualTo(36);
    assertThat(s.errorJobs()).isZero();
    assertThat(s.skippedFiles()).isEqualTo(36 + 2);
    AggregatedSummary parent = TuningResultsAggregator.of(tmp).summarize();
    assertThat(parent.totalJobs()).isEqualTo(36);
    assertThat(parent.errorJobs()).isZero();
  }

  /** Error documents that run writes for unusable plan lines are jobs by design. */
  @Test
  void errorDocumentsOfUnusablePlanLinesStillCount() throws IOException {
    Path copy = tmp.resolve("withInvalid");
    Cli.Result r = Cli.run("quickstart", "--output-root", copy.toString(), "-q", "--no-report");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Docs.write(
        copy.resolve("results/_invalid_plan_lines"),
        "line_37.json",
        "{\"status\": \"error\", \"error\": \"line 37: not a JSON object\"}");
    Cli.Result agg = Cli.run("aggregate", "--results-dir", copy.toString());
    assertThat(agg.out()).contains("Total Jobs:           37").contains("Error Jobs:           1");
  }

  /**
   * A sweep root's own files: its plan, its inputs record, quickstart's session file and the data
   * file its inputs record names. Before, {@code report -o ROOT/jobs.jsonl} replaced the plan with
   * HTML (exit 0), {@code aggregate --output-json ROOT/session.yaml} replaced the session (exit 0)
   * and {@code aggregate --output-json ROOT/jobs.jsonl} was refused as "a result document".
   */
  @Test
  void neitherCommandWritesOverASweepRootsOwnFiles() throws IOException {
    Path data = root.resolve("data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv");
    String[][] files = {
      {"jobs.jsonl", "the plan (jobs.jsonl)"},
      {"inputs.json", "the inputs record (inputs.json)"},
      {"session.yaml", "the session file (session.yaml)"},
      {root.relativize(data).toString(), "the data file (named in its inputs.json)"}
    };
    for (String[] f : files) {
      Path file = root.resolve(f[0]);
      byte[] before = Files.readAllBytes(file);
      for (String resultsDir : new String[] {root.toString(), root.resolve("results").toString()}) {
        Cli.Result report =
            Cli.run("report", "--results-dir", resultsDir, "-o", file.toString(), "-q");
        Cli.Result json =
            Cli.run("aggregate", "--results-dir", resultsDir, "--output-json", file.toString());
        Cli.Result csv =
            Cli.run("aggregate", "--results-dir", resultsDir, "--output-csv", file.toString());
        for (Cli.Result r : List.of(report, json, csv)) {
          assertThat(r.exitCode()).as(f[0] + ": " + r.err()).isEqualTo(ExitCodes.USAGE_OR_FAILURE);
          assertThat(r.err())
              .as(f[0])
              .contains(" " + file + " is " + f[1] + " of the sweep in " + root)
              .contains("summary.json and report.html may be replaced")
              .doesNotContain("result document", "Exception");
        }
        assertThat(report.err()).startsWith("arbtune report: error: --output ");
        assertThat(json.err()).startsWith("arbtune aggregate: error: --output-json ");
        assertThat(csv.err()).startsWith("arbtune aggregate: error: --output-csv ");
        assertThat(Files.readAllBytes(file)).as(f[0]).isEqualTo(before);
      }
    }
  }

  /**
   * The lock files of the sweep root and of the run root in its {@code results/}. Before, {@code
   * aggregate -q --results-dir ROOT --output-json ROOT/results/.arbtune.lock} replaced the run
   * root's lock with a summary (exit 0): the next run made a new root id, and a second session
   * could have started beside a running one.
   */
  @Test
  void neitherCommandWritesOverTheLockFiles() throws IOException {
    Path runLock = root.resolve("results/.arbtune.lock");
    Path sweepLock = root.resolve(".arbtune-sweep.lock");
    assertThat(runLock).as("quickstart leaves the run root's lock").isRegularFile();
    for (Path lock : List.of(runLock, sweepLock)) {
      boolean existed = Files.exists(lock);
      byte[] before = existed ? Files.readAllBytes(lock) : null;
      for (String resultsDir : new String[] {root.toString(), root.resolve("results").toString()}) {
        Cli.Result json =
            Cli.run(
                "aggregate", "-q", "--results-dir", resultsDir, "--output-json", lock.toString());
        Cli.Result csv =
            Cli.run("aggregate", "--results-dir", resultsDir, "--output-csv", lock.toString());
        Cli.Result report =
            Cli.run("report", "--results-dir", resultsDir, "-o", lock.toString(), "-q");
        for (Cli.Result r : List.of(json, csv, report)) {
          assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.USAGE_OR_FAILURE);
          assertThat(r.err()).as(r.err()).contains(" " + lock + " is ").contains("lock");
          assertThat(r.err()).doesNotContain("Exception");
        }
        if (existed) {
          assertThat(Files.readAllBytes(lock)).isEqualTo(before);
        } else {
          assertThat(lock).doesNotExist();
        }
      }
    }
    assertThat(
            Cli.run(
                    "aggregate",
                    "-q",
                    "--results-dir",
                    root.toString(),
                    "--output-json",
                    runLock.toString())
                .err())
        .isEqualTo(
            "arbtune aggregate: error: --output-json "
                + runLock
                + " is named .arbtune.lock, the lock file a run keeps in its output root; writing"
                + " it would break that lock, so give another file name\n");
  }

  /**
   * A quickstart root moved elsewhere: its inputs.json names the data file at the old place, and
   * quickstart's data/ files are still its inputs.
   */
  @Test
  void aMovedQuickstartRootsDataIsStillRefused() throws IOException {
    Path moved = tmp.resolve("moved");
    Files.createDirectories(moved.resolve("results"));
    for (String f : List.of("jobs.jsonl", "inputs.json", "session.yaml")) {
      Files.copy(root.resolve(f), moved.resolve(f));
    }
    Files.createDirectories(moved.resolve("data"));
    for (String f : QuickstartCommand.DATA) {
      Files.copy(root.resolve("data").resolve(f), moved.resolve("data").resolve(f));
    }
    for (String f : QuickstartCommand.DATA) {
      Path file = moved.resolve("data").resolve(f);
      byte[] before = Files.readAllBytes(file);
      Cli.Result r =
          Cli.run("aggregate", "--results-dir", moved.toString(), "--output-csv", file.toString());
      assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.USAGE_OR_FAILURE);
      assertThat(r.err()).contains(file + " is an input (data/" + f + ") of the sweep in " + moved);
      assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }
  }

  /** The sweep's own outputs, summary.json and report.html, may be written again. */
  @Test
  void theSweepsSummaryAndReportMayBeWrittenAgain() throws IOException {
    Path copy = tmp.resolve("refresh");
    assertThat(Cli.run("quickstart", "--output-root", copy.toString(), "-q").exitCode()).isZero();
    Cli.Result json =
        Cli.run(
            "aggregate",
            "--results-dir",
            copy.toString(),
            "--output-json",
            copy.resolve("summary.json").toString());
    assertThat(json.exitCode()).as(json.err()).isZero();
    Cli.Result report =
        Cli.run(
            "report",
            "--results-dir",
            copy.toString(),
            "-o",
            copy.resolve("report.html").toString(),
            "-q");
    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(Files.readString(copy.resolve("report.html"))).contains("Total jobs");
  }

  /**
   * {@code -q} leaves on stderr only the [D39_AGG] lines that say which folder was read (when it is
   * not the one given) and where each file went, as the help of -q says; no progress line and no
   * error or warning summary.
   */
  @Test
  void quietKeepsOnlyTheLinesTheHelpOfQuietNames() {
    Path csv = tmp.resolve("quiet.csv");
    Path json = tmp.resolve("quiet.json");
    Cli.Result r =
        Cli.run(
            "aggregate",
            "--results-dir",
            root.toString(),
            "--output-csv",
            csv.toString(),
            "--output-json",
            json.toString(),
            "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err().lines())
        .containsExactly(
            "[D39_AGG] Reading "
                + root.resolve("results")
                + ": "
                + root
                + " is a sweep's output root (its plan and own files are not jobs)",
            "[D39_AGG] Summary written to: " + json,
            "[D39_AGG] CSV written to: " + csv);
    for (String command : new String[] {"aggregate", "report"}) {
      String help = Cli.run(command, "--help").out().replaceAll("\\s+", " ");
      assertThat(help)
          .as(command)
          .contains(
              "-q, --quiet No progress line and no error/warning summary on stderr; the"
                  + " [D39_AGG] lines naming the folder read (for a sweep's output root) and each"
                  + " file written stay, for scripts.");
    }
  }
}
