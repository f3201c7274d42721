package dev.arbtune.aggregate;

import dev.arbtune.io.Excerpt;
import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * Something suspicious that does not make a job an error, e.g. two documents claiming the same
 * {@code job_id}.
 *
 * @param kind {@link #DUPLICATE_JOB_ID}, {@link #MISSING_PNL}, {@link #UNREADABLE_DIRECTORY} or
 *     {@link #ZERO_TRADE_TOP}
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

  /**
   * Some of the listed top jobs made no trade ({@code total_trades} is 0): they rank by a PnL of 0,
   * not by skill. Advisory: listed with the warnings, but {@code --strict} does not fail on it (see
   * {@link AggregatedSummary#hasProblems()}).
   */
  public static final String ZERO_TRADE_TOP = "zero-trade-top";

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

  /** Whether this warning only advises on the listing and does not fail {@code --strict}. */
  public boolean advisory() {
    return ZERO_TRADE_TOP.equals(kind);
  }

  /**
   * The warning for {@code zeroTrade} of the {@code listed} top jobs, ranked by {@code metric},
   * having made no trade, or {@code null} when none has.
   */
  static Warning zeroTradeTop(long zeroTrade, long listed, String metric) {
    if (zeroTrade == 0) {
      return null;
    }
    String why =
        Ranking.PNL_METRIC.equals(metric)
            ? "they rank by a PnL of 0, not by what they did"
            : "their " + Excerpt.of(metric) + " comes from no trade at all";
    return new Warning(
        ZERO_TRADE_TOP,
        "top",
        zeroTrade
            + " of the "
            + listed
            + " listed top jobs made no trade (total_trades 0): "
            + why
            + "; --min-trades 1 ranks only jobs that traded");
  }

  public Warning {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
  }
}
