package dev.arbtune.frontend;

import dev.arbtune.backtest.Engine;
import dev.arbtune.io.Excerpt;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --engine fast|reference}, as every command that runs backtests declares it ({@code
 * backtest}, {@code run}, {@code sweep}, {@code walkforward}, the re-runs of {@code show} and
 * {@code report}, and the Spark application's {@code sweep}). Use it as a picocli {@code @Mixin}.
 */
public final class EngineOption {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--engine",
      paramLabel = "fast|reference",
      description =
          "The backtest engine: 'fast' jumps over the quotes where nothing can change (no trade"
              + " can open or close, no new peak or drawdown) with per-file indexes; 'reference'"
              + " steps through every quote. Both give the same documents but for runtime_seconds"
              + " (docs/MODEL.md, Engines; default: ${DEFAULT-VALUE}).")
  String engine = Engine.DEFAULT.cliName();

  /**
   * The engine chosen.
   *
   * @throws ParameterException (a usage error) for a name that is neither
   */
  public Engine engine() {
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
