package dev.arbtune.walkforward;

import dev.arbtune.io.InputProblem;

/**
 * A walk-forward that cannot run as asked: durations that make no window, a data span shorter than
 * one train and test window. The message is one sentence for the user (exit 1).
 */
public final class WalkForwardException extends RuntimeException implements InputProblem {

  private static final long serialVersionUID = 1L;

  public WalkForwardException(String message) {
    super(message);
  }
}
