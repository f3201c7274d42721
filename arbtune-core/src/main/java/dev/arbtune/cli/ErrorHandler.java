package dev.arbtune.cli;

import dev.arbtune.run.OutputRootBusyException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where exceptions become exit codes: problems with the user's input exit with {@link
 * ExitCodes#INPUT} and one line on stderr; anything else is an unexpected failure, {@link
 * ExitCodes#USAGE_OR_FAILURE}, with the stack trace only when {@code ARBTUNE_DEBUG} is set.
 */
public final class ErrorHandler implements IExecutionExceptionHandler {

  private final String program;

  /** The handler of the {@code arbtune} command. */
  public ErrorHandler() {
    this("arbtune");
  }

  /**
   * A handler for another program built on these commands' conventions (the Spark application).
   *
   * @param program the name messages start with
   */
  public ErrorHandler(String program) {
    this.program = Objects.requireNonNull(program, "program");
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    String prefix = program + " " + cmd.getCommandName() + ": ";
    int code;
    if (e instanceof UserInputException) {
      err.println(prefix + "error: " + e.getMessage());
      code = ExitCodes.INPUT;
    } else if (e instanceof NoSuchFileException nsf) {
      String reason = nsf.getReason() == null ? "not found" : nsf.getReason();
      err.println(prefix + "error: " + reason + ": " + nsf.getFile());
      code = ExitCodes.INPUT;
    } else if (e instanceof OutputRootBusyException busy) {
      err.println(prefix + "error: " + busy.getMessage());
      code = ExitCodes.INPUT;
    } else if (e instanceof NotDirectoryException nd) {
      err.println(prefix + "error: not a directory: " + nd.getFile());
      code = ExitCodes.INPUT;
    } else if (e instanceof AccessDeniedException ad) {
      err.println(prefix + "error: permission denied: " + ad.getFile());
      code = ExitCodes.INPUT;
    } else if (e instanceof IOException || e instanceof UncheckedIOException) {
      err.println(prefix + "I/O error: " + e.getMessage());
      code = ExitCodes.USAGE_OR_FAILURE;
    } else {
      err.println(prefix + "internal error: " + e);
      err.println("Please report this; set ARBTUNE_DEBUG=1 to see the stack trace.");
      code = ExitCodes.USAGE_OR_FAILURE;
    }
    if (System.getenv("ARBTUNE_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }
}
