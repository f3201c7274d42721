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
 * Resuming compares durations by value, says which setting changed when it refuses, and reports a
 * corrupt inputs record as unreadable.
 */
class WalkforwardResumeTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final String BTC = "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv";

  @TempDir Path tmp;

  private Cli.Result walkforward(Path session, Path wf, String train) {
    return Cli.run(
        "walkforward",
        "--config",
        session.toString(),
        "--output-root",
        wf.toString(),
        "--train",
        train,
        "--test",
        "6h",
        "-q");
  }

  @Test
  void sameLengthResumesAnotherLengthNamesTheChangeAndACorruptRecordIsUnreadable()
      throws IOException {
    Path session =
        Files.writeString(
            tmp.resolve("btc.yaml"),
            "data_file: "
                + REPO.resolve(BTC)
                + "\ntag_prefix: btc\ngrids:\n  - name: min_spread_bps\n    values: [0, 1]\n");
    Path wf = tmp.resolve("wf");
    Cli.Result first = walkforward(session, wf, "6h");
    assertThat(first.exitCode()).as(first.err()).isZero();
    Cli.Result same = walkforward(session, wf, "360m");
    assertThat(same.exitCode()).as(same.err()).isZero();
    Cli.Result other = walkforward(session, wf, "5h");
    assertThat(other.exitCode()).as(other.err()).isEqualTo(ExitCodes.INPUT);
    assertThat(other.err()).contains("train").contains("6h").contains("5h").contains("--fresh");
    Files.writeString(wf.resolve("walkforward-inputs.json"), "{not json");
    Cli.Result corrupt = walkforward(session, wf, "6h");
    assertThat(corrupt.exitCode()).as(corrupt.err()).isEqualTo(ExitCodes.INPUT);
    assertThat(corrupt.err())
        .contains(wf.resolve("walkforward-inputs.json").toString())
        .contains("cannot be read")
        .doesNotContain("different walk-forward");
  }
}
