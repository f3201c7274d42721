package dev.arbtune.frontend;

import dev.arbtune.io.Excerpt;
import dev.arbtune.io.InputProblem;
import dev.arbtune.io.IoMessages;
import dev.arbtune.io.OutputPathException;
import dev.arbtune.io.PipeClosedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where exceptions become exit codes: problems with the user's input (any {@link
 * InputProblem}, such as {@link UserInputException}) exit with {@link ExitCodes#INPUT} and one line
 * on stderr; an output path that must not be written (a folder, an input) is refused with {@link
 * ExitCodes#USAGE_OR_FAILURE}; anything else is an unexpected failure, {@link
 * ExitCodes#USAGE_OR_FAILURE}, with the stack trace only when {@code ARBTUNE_DEBUG} is set. Every
 * message is one sentence naming the path and the cause ({@link IoMessages}), with at most a
 * bounded excerpt of any input it quotes ({@link Excerpt}).
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
    if (e instanceof PipeClosedException
        || (e instanceof IOException io && PipeClosedException.isBrokenPipe(io))) {
      // The reader (head, a closed pager) has what it wanted: nothing to say.
      if (System.getenv("ARBTUNE_DEBUG") != null) {
        e.printStackTrace(err);
      }
      err.flush();
      return ExitCodes.PIPE_CLOSED;
    }
    if (e instanceof InputProblem) {
      err.println(prefix + "error: " + Excerpt.bound(e.getMessage()));
      code = ExitCodes.INPUT;
    } else if (e instanceof OutputPathException) {
      err.println(prefix + "error: " + Excerpt.bound(e.getMessage()));
      code = ExitCodes.USAGE_OR_FAILURE;
    } else if (e instanceof NoSuchFileException nsf && nsf.getReason() != null) {
      err.println(prefix + "error: " + nsf.getReason() + ": " + whyMissing(nsf.getFile()));
      code = ExitCodes.INPUT;
    } else if (isInputProblem(e)) {
      err.println(prefix + "error: " + IoMessages.describe((IOException) e));
      code = ExitCodes.INPUT;
    } else if (e instanceof IOException io) {
      err.println(prefix + "I/O error: " + Excerpt.bound(IoMessages.describe(io)));
      code = ExitCodes.USAGE_OR_FAILURE;
    } else if (e instanceof UncheckedIOException io) {
      err.println(prefix + "I/O error: " + Excerpt.bound(IoMessages.describe(io)));
      code = ExitCodes.USAGE_OR_FAILURE;
    } else {
      err.println(prefix + "internal error: " + Excerpt.bound(String.valueOf(e)));
      err.println("Please report this; set ARBTUNE_DEBUG=1 to see the stack trace.");
      code = ExitCodes.USAGE_OR_FAILURE;
    }
    if (System.getenv("ARBTUNE_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /**
   * {@code file}, said with the reason it cannot be found when it is a symbolic link: {@code the
   * symbolic links loop (a link leads back to itself): FILE} or {@code a symbolic link whose target
   * does not exist: FILE}.
   */
  private static String whyMissing(String file) {
    if (file == null) {
      return "";
    }
    try {
      if (Files.isSymbolicLink(Path.of(file))) {
        return IoMessages.describe(new NoSuchFileException(file));
      }
    } catch (InvalidPathException ignored) {
      // not a path: named as it is
    }
    return Excerpt.of(file);
  }

  /**
   * Whether {@code e} says that a file the user named cannot be found or opened: missing, not
   * allowed, looping links, a file where a folder should be (exit 1, like any input not found).
   */
  private static boolean isInputProblem(Exception e) {
    if (e instanceof NoSuchFileException
        || e instanceof AccessDeniedException
        || e instanceof NotDirectoryException
        || e instanceof FileSystemLoopException) {
      return true;
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      String reason = f.getReason();
      return reason.startsWith("Too many levels of symbolic links")
          || reason.equals("Not a directory");
    }
    return false;
  }
}
