package dev.arbtune.io;

/**
 * Marks an exception whose message is one sentence about what the user gave (a session file, an
 * output root, an option): every front end reports it as that sentence with exit code 1, without a
 * stack trace. A library exception that means "the user's input is wrong" implements this, so
 * commands let it through instead of catching it to rethrow it as a front end's own type.
 */
public interface InputProblem {

  /** The sentence for the user; implemented by {@link Throwable#getMessage()}. */
  String getMessage();
}
