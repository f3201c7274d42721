package dev.arbtune.walkforward;

import java.util.Map;
import java.util.Objects;

/**
 * What happened in one window: its train jobs, its winner (or why there is none) and the winner's
 * test metrics (or why there are none).
 *
 * @param window the window
 * @param trainQuotes quotes in the train window
 * @param testQuotes quotes in the test window
 * @param trainJobs train jobs found (0 when the train window holds no quotes: none are run)
 * @param trainSucceeded train jobs that succeeded
 * @param trainPassed successful train jobs that passed the filters
 * @param problems whether the window's train results had error jobs or warnings
 * @param winner the rank-1 train job, or {@code null}
 * @param noWinnerReason why there is no winner, or {@code null}
 * @param testMetrics the winner's metrics on the test window, as its document wrote them, or {@code
 *     null}
 * @param testDocument the test document, relative to the output root, or {@code null}
 * @param noTestReason why there are no test metrics, or {@code null}
 * @param winnerChanged whether the winner differs from that of the last earlier window with a
 *     winner; {@code null} for the first window with a winner and for windows without one
 * @param winnerNote why the winner is a weak pick (it made no trade in the train window, and was
 *     picked by job id among jobs tied on the ranking metric), or {@code null}
 */
public record WindowResult(
    WindowPlan.Window window,
    int trainQuotes,
    int testQuotes,
    long trainJobs,
    long trainSucceeded,
    long trainPassed,
    boolean problems,
    Winner winner,
    String noWinnerReason,
    Map<String, Object> testMetrics,
    String testDocument,
    String noTestReason,
    Boolean winnerChanged,
    String winnerNote) {

  public WindowResult {
    Objects.requireNonNull(window, "window");
    if ((winner == null) == (noWinnerReason == null)) {
      throw new IllegalArgumentException("need exactly one of winner and noWinnerReason");
    }
    if ((testMetrics == null) == (noTestReason == null)) {
      throw new IllegalArgumentException("need exactly one of testMetrics and noTestReason");
    }
    if (winner == null && winnerNote != null) {
      throw new IllegalArgumentException("a winner note needs a winner");
    }
  }

  /**
   * A window's winner.
   *
   * @param jobId the session's job id ({@code TAG_0003}; its train document's id carries the
   *     window: {@code w001-TAG_0003})
   * @param config its train document's config (with the train window's {@code start_time} and
   *     {@code end_time})
   * @param trainMetrics its train document's metrics, as written
   * @param document its train document, relative to the output root
   */
  public record Winner(
      String jobId, Map<String, Object> config, Map<String, Object> trainMetrics, String document) {

    public Winner {
      Objects.requireNonNull(jobId, "jobId");
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(trainMetrics, "trainMetrics");
      Objects.requireNonNull(document, "document");
    }
  }

  /** Collects a window's outcome while the walk-forward runs. */
  static final class Builder {
    final WindowPlan.Window window;
    final int trainQuotes;
    final int testQuotes;
    long trainJobs;
    long trainSucceeded;
    long trainPassed;
    boolean problems;
    Winner winner;
    String winnerOutput;
    String noWinnerReason;
    String testJobId;
    String testOutput;
    Map<String, Object> testMetrics;
    Map<String, Object> testConfig;
    String testDocument;
    String noTestReason;
    Boolean winnerChanged;
    String winnerNote;

    Builder(WindowPlan.Window window, int trainQuotes, int testQuotes) {
      this.window = window;
      this.trainQuotes = trainQuotes;
      this.testQuotes = testQuotes;
    }

    WindowResult build() {
      return new WindowResult(
          window,
          trainQuotes,
          testQuotes,
          trainJobs,
          trainSucceeded,
          trainPassed,
          problems,
          winner,
          noWinnerReason,
          testMetrics,
          testDocument,
          testMetrics == null ? (noTestReason == null ? NOT_RUN : noTestReason) : null,
          winnerChanged,
          winnerNote);
    }

    private static final String NOT_RUN = "the test job did not run";
  }
}
