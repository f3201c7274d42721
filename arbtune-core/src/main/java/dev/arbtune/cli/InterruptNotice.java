package dev.arbtune.cli;

import dev.arbtune.run.SessionControl;
import dev.arbtune.run.SessionListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * While a session runs, a JVM shutdown hook that, when the process is stopped (Ctrl-C, SIGTERM),
 * prints one line on stderr: how many jobs finished and how to finish the rest. It first asks the
 * session to start no new job and waits up to {@link #WAIT} for the running ones to finish, so that
 * the count is exact (the documents in the output root are then those jobs'); when jobs are still
 * running after that wait (one reading a slow file), the line says "at least" and how many were
 * running. It prints at most once, and never after {@link #close()} (a session that ended normally
 * says nothing more).
 */
final class InterruptNotice implements AutoCloseable {

  private final PrintWriter err;
  private final String command;
  private final SummaryListener counts;
  private final String howToFinish;
  private final AtomicBoolean over = new AtomicBoolean();
  private final Thread hook;

  /** How long the hook waits for the jobs running at the signal to finish. */
  static final Duration WAIT = Duration.ofSeconds(5);

  /**
   * Installs the hook.
   *
   * @param command the command's name, e.g. {@code run}
   * @param counts the session's listener, which counts finished jobs
   * @param howToFinish what finishes the rest, e.g. {@code run the same command again}
   */
  InterruptNotice(PrintWriter err, String command, SummaryListener counts, String howToFinish) {
    this.err = Objects.requireNonNull(err, "err");
    this.command = Objects.requireNonNull(command, "command");
    this.counts = Objects.requireNonNull(counts, "counts");
    this.howToFinish = Objects.requireNonNull(howToFinish, "howToFinish");
    this.hook = new Thread(this::tell, "arbtune-interrupt-notice");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** The line printed when the process is stopped now and no job is running. */
  String message() {
    return message(0);
  }

  /**
   * The line printed when the process is stopped now, {@code stillRunning} jobs running (they may
   * still finish before the process ends).
   */
  String message(int stillRunning) {
    long total = counts.total();
    long finished = counts.finished();
    if (total == SummaryListener.NOT_STARTED) {
      return String.format(
          Locale.ROOT,
          "arbtune %s: interrupted before any job started; %s to run them",
          command,
          howToFinish);
    }
    String of = total >= 0 ? " of " + total : "";
    return String.format(
        Locale.ROOT,
        "arbtune %s: interrupted after %s%d%s %s finished (their documents are written%s); %s to"
            + " finish the rest",
        command,
        stillRunning > 0 ? "at least " : "",
        finished,
        of,
        total == 1 || (total == SessionListener.UNKNOWN_TOTAL && finished == 1) ? "job" : "jobs",
        stillRunning > 0
            ? "; "
                + stillRunning
                + (stillRunning == 1 ? " job that was running" : " jobs that were running")
                + " may also have finished"
            : "",
        howToFinish);
  }

  private void tell() {
    if (!over.compareAndSet(false, true)) {
      return;
    }
    int stillRunning = 0;
    SessionControl control = counts.control();
    if (control != null) {
      control.requestStop();
      if (!control.awaitIdle(WAIT)) {
        stillRunning = control.running();
      }
    }
    String line = message(stillRunning);
    synchronized (err) {
      if (counts.drawsProgress()) {
        err.println(); // below the progress bar
      }
      err.println(line);
      err.flush();
    }
  }

  /** Removes the hook: the session is over, nothing more is said. */
  @Override
  public void close() {
    if (!over.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the process is already stopping: the hook runs but says nothing (over is set)
    }
  }
}
