package dev.arbtune.cli;

import dev.arbtune.backtest.Engine;
import dev.arbtune.io.Excerpt;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --engine}, shared by {@code backtest}, {@code run} and {@code sweep}. */
final class EngineOption {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--engine",
      paramLabel = "fast|reference",
      description =
          "The backtest engine: 'reference' steps through every quote; 'fast' jumps over the"
              + " quotes where no trade is open and none can open (docs/MODEL.md, Engines). Both"
              + " give the same documents but for runtime_seconds (default: ${DEFAULT-VALUE}).")
  String engine = Engine.DEFAULT.cliName();

  /**
   * The engine chosen.
   *
   * @throws ParameterException (a usage error) for a name that is neither
   */
  Engine engine() {
    for (Engine e : Engine.values()) {
      if (e.cliName().equals(engine)) {
        return e;
      }
    }
    throw new ParameterException(
        mixee.commandLine(),
        "--engine must be 'fast' or 'reference', got '" + Excerpt.of(engine) + "'");
  }
}
