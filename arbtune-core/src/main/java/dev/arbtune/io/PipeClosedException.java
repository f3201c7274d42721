package dev.arbtune.io;

import java.io.IOException;

/**
 * The reader of an output pipe went away (as {@code head} does once it has its lines): not a
 * failure of the command's but the end of its output. Commands stop writing, print nothing more and
 * exit with 141, as a command that a SIGPIPE ended does.
 */
public final class PipeClosedException extends IOException {

  private static final long serialVersionUID = 1L;

  /**
   * @param output what was written: an option and its value, or {@code stdout}
   */
  public PipeClosedException(String output) {
    super("the reader of " + output + " went away");
  }

  /**
   * Whether {@code fd} (0, 1 or 2) of this process is a pipe or a socket, i.e. whether a failed
   * write to it means that its reader went away rather than that a disk is full. False where {@code
   * /proc} does not tell.
   */
  public static boolean isPipe(int fd) {
    try {
      String link =
          java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/" + fd))
              .toString();
      return link.startsWith("pipe:") || link.startsWith("socket:");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** Whether {@code e} is the operating system's "broken pipe" (EPIPE). */
  public static boolean isBrokenPipe(IOException e) {
    String m = e.getMessage();
    return e instanceof PipeClosedException || (m != null && m.contains("Broken pipe"));
  }
}
