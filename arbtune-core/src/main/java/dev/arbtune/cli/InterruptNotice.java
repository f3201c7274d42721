package dev.arbtune.cli;

import dev.arbtune.run.SessionListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * While a session runs, a JVM shutdown hook that, when the process is stopped (Ctrl-C, SIGTERM),
 * prints one line on stderr: how many jobs finished and how to finish the rest. It prints at most
 * once, and never after {@link #close()} (a session that ended normally says nothing more).
 */
final class InterruptNotice implements AutoCloseable {

  private final PrintWriter err;
  private final String command;
  private final SummaryListener counts;
  private final String howToFinish;
  private final AtomicBoolean over = new AtomicBoolean();
  private final Thread hook;

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

  /** The line printed when the process is stopped now. */
  String message() {
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
        "arbtune %s: interrupted after %d%s %s finished (their documents are written); %s to"
            + " finish the rest",
        command,
        finished,
        of,
        total == 1 || (total == SessionListener.UNKNOWN_TOTAL && finished == 1) ? "job" : "jobs",
        howToFinish);
  }

  private void tell() {
    if (!over.compareAndSet(false, true)) {
      return;
    }
    String line = message();
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
