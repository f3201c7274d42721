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
 * A sweep and a walk-forward never write into each other's output root, nor into a folder inside
 * another run's root: the other run would then report wrong numbers.
 */
class RunRootsTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final String BTC = "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv";

  @TempDir Path tmp;

  private Path session() throws IOException {
    return Files.writeString(
        tmp.resolve("btc.yaml"),
        "data_file: "
            + REPO.resolve(BTC)
            + "\ntag_prefix: btc\ngrids:\n  - name: min_spread_bps\n    values: [0, 1]\n");
  }

  private static Cli.Result sweep(Path session, Path root) {
    return Cli.run("sweep", "--config", session.toString(), "--output-root", root.toString(), "-q");
  }

  private static Cli.Result walkforward(Path session, Path root) {
    return Cli.run(
        "walkforward",
        "--config",
        session.toString(),
        "--output-root",
        root.toString(),
        "--train",
        "6h",
        "--test",
        "6h",
        "-q");
  }

  @Test
  void walkforwardRefusesTheResultsFolderOfASweep() throws IOException {
    Path session = session();
    Path x = tmp.resolve("x");
    assertThat(sweep(session, x).exitCode()).isZero();
    Path inside = x.resolve("results").resolve("btc001");
    Cli.Result r = walkforward(session, inside);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err()).contains(x.toString()).contains("sweep").contains("results");
    assertThat(inside.resolve("walkforward.json")).doesNotExist();
    Cli.Result again =
        Cli.run("sweep", "--config", session.toString(), "--output-root", x.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
  }

  @Test
  void walkforwardRefusesASweepsRoot() throws IOException {
    Path session = session();
    Path x = tmp.resolve("x");
    assertThat(sweep(session, x).exitCode()).isZero();
    Cli.Result r = walkforward(session, x);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err()).contains(x.toString()).contains("sweep").contains("jobs.jsonl");
    assertThat(x.resolve("walkforward.json")).doesNotExist();
    assertThat(x.resolve("walkforward-inputs.json")).doesNotExist();
  }

  @Test
  void sweepRefusesAWalkforwardsRootAndAnyFolderInsideIt() throws IOException {
    Path session = session();
    Path wf = tmp.resolve("wf");
    Cli.Result w = walkforward(session, wf);
    assertThat(w.exitCode()).as(w.err()).isZero();
    Cli.Result r = sweep(session, wf);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err()).contains(wf.toString()).contains("walk-forward");
    assertThat(wf.resolve("jobs.jsonl")).doesNotExist();
    Path inside = wf.resolve("train").resolve("results").resolve("w001");
    Cli.Result r2 = sweep(session, inside);
    assertThat(r2.exitCode()).as(r2.err()).isEqualTo(ExitCodes.INPUT);
    assertThat(r2.err()).contains(wf.toString()).contains("walk-forward");
    assertThat(inside.resolve("jobs.jsonl")).doesNotExist();
  }

  @Test
  void sweepRefusesTheResultsFolderOfAnotherSweep() throws IOException {
    Path session = session();
    Path x = tmp.resolve("x");
    assertThat(sweep(session, x).exitCode()).isZero();
    Path inside = x.resolve("results").resolve("deeper").resolve("s");
    Cli.Result r = sweep(session, inside);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.INPUT);
    assertThat(r.err()).contains(x.toString()).contains("results");
    assertThat(inside).doesNotExist();
  }
}
