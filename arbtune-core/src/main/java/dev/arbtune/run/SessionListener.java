package dev.arbtune.run;

/**
 * Hears about a session's progress (a progress bar, a log). Methods are called from the runner's
 * worker threads, concurrently: implementations must be thread-safe and quick.
 */
public interface SessionListener {

  /** A listener that ignores everything. */
  SessionListener NONE = new SessionListener() {};

  /**
   * Called once before the first job starts.
   *
   * @param totalJobs jobs in the plan (non-blank lines, at most {@code --max-jobs})
   */
  default void sessionStarted(long totalJobs) {}

  /** Called once per job when its document is written (or it is skipped). */
  default void jobFinished(JobOutcome outcome) {}
}
