package dev.arbtune.aggregate;

import dev.arbtune.io.Excerpt;
import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * Something suspicious that does not make a job an error, e.g. two documents claiming the same
 * {@code job_id}.
 *
 * @param kind {@link #DUPLICATE_JOB_ID}, {@link #MISSING_PNL} or {@link #UNREADABLE_DIRECTORY}
 * @param subject what it is about: a job id or a relative path
 * @param message the whole sentence, for people
 */
public record Warning(String kind, String subject, String message) implements Serializable {

  /** Two or more documents claim the same {@code job_id}. */
  public static final String DUPLICATE_JOB_ID = "duplicate-job-id";

  /** A success document without {@code metrics.realized_pnl_usd}: ranked as if it were 0. */
  public static final String MISSING_PNL = "missing-pnl";

  /** A folder inside the results directory could not be listed. */
  public static final String UNREADABLE_DIRECTORY = "unreadable-directory";

  static final Comparator<Warning> ORDER =
      Comparator.comparing(Warning::kind)
          .thenComparing(Warning::subject)
          .thenComparing(Warning::message);

  /** The warning for a job id that {@code documents} documents claim. */
  static Warning duplicateJobId(String jobId, long documents) {
    return new Warning(
        DUPLICATE_JOB_ID,
        jobId,
        "job_id " + Excerpt.quoted(jobId) + " is claimed by " + documents + " documents");
  }

  public Warning {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
  }
}
