package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aggregate --results-dir} a walk-forward's root refuses, saying what to aggregate instead,
 * instead of counting its record files as error jobs and mixing train and test documents.
 */
class AggregateWalkforwardRootTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final String BTC = "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv";

  @TempDir Path tmp;

  @Test
  void aggregateRefusesAWalkforwardRootAndSaysWhatToReadInstead() throws IOException {
    Path session =
        Files.writeString(
            tmp.resolve("btc.yaml"),
            "data_file: "
                + REPO.resolve(BTC)
                + "\ntag_prefix: btc\ngrids:\n  - name: min_spread_bps\n    values: [0, 1]\n");
    Path wf = tmp.resolve("wf");
    Cli.Result w =
        Cli.run(
            "walkforward",
            "--config",
            session.toString(),
            "--output-root",
            wf.toString(),
            "--train",
            "6h",
            "--test",
            "6h",
            "-q");
    assertThat(w.exitCode()).as(w.err()).isZero();
    Path json = tmp.resolve("summary.json");
    Cli.Result r =
        Cli.run(
            "aggregate", "--results-dir", wf.toString(), "--output-json", json.toString(), "-q");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err())
        .contains(wf.toString())
        .contains("walk-forward")
        .contains(wf.resolve("train").resolve("results").resolve("w001").toString())
        .contains("walkforward.json")
        .contains("report --results-dir");
    assertThat(json).doesNotExist();
    Cli.Result one =
        Cli.run(
            "aggregate",
            "--results-dir",
            wf.resolve("train").resolve("results").resolve("w001").toString(),
            "--format",
            "json");
    assertThat(one.exitCode()).as(one.err()).isZero();
  }
}
