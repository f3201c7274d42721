package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.SweepRoots;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.testing.Cli;
import dev.arbtune.testing.Docs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
