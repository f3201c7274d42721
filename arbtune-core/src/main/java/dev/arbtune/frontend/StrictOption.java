package dev.arbtune.frontend;

import dev.arbtune.aggregate.AggregatedSummary;
import java.util.Objects;
import picocli.CommandLine.Option;

/**
 * {@code --strict}, as the {@code aggregate} commands (the {@code arbtune} command line's and the
 * Spark application's) declare it, and the exit code it chooses. Use it as a picocli
 * {@code @Mixin}.
 */
public final class StrictOption {

  @Option(
      names = "--strict",
      description =
          "Exit with 3 when any error job or warning was found (for pipelines); the advisory"
              + " zero-trade-top warning does not count.")
  boolean strict;

  /**
   * {@link ExitCodes#STRICT} when {@code --strict} was given and {@code summary} has error jobs or
   * warnings ({@link AggregatedSummary#hasProblems()}); {@link ExitCodes#OK} otherwise.
   */
  public int exitCode(AggregatedSummary summary) {
    Objects.requireNonNull(summary, "summary");
    return strict && summary.hasProblems() ? ExitCodes.STRICT : ExitCodes.OK;
  }
}
