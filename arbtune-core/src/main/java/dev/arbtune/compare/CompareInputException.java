package dev.arbtune.compare;

import dev.arbtune.io.InputProblem;

/** A comparison's input is unusable (a side without ranked jobs, a partial summary): exit 1. */
public final class CompareInputException extends RuntimeException implements InputProblem {

  private static final long serialVersionUID = 1L;

  /** An exception with one sentence for the user. */
  public CompareInputException(String message) {
    super(message);
  }
}
