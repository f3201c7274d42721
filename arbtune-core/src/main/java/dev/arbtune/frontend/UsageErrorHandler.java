package dev.arbtune.frontend;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How a usage error (an unknown option, a bad value, a misspelt metric) is printed: the message,
 * picocli's "did you mean" for an unknown option, the command's synopsis, and where the whole help
 * is; exit {@link ExitCodes#USAGE_OR_FAILURE}. The full help (well over 100 lines for {@code
 * aggregate}, with its metric list and exit codes) is not printed: it would push the one line that
 * matters off the screen.
 */
public final class UsageErrorHandler implements IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(ex.getMessage());
    UnmatchedArgumentException.printSuggestions(ex, err);
    CommandLine.Help help = cmd.getHelp();
    err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for every option.");
    err.flush();
    return ExitCodes.USAGE_OR_FAILURE;
  }
}
