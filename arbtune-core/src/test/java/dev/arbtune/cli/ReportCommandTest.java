package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.testing.Cli;
import dev.arbtune.testing.Docs;
import dev.arbtune.testing.WalkForwardSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

  private static final Path EXAMPLE = Path.of("..", "examples", "sess001");

  @TempDir Path tmp;

  @Test
  void writesTheReportAndSaysWhere() throws IOException {
    Path out = tmp.resolve("new/dir/report.html");
    Cli.Result r =
        Cli.run("report", "--results-dir", EXAMPLE.toString(), "--output", out.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("Errors: 4 (empty: 1, malformed-json: 1, invalid-metric: 1, status-error: 1)")
        .endsWith("[D39_AGG] Report written to: " + out + "\n");
    String html = Files.readString(out);
    assertThat(html)
        .contains("Total jobs</div><div class=\"value\">36")
        .contains("sess001_0025")
        .contains("data:image/png;base64,");
    try (var files = Files.list(out.getParent())) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void sharesTheAggregatorsFilterAndRankingOptions() throws IOException {
    Path out = tmp.resolve("r.html");
    Cli.Result r =
        Cli.run(
            "report",
            "--results-dir",
            EXAMPLE.toString(),
            "-o",
            out.toString(),
            "--min-trades",
            "10",
            "--sort-by",
            "max_drawdown_pct",
            "--max-results",
            "3",
            "--strict",
            "-q");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.STRICT);
    assertThat(r.err()).isEqualTo("[D39_AGG] Report written to: " + out + "\n");
    String html = Files.readString(out);
    assertThat(html)
        .contains("ranked by <code>max_drawdown_pct</code> (ascending)")
        .contains("<code>min_trades: 10</code>");
    assertThat(html.split("<tr><td class=\"num\">", -1).length).isGreaterThan(3);
  }

  @Test
  void missingResultsDirectoryExitsOne() {
    Path missing = tmp.resolve("nope");
    Cli.Result r =
        Cli.run("report", "--results-dir", missing.toString(), "-o", tmp.resolve("r.html") + "");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("not found").contains(missing.toString());
    assertThat(Files.exists(tmp.resolve("r.html"))).isFalse();
  }

  @Test
  void outputIsRequiredAndBadOptionsAreUsageErrors() {
    Cli.Result r = Cli.run("report", "--results-dir", EXAMPLE.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--output");
    Cli.Result bad =
        Cli.run("report", "--results-dir", EXAMPLE.toString(), "-o", "x.html", "--threads", "0");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--threads must be between 1 and 256");
  }

  @Test
  void helpDescribesEveryOptionAndIsListedByTheTopCommand() {
    Cli.Result r = Cli.run("report", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("--results-dir=DIR", "--output=FILE", "--filter=EXPR", "--sort-by=METRIC")
        .contains("--strict", "--quiet", "Exit codes:");
    assertThat(Cli.run("--help").out()).contains("report");
  }

  @Test
  void aWalkForwardOutputRootGetsTheWalkForwardPage() throws IOException {
    Path root = tmp.resolve("wf");
    WalkForwardSample.write(root);
    Path out = root.resolve("report.html");
    Cli.Result r = Cli.run("report", "--results-dir", root.toString(), "-o", out.toString(), "-q");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "[D39_AGG] Reading "
                + root.resolve("walkforward.json")
                + ": "
                + root
                + " is a walk-forward output root (the filter and ranking options do not apply)\n"
                + "[D39_AGG] Report written to: "
                + out
                + "\n");
    String html = Files.readString(out);
    assertThat(html)
        .contains("<h1>Walk-forward report <span class=\"muted\">eurusd_2014.csv</span></h1>")
        .contains("<code class=\"id\">w001_0003</code>", "no quotes in the train window")
        .contains("<tr><th>realized PnL (sum of the test windows)</th><td>+60.25</td></tr>")
        .doesNotContain("Leaderboard", "Chart left out");
    assertThat(html.split("data:image/png;base64,", -1)).hasSize(3);
  }

  /**
   * {@code --engine} on a walk-forward root, where nothing is re-run: the page is written as
   * without it, with one warning line that the option changes nothing; not given, no warning.
   */
  @Test
  void anEngineGivenOnAWalkForwardRootIsOneWarning() throws IOException {
    Path root = tmp.resolve("wf");
    WalkForwardSample.write(root);
    Path out = tmp.resolve("wf.html");
    Cli.Result r =
        Cli.run("report", "--results-dir", root.toString(), "-o", out.toString(), "--engine=fast");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err().lines().filter(l -> l.contains("warning")))
        .containsExactly(
            "arbtune report: warning: --engine changes nothing here: the report of a walk-forward"
                + " output root re-runs no job");
    assertThat(Files.readString(out)).contains("Walk-forward report");
    Cli.Result without = Cli.run("report", "--results-dir", root.toString(), "-o", out.toString());
    assertThat(without.err()).doesNotContain("warning");
  }

  /** {@code --no-job-charts} re-runs nothing, so an engine for the re-runs is a usage error. */
  @Test
  void anEngineWithNoJobChartsIsAUsageError() {
    Path out = tmp.resolve("r.html");
    Cli.Result r =
        Cli.run(
            "report",
            "--results-dir",
            EXAMPLE.toString(),
            "-o",
            out.toString(),
            "--no-job-charts",
            "--engine",
            "reference");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE_OR_FAILURE);
    assertThat(r.err().lines().findFirst().orElseThrow())
        .isEqualTo(
            "--engine is for the job charts' re-runs and --no-job-charts makes none: give one or"
                + " the other");
    assertThat(r.err()).endsWith("Try 'arbtune report --help' for every option.\n");
    assertThat(out).doesNotExist();
  }

  /** So are a data root and a quotes cache, which serve the same re-runs only. */
  @Test
  void aDataRootOrQuotesCacheWithNoJobChartsIsAUsageError() {
    Path out = tmp.resolve("r.html");
    Cli.Result r =
        Cli.run(
            "report",
            "--results-dir",
            EXAMPLE.toString(),
            "-o",
            out.toString(),
            "--no-job-charts",
            "--quotes-cache",
            tmp.resolve("cache").toString(),
            "--data-root",
            tmp.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE_OR_FAILURE);
    assertThat(r.err().lines().findFirst().orElseThrow())
        .isEqualTo(
            "--data-root and --quotes-cache are for the job charts' re-runs and --no-job-charts"
                + " makes none: give one or the other");
    assertThat(out).doesNotExist();
    assertThat(tmp.resolve("cache")).doesNotExist();
  }

  @Test
  void reRunOptionsGivenOnAWalkForwardRootAreOneWarning() throws IOException {
    Path root = tmp.resolve("wf");
    WalkForwardSample.write(root);
    Path out = tmp.resolve("wf.html");
    Cli.Result r =
        Cli.run(
            "report",
            "--results-dir",
            root.toString(),
            "-o",
            out.toString(),
            "--engine",
            "reference",
            "--data-root",
            tmp.toString(),
            "--quotes-cache",
            tmp.resolve("cache").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err().lines().filter(l -> l.contains("warning")))
        .containsExactly(
            "arbtune report: warning: --engine, --data-root and --quotes-cache change nothing"
                + " here: the report of a walk-forward output root re-runs no job");
    assertThat(Files.readString(out)).contains("Walk-forward report");
  }

  @Test
  void aWalkForwardFileThatIsNotJsonExitsOneAndWritesNothing() {
    Path root = tmp.resolve("wf");
    Path file = Docs.write(root, "walkforward.json", "{\"windows\": [}");
    Path out = tmp.resolve("r.html");
    Cli.Result r = Cli.run("report", "--results-dir", root.toString(), "-o", out.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("error: " + file + ", line 1, column ")
        .contains(": not valid JSON: ")
        .doesNotContain("Exception", "\tat ");
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void theWalkForwardFileItselfIsNotReplacedByThePage() throws IOException {
    Path root = tmp.resolve("wf");
    Path file = WalkForwardSample.write(root);
    Cli.Result r = Cli.run("report", "--results-dir", root.toString(), "-o", file.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("walkforward.json");
    assertThat(Files.readString(file)).isEqualTo(WalkForwardSample.JSON);
  }
}
