package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** walkforward --fresh refusing a file of the user's names the walk-forward, not a sweep. */
class WalkforwardFreshTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final String BTC = "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv";

  @TempDir Path tmp;

  @Test
  void freshRefusalSaysTheWalkforwardDidNotWriteIt() throws IOException {
    Path session =
        Files.writeString(
            tmp.resolve("btc.yaml"),
            "data_file: "
                + REPO.resolve(BTC)
                + "\ntag_prefix: btc\ngrids:\n  - name: min_spread_bps\n    values: [0, 1]\n");
    Path wf = tmp.resolve("wf");
    String[] args = {
      "walkforward",
      "--config",
      session.toString(),
      "--output-root",
      wf.toString(),
      "--train",
      "6h",
      "--test",
      "6h",
      "-q"
    };
    assertThat(Cli.run(args).exitCode()).isZero();
    Path mine = Files.writeString(wf.resolve("train/results/w001/mine.txt"), "keep");
    String[] fresh = java.util.Arrays.copyOf(args, args.length + 1);
    fresh[args.length] = "--fresh";
    Cli.Result r = Cli.run(fresh);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err()).contains(mine.toString()).contains("which the walk-forward did not write");
    assertThat(mine).exists();
  }
}
