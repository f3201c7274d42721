package dev.arbtune.run;

import static dev.arbtune.run.RunFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.Engine;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.result.ResultReader;
import dev.arbtune.result.ResultWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A line's {@code output_json} never replaces the plan being run or its own data or venue files,
 * while a document whose name is new in its folder costs no look at the file system.
 */
class JobRunnerInputGuardTest {

  @TempDir Path tmp;

  private final Path repo = RunFixtures.repoRoot();
  private final ResultReader reader = new ResultReader();
  private static final String DATA = "data/eurusd_sample.csv";

  private JobRunner runner(Path plan) {
    return new JobRunner(
        new QuotesCache(),
        repo,
        new ResultWriter(false),
        plan,
        null,
        SessionListener.NONE,
        Engine.DEFAULT);
  }

  private static String venueLine(String jobId, String a, String b, String output) {
    return "{\"job_id\": \""
        + jobId
        + "\", \"config\": {\"venue_a\": \""
        + a
        + "\", \"venue_b\": \""
        + b
        + "\"}, \"output_json\": \""
        + output
        + "\"}";
  }

  /**
   * Each kind of input in a folder of its own: reached first in that folder (its names listed
   * then), or after another document was written there (its names listed before).
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void everyInputIsStillRefusedInAFreshFolderAndInOneWrittenIntoBefore(boolean writtenBefore)
      throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Path plan = Files.createDirectories(out.resolve("p1")).resolve("plan.json");
    Files.writeString(plan, line("x", DATA, "x.json", "") + "\n");
    Files.createSymbolicLink(Files.createDirectories(out.resolve("p2")).resolve("sym.json"), plan);
    Files.createLink(Files.createDirectories(out.resolve("p3")).resolve("hard.json"), plan);
    byte[] quotes = Files.readAllBytes(repo.resolve(DATA));
    Path inRoot = Files.write(Files.createDirectories(out.resolve("d1")).resolve("q.json"), quotes);
    Path outside = Files.write(tmp.resolve("outside.csv"), quotes);
    Files.createSymbolicLink(
        Files.createDirectories(out.resolve("d2")).resolve("sym.json"), outside);
    Files.createLink(Files.createDirectories(out.resolve("d3")).resolve("hard.json"), outside);
    Path venueA = Files.write(tmp.resolve("a.csv"), quotes);
    Path venueB = Files.write(tmp.resolve("b.csv"), quotes);
    Files.createLink(Files.createDirectories(out.resolve("v1")).resolve("a.json"), venueA);
    Files.createSymbolicLink(Files.createDirectories(out.resolve("v2")).resolve("b.json"), venueB);
    List<String> offending =
        List.of(
            line("p1", DATA, "p1/plan.json", ""),
            line("p2", DATA, "p2/sym.json", ""),
            line("p3", DATA, "p3/./hard.json", ""),
            line("d1", inRoot.toString(), "d1/q.json", ""),
            line("d2", outside.toString(), "d2/sym.json", ""),
            line("d3", outside.toString(), "d3/hard.json", ""),
            venueLine("v1", venueA.toString(), venueB.toString(), "v1/a.json"),
            venueLine("v2", venueA.toString(), venueB.toString(), "v2/b.json"));
    byte[] planBytes = Files.readAllBytes(plan);
    JobRunner runner = runner(plan);

    long n = 0;
    for (String text : offending) {
      PlanLine offender = PlanLine.parse(++n, text);
      if (writtenBefore) {
        String folder = offender.outputJson().substring(0, 2);
        PlanLine fine = PlanLine.parse(100 + n, line("f" + n, DATA, folder + "/fine.json", ""));
        assertThat(runner.run(fine, out, false).status()).isEqualTo(JobOutcome.Status.SUCCESS);
      }

      JobOutcome o = runner.run(offender, out, false);

      assertThat(o.status()).as(text).isEqualTo(JobOutcome.Status.ERROR);
      assertThat(o.error()).as(text).contains("would destroy the");
      assertThat(o.output()).isEqualTo(OutputPaths.forInvalidLine(out, n));
    }
    assertThat(Files.readAllBytes(plan)).isEqualTo(planBytes);
    assertThat(Files.readAllBytes(inRoot)).isEqualTo(quotes);
    assertThat(Files.readAllBytes(outside)).isEqualTo(quotes);
    assertThat(Files.readAllBytes(venueA)).isEqualTo(quotes);
    assertThat(Files.readAllBytes(venueB)).isEqualTo(quotes);
    assertThat(Files.isSymbolicLink(out.resolve("p2/sym.json"))).isTrue();
    assertThat(Files.isSymbolicLink(out.resolve("d2/sym.json"))).isTrue();
    assertThat(Files.isSymbolicLink(out.resolve("v2/b.json"))).isTrue();
    assertThat(reader.read(OutputPaths.forInvalidLine(out, 7)).error())
        .contains("output_json v1/a.json is this job's venue file (" + venueA + ")");
  }

  @Test
  void aDocumentWhoseNameIsNewInItsFolderCostsNoLook() throws Exception {
    Path out = tmp.resolve("fresh");
    List<PlanLine> lines = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      lines.add(PlanLine.parse(i, line("j" + i, DATA, (i % 2 == 0 ? "s/" : "") + i + ".json", "")));
    }
    JobRunner first = runner(null);

    for (PlanLine l : lines) {
      assertThat(first.run(l, out, false).status()).isEqualTo(JobOutcome.Status.SUCCESS);
    }

    assertThat(first.identityLooks()).isZero();
    JobRunner again = runner(null);
    for (PlanLine l : lines) {
      assertThat(again.run(l, out, false).status()).isEqualTo(JobOutcome.Status.SUCCESS);
    }
    assertThat(again.identityLooks()).as("every name is there now").isEqualTo(6);
  }

  @Test
  void aNameDifferingOnlyInCaseOrNotPlainAsciiIsLookedAt() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("case"));
    Files.writeString(Files.createDirectories(out.resolve("t")).resolve("Q.JSON"), "{}");
    JobRunner runner = runner(null);

    runner.run(PlanLine.parse(1, line("a", DATA, "s/a.json", "")), out, false);
    assertThat(runner.identityLooks()).isZero();
    runner.run(PlanLine.parse(2, line("b", DATA, "s/A.json", "")), out, false);
    assertThat(runner.identityLooks()).as("a.json may be A.json").isEqualTo(1);
    runner.run(PlanLine.parse(3, line("c", DATA, "t/q.json", "")), out, false);
    assertThat(runner.identityLooks()).as("Q.JSON may be q.json").isEqualTo(2);
    runner.run(PlanLine.parse(4, line("d", DATA, "s/\u00e9.json", "")), out, false);
    assertThat(runner.identityLooks()).as("a name outside ASCII").isEqualTo(3);
    runner.run(PlanLine.parse(5, line("e", DATA, "s/e.json", "")), out, false);
    assertThat(runner.identityLooks())
        .as("after a name outside ASCII, the folder's names are all looked at")
        .isEqualTo(4);
  }

  @Test
  void aDataFileThatIsADocumentOfTheSessionIsRefusedAlsoThroughALinkedFolder() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("own"));
    Files.createDirectories(out.resolve("s"));
    Files.createSymbolicLink(out.resolve("alias"), Path.of("s"));
    JobRunner runner = runner(null);
    assertThat(runner.run(PlanLine.parse(1, line("a", DATA, "s/a.json", "")), out, false).status())
        .isEqualTo(JobOutcome.Status.SUCCESS);
    Path written = out.resolve("s/a.json");
    byte[] before = Files.readAllBytes(written);

    JobOutcome same =
        runner.run(PlanLine.parse(2, line("b", written.toString(), "s/a.json", "")), out, false);
    JobOutcome linked =
        runner.run(
            PlanLine.parse(3, line("c", written.toString(), "alias/a.json", "")), out, false);

    assertThat(same.error()).contains("is this job's data_file");
    assertThat(linked.error()).contains("output_json alias/a.json is this job's data_file");
    assertThat(Files.readAllBytes(written)).isEqualTo(before);
  }

  @Test
  void resumeSkipsFinishedDocumentsAndStillRefusesAnInput() throws Exception {
    Path out = tmp.resolve("resumed");
    PlanLine a = PlanLine.parse(1, line("a", DATA, "s/a.json", ""));
    PlanLine b = PlanLine.parse(2, line("b", DATA, "s/b.json", ""));
    assertThat(runner(null).run(a, out, false).status()).isEqualTo(JobOutcome.Status.SUCCESS);
    Path outside = Files.copy(repo.resolve(DATA), tmp.resolve("outside.csv"));
    Files.createLink(out.resolve("s/h.json"), outside);
    byte[] quotes = Files.readAllBytes(outside);
    JobRunner resumed = runner(null);

    JobOutcome skipped = resumed.run(a, out, true);
    JobOutcome ran = resumed.run(b, out, true);
    JobOutcome refused =
        resumed.run(PlanLine.parse(3, line("h", outside.toString(), "s/h.json", "")), out, true);

    assertThat(skipped.status()).isEqualTo(JobOutcome.Status.SKIPPED);
    assertThat(ran.status()).isEqualTo(JobOutcome.Status.SUCCESS);
    assertThat(refused.error()).contains("output_json s/h.json is this job's data_file");
    assertThat(Files.readAllBytes(outside)).isEqualTo(quotes);
    assertThat(resumed.identityLooks()).as("a.json and h.json were there").isEqualTo(2);
  }

  @Test
  void twoThreadsWritingIntoOneFreshFolderListItOnceAndLookOnlyAtTheInput() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("threads"));
    Path outside = Files.copy(repo.resolve(DATA), tmp.resolve("outside.csv"));
    byte[] quotes = Files.readAllBytes(outside);
    Files.createLink(Files.createDirectories(out.resolve("s")).resolve("h.json"), outside);
    JobRunner runner = runner(null);
    List<PlanLine> lines = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      lines.add(
          i == 21
              ? PlanLine.parse(i, line("h", outside.toString(), "s/h.json", ""))
              : PlanLine.parse(i, line("j" + i, DATA, "s/" + i + ".json", "")));
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<JobOutcome>> outcomes = new ArrayList<>();
    try {
      for (PlanLine l : lines) {
        outcomes.add(pool.submit(() -> runner.run(l, out, false)));
      }
      int success = 0;
      for (Future<JobOutcome> f : outcomes) {
        if (f.get().status() == JobOutcome.Status.SUCCESS) {
          success++;
        }
      }
      assertThat(success).isEqualTo(39);
    } finally {
      pool.shutdown();
    }

    assertThat(outcomes.get(20).get().error()).contains("is this job's data_file");
    assertThat(Files.readAllBytes(outside)).isEqualTo(quotes);
    assertThat(runner.identityLooks()).isEqualTo(1);
    assertThat(runner.folderListings()).isEqualTo(1);
  }
}
