package dev.arbtune.io;

import java.io.IOException;

/**
 * An output option names a path that must not be written: a folder, the same file as an input of
 * the command, or the same file as another output. Nothing has been written when it is thrown; the
 * message names the options and the path.
 */
public final class OutputPathException extends IOException {

  private static final long serialVersionUID = 1L;

  public OutputPathException(String message) {
    super(message);
  }
}
