package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.testing.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  private static final String[] COMMANDS = {
    "quickstart",
    "sweep",
    "walkforward",
    "join",
    "plan",
    "run",
    "backtest",
    "aggregate",
    "report",
    "compare",
    "show",
    "help"
  };

  @Test
  void topLevelHelpListsEveryCommandInOrder() {
    Cli.Result run = Cli.run("--help");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("Commands:");
    int at = 0;
    for (String command : COMMANDS) {
      int found = run.out().indexOf("\n  " + command + " ", at);
      assertThat(found).as(command).isGreaterThan(at);
      at = found;
    }
  }

  @Test
  void aCommandLineNamingASubcommandBuildsOnlyThatOne() {
    PrintWriter sink = new PrintWriter(new StringWriter());

    CommandLine partial = Main.commandLine(sink, sink, new String[] {"aggregate", "--help"});
    CommandLine whole = Main.commandLine(sink, sink, new String[] {"--help"});

    assertThat(partial.getSubcommands().keySet()).containsExactly("aggregate");
    assertThat(whole.getSubcommands().keySet()).containsExactly(COMMANDS);
    assertThat(Main.commandLine(sink, sink, new String[] {"help", "run"}).getSubcommands())
        .hasSize(COMMANDS.length);
  }

  @Test
  void subcommandHelpIsTheSameAsThroughTheWholeTree() {
    Cli.Result direct = Cli.run("aggregate", "--help");
    Cli.Result viaHelp = Cli.run("help", "aggregate");

    assertThat(direct.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(direct.out()).startsWith("Usage: arbtune aggregate ").contains("Exit codes:");
    assertThat(viaHelp.out()).isEqualTo(direct.out());
  }

  @Test
  void aMistypedCommandIsAUsageErrorWithSuggestions() {
    Cli.Result run = Cli.run("aggregat");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_FAILURE);
    assertThat(run.err()).contains("Did you mean: arbtune aggregate");
  }

  /**
   * A usage error prints its message, the synopsis and where the help is, not the whole help: the
   * one line that matters stays on the screen.
   */
  @Test
  void aUsageErrorIsShortWithTheMessageFirst() {
    Cli.Result r = Cli.run("aggregate", "--results-dir", "examples/sess001", "--sortby", "x");
    assertThat(r.exitCode()).isEqualTo(2);
    String[] lines = r.err().split("\n");
    assertThat(lines[0]).isEqualTo("Unknown options: '--sortby', 'x'");
    assertThat(r.err())
        .contains("Possible solutions: --sort-by", "Usage: arbtune aggregate ")
        .endsWith("Try 'arbtune aggregate --help' for every option.\n")
        .doesNotContain("Exit codes:", "Metrics (");
    assertThat(lines.length).isLessThan(20);
  }

  /** Other JVM code finds arbtune as a tool by name, with the same outputs and exit codes. */
  @Test
  void isAToolProviderNamedArbtune() {
    java.util.spi.ToolProvider tool = java.util.spi.ToolProvider.findFirst("arbtune").orElseThrow();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        tool.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "aggregate",
            "--results-dir",
            "../examples/sess001",
            "--columns",
            "seed");
    assertThat(code).isZero();
    assertThat(out.toString())
        .startsWith(dev.arbtune.aggregate.SummaryText.RULE)
        .contains("Top 10 by Realized PnL");
    Cli.Result direct =
        Cli.run("aggregate", "--results-dir", "../examples/sess001", "--columns", "seed");
    assertThat(out.toString()).isEqualTo(direct.out());
  }
}
