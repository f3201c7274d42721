package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** walkforward's duration messages: a zero, and an error from the default --step. */
class WalkforwardDurationsTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final String BTC = "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv";

  @TempDir Path tmp;

  private Cli.Result walkforward(String train, String test) throws IOException {
    Path session =
        Files.writeString(
            tmp.resolve("btc.yaml"),
            "data_file: "
                + REPO.resolve(BTC)
                + "\ntag_prefix: btc\ngrids:\n  - name: min_spread_bps\n    values: [0, 1]\n");
    return Cli.run(
        "walkforward",
        "--config",
        session.toString(),
        "--output-root",
        tmp.resolve("wf").toString(),
        "--train",
        train,
        "--test",
        test,
        "-q");
  }

  @Test
  void aBareZeroMustBeMoreThanZero() throws IOException {
    Cli.Result r = walkforward("0", "1h");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err()).contains("--train").contains("more than 0").doesNotContain("whole number");
  }

  @Test
  void anErrorFromTheDefaultStepSaysItIsTheDefault() throws IOException {
    Cli.Result r = walkforward("1h", "PT0.5S");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err()).contains("--step (default: --test)").doesNotContain("--step 500000us");
  }
}
