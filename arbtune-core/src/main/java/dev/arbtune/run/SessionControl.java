package dev.arbtune.run;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running session as seen from outside it, e.g. from a shutdown hook: ask it to start no new job
 * ({@link #requestStop()}) and wait until the jobs already running have finished ({@link
 * #awaitIdle}), so that what the session's listener counted is then what the output root holds.
 * Thread-safe.
 */
public final class SessionControl {

  private final AtomicBoolean stop = new AtomicBoolean();
  private final Object lock = new Object();
  private int running;

  SessionControl() {}

  /** Starts no new job; jobs already running finish (and tell the listener). */
  public void requestStop() {
    stop.set(true);
  }

  /** Whether a stop was requested (or the session stopped on an error). */
  public boolean stopRequested() {
    return stop.get();
  }

  /** Jobs running now: started, and not yet finished with their listener call. */
  public int running() {
    synchronized (lock) {
      return running;
    }
  }

  /**
   * Waits until no job is running, at most {@code timeout}. After {@link #requestStop()} a session
   * that is idle stays idle: every job counted by the listener is then all there will be.
   *
   * @return whether no job is running
   */
  public boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (running > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return running == 0;
        }
      }
      return true;
    }
  }

  /**
   * Called by a worker before it runs a job: counts it as running, then says whether it may run (in
   * this order, so that a stop requested while the session is idle leaves it idle).
   *
   * @return {@code false} when a stop was requested: the worker must not run the job, but still
   *     call {@link #jobEnded()}
   */
  boolean jobStarting() {
    synchronized (lock) {
      running++;
    }
    return !stop.get();
  }

  /** Called by a worker when its job (and the listener's call) is over, or was not run. */
  void jobEnded() {
    synchronized (lock) {
      running--;
      if (running == 0) {
        lock.notifyAll();
      }
    }
  }
}
