package dev.arbtune.cli;

import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.frontend.VersionProvider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code arbtune} command; it only dispatches to subcommands, which {@link Main}
 * adds.
 */
@Command(
    name = "arbtune",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Plan, run and rank parameter sweeps of a two-venue arbitrage backtest.",
    footer = {"", "Run 'arbtune help COMMAND' for the options of a command."})
final class ArbtuneCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("arbtune: a command is required");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE_OR_FAILURE;
  }
}
