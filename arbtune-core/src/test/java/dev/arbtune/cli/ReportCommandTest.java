package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.testing.Cli;
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
}
