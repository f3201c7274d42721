package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.Cli;
import dev.arbtune.testing.Docs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report --compare-with OTHER}: the comparison section with its scatter and movers. */
class ReportCompareWithTest {

  @TempDir Path tmp;

  private void sides() {
    for (int s = 1; s <= 4; s++) {
      Docs.writeWithRawConfig(
          tmp.resolve("a"),
          "a" + s,
          "{\"min_spread_bps\": " + s + ", \"tag\": \"a\"}",
          50 - 10 * s);
      Docs.writeWithRawConfig(
          tmp.resolve("b"), "b" + s, "{\"min_spread_bps\": " + s + ", \"tag\": \"b\"}", 10 * s);
    }
  }

  @Test
  void theReportGetsTheVerdictTheRankScatterAndTheMovers() throws IOException {
    sides();
    Path html = tmp.resolve("r.html");
    Cli.Result r =
        Cli.run(
            "report",
            "--results-dir",
            tmp.resolve("a").toString(),
            "--compare-with",
            tmp.resolve("b").toString(),
            "-o",
            html.toString(),
            "--no-job-charts",
            "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String page = Files.readString(html);
    assertThat(page)
        .contains("<h2>Comparison with <code>" + tmp.resolve("b") + "</code></h2>")
        .contains("<strong>winner changed (A&#39;s winner is #4 in B); top-10 overlap 4/10")
        .contains("alt=\"Rank here (A) against rank in the other session (B), shared jobs\"")
        .contains("<th colspan=\"8\">Biggest movers up</th>")
        .contains("<tr><td>4</td><td>1</td><td>+3</td><td>a4</td><td>b4</td>");
  }

  @Test
  void withoutTheOptionThereIsNoComparison() throws IOException {
    sides();
    Path html = tmp.resolve("r.html");
    Cli.Result r =
        Cli.run(
            "report",
            "--results-dir",
            tmp.resolve("a").toString(),
            "-o",
            html.toString(),
            "--no-job-charts",
            "-q");
    assertThat(r.exitCode()).isZero();
    assertThat(Files.readString(html)).doesNotContain("Comparison with");
  }
}
