package dev.arbtune.run;

import static dev.arbtune.run.RunFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code arbtune run} process with SIGKILL in the middle of a session, resumes it, and
 * compares the documents with those of an uninterrupted run.
 *
 * <p>The plan's middle job reads a named pipe that nobody writes, so the killed session cannot
 * finish before the kill, whatever the machine's speed; the other worker keeps writing documents
 * meanwhile, so the kill lands while documents are being written. A session blocked so also holds
 * its output root while a second one, in this process, tries to use it.
 */
class SessionKillResumeTest {

  private static final int JOBS_EACH_SIDE = 150;

  @TempDir Path tmp;

  @Test
  void resumeAfterSigkillEqualsAnUninterruptedRun() throws Exception {
    Path sample = RunFixtures.repoRoot().resolve("data/eurusd_sample.csv");
    Path data = Files.createDirectories(tmp.resolve("data"));
    Files.copy(sample, data.resolve("sample.csv"));
    Path pipe = data.resolve("blocked.csv");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    Path plan = tmp.resolve("plan.jsonl");
    Files.write(plan, planLines());
    Path killed = tmp.resolve("killed");

    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "run",
                "--jobs",
                plan.toString(),
                "--output-root",
                killed.toString(),
                "--data-root",
                data.toString(),
                "--parallelism",
                "2",
                "--quiet")
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("killed.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (countDocuments(killed) < 50 && process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(process.isAlive())
        .as("the session is blocked on the pipe, so still running")
        .isTrue();
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(128 + 9);
    long before = countDocuments(killed);
    assertThat(before).isBetween(50L, 2L * JOBS_EACH_SIDE);
    assertThat(killed.resolve("s/blocked.json")).doesNotExist();

    // The pipe becomes a real file, and the session is resumed in-process.
    Files.delete(pipe);
    Files.copy(sample, pipe, StandardCopyOption.REPLACE_EXISTING);
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            "run",
            "--jobs",
            plan.toString(),
            "--output-root",
            killed.toString(),
            "--data-root",
            data.toString(),
            "--resume");
    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).contains("skipped:   " + before);

    Path reference = tmp.resolve("reference");
    int refCode =
        Main.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            "run",
            "--jobs",
            plan.toString(),
            "--output-root",
            reference.toString(),
            "--data-root",
            data.toString(),
            "--quiet");
    assertThat(refCode).isZero();

    var resumed = RunFixtures.documentsWithoutRuntime(killed);
    assertThat(resumed).hasSize(2 * JOBS_EACH_SIDE + 1);
    assertThat(resumed).isEqualTo(RunFixtures.documentsWithoutRuntime(reference));
  }

  @Test
  void aSessionInAnotherProcessKeepsTheRootAndItsTemporaryFiles() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Path pipe = data.resolve("blocked.csv");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    Path plan = tmp.resolve("plan.jsonl");
    Files.write(plan, List.of(line("blocked", "blocked.csv", "s/blocked.json", "")));
    Path root = tmp.resolve("shared");
    Process first = startRun(plan, root, data, tmp.resolve("first.log"));
    try {
      Path lock = root.resolve(".arbtune.lock");
      String holder = "process " + first.pid();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      // The job's folder is made after the session's clean-up, just before the job blocks.
      while (!(Files.isRegularFile(lock)
              && Files.readString(lock).startsWith(holder)
              && Files.isDirectory(root.resolve("s")))
          && first.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(first.isAlive()).as("blocked on the pipe, holding the root").isTrue();
      Path live = Files.writeString(root.resolve("s/.arbtune-blocked.json.beef.tmp"), "{\"sta");

      // A plan of its own that does not read the pipe: should the lock fail, this run ends.
      Files.writeString(
          data.resolve("tiny.csv"),
          "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n1700000000000,1,1,1,1\n");
      Path second = tmp.resolve("second.jsonl");
      Files.write(second, List.of(line("other", "tiny.csv", "s/other.json", "")));
      StringWriter err = new StringWriter();
      int code =
          Main.run(
              new PrintWriter(new StringWriter()),
              new PrintWriter(err),
              "run",
              "--jobs",
              second.toString(),
              "--output-root",
              root.toString(),
              "--data-root",
              data.toString());

      assertThat(code).isEqualTo(1);
      assertThat(err.toString())
          .startsWith("arbtune run: error: another arbtune session (" + holder)
          .contains("is running on the output root " + root);
      assertThat(live).exists();
      assertThat(root.resolve("s/other.json")).doesNotExist();
    } finally {
      first.destroyForcibly();
      first.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static Process startRun(Path plan, Path root, Path data, Path log) throws Exception {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "run",
            "--jobs",
            plan.toString(),
            "--output-root",
            root.toString(),
            "--data-root",
            data.toString(),
            "--quiet")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static List<String> planLines() {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 2 * JOBS_EACH_SIDE; i++) {
      if (i == JOBS_EACH_SIDE + 1) {
        lines.add(line("blocked", "blocked.csv", "s/blocked.json", "\"min_spread_bps\": 0"));
      }
      String id = String.format("k_%04d", i);
      lines.add(
          line(
              id,
              "sample.csv",
              "s/" + id + ".json",
              "\"min_spread_bps\": "
                  + (i % 7) * 0.1
                  + ", \"taker_fee_a_bps\": 0,"
                  + " \"taker_fee_b_bps\": 0, \"slippage_bps\": "
                  + (i % 4) * 0.05));
    }
    return lines;
  }

  private static long countDocuments(Path root) throws Exception {
    if (!Files.isDirectory(root.resolve("s"))) {
      return 0;
    }
    try (Stream<Path> files = Files.list(root.resolve("s"))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
    }
  }
}
