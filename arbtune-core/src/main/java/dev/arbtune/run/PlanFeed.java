package dev.arbtune.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Objects;

/**
 * The plan's jobs, handed to the workers one at a time: each worker takes the next line itself (no
 * queue, no hand-off between threads), and the lines are read, parsed and their {@code output_json}
 * and {@code job_id} claimed in line order, one worker at a time, as one reading thread would. A
 * failure to read the plan (or a bug in reading it) ends the feed; {@link #rethrow} then throws it,
 * once the jobs already started have finished.
 */
final class PlanFeed implements AutoCloseable {

  /** A parsed line and why it must not write its {@code output_json} ({@code null}: it may). */
  record Job(PlanLine line, String problem) {}

  private final BufferedReader plan;
  private final long maxJobs;
  private final SessionControl control;
  private final SessionListener listener;
  private final PlanClaims outputs = new PlanClaims();
  private final PlanClaims jobIds = new PlanClaims();
  private long lineNumber;
  private long taken;
  private boolean ended;
  private Throwable failure;

  /**
   * @param plan the plan's lines; closed by {@link #close()}
   * @param maxJobs most non-blank lines to hand out
   * @param control a stop requested there ends the feed
   * @param listener hears the warnings about repeated job ids
   */
  PlanFeed(BufferedReader plan, long maxJobs, SessionControl control, SessionListener listener) {
    this.plan = Objects.requireNonNull(plan, "plan");
    this.maxJobs = maxJobs;
    this.control = Objects.requireNonNull(control, "control");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** The next job, or {@code null} when there is none to start (end, limit, stop, failure). */
  synchronized Job next() {
    if (ended || taken >= maxJobs || control.stopRequested()) {
      return null;
    }
    try {
      String text;
      do {
        text = plan.readLine();
        if (text == null) {
          ended = true;
          return null;
        }
        lineNumber++;
        if (lineNumber == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1);
        }
      } while (text.isBlank());
      taken++;
      PlanLine line = PlanLine.parse(lineNumber, text);
      String problem = SessionRunner.claimOutput(outputs, line);
      SessionRunner.warnOnRepeatedJobId(jobIds, line, listener);
      return new Job(line, problem);
    } catch (IOException | RuntimeException | Error e) {
      ended = true;
      failure = e;
      return null;
    }
  }

  /** Non-blank lines taken so far (each one a job, started or not). */
  synchronized long taken() {
    return taken;
  }

  /** Throws what ended the feed early, if anything did. */
  synchronized void rethrow() throws IOException {
    if (failure instanceof IOException e) {
      throw e;
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    plan.close();
  }
}
