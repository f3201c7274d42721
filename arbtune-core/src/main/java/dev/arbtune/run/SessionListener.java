package dev.arbtune.run;

/**
 * Hears about a session's progress (a progress bar, a log). Methods are called from the runner's
 * worker threads, concurrently: implementations must be thread-safe and quick.
 */
public interface SessionListener {

  /** The total of {@link #sessionStarted} when the plan cannot be counted before it is run. */
  long UNKNOWN_TOTAL = -1;

  /** A listener that ignores everything. */
  SessionListener NONE = new SessionListener() {};

  /**
   * Called once before the first job starts.
   *
   * @param totalJobs jobs in the plan (non-blank lines, at most {@code --max-jobs}), or {@link
   *     #UNKNOWN_TOTAL} when the plan is not a regular file (a pipe) and cannot be counted upfront
   */
  default void sessionStarted(long totalJobs) {}

  /**
   * Called once before the first job starts, from the thread that runs the session, with what can
   * stop it from outside (a shutdown hook asks it to start no new job and waits for the running
   * ones, so that its count of finished jobs is exact).
   */
  default void sessionControl(SessionControl control) {}

  /**
   * Called for something about the plan or the output root that is not an error of a job, such as a
   * {@code job_id} used by two lines; from the worker thread that reads the line, in line order.
   *
   * @param message one line, naming the plan line where there is one
   */
  default void warning(String message) {}

  /**
   * Called before venue files are joined for the session's jobs ({@link VenueJoins}), which may
   * take a while; from the thread of the job that asked for the join.
   *
   * @param message one line naming the venue files and the joined file
   */
  default void joinStarting(String message) {}

  /**
   * Called once per join of venue files the session uses, joined now or found already joined.
   *
   * @param lines what the join read, wrote and dropped (empty when that was not kept)
   * @param warning a warning about the join (most rows dropped as stale), or {@code null}
   */
  default void joinSummary(java.util.List<String> lines, String warning) {}

  /** Called once per job when its document is written (or it is skipped). */
  default void jobFinished(JobOutcome outcome) {}
}
