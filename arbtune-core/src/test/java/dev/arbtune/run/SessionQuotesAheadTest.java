package dev.arbtune.run;

import static dev.arbtune.run.RunFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.result.ResultWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first job's quotes start loading as soon as the session holds its lock, while the plan is
 * counted: only for a plan's first line that will load them, in the job's own way, and with the
 * same outcome as when the job loads them itself.
 */
class SessionQuotesAheadTest {

  @TempDir Path tmp;

  private final Path repo = RunFixtures.repoRoot();

  private Path plan(String... lines) throws Exception {
    return Files.write(tmp.resolve("plan.jsonl"), List.of(lines));
  }

  private SessionOptions.Builder options(Path plan, Path out) {
    return SessionOptions.builder(plan, out).dataRoot(repo).durable(false);
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void theFirstJobsQuotesAreReadBeforeTheSessionStarts() throws Exception {
    // a named pipe: writing it waits for its reader, which only the early load is before the
    // listener hears that the session started
    Path fifo = tmp.resolve("quotes.fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    byte[] quotes = Files.readAllBytes(repo.resolve("data/eurusd_sample.csv"));
    Path plan =
        plan(
            "",
            line("a", fifo.toString(), "a.json", ""),
            line("b", fifo.toString(), "b.json", "\"min_spread_bps\": 0.5"));
    Path out = tmp.resolve("out");

    SessionSummary s =
        new SessionRunner(options(plan, out).build())
            .run(
                new SessionListener() {
                  @Override
                  public void sessionStarted(long totalJobs) {
                    try {
                      Files.write(fifo, quotes);
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  }
                });

    assertThat(s.success()).isEqualTo(2);
    Path direct = plan.resolveSibling("direct.jsonl");
    Files.write(
        direct,
        List.of(
            "",
            line("a", "data/eurusd_sample.csv", "a.json", ""),
            line("b", "data/eurusd_sample.csv", "b.json", "\"min_spread_bps\": 0.5")));
    new SessionRunner(options(direct, tmp.resolve("direct")).build()).run();
    assertThat(RunFixtures.documentsWithoutRuntime(out).get("a.json").path("metrics"))
        .isEqualTo(
            RunFixtures.documentsWithoutRuntime(tmp.resolve("direct"))
                .get("a.json")
                .path("metrics"));
  }

  @Test
  void theFirstJobsQuotesAreLoadedInItsTimeUnitOnce() throws Exception {
    Path plan =
        plan(
            line("a", "data/eurusd_sample.csv", "a.json", "\"time_unit\": \"ms\""),
            line("b", "data/eurusd_sample.csv", "b.json", "\"time_unit\": \"ms\""));
    QuotesCache cache = new QuotesCache();

    SessionSummary s =
        new SessionRunner(options(plan, tmp.resolve("out")).parallelism(1).build(), cache).run();

    assertThat(s.success()).isEqualTo(2);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void nothingIsLoadedAheadWhenResuming() throws Exception {
    Path plan = plan(line("a", "data/eurusd_sample.csv", "a.json", ""));
    Path out = tmp.resolve("out");
    new SessionRunner(options(plan, out).build()).run();

    QuotesCache resumed = new QuotesCache();
    SessionSummary s = new SessionRunner(options(plan, out).resume(true).build(), resumed).run();
    assertThat(s.skipped()).isEqualTo(1);
    assertThat(resumed.size()).isZero(); // the finished job needs no quotes
  }

  @Test
  void aMissingFirstDataFileIsTheJobsErrorAsBefore() throws Exception {
    String bad = line("bad", "data/nope.csv", "bad.json", "");
    Path plan = plan(bad, line("a", "data/eurusd_sample.csv", "a.json", ""));
    List<JobOutcome> seen = Collections.synchronizedList(new ArrayList<>());

    SessionSummary s =
        new SessionRunner(options(plan, tmp.resolve("out")).build())
            .run(
                new SessionListener() {
                  @Override
                  public void jobFinished(JobOutcome outcome) {
                    seen.add(outcome);
                  }
                });

    assertThat(s.error()).isEqualTo(1);
    JobOutcome alone =
        new JobRunner(new QuotesCache(), repo, new ResultWriter(false))
            .run(PlanLine.parse(1, bad), tmp.resolve("alone"), false);
    assertThat(new ArrayList<>(seen))
        .filteredOn(o -> o.status() == JobOutcome.Status.ERROR)
        .singleElement()
        .extracting(JobOutcome::error)
        .isEqualTo(alone.error());
  }
}
