package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.ChildCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code plan --output FILE} stopped while it writes leaves no temporary file behind: removed at
 * once when stopped by SIGTERM / Ctrl-C, by the next plan to the same file after SIGKILL. Run as
 * real processes stopped while their temporary file grows.
 */
class InterruptedPlanTest {

  @TempDir Path dir;

  /** A session of 500,000 jobs: its plan takes seconds to write. */
  private Path bigSession() throws Exception {
    Path data = Path.of("..", "data", "eurusd_sample.csv").toAbsolutePath().normalize();
    String spreads =
        IntStream.range(0, 100).mapToObj(i -> i / 2.0 + "").collect(Collectors.joining(", "));
    String slippages =
        IntStream.range(0, 100).mapToObj(i -> i / 10.0 + "").collect(Collectors.joining(", "));
    String trades =
        IntStream.rangeClosed(1, 50).mapToObj(i -> i + "").collect(Collectors.joining(", "));
    return Files.writeString(
        dir.resolve("big.yaml"),
        "data_file: "
            + data
            + "\ntag_prefix: big\ngrids:\n"
            + "  - name: min_spread_bps\n    values: ["
            + spreads
            + "]\n  - name: slippage_bps\n    values: ["
            + slippages
            + "]\n  - name: max_open_trades\n    values: ["
            + trades
            + "]\n");
  }

  private Process plan(Path session, Path output) throws Exception {
    return new ProcessBuilder(
            ChildCli.command("plan", "--config", session.toString(), "--output", output.toString()))
        .redirectError(dir.resolve("err.txt").toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private List<Path> temporaryFiles() throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("out"))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
    } catch (java.nio.file.NoSuchFileException e) {
      return List.of();
    }
  }

  /** Waits until the plan's temporary file holds some lines. */
  private void awaitWriting(Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && p.isAlive()) {
      List<Path> tmp = temporaryFiles();
      if (!tmp.isEmpty() && Files.size(tmp.get(0)) > 100_000) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError(
        "the plan did not start writing: " + Files.readString(dir.resolve("err.txt")));
  }

  @Test
  @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void sigtermWhileWritingRemovesTheTemporaryFile() throws Exception {
    Path output = dir.resolve("out").resolve("p.jsonl");
    Process p = plan(bigSession(), output);
    awaitWriting(p);

    p.destroy(); // SIGTERM
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(temporaryFiles()).isEmpty();
    assertThat(output).doesNotExist();
  }

  @Test
  @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void theNextPlanRemovesWhatAKilledOneLeft() throws Exception {
    Path output = dir.resolve("out").resolve("p.jsonl");
    Process p = plan(bigSession(), output);
    awaitWriting(p);

    p.destroyForcibly(); // SIGKILL: no hook runs
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(temporaryFiles()).hasSize(1);

    Process again = plan(Path.of("..", "examples", "session.yaml"), output);
    assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(again.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();

    assertThat(temporaryFiles()).isEmpty();
    assertThat(Files.readAllLines(output)).hasSize(12);
  }
}
