package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.ChildCli;
import dev.arbtune.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A walk-forward stopped by SIGTERM (as Ctrl-C stops it) says how many jobs finished and writes no
 * record; the same command again runs only the rest and finishes. Run as a real process.
 */
class InterruptedWalkforwardTest {

  @TempDir Path dir;

  private long documents(Path out) throws Exception {
    Path results = out.resolve("train/results");
    if (!Files.isDirectory(results)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(results)) {
      return files.filter(f -> f.toString().endsWith(".json")).count();
    } catch (java.io.UncheckedIOException e) {
      return 0; // a folder appeared or went while walking
    }
  }

  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void sigtermStopsCleanlyAndTheSameCommandFinishes() throws Exception {
    Path data =
        Path.of("..", "data", "eurusd_fxcm_vs_oanda_1s_2014-05.csv.gz")
            .toAbsolutePath()
            .normalize();
    Path session =
        Files.writeString(
            dir.resolve("s.yaml"),
            "data_file: "
                + data
                + "\ntag_prefix: s\ngrids:\n  - name: min_spread_bps\n"
                + "    range: {start: 0, stop: 2, step: 0.1}\n"
                + "  - name: slippage_bps\n    values: [0, 1]\n");
    Path out = dir.resolve("wf");
    String[] args = {
      "walkforward",
      "--config",
      session.toString(),
      "--output-root",
      out.toString(),
      "--train",
      "3d",
      "--test",
      "1d",
      "--step",
      "6h",
      "--parallelism",
      "2"
    };
    Process p =
        new ProcessBuilder(ChildCli.command(args))
            .redirectError(dir.resolve("err.txt").toFile())
            .redirectOutput(dir.resolve("out.txt").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && p.isAlive() && documents(out) < 40) {
      Thread.sleep(5);
    }
    p.destroy(); // SIGTERM
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = Files.readString(dir.resolve("err.txt"));
    assertThat(err)
        .contains("arbtune walkforward (train): interrupted after ")
        .contains("run the same command again to finish the rest");
    assertThat(out.resolve("walkforward.json")).doesNotExist();
    assertThat(Files.readString(dir.resolve("out.txt"))).isEmpty();
    long before = documents(out);
    assertThat(before).isPositive();

    Cli.Result again = Cli.run(args);
    assertThat(again.exitCode()).as(again.err()).isZero();
    List<String> lines = again.err().lines().toList();
    assertThat(lines).contains("  total:     1848", "  skipped:   " + before);
    assertThat(out.resolve("walkforward.json")).isRegularFile();
    assertThat(again.out()).startsWith("Walk-forward: 44 windows");
  }
}
