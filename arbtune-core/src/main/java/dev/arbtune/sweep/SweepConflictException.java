package dev.arbtune.sweep;

/**
 * The output root already holds a different session's plan: running on would mix results of two
 * sessions. Start over with {@link Sweep.Options#fresh()} or use another output root.
 */
public final class SweepConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SweepConflictException(String message) {
    super(message);
  }
}
