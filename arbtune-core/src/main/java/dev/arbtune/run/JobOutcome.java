package dev.arbtune.run;

import dev.arbtune.backtest.BacktestMetrics;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What became of one job of a session.
 *
 * @param lineNumber the job's plan line (0 when the job did not come from a plan)
 * @param jobId the job id, or {@code null} when the line had none
 * @param output the result document written (or kept, for a skipped job); {@code null} when none
 *     could be written
 * @param status success, error, or skipped (resumed over an existing success document)
 * @param error what went wrong, for an error; else {@code null}
 * @param metrics the backtest's metrics for a success; else {@code null}
 */
public record JobOutcome(
    long lineNumber,
    String jobId,
    Path output,
    Status status,
    String error,
    BacktestMetrics metrics) {

  /** How a job ended. */
  public enum Status {
    SUCCESS,
    ERROR,
    SKIPPED
  }

  public JobOutcome {
    Objects.requireNonNull(status, "status");
    if ((status == Status.ERROR) != (error != null)) {
      throw new IllegalArgumentException("an error outcome, and only that, carries an error");
    }
  }
}
