package dev.arbtune.walkforward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.backtest.Engine;
import dev.arbtune.run.SessionListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk-forward's engine reaches its runs: with {@link Engine#REFERENCE} neither the train jobs,
 * nor the test jobs, nor the stitched curve's replays build the fast engine's index on the shared
 * quotes (a stage that fell back to the default engine would); with {@link Engine#FAST} the train
 * jobs build it, and so do the test jobs and the replays when they are the first fast runs.
 */
class WalkForwardEngineReachTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final String BTC = "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv";

  @TempDir Path tmp;

  @Test
  void theReferenceEngineReachesTrainTestAndReplays() throws IOException {
    try (WalkForward wf = WalkForward.open(options(Engine.REFERENCE), SessionListener.NONE)) {
      assertThat(wf.runTrain(SessionListener.NONE).allSucceeded()).isTrue();
      assertThat(wf.quotes().hasEngineIndex()).as("after the train jobs").isFalse();
      assertThat(wf.runTest(SessionListener.NONE).allSucceeded()).isTrue();
      assertThat(wf.quotes().hasEngineIndex()).as("after the test jobs").isFalse();
      assertThat(wf.result().curveProblems()).isEmpty();
      assertThat(wf.quotes().hasEngineIndex()).as("after the replays").isFalse();
    }
  }

  @Test
  void theFastEngineBuildsTheIndexInTheTrainJobs() throws IOException {
    try (WalkForward wf = WalkForward.open(options(Engine.FAST), SessionListener.NONE)) {
      assertThat(wf.quotes().hasEngineIndex()).as("before any job").isFalse();
      assertThat(wf.runTrain(SessionListener.NONE).allSucceeded()).isTrue();
      assertThat(wf.quotes().hasEngineIndex()).as("after the train jobs").isTrue();
    }
  }

  /**
   * Resumed under {@link Engine#FAST} after the reference ran the stages before (both engines give
   * the same results, so the finished jobs are kept): the train jobs are skipped and build no
   * index, the test jobs then build it; on a second root where the test jobs are done as well, the
   * stitched curve's replays build it.
   */
  @Test
  void theFastEngineReachesTheTestJobsAndTheReplaysOnResume() throws IOException {
    try (WalkForward wf = WalkForward.open(options(Engine.REFERENCE, "a"), SessionListener.NONE)) {
      assertThat(wf.runTrain(SessionListener.NONE).allSucceeded()).isTrue();
    }
    try (WalkForward wf = WalkForward.open(options(Engine.FAST, "a"), SessionListener.NONE)) {
      assertThat(wf.runTrain(SessionListener.NONE).allSucceeded()).isTrue();
      assertThat(wf.quotes().hasEngineIndex()).as("after the skipped train jobs").isFalse();
      assertThat(wf.runTest(SessionListener.NONE).allSucceeded()).isTrue();
      assertThat(wf.quotes().hasEngineIndex()).as("after the test jobs").isTrue();
    }

    try (WalkForward wf = WalkForward.open(options(Engine.REFERENCE, "b"), SessionListener.NONE)) {
      assertThat(wf.runTrain(SessionListener.NONE).allSucceeded()).isTrue();
      assertThat(wf.runTest(SessionListener.NONE).allSucceeded()).isTrue();
    }
    try (WalkForward wf = WalkForward.open(options(Engine.FAST, "b"), SessionListener.NONE)) {
      assertThat(wf.runTrain(SessionListener.NONE).allSucceeded()).isTrue();
      assertThat(wf.runTest(SessionListener.NONE).allSucceeded()).isTrue();
      assertThat(wf.quotes().hasEngineIndex()).as("after the skipped test jobs").isFalse();
      assertThat(wf.result().curveProblems()).isEmpty();
      assertThat(wf.quotes().hasEngineIndex()).as("after the replays").isTrue();
    }
  }

  private WalkForward.Options options(Engine engine) throws IOException {
    return options(engine, "wf");
  }

  private WalkForward.Options options(Engine engine, String root) throws IOException {
    Path session =
        Files.writeString(
            tmp.resolve("btc.yaml"),
            "data_file: "
                + REPO.resolve(BTC)
                + "\ntag_prefix: btc\ngrids:\n"
                + "  - name: min_spread_bps\n    values: [0, 2]\n");
    return new WalkForward.Options(
        session,
        tmp.resolve(root),
        tmp,
        "90m",
        "30m",
        null,
        false,
        2,
        false,
        false,
        null,
        dir -> TuningResultsAggregator.builder(dir).maxResults(2).build(),
        engine);
  }
}
