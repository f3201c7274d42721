package dev.arbtune.run;

/**
 * The counts of a finished session.
 *
 * @param total jobs in the plan (non-blank lines, at most {@code max_jobs})
 * @param attempted jobs run, successfully or not (skipped ones are not)
 * @param success jobs that wrote a success document
 * @param error jobs that failed
 * @param skipped jobs not run because {@code resume} found a success document
 * @param elapsedSeconds wall time of the session
 * @param stoppedOnError whether {@code stop_on_error} ended the session before every job ran
 */
public record SessionSummary(
    long total,
    long attempted,
    long success,
    long error,
    long skipped,
    double elapsedSeconds,
    boolean stoppedOnError) {

  public SessionSummary {
    if (success + error != attempted) {
      throw new IllegalArgumentException("success + error must equal attempted");
    }
    if (attempted + skipped > total) {
      throw new IllegalArgumentException("attempted + skipped must not exceed total");
    }
  }

  /** Jobs neither run nor skipped (left over after a stop on error). */
  public long notRun() {
    return total - attempted - skipped;
  }

  /** Whether every job of the plan succeeded now or before (skipped). */
  public boolean allSucceeded() {
    return error == 0 && notRun() == 0;
  }
}
