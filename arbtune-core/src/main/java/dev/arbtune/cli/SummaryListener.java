package dev.arbtune.cli;

import dev.arbtune.io.Excerpt;
import dev.arbtune.run.HiddenErrors;
import dev.arbtune.run.JobOutcome;
import dev.arbtune.run.PlanLine;
import dev.arbtune.run.SessionControl;
import dev.arbtune.run.SessionListener;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code run} command's listener: prints one line per error job and per warning on stderr (the
 * first few of each) and drives the progress bar when there is one.
 */
final class SummaryListener implements SessionListener, AutoCloseable {

  private final PrintWriter err;
  private final int maxErrorsShown;
  private final ProgressBarListener progress;
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong warnings = new AtomicLong();
  private final AtomicLong joinWarnings = new AtomicLong();
  private final AtomicLong hiddenWithoutDocument = new AtomicLong();
  private final AtomicReference<String> firstHiddenWithoutDocument = new AtomicReference<>();
  private final AtomicLong finished = new AtomicLong();
  private volatile long total = NOT_STARTED;
  private volatile SessionControl control;

  /** {@link #total()} before the session started. */
  static final long NOT_STARTED = -2;

  /**
   * @param maxErrorsShown error lines, and warning lines, printed at most (0 for none)
   * @param progress the progress bar, or {@code null}
   */
  SummaryListener(PrintWriter err, int maxErrorsShown, ProgressBarListener progress) {
    this.err = err;
    this.maxErrorsShown = maxErrorsShown;
    this.progress = progress;
  }

  @Override
  public void sessionControl(SessionControl control) {
    this.control = control;
  }

  /** The running session's control, or {@code null} before it started. */
  SessionControl control() {
    return control;
  }

  @Override
  public void sessionStarted(long totalJobs) {
    total = totalJobs;
    if (progress != null) {
      progress.sessionStarted(totalJobs);
    }
  }

  @Override
  public void warning(String message) {
    if (warnings.incrementAndGet() <= maxErrorsShown) {
      synchronized (err) {
        err.println("[run] warning: " + Excerpt.bound(message));
        err.flush();
      }
    }
  }

  /** Says that a join starts, unless quiet (no error lines shown). */
  @Override
  public void joinStarting(String message) {
    if (maxErrorsShown > 0) {
      print("[run] " + message);
    }
  }

  /**
   * Prints what a join did, unless quiet (no error lines shown) and it has no warning; its warning
   * always.
   */
  @Override
  public void joinSummary(List<String> lines, String warning) {
    synchronized (err) {
      if (maxErrorsShown > 0 || warning != null) {
        for (String line : lines) {
          err.println("[run] join: " + line);
        }
      }
      if (warning != null) {
        joinWarnings.incrementAndGet();
        err.println("[run] warning: " + warning);
      }
      err.flush();
    }
  }

  /** How many joins of venue files warned (most of their rows dropped as stale). */
  long joinWarnings() {
    return joinWarnings.get();
  }

  private void print(String line) {
    synchronized (err) {
      err.println(line);
      err.flush();
    }
  }

  @Override
  public void jobFinished(JobOutcome outcome) {
    finished.incrementAndGet();
    if (outcome.status() == JobOutcome.Status.ERROR) {
      long n = errors.incrementAndGet();
      String line =
          "job "
              + (outcome.jobId() == null ? "(no job_id)" : shown(outcome.jobId()))
              + ": "
              + Excerpt.bound(outcome.error());
      if (n <= maxErrorsShown) {
        synchronized (err) {
          err.println("[run] error: " + line);
          err.flush();
        }
      } else if (outcome.output() == null) {
        hiddenWithoutDocument.incrementAndGet();
        firstHiddenWithoutDocument.compareAndSet(null, line);
      }
    }
    if (progress != null) {
      progress.jobFinished(outcome);
    }
  }

  /**
   * A job id as an error line shows it: whole up to {@link PlanLine#MAX_JOB_ID_CHARS} (an oversized
   * one is already an excerpt), else an excerpt.
   */
  private static String shown(String jobId) {
    return jobId.length() > PlanLine.MAX_JOB_ID_CHARS ? Excerpt.of(jobId) : jobId;
  }

  /** Jobs finished so far: run (successfully or not) or skipped. */
  long finished() {
    return finished.get();
  }

  /**
   * The session's total as {@link #sessionStarted} gave it ({@link SessionListener#UNKNOWN_TOTAL}
   * when unknown), or {@link #NOT_STARTED}.
   */
  long total() {
    return total;
  }

  /** Whether a progress bar is drawn on the terminal. */
  boolean drawsProgress() {
    return progress != null;
  }

  /** Error jobs that were not printed. */
  long hiddenErrors() {
    return Math.max(0, errors.get() - maxErrorsShown);
  }

  /**
   * The line of {@code [run] ... and N more error jobs}: where their reasons are, or, when some of
   * them have no document (it could not be written), how many and the first one's reason.
   */
  String hiddenErrorsLine() {
    return HiddenErrors.line(
        "[run]", hiddenErrors(), hiddenWithoutDocument.get(), firstHiddenWithoutDocument.get());
  }

  /** Warnings that were not printed. */
  long hiddenWarnings() {
    return Math.max(0, warnings.get() - maxErrorsShown);
  }

  /** Ends the progress bar and says how many warnings were not printed. */
  @Override
  public void close() {
    if (progress != null) {
      progress.close();
    }
    long hidden = hiddenWarnings();
    if (hidden > 0) {
      synchronized (err) {
        err.println(
            maxErrorsShown == 0
                ? "[run] " + hidden + (hidden == 1 ? " warning" : " warnings") + " not shown"
                : "[run] ... and " + hidden + " more warnings");
        err.flush();
      }
    }
  }
}
