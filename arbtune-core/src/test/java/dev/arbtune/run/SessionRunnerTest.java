package dev.arbtune.run;

import static dev.arbtune.run.RunFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.result.ResultDocument;
import dev.arbtune.result.ResultReader;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SessionRunnerTest {

  @TempDir Path tmp;

  private final Path repo = RunFixtures.repoRoot();

  /** A plan of {@code n} jobs over the EUR/USD sample, varying the spread and the costs. */
  private Path plan(int n, String... extraLines) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String id = String.format("s_%04d", i);
      lines.add(
          line(
              id,
              "data/eurusd_sample.csv",
              "s/" + id + ".json",
              "\"min_spread_bps\": "
                  + (i % 5) * 0.2
                  + ", \"taker_fee_a_bps\": 0,"
                  + " \"taker_fee_b_bps\": "
                  + (i % 3) * 0.1
                  + ", \"slippage_bps\": 0,"
                  + " \"max_open_trades\": "
                  + (1 + i % 3)
                  + ", \"tag\": \"s\""));
    }
    lines.addAll(List.of(extraLines));
    Path plan = tmp.resolve("plan-" + n + "-" + extraLines.length + ".jsonl");
    Files.write(plan, lines);
    return plan;
  }

  private SessionOptions.Builder options(Path plan, Path out) {
    return SessionOptions.builder(plan, out).dataRoot(repo).durable(false);
  }

  @Test
  void runsEveryLineAndTheAggregatorReadsTheOutput() throws Exception {
    Path plan =
        plan(
            12,
            "",
            line("bad_1", "data/nope.csv", "s/bad_1.json", ""),
            "not json at all",
            line("bad_3", "data/eurusd_sample.csv", "s/bad_3.json", "\"min_spred_bps\": 1"));
    Path out = tmp.resolve("out");
    List<JobOutcome> seen = Collections.synchronizedList(new ArrayList<>());
    long[] started = {-1};

    SessionSummary s =
        new SessionRunner(options(plan, out).parallelism(2).build())
            .run(
                new SessionListener() {
                  @Override
                  public void sessionStarted(long totalJobs) {
                    started[0] = totalJobs;
                  }

                  @Override
                  public void jobFinished(JobOutcome outcome) {
                    seen.add(outcome);
                  }
                });

    assertThat(started[0]).isEqualTo(15);
    assertThat(s.total()).isEqualTo(15);
    assertThat(s.attempted()).isEqualTo(15);
    assertThat(s.success()).isEqualTo(12);
    assertThat(s.error()).isEqualTo(3);
    assertThat(s.allSucceeded()).isFalse();
    assertThat(seen).hasSize(15);
    assertThat(seen)
        .filteredOn(o -> o.lineNumber() == 15)
        .singleElement()
        .satisfies(o -> assertThat(o.error()).startsWith("plan line 15: not valid JSON"));

    AggregatedSummary agg = TuningResultsAggregator.of(out).summarize();
    assertThat(agg.totalJobs()).isEqualTo(15);
    assertThat(agg.successJobs()).isEqualTo(12);
    assertThat(agg.errorJobs()).isEqualTo(3);
    assertThat(agg.topByPnl()).hasSize(12);
    assertThat(agg.topByPnl().get(0).jobId()).startsWith("s_");
  }

  @Test
  void resultsDoNotDependOnParallelism() throws Exception {
    Path plan = plan(20);
    Path one = tmp.resolve("one");
    Path two = tmp.resolve("two");

    new SessionRunner(options(plan, one).parallelism(1).build()).run();
    new SessionRunner(options(plan, two).parallelism(2).build()).run();

    assertThat(RunFixtures.documentsWithoutRuntime(one))
        .hasSize(20)
        .isEqualTo(RunFixtures.documentsWithoutRuntime(two));
  }

  @Test
  void resumeSkipsFinishedJobsAndRemovesLeftoverTemporaryFiles() throws Exception {
    Path plan = plan(6);
    Path out = tmp.resolve("out");
    new SessionRunner(options(plan, out).build()).run();
    Files.delete(out.resolve("s/s_0003.json"));
    Path leftover =
        out.resolve("s/.arbtune-s_0003.json." + OutputRootLock.idOf(out) + ".5f3e2a.tmp");
    Files.writeString(leftover, "{\"status\": \"succ");

    SessionSummary s = new SessionRunner(options(plan, out).resume(true).build()).run();

    assertThat(s.skipped()).isEqualTo(5);
    assertThat(s.attempted()).isEqualTo(1);
    assertThat(s.success()).isEqualTo(1);
    assertThat(s.allSucceeded()).isTrue();
    assertThat(leftover).doesNotExist();
    assertThat(out.resolve("s/s_0003.json")).exists();
  }

  @Test
  void otherProgramsTemporaryFilesAreLeftAlone() throws Exception {
    Path plan = plan(1);
    new SessionRunner(options(plan, tmp.resolve("out")).build()).run();
    String id = OutputRootLock.idOf(tmp.resolve("out"));
    assertThat(id).matches("r[0-9a-f]{12}");
    Path out = tmp.resolve("out/s");
    Path shell = Files.writeString(out.resolve(".bash_history.cafe.tmp"), "ls\n");
    Path lookalike = Files.writeString(out.resolve(".s_0001.json." + id + ".5f3e2a.tmp"), "x");
    Path unclaimed = Files.writeString(out.resolve(".arbtune-summary.json.5f3e2a.tmp"), "x");
    Path ours = Files.writeString(out.resolve(".arbtune-s_0001.json." + id + ".5f3e2a.tmp"), "x");

    new SessionRunner(options(plan, tmp.resolve("out")).build()).run();

    assertThat(shell).hasContent("ls");
    assertThat(lookalike).exists();
    assertThat(unclaimed).as("another arbtune writer's, e.g. aggregate --output-json").exists();
    assertThat(ours).doesNotExist();
    assertThat(OutputRootLock.idOf(tmp.resolve("out"))).as("kept by every session").isEqualTo(id);
  }

  @Test
  void nestedOutputRootsKeepEachOthersTemporaryFiles() throws Exception {
    Path plan = plan(3);
    Path outer = tmp.resolve("out");
    Path inner = outer.resolve("inner");
    new SessionRunner(options(plan, outer).build()).run();
    String outerId = OutputRootLock.idOf(outer);
    Path outerStale =
        Files.writeString(outer.resolve("s/.arbtune-s_0001.json." + outerId + ".beef.tmp"), "{");
    CountDownLatch firstJobDone = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SessionListener holding =
        new SessionListener() {
          @Override
          public void jobFinished(JobOutcome outcome) {
            firstJobDone.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    ExecutorService background = Executors.newSingleThreadExecutor();
    try {
      Future<SessionSummary> innerSession =
          background.submit(
              () -> new SessionRunner(options(plan, inner).parallelism(1).build()).run(holding));
      firstJobDone.await();
      String innerId = OutputRootLock.idOf(inner);
      assertThat(innerId).isNotEqualTo(outerId);
      Path innerLive =
          Files.writeString(inner.resolve("s/.arbtune-s_0002.json." + innerId + ".abc1.tmp"), "{");
      Path outerInInner =
          Files.writeString(inner.resolve("s/.arbtune-s_0003.json." + outerId + ".abc2.tmp"), "{");

      new SessionRunner(options(plan, outer).resume(true).build()).run();

      assertThat(innerLive).as("the running inner session's temporary file").exists();
      assertThat(outerInInner).as("inside another root: never searched").exists();
      assertThat(outerStale).as("the outer root's own leftover").doesNotExist();
      release.countDown();
      assertThat(innerSession.get().success()).isEqualTo(3);
      assertThat(outerInInner).as("the inner session removes only its own").exists();
    } finally {
      release.countDown();
      background.shutdownNow();
    }
  }

  @Test
  void aSecondSessionOnTheSameRootIsRefusedAndTouchesNothing() throws Exception {
    Path plan = plan(3);
    Path out = tmp.resolve("out");
    CountDownLatch firstJobDone = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SessionListener holding =
        new SessionListener() {
          @Override
          public void jobFinished(JobOutcome outcome) {
            firstJobDone.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    ExecutorService background = Executors.newSingleThreadExecutor();
    try {
      Future<SessionSummary> first =
          background.submit(
              () -> new SessionRunner(options(plan, out).parallelism(1).build()).run(holding));
      firstJobDone.await();
      Path live = Files.writeString(out.resolve("s/.arbtune-s_0002.json.abc123.tmp"), "{\"st");

      assertThatThrownBy(() -> new SessionRunner(options(plan, out).build()).run())
          .isInstanceOf(OutputRootBusyException.class)
          .hasMessageContaining("output root " + out)
          .hasMessageContaining(".arbtune.lock");
      assertThat(live).as("the running session's temporary file").exists();

      release.countDown();
      assertThat(first.get().success()).isEqualTo(3);
    } finally {
      release.countDown();
      background.shutdownNow();
    }
    assertThat(new SessionRunner(options(plan, out).resume(true).build()).run().skipped())
        .as("the lock is released when a session ends")
        .isEqualTo(3);
  }

  @Test
  void linesClaimingAnOutputAlreadyClaimedAreErrorJobsInLineOrder() throws Exception {
    Path plan = tmp.resolve("dup.jsonl");
    Files.write(
        plan,
        List.of(
            line("a", "data/eurusd_sample.csv", "same.json", "\"min_spread_bps\": 0"),
            line("b", "data/eurusd_sample.csv", "same.json", "\"min_spread_bps\": 3"),
            line("c", "data/eurusd_sample.csv", "s/../same.json", "\"min_spread_bps\": 5"),
            line("a", "data/eurusd_sample.csv", "other.json", "\"min_spread_bps\": 1")));
    Path out = tmp.resolve("out");
    List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    SessionSummary s =
        new SessionRunner(options(plan, out).parallelism(4).build())
            .run(
                new SessionListener() {
                  @Override
                  public void warning(String message) {
                    warnings.add(message);
                  }
                });

    assertThat(s.success()).isEqualTo(2);
    assertThat(s.error()).isEqualTo(2);
    ResultReader reader = new ResultReader();
    assertThat(reader.read(out.resolve("same.json")).declaredJobId()).isEqualTo("a");
    ResultDocument second = reader.read(out.resolve("_invalid_plan_lines/line_000002.json"));
    assertThat(second.declaredJobId()).isEqualTo("b");
    assertThat(second.error())
        .isEqualTo(
            "plan line 2: output_json same.json is already the output_json of plan line 1 (each"
                + " job needs a file of its own; this job's document is not written there)");
    assertThat(reader.read(out.resolve("_invalid_plan_lines/line_000003.json")).error())
        .contains("output_json s/../same.json is already the output_json of plan line 1");
    assertThat(warnings)
        .containsExactly(
            "plan line 4: job_id a is also the job_id of plan line 1 (the aggregator reports"
                + " such jobs as duplicates)");
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void aPlanOnAPipeIsReadOnceAndRunsWithoutATotal() throws Exception {
    Path fifo = tmp.resolve("plan.fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    List<String> lines = Files.readAllLines(plan(4));
    Thread writer =
        new Thread(
            () -> {
              try {
                Files.write(fifo, lines);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    writer.setDaemon(true);
    writer.start();
    long[] total = {0};

    SessionSummary s =
        new SessionRunner(options(fifo, tmp.resolve("out")).build())
            .run(
                new SessionListener() {
                  @Override
                  public void sessionStarted(long totalJobs) {
                    total[0] = totalJobs;
                  }
                });

    assertThat(total[0]).isEqualTo(SessionListener.UNKNOWN_TOTAL);
    assertThat(s.total()).isEqualTo(4);
    assertThat(s.success()).isEqualTo(4);
  }

  @Test
  void anOutputRootThatIsAFileIsOneErrorBeforeAnyJob() throws Exception {
    Path plan = plan(3);
    Path file = Files.writeString(tmp.resolve("root.txt"), "not a folder");
    List<JobOutcome> seen = Collections.synchronizedList(new ArrayList<>());

    assertThatThrownBy(
            () ->
                new SessionRunner(options(plan, file).build())
                    .run(
                        new SessionListener() {
                          @Override
                          public void jobFinished(JobOutcome outcome) {
                            seen.add(outcome);
                          }
                        }))
        .isInstanceOf(NotDirectoryException.class)
        .hasMessageContaining("root.txt");
    assertThat(seen).isEmpty();
  }

  @Test
  void aPlanThatIsAFolderIsRefusedByName() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("plans"));

    assertThatThrownBy(() -> new SessionRunner(options(folder, tmp.resolve("out")).build()).run())
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining(folder.toString())
        .hasMessageContaining("is a folder");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void stopOnErrorStartsNoNewJob() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(line("bad", "data/nope.csv", "bad.json", ""));
    for (int i = 0; i < 10; i++) {
      lines.add(line("g" + i, "data/eurusd_sample.csv", "g" + i + ".json", ""));
    }
    Path plan = tmp.resolve("plan.jsonl");
    Files.write(plan, lines);

    SessionSummary s =
        new SessionRunner(
                options(plan, tmp.resolve("out")).parallelism(1).stopOnError(true).build())
            .run();

    assertThat(s.total()).isEqualTo(11);
    assertThat(s.error()).isEqualTo(1);
    assertThat(s.attempted()).isEqualTo(1);
    assertThat(s.notRun()).isEqualTo(10);
    assertThat(s.stoppedOnError()).isTrue();
  }

  @Test
  void maxJobsReadsOnlyTheFirstNonBlankLines() throws Exception {
    Path plan = tmp.resolve("plan.jsonl");
    Files.write(
        plan,
        List.of(
            "",
            line("a", "data/eurusd_sample.csv", "a.json", ""),
            "   ",
            line("b", "data/eurusd_sample.csv", "b.json", ""),
            line("c", "data/eurusd_sample.csv", "c.json", "")));
    Path out = tmp.resolve("out");

    SessionSummary s = new SessionRunner(options(plan, out).maxJobs(2).build()).run();

    assertThat(s.total()).isEqualTo(2);
    assertThat(s.success()).isEqualTo(2);
    assertThat(out.resolve("c.json")).doesNotExist();
  }

  @Test
  void theProgressTotalIsTheNumberOfJobsTheSessionRuns() throws Exception {
    Path plan = tmp.resolve("odd.jsonl");
    Files.writeString(
        plan,
        "\uFEFF\u3000\r\n"
            + line("a", "data/eurusd_sample.csv", "a.json", "")
            + "\r\u2000 \t\u000b\r\u00a0\n" // a no-break space is not blank: an error job
            + line("b", "data/eurusd_sample.csv", "b.json", "")
            + "\r\n\u0085"); // nor is U+0085, even without a line end
    long[] total = {0};
    List<JobOutcome> seen = Collections.synchronizedList(new ArrayList<>());

    SessionSummary s =
        new SessionRunner(options(plan, tmp.resolve("out")).build())
            .run(
                new SessionListener() {
                  @Override
                  public void sessionStarted(long totalJobs) {
                    total[0] = totalJobs;
                  }

                  @Override
                  public void jobFinished(JobOutcome outcome) {
                    seen.add(outcome);
                  }
                });

    assertThat(total[0]).isEqualTo(4);
    assertThat(seen).hasSize(4);
    assertThat(s.success()).isEqualTo(2);
    assertThat(s.error()).isEqualTo(2);
  }

  @Test
  void aByteOrderMarkBeforeTheFirstLineIsIgnored() throws Exception {
    Path plan = tmp.resolve("bom.jsonl");
    Files.writeString(
        plan,
        "\uFEFF"
            + line("a", "data/eurusd_sample.csv", "a.json", "")
            + "\n"
            + line("b", "data/eurusd_sample.csv", "b.json", "")
            + "\n");

    SessionSummary s = new SessionRunner(options(plan, tmp.resolve("out")).build()).run();

    assertThat(s.total()).isEqualTo(2);
    assertThat(s.success()).isEqualTo(2);
  }

  @Test
  void relativeDataFilesResolveAgainstTheDataRoot() throws Exception {
    Path data = tmp.resolve("elsewhere");
    Files.createDirectories(data);
    Files.copy(
        repo.resolve("data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv"),
        data.resolve("btc.csv"));
    Path plan = tmp.resolve("plan.jsonl");
    Files.write(plan, List.of(line("a", "btc.csv", "a.json", "")));

    SessionSummary s =
        new SessionRunner(SessionOptions.builder(plan, tmp.resolve("out")).dataRoot(data).build())
            .run();

    assertThat(s.success()).isEqualTo(1);
  }

  @Test
  void aMissingPlanIsNoSuchFile() {
    SessionRunner runner =
        new SessionRunner(options(tmp.resolve("nope.jsonl"), tmp.resolve("out")).build());

    assertThatThrownBy(runner::run).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aJobWhoseOutputJsonIsItsOwnDataFileIsRefusedAndTheQuotesStay() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    byte[] quotes = Files.readAllBytes(repo.resolve("data/eurusd_sample.csv"));
    Path inRoot = Files.write(out.resolve("q.json"), quotes);
    Path outside = Files.write(tmp.resolve("outside.csv"), quotes);
    Files.createLink(out.resolve("hard.json"), outside);
    Files.createSymbolicLink(out.resolve("sym.json"), outside);
    Path plan = tmp.resolve("self.jsonl");
    Files.write(
        plan,
        List.of(
            line("same", inRoot.toString(), "q.json", ""),
            line("hard", outside.toString(), "hard.json", ""),
            line("sym", outside.toString(), "./sym.json", ""),
            line("fine", inRoot.toString(), "fine.json", "")));

    SessionSummary s = new SessionRunner(options(plan, out).parallelism(2).build()).run();

    assertThat(s.success()).isEqualTo(1);
    assertThat(s.error()).isEqualTo(3);
    assertThat(Files.readAllBytes(inRoot)).isEqualTo(quotes);
    assertThat(Files.readAllBytes(outside)).isEqualTo(quotes);
    assertThat(Files.isSymbolicLink(out.resolve("sym.json"))).isTrue();
    ResultReader reader = new ResultReader();
    ResultDocument first = reader.read(out.resolve("_invalid_plan_lines/line_000001.json"));
    assertThat(first.declaredJobId()).isEqualTo("same");
    assertThat(first.error())
        .isEqualTo(
            "plan line 1: output_json q.json is this job's data_file ("
                + inRoot
                + "); writing the result there would destroy the quotes, so give output_json a"
                + " path of its own");
    assertThat(reader.read(out.resolve("_invalid_plan_lines/line_000002.json")).error())
        .contains("output_json hard.json is this job's data_file");
    assertThat(reader.read(out.resolve("_invalid_plan_lines/line_000003.json")).error())
        .contains("output_json ./sym.json is this job's data_file");
    assertThat(reader.read(out.resolve("fine.json")).isSuccess()).isTrue();
  }

  @Test
  void aLineWhoseOutputJsonIsThePlanIsRefusedAndThePlanStays() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("rp"));
    Path plan = out.resolve("plan.json");
    List<String> lines =
        List.of(
            line("p", "data/eurusd_sample.csv", "plan.json", ""),
            line("bad", "data/eurusd_sample.csv", "sub/link.json", "\"nope\": 1"),
            line("b", "data/eurusd_sample.csv", "b.json", ""));
    Files.write(plan, lines);
    Files.createSymbolicLink(
        Files.createDirectories(out.resolve("sub")).resolve("link.json"), plan);
    byte[] before = Files.readAllBytes(plan);

    SessionSummary s = new SessionRunner(options(plan, out).build()).run();

    assertThat(Files.readAllBytes(plan)).isEqualTo(before);
    assertThat(s.success()).isEqualTo(1);
    assertThat(s.error()).isEqualTo(2);
    ResultReader reader = new ResultReader();
    assertThat(reader.read(out.resolve("_invalid_plan_lines/line_000001.json")).error())
        .isEqualTo(
            "plan line 1: output_json plan.json is the plan being run ("
                + plan
                + "); writing the result there would destroy the plan, so give output_json a"
                + " path of its own");
    assertThat(reader.read(out.resolve("_invalid_plan_lines/line_000002.json")).error())
        .startsWith("plan line 2: config.nope: unknown config field")
        .contains("output_json sub/link.json is the plan being run");
  }

  @Test
  void theInvalidLinesFolderIsReservedForTheRunnersOwnErrorDocuments() throws Exception {
    Path plan = tmp.resolve("reserved.jsonl");
    Files.write(
        plan,
        List.of(
            "{\"job_id\": \"a\", \"config\": {\"data_file\": \"data/nope.csv\"}}",
            line("b", "data/eurusd_sample.csv", "_invalid_plan_lines/line_000001.json", ""),
            line("c", "data/eurusd_sample.csv", "x/../_invalid_plan_lines/c.json", "")));
    Path out = tmp.resolve("out");

    SessionSummary s = new SessionRunner(options(plan, out).parallelism(1).build()).run();

    assertThat(s.error()).isEqualTo(3);
    ResultReader reader = new ResultReader();
    ResultDocument first = reader.read(out.resolve("_invalid_plan_lines/line_000001.json"));
    assertThat(first.declaredJobId()).isEqualTo("a");
    assertThat(first.error()).contains("output_json is required");
    ResultDocument second = reader.read(out.resolve("_invalid_plan_lines/line_000002.json"));
    assertThat(second.declaredJobId()).isEqualTo("b");
    assertThat(second.error())
        .isEqualTo(
            "plan line 2: output_json _invalid_plan_lines/line_000001.json is inside"
                + " _invalid_plan_lines/, which is kept for the error documents of unusable plan"
                + " lines; give another path");
    assertThat(reader.read(out.resolve("_invalid_plan_lines/line_000003.json")).declaredJobId())
        .isEqualTo("c");
    assertThat(out.resolve("_invalid_plan_lines/c.json")).doesNotExist();
    AggregatedSummary summary = TuningResultsAggregator.of(out).summarize();
    assertThat(summary.totalJobs()).as("one result per job").isEqualTo(3);
    assertThat(summary.errorJobs()).isEqualTo(3);
  }

  @Test
  void aSymbolicLinkInsideTheRootDoesNotLeadPastTheReservedFolder() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out2"));
    Files.createSymbolicLink(
        Files.createDirectories(out.resolve("lnk")).resolve("up"), Path.of(".."));
    Files.createSymbolicLink(out.resolve("z"), Path.of(OutputPaths.INVALID_LINES_DIR));
    Path quotes = Files.copy(repo.resolve("data/eurusd_sample.csv"), out.resolve("q.json"));
    Path plan = tmp.resolve("through-link.jsonl");
    Files.write(
        plan,
        List.of(
            line("self", quotes.toString(), "q.json", ""),
            line("up", quotes.toString(), "lnk/up/_invalid_plan_lines/line_000001.json", ""),
            line("z", quotes.toString(), "z/line_000001.json", ""),
            line("fine", quotes.toString(), "lnk/up/fine.json", "")));

    SessionSummary s = new SessionRunner(options(plan, out).parallelism(1).build()).run();

    assertThat(s.success()).isEqualTo(1);
    assertThat(s.error()).isEqualTo(3);
    ResultReader reader = new ResultReader();
    ResultDocument first = reader.read(out.resolve("_invalid_plan_lines/line_000001.json"));
    assertThat(first.declaredJobId()).as("line 1's error document stays").isEqualTo("self");
    assertThat(first.error()).contains("is this job's data_file");
    ResultDocument second = reader.read(out.resolve("_invalid_plan_lines/line_000002.json"));
    assertThat(second.declaredJobId()).isEqualTo("up");
    assertThat(second.error())
        .isEqualTo(
            "plan line 2: output_json lnk/up/_invalid_plan_lines/line_000001.json is inside"
                + " _invalid_plan_lines/ (through a symbolic link), which is kept for the error"
                + " documents of unusable plan lines; give another path");
    ResultDocument third = reader.read(out.resolve("_invalid_plan_lines/line_000003.json"));
    assertThat(third.declaredJobId()).isEqualTo("z");
    assertThat(third.error()).contains("output_json z/line_000001.json is inside");
    assertThat(reader.read(out.resolve("fine.json")).isSuccess()).isTrue();
    assertThat(documentsIn(out.resolve("_invalid_plan_lines"))).as("one per job").isEqualTo(3);
    assertThat(Files.readAllBytes(quotes))
        .isEqualTo(Files.readAllBytes(repo.resolve("data/eurusd_sample.csv")));
  }

  private static long documentsIn(Path folder) throws Exception {
    try (java.util.stream.Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
    }
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void aStopRequestedFromOutsideLeavesExactlyTheCountedDocuments() throws Exception {
    Path plan = plan(400);
    Path out = tmp.resolve("out");
    java.util.concurrent.atomic.AtomicReference<SessionControl> control =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicLong finished = new java.util.concurrent.atomic.AtomicLong();
    CountDownLatch tenFinished = new CountDownLatch(10);

    ExecutorService session = Executors.newSingleThreadExecutor();
    Future<SessionSummary> running =
        session.submit(
            () ->
                new SessionRunner(options(plan, out).parallelism(4).build())
                    .run(
                        new SessionListener() {
                          @Override
                          public void sessionControl(SessionControl c) {
                            control.set(c);
                          }

                          @Override
                          public void jobFinished(JobOutcome outcome) {
                            finished.incrementAndGet();
                            tenFinished.countDown();
                          }
                        }));
    tenFinished.await();
    control.get().requestStop();
    boolean idle = control.get().awaitIdle(java.time.Duration.ofSeconds(60));
    long counted = finished.get();
    long written = documentsIn(out.resolve("s"));
    SessionSummary s = running.get();
    session.shutdown();

    assertThat(idle).isTrue();
    assertThat(control.get().running()).isZero();
    assertThat(written).as("documents when the stopped session was idle").isEqualTo(counted);
    assertThat(documentsIn(out.resolve("s"))).as("no job ran after").isEqualTo(counted);
    assertThat(s.attempted()).isEqualTo(counted).isLessThan(400);
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void aBugWhileFinishingOneJobIsSaidAndTheOtherJobsStillRun() throws Exception {
    // one worker: had the bug ended it, no other would run the rest
    Path plan = plan(40);
    Path out = tmp.resolve("out");
    java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
    java.io.PrintStream err = System.err;
    SessionSummary s;
    java.util.concurrent.atomic.AtomicInteger heard =
        new java.util.concurrent.atomic.AtomicInteger();
    System.setErr(new java.io.PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      s =
          new SessionRunner(options(plan, out).parallelism(1).build())
              .run(
                  new SessionListener() {
                    @Override
                    public void jobFinished(JobOutcome outcome) {
                      heard.incrementAndGet();
                      if (outcome.lineNumber() == 3) {
                        throw new IllegalStateException("listener bug");
                      }
                    }
                  });
    } finally {
      System.setErr(err);
    }

    assertThat(documentsIn(out.resolve("s"))).isEqualTo(40);
    assertThat(heard.get()).isEqualTo(40);
    assertThat(s.success()).isEqualTo(40);
    assertThat(said.toString(java.nio.charset.StandardCharsets.UTF_8))
        .containsOnlyOnce(
            "arbtune: internal error in a job (please report this):"
                + " java.lang.IllegalStateException: listener bug"
                + System.lineSeparator())
        .doesNotContain("\tat "); // one line, no stack trace
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void anInterruptedSessionStartsNoNewJobAndKeepsTheInterrupt() throws Exception {
    Path plan = plan(400);
    Path out = tmp.resolve("out");
    java.util.concurrent.atomic.AtomicReference<Thread> sessionThread =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicLong finished = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicBoolean keptInterrupt =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread session =
        new Thread(
            () -> {
              try {
                new SessionRunner(options(plan, out).parallelism(2).build())
                    .run(
                        new SessionListener() {
                          private volatile SessionControl control;

                          @Override
                          public void sessionControl(SessionControl c) {
                            control = c;
                          }

                          @Override
                          public void jobFinished(JobOutcome outcome) {
                            long n = finished.incrementAndGet();
                            if (n == 5) {
                              sessionThread.get().interrupt();
                            }
                            // from the fifth job on, no worker goes on before the interrupt is
                            // seen: at most one more job (the other worker's) finishes
                            while (n >= 5 && !control.stopRequested()) {
                              Thread.onSpinWait();
                            }
                          }
                        });
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              keptInterrupt.set(Thread.currentThread().isInterrupted());
            });
    sessionThread.set(session);
    session.start();
    session.join();

    assertThat(keptInterrupt).isTrue();
    assertThat(finished.get()).isBetween(5L, 6L);
    assertThat(documentsIn(out.resolve("s"))).isEqualTo(finished.get());
  }
}
