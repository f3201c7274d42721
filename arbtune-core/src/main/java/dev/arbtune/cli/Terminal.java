package dev.arbtune.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether progress displays have a person to show them to. */
final class Terminal {

  private Terminal() {}

  /**
   * Whether standard error is an interactive terminal. On Linux the answer comes from where file
   * descriptor 2 points ({@code /dev/pts/N}, {@code /dev/ttyN}), so {@code 2>log} or a pipe turns
   * progress off even when stdout is a terminal. Elsewhere it falls back to {@link
   * System#console()}, which Java 17 answers for stdin and stdout only.
   */
  static boolean stderrIsTerminal() {
    Path fd2 = Path.of("/proc/self/fd/2");
    try {
      String target = Files.readSymbolicLink(fd2).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }
}
