package dev.arbtune.frontend;

import dev.arbtune.io.InputProblem;

/**
 * A problem with what the user gave us (a missing folder, an invalid file), reported as one line
 * without a stack trace and exit code {@link ExitCodes#INPUT}: the front ends' own {@link
 * InputProblem}.
 */
public class UserInputException extends RuntimeException implements InputProblem {

  private static final long serialVersionUID = 1L;

  public UserInputException(String message) {
    super(message);
  }

  public UserInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
