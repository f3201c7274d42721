package dev.arbtune.sweep;

import dev.arbtune.io.InputProblem;

/**
 * The output root cannot take this sweep: it holds a different session's results (running on would
 * mix two sessions; start over with {@link Sweep.Options#fresh()}), results no sweep made, or
 * another sweep is running there.
 */
public final class SweepConflictException extends RuntimeException implements InputProblem {

  private static final long serialVersionUID = 1L;

  public SweepConflictException(String message) {
    super(message);
  }
}
