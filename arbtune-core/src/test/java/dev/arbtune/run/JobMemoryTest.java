package dev.arbtune.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobMemoryTest {

  @Test
  void theAdviceSuggestsAPowerOfTwoHeapOfAtLeastWhatIsNeeded() {
    assertThat(JobMemory.advice(1))
        .isEqualTo(
            "give Java a larger heap, e.g. ARBTUNE_JAVA_OPTS=-Xmx256m with ./arbtune (java"
                + " -Xmx256m -jar ... otherwise)");
    assertThat(JobMemory.advice(300L << 20)).contains("-Xmx512m with").contains("java -Xmx512m");
    assertThat(JobMemory.advice(1L << 30)).contains("-Xmx1g with");
    assertThat(JobMemory.advice((1L << 30) + 1)).contains("-Xmx2g with");
  }

  @Test
  void aLineThatRunsOutOfMemoryOutsideItsBacktestIsAnErrorOutcome() {
    PlanLine line = PlanLine.parse(7, RunFixtures.line("j7", "q.csv", "s/j7.json", ""));

    JobOutcome outcome = JobMemory.outcome(line);

    assertThat(outcome.status()).isEqualTo(JobOutcome.Status.ERROR);
    assertThat(outcome.jobId()).isEqualTo("j7");
    assertThat(outcome.lineNumber()).isEqualTo(7);
    assertThat(outcome.output()).isNull();
    assertThat(outcome.error())
        .startsWith("plan line 7: ran out of memory writing its result document (the Java heap")
        .contains("ARBTUNE_JAVA_OPTS=-Xmx");
  }

  @Test
  void whatEscapesAWorkerThreadIsOneLineWithoutAStackTrace() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    JobMemory.uncaught(new OutOfMemoryError("Java heap space"), err);
    JobMemory.uncaught(new IllegalStateException("broken"), err);

    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines())
        .containsExactly(
            "arbtune: a job " + JobMemory.ranOut(""),
            "arbtune: internal error in a job (please report this):"
                + " java.lang.IllegalStateException: broken");
    assertThat(JobMemory.ranOut("")).startsWith("ran out of memory (the Java heap is at most ");
    assertThat(printed).doesNotContain("\tat ").doesNotContain("OutOfMemoryError");
  }

  @TempDir Path tmp;

  @Test
  void anErrorEscapingASessionsWorkerThreadIsOneLineOnStderr() throws Exception {
    Files.writeString(
        tmp.resolve("q.csv"),
        "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n1700000000000,1,1,1,1\n");
    Path plan =
        Files.writeString(
            tmp.resolve("plan.jsonl"), RunFixtures.line("j1", "q.csv", "s/j1.json", "") + "\n");
    SessionListener failing =
        new SessionListener() {
          @Override
          public void jobFinished(JobOutcome outcome) {
            throw new OutOfMemoryError("Java heap space");
          }
        };
    PrintStream original = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      new SessionRunner(
              SessionOptions.builder(plan, tmp.resolve("out")).dataRoot(tmp).parallelism(1).build())
          .run(failing);
      // The handler runs as the worker thread ends, which may be after the session returned.
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().startsWith("arbtune-job-")) {
          t.join();
        }
      }
    } finally {
      System.setErr(original);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .containsExactly("arbtune: a job " + JobMemory.ranOut(""));
  }
}
