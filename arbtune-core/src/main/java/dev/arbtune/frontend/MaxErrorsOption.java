package dev.arbtune.frontend;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --max-errors}, as the {@code aggregate} commands (the {@code arbtune} command line's and
 * the Spark application's) declare it. Use it as a picocli {@code @Mixin}.
 */
public final class MaxErrorsOption {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--max-errors",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "How many errors and warnings the JSON summary lists (default: ${DEFAULT-VALUE}).")
  int maxErrors;

  /**
   * How many errors and warnings the JSON summary lists.
   *
   * @throws ParameterException a usage error of the command when the value is negative
   */
  public int value() {
    if (maxErrors < 0) {
      throw new ParameterException(
          mixee.commandLine(), "--max-errors must be 0 or more, got " + maxErrors);
    }
    return maxErrors;
  }
}
