package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.ChildCli;
import dev.arbtune.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops a real {@code arbtune run} / {@code sweep} process with SIGTERM ({@link Process#destroy()})
 * in the middle of a session and reads what it says; then runs the command it names and checks that
 * every job ends with one result, and that a session that ends normally says nothing of the kind.
 */
class InterruptNoticeTest {

  private static final int JOBS_EACH_SIDE = 100;

  @TempDir Path tmp;

  private static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("data/eurusd_sample.csv"))) {
        return p;
      }
    }
    throw new IllegalStateException("data/ not found");
  }

  private static String line(String id, String dataFile, String extra) {
    return "{\"job_id\": \""
        + id
        + "\", \"config\": {\"data_file\": \""
        + dataFile
        + "\""
        + extra
        + "}, \"output_json\": \"s/"
        + id
        + ".json\"}";
  }

  private Process start(Path log, String... args) throws Exception {
    List<String> command = ChildCli.command(args);
    return new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(log.toFile())
        .start();
  }

  private static void await(Process process, BooleanSupplier ready) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!ready.getAsBoolean() && process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(process.isAlive()).as("blocked on the pipe, so still running").isTrue();
  }

  private static long documents(Path folder) {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
    } catch (Exception e) {
      return 0; // a temporary file renamed while listed: try again
    }
  }

  private static void terminate(Process process) throws Exception {
    process.destroy(); // SIGTERM
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(128 + 15);
  }

  private static void assertNoStackTrace(String stderr) {
    assertThat(stderr).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("Error:");
  }

  /**
   * As in the SIGKILL test, a job reads a named pipe that nobody writes, so the session cannot
   * finish before the signal, whatever the machine's speed.
   */
  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void sigtermDuringRunSaysHowManyJobsFinishedAndResumeFinishesTheRest() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Path sample = repoRoot().resolve("data/eurusd_sample.csv");
    Files.copy(sample, data.resolve("sample.csv"));
    Path pipe = data.resolve("blocked.csv");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 2 * JOBS_EACH_SIDE; i++) {
      if (i == JOBS_EACH_SIDE + 1) {
        lines.add(line("blocked", "blocked.csv", ""));
      }
      lines.add(line(String.format("k_%04d", i), "sample.csv", ", \"min_spread_bps\": " + i % 7));
    }
    Path plan = Files.write(tmp.resolve("plan.jsonl"), lines);
    Path out = tmp.resolve("out");
    String[] run = {
      "run",
      "--jobs",
      plan.toString(),
      "--output-root",
      out.toString(),
      "--data-root",
      data.toString(),
      "--parallelism",
      "2"
    };

    Process process = start(tmp.resolve("stopped.log"), run);
    // Jobs start in plan order: once the 120th has finished, the one reading the pipe is running.
    await(process, () -> documents(out) >= 120);
    terminate(process);

    String stderr = Files.readString(tmp.resolve("stopped.log"));
    List<String> notices = stderr.lines().filter(l -> l.contains("interrupted")).toList();
    assertThat(notices).as(stderr).hasSize(1);
    // That job never finishes: after waiting for it, the line says so.
    assertThat(notices.get(0))
        .matches(
            "arbtune run: interrupted after at least \\d+ of 201 jobs finished \\(their documents"
                + " are written; 1 job that was running may also have finished\\); run the same"
                + " command with --resume to finish the rest");
    long finished =
        Long.parseLong(
            notices.get(0).replaceAll("^.*interrupted after at least (\\d+) of.*$", "$1"));
    assertThat(finished).isBetween(120L, 200L);
    assertThat(documents(out)).as("the others had finished").isEqualTo(finished);
    assertNoStackTrace(stderr);

    Files.delete(pipe);
    Files.copy(sample, pipe, StandardCopyOption.REPLACE_EXISTING);
    List<String> resume = new ArrayList<>(List.of(run));
    resume.add("--resume");
    Process again = start(tmp.resolve("resumed.log"), resume.toArray(String[]::new));
    assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String resumed = Files.readString(tmp.resolve("resumed.log"));
    assertThat(again.exitValue()).as(resumed).isZero();
    assertThat(resumed).doesNotContain("interrupted").contains("success:");
    assertThat(documents(out)).as("one result per job").isEqualTo(201);
    assertThat(out.resolve("s/blocked.json")).content().contains("\"status\": \"success\"");
  }

  /**
   * A sweep reads one data file, which must stay the same for the sweep to resume (a pipe cannot be
   * the data file of a sweep that is resumed), so nothing blocks this session: it is stopped while
   * its 3,000 jobs run, seconds of work, right after the first documents appear.
   */
  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void sigtermDuringSweepSaysHowManyJobsFinishedAndTheSameCommandFinishesTheSweep()
      throws Exception {
    Path session =
        Files.writeString(
            tmp.resolve("session.yaml"),
            """
            data_file: data/eurusd_sample.csv
            tag_prefix: t1
            taker_fee_a_bps: 0
            taker_fee_b_bps: 0
            grids:
              - name: min_spread_bps
                range: {start: 0, stop: 0.9, step: 0.1}
              - name: slippage_bps
                range: {start: 0, stop: 0.9, step: 0.1}
              - name: max_open_trades
                range: {start: 1, stop: 30, step: 1}
            """);
    Path out = tmp.resolve("out");
    String[] sweep = {
      "sweep",
      "--config",
      session.toString(),
      "--output-root",
      out.toString(),
      "--data-root",
      repoRoot().toString(),
      "--parallelism",
      "1"
    };

    Process process = start(tmp.resolve("stopped.log"), sweep);
    await(process, () -> documents(out.resolve("results")) >= 3);
    terminate(process);

    String stderr = Files.readString(tmp.resolve("stopped.log"));
    List<String> notices = stderr.lines().filter(l -> l.contains("interrupted")).toList();
    assertThat(notices).as(stderr).hasSize(1);
    assertThat(notices.get(0))
        .matches(
            "arbtune sweep: interrupted after \\d+ of 3000 jobs finished \\(their documents are"
                + " written\\); run the same command again to finish the rest");
    assertNoStackTrace(stderr);
    long before = documents(out.resolve("results"));
    assertThat(before).isLessThan(3000);
    long finished =
        Long.parseLong(notices.get(0).replaceAll("^.*interrupted after (\\d+) of.*$", "$1"));
    assertThat(before).as("the running jobs finished before the count").isEqualTo(finished);

    Cli.Result again = Cli.run(sweep);
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err())
        .doesNotContain("interrupted")
        .contains("skipped:   " + before)
        .contains("success:   " + (3000 - before));
    assertThat(documents(out.resolve("results"))).as("one result per job").isEqualTo(3000);
  }
}
