package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.ChildCli;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep of venue files stopped (SIGTERM, as Ctrl-C) while it joins them: the jobs waiting for the
 * join say that the sweep was stopped, not that a temporary file of the join is missing.
 */
class InterruptedVenueSweepTest {

  @TempDir Path dir;

  private Path venue(String name, long offsetMs) throws Exception {
    Path file = dir.resolve(name);
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("timestamp,bid,ask\n");
      long t = 1_700_000_000_000L + offsetMs;
      for (int i = 0; i < 1_500_000; i++) {
        w.write(Long.toString(t + 10L * i));
        w.write(",100.5,100.6\n");
      }
    }
    return file;
  }

  private List<Path> joinTemporaryFiles(Path joined) throws Exception {
    try (Stream<Path> files = Files.list(joined)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
    } catch (java.nio.file.NoSuchFileException e) {
      return List.of();
    }
  }

  @Test
  @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void aSweepStoppedWhileJoiningSaysSoInItsErrorDocuments() throws Exception {
    Path a = venue("a.csv", 0);
    Path b = venue("b.csv", 3);
    Path session =
        Files.writeString(
            dir.resolve("s.yaml"),
            "venue_a: " + a + "\nvenue_b: " + b + "\ntag_prefix: v\nslippage_bps: 0\n");
    Path root = dir.resolve("out");
    Process p =
        new ProcessBuilder(
                ChildCli.command(
                    "sweep", "--config", session.toString(), "--output-root", root.toString()))
            .redirectError(dir.resolve("err.txt").toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    boolean joining = false;
    while (!joining && System.nanoTime() < deadline && p.isAlive()) {
      List<Path> tmp = joinTemporaryFiles(root.resolve("joined"));
      joining = !tmp.isEmpty() && Files.size(tmp.get(0)) > 1_000_000;
      Thread.sleep(5);
    }
    p.destroy(); // SIGTERM: the shutdown hooks run, as for Ctrl-C
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(joining).as("the join was not caught running").isTrue();

    Path doc = root.resolve("results").resolve("v").resolve("v_0001.json");
    if (Files.exists(doc)) {
      String text = Files.readString(doc);
      assertThat(text).doesNotContain("no such file").doesNotContain(".tmp");
      assertThat(text).contains("stopped");
    }
    assertThat(Files.readString(dir.resolve("err.txt"))).doesNotContain("no such file");
  }
}
