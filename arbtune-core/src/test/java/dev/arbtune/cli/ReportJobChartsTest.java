package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The top jobs' charts through {@code report}, {@code sweep --report} and their off switch. */
class ReportJobChartsTest {

  @TempDir Path tmp;

  private static Path repoFile(String relative) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(relative))) {
        return p.resolve(relative);
      }
    }
    throw new IllegalStateException(relative);
  }

  private Path sweep(String... more) throws IOException {
    Path data = tmp.resolve("data/btc.csv");
    Files.createDirectories(data.getParent());
    Files.copy(repoFile("data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv"), data);
    Path session = tmp.resolve("session.yaml");
    Files.writeString(
        session,
        "data_file: "
            + data
            + "\ntag_prefix: j\ntaker_fee_a_bps: 1\ntaker_fee_b_bps: 1\nslippage_bps: 0\n"
            + "grids:\n  - name: min_spread_bps\n    values: [0, 1, 2]\n");
    Path root = tmp.resolve("root");
    String[] args =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(
                    "sweep",
                    "--config",
                    session.toString(),
                    "--output-root",
                    root.toString(),
                    "--report",
                    "-q"),
                java.util.stream.Stream.of(more))
            .toArray(String[]::new);
    Cli.Result r = Cli.run(args);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return root;
  }

  @Test
  void sweepReportEmbedsTheTopJobsCharts() throws IOException {
    Path root = sweep();
    assertThat(Files.readString(root.resolve("report.html")))
        .contains("<h2>Top jobs over time</h2>", "alt=\"Equity of j_", "alt=\"Spreads of j_");
  }

  @Test
  void noJobChartsLeavesThemOut() throws IOException {
    Path root = sweep("--no-job-charts");
    assertThat(Files.readString(root.resolve("report.html")))
        .contains("Leaderboard")
        .doesNotContain("Top jobs over time");

    Path out = tmp.resolve("r.html");
    Cli.Result r =
        Cli.run(
            "report", "--results-dir", root.toString(), "-o", out.toString(), "--no-job-charts");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readString(out)).doesNotContain("Top jobs over time");
    Cli.Result with = Cli.run("report", "--results-dir", root.toString(), "-o", out.toString());
    assertThat(with.exitCode()).as(with.err()).isZero();
    assertThat(Files.readString(out)).contains("Top jobs over time", "alt=\"Equity of j_");
  }

  @Test
  void helpDocumentsTheSwitch() {
    assertThat(Cli.run("report", "--help").out()).contains("--no-job-charts", "--data-root");
    assertThat(Cli.run("sweep", "--help").out()).contains("--no-job-charts");
  }
}
