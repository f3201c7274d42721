package dev.arbtune.spark;

import dev.arbtune.run.HiddenErrors;
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
 * @param hiddenWithoutDocument how many error jobs beyond {@code firstErrors} have no document (it
 *     could not be written)
 * @param firstHiddenWithoutDocument the message of the first of those by plan line, or {@code null}
 *     when there is none
 * @param elapsedSeconds wall time on the driver
 */
public record SweepSummary(
    long total,
    long success,
    long error,
    long skipped,
    List<String> firstErrors,
    long hiddenWithoutDocument,
    String firstHiddenWithoutDocument,
    double elapsedSeconds) {

  /** How many error messages are kept. */
  public static final int ERRORS_KEPT = 20;

  /** Validates the counts and copies the list. */
  public SweepSummary {
    firstErrors = List.copyOf(firstErrors);
    long hidden = error - firstErrors.size();
    if (hiddenWithoutDocument < 0 || hiddenWithoutDocument > Math.max(0, hidden)) {
      throw new IllegalArgumentException(
          "hiddenWithoutDocument must be between 0 and the "
              + Math.max(0, hidden)
              + " error jobs beyond the first errors, got "
              + hiddenWithoutDocument);
    }
    if ((hiddenWithoutDocument > 0) != (firstHiddenWithoutDocument != null)) {
      throw new IllegalArgumentException(
          "firstHiddenWithoutDocument is given exactly when hiddenWithoutDocument > 0");
    }
  }

  /** A summary without error jobs beyond {@code firstErrors} that lack a document. */
  public SweepSummary(
      long total,
      long success,
      long error,
      long skipped,
      List<String> firstErrors,
      double elapsedSeconds) {
    this(total, success, error, skipped, firstErrors, 0, null, elapsedSeconds);
  }

  /** Error jobs beyond {@link #firstErrors()}. */
  public long hiddenErrors() {
    return Math.max(0, error - firstErrors.size());
  }

  /**
   * The line {@code [sweep] ... and N more error jobs} as {@code arbtune run} prints it: where
   * their reasons are, or, when some of them have no document (it could not be written), how many
   * and the first one's reason; {@code null} when no error job is beyond {@link #firstErrors()}.
   */
  public String hiddenErrorsLine() {
    long hidden = hiddenErrors();
    return hidden == 0
        ? null
        : HiddenErrors.line("[sweep]", hidden, hiddenWithoutDocument, firstHiddenWithoutDocument);
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

    private record LineError(long line, String message, boolean documented)
        implements Serializable {}

    private static final Comparator<LineError> ORDER =
        Comparator.comparingLong(LineError::line).thenComparing(LineError::message);

    long success;
    long error;
    long skipped;

    /** Error jobs without a document. */
    long withoutDocument;

    /** The first error jobs by plan line. */
    private final ArrayList<LineError> errors = new ArrayList<>();

    /**
     * The first error jobs without a document by plan line: one more than {@link #ERRORS_KEPT}, so
     * that the first beyond those shown is among them.
     */
    private final ArrayList<LineError> undocumented = new ArrayList<>();

    /**
     * Counts an error job.
     *
     * @param documented whether its error document was written
     */
    void error(long line, String message, boolean documented) {
      error++;
      LineError e = new LineError(line, message, documented);
      errors.add(e);
      trim(errors, ERRORS_KEPT);
      if (!documented) {
        withoutDocument++;
        undocumented.add(e);
        trim(undocumented, ERRORS_KEPT + 1);
      }
    }

    Tally merge(Tally other) {
      success += other.success;
      error += other.error;
      skipped += other.skipped;
      withoutDocument += other.withoutDocument;
      errors.addAll(other.errors);
      trim(errors, ERRORS_KEPT);
      undocumented.addAll(other.undocumented);
      trim(undocumented, ERRORS_KEPT + 1);
      return this;
    }

    private static void trim(List<LineError> list, int kept) {
      if (list.size() > 2 * kept) {
        list.sort(ORDER);
        list.subList(kept, list.size()).clear();
      }
    }

    SweepSummary summary(long total, double elapsedSeconds) {
      errors.sort(ORDER);
      List<LineError> shown = errors.subList(0, Math.min(ERRORS_KEPT, errors.size()));
      List<String> first = new ArrayList<>();
      long shownWithoutDocument = 0;
      for (LineError e : shown) {
        first.add(e.message());
        shownWithoutDocument += e.documented() ? 0 : 1;
      }
      undocumented.sort(ORDER);
      String firstHidden = null;
      for (LineError e : undocumented) {
        if (!shown.contains(e)) {
          firstHidden = e.message();
          break;
        }
      }
      long hiddenWithoutDocument = withoutDocument - shownWithoutDocument;
      return new SweepSummary(
          total,
          success,
          error,
          skipped,
          first,
          hiddenWithoutDocument,
          hiddenWithoutDocument > 0 ? firstHidden : null,
          elapsedSeconds);
    }
  }
}
