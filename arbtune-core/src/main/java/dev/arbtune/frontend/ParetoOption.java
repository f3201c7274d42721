package dev.arbtune.frontend;

import picocli.CommandLine.Option;

/**
 * {@code --pareto}, as the {@code aggregate} commands (the {@code arbtune} command line's and the
 * Spark application's) declare it. Use it as a picocli {@code @Mixin}.
 */
public final class ParetoOption {

  @Option(
      names = "--pareto",
      description =
          "Also list the Pareto front: jobs that no other job beats on both realized PnL (higher)"
              + " and max drawdown (lower).")
  boolean pareto;

  /** Whether {@code --pareto} was given. */
  public boolean requested() {
    return pareto;
  }
}
