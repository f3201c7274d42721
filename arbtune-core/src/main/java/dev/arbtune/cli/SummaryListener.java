package dev.arbtune.cli;

import dev.arbtune.run.JobOutcome;
import dev.arbtune.run.SessionListener;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code run} command's listener: prints one line per error job on stderr (the first few) and
 * drives the progress bar when there is one.
 */
final class SummaryListener implements SessionListener, AutoCloseable {

  private final PrintWriter err;
  private final int maxErrorsShown;
  private final ProgressBarListener progress;
  private final AtomicLong errors = new AtomicLong();

  /**
   * @param maxErrorsShown error lines printed at most (0 for none)
   * @param progress the progress bar, or {@code null}
   */
  SummaryListener(PrintWriter err, int maxErrorsShown, ProgressBarListener progress) {
    this.err = err;
    this.maxErrorsShown = maxErrorsShown;
    this.progress = progress;
  }

  @Override
  public void sessionStarted(long totalJobs) {
    if (progress != null) {
      progress.sessionStarted(totalJobs);
    }
  }

  @Override
  public void jobFinished(JobOutcome outcome) {
    if (outcome.status() == JobOutcome.Status.ERROR) {
      long n = errors.incrementAndGet();
      if (n <= maxErrorsShown) {
        synchronized (err) {
          err.println(
              "[run] error: job "
                  + (outcome.jobId() == null ? "(no job_id)" : outcome.jobId())
                  + ": "
                  + outcome.error());
          err.flush();
        }
      }
    }
    if (progress != null) {
      progress.jobFinished(outcome);
    }
  }

  /** Error jobs that were not printed. */
  long hiddenErrors() {
    return Math.max(0, errors.get() - maxErrorsShown);
  }

  @Override
  public void close() {
    if (progress != null) {
      progress.close();
    }
  }
}
