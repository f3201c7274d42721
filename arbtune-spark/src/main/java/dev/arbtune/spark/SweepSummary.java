package dev.arbtune.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The counts of a finished {@link SparkSweep}, and the first error messages by plan line.
 *
 * @param total jobs in the plan (non-blank lines)
 * @param success jobs that wrote a success document
 * @param error jobs that failed (each with an error document, where it could be written)
 * @param skipped jobs not run because {@code --resume} found a success document
 * @param firstErrors the messages of the first error jobs by plan line, at most {@link
 *     #ERRORS_KEPT}
 * @param elapsedSeconds wall time on the driver
 */
public record SweepSummary(
    long total,
    long success,
    long error,
    long skipped,
    List<String> firstErrors,
    double elapsedSeconds) {

  /** How many error messages are kept. */
  public static final int ERRORS_KEPT = 20;

  public SweepSummary {
    firstErrors = List.copyOf(firstErrors);
  }

  /** Jobs run, successfully or not. */
  public long attempted() {
    return success + error;
  }

  /** Whether every job succeeded now or before. */
  public boolean allSucceeded() {
    return error == 0 && attempted() + skipped == total;
  }

  /** Counts of some jobs, merged over the tasks. Not thread-safe. */
  static final class Tally implements Serializable {
    private static final long serialVersionUID = 1L;

    private record LineError(long line, String message) implements Serializable {}

    private static final Comparator<LineError> ORDER =
        Comparator.comparingLong(LineError::line).thenComparing(LineError::message);

    long success;
    long error;
    long skipped;
    private final ArrayList<LineError> errors = new ArrayList<>();

    void error(long line, String message) {
      error++;
      errors.add(new LineError(line, message));
      trim();
    }

    Tally merge(Tally other) {
      success += other.success;
      error += other.error;
      skipped += other.skipped;
      errors.addAll(other.errors);
      trim();
      return this;
    }

    private void trim() {
      if (errors.size() > 2 * ERRORS_KEPT) {
        errors.sort(ORDER);
        errors.subList(ERRORS_KEPT, errors.size()).clear();
      }
    }

    SweepSummary summary(long total, double elapsedSeconds) {
      errors.sort(ORDER);
      List<String> first = new ArrayList<>();
      for (LineError e : errors.subList(0, Math.min(ERRORS_KEPT, errors.size()))) {
        first.add(e.message());
      }
      return new SweepSummary(total, success, error, skipped, first, elapsedSeconds);
    }
  }
}
