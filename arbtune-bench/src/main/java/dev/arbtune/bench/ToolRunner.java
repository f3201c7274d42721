package dev.arbtune.bench;

import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.frontend.UserInputException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Objects;
import picocli.CommandLine;

/**
 * Runs one benchmark tool (a picocli command) with arbtune's exit codes: 0 success; 1 input not
 * found or invalid ({@link UserInputException}, a missing file); 2 usage error or unexpected
 * failure. Errors are one line on stderr; the stack trace only when {@code ARBTUNE_DEBUG} is set.
 */
public final class ToolRunner {

  private ToolRunner() {}

  /** What a tool's {@code main} calls: runs {@code command} on stdout/stderr, then exits. */
  public static void main(Object command, String[] args) {
    PrintWriter out = utf8(FileDescriptor.out);
    PrintWriter err = utf8(FileDescriptor.err);
    System.exit(run(command, out, err, args));
  }

  /**
   * Runs {@code command} with {@code args}; what tests call. Data goes to {@code out}, messages to
   * {@code err}; both are flushed.
   *
   * @return the exit code, one of {@link ExitCodes}
   */
  public static int run(Object command, PrintWriter out, PrintWriter err, String... args) {
    Objects.requireNonNull(command, "command");
    CommandLine cmd = new CommandLine(command);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          String prefix = c.getCommandName() + ": ";
          int code = ExitCodes.INPUT;
          if (e instanceof UserInputException) {
            c.getErr().println(prefix + "error: " + e.getMessage());
          } else if (e instanceof NoSuchFileException nsf) {
            c.getErr().println(prefix + "error: not found: " + nsf.getFile());
          } else if (e instanceof NotDirectoryException nd) {
            c.getErr().println(prefix + "error: not a directory: " + nd.getFile());
          } else if (e instanceof IOException || e instanceof UncheckedIOException) {
            c.getErr().println(prefix + "I/O error: " + e.getMessage());
            code = ExitCodes.USAGE_OR_FAILURE;
          } else {
            c.getErr().println(prefix + "internal error: " + e);
            code = ExitCodes.USAGE_OR_FAILURE;
          }
          if (System.getenv("ARBTUNE_DEBUG") != null) {
            e.printStackTrace(c.getErr());
          }
          return code;
        });
    cmd.getCommandSpec()
        .usageMessage()
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(ExitCodes.toolTable());
    try {
      return cmd.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static PrintWriter utf8(FileDescriptor fd) {
    return new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), false);
  }
}
