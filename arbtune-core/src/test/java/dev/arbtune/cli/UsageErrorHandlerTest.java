package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.testing.Cli;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An unknown option that another command has is named as that command's option, rather than with
 * picocli's closest names (which would suggest, for {@code walkforward --max-results}, {@code
 * --max-trades}); a typo still gets the closest names.
 */
class UsageErrorHandlerTest {

  private static final String[] WALKFORWARD = {
    "walkforward", "--config", "s.yaml", "--output-root", "wf", "--train", "3h", "--test", "1h"
  };

  private static Cli.Result run(String[] command, String... more) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  /** The line lists the commands that have the option, from the whole command tree. */
  @Test
  void walkforwardMaxResultsIsNamedAsAnOptionOfTheAggregatingCommands() {
    Cli.Result r = run(WALKFORWARD, "--max-results", "5");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE_OR_FAILURE);
    assertThat(r.err().lines().limit(2))
        .containsExactly(
            "Unknown options: '--max-results', '5'",
            "--max-results is an option of aggregate, report and sweep, not of walkforward");
    assertThat(r.err())
        .doesNotContain("Possible solutions")
        .endsWith("Try 'arbtune walkforward --help' for every option.\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void compareMaxResultsIsNamedAsAnOptionOfTheAggregatingCommands() {
    Cli.Result r = Cli.run("compare", "a", "b", "--max-results=2");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE_OR_FAILURE);
    assertThat(r.err().lines().limit(2))
        .containsExactly(
            "Unknown option: '--max-results=2'",
            "--max-results is an option of aggregate, report and sweep, not of compare");
    assertThat(r.err()).doesNotContain("Possible solutions");
  }

  /** A misspelt option of the command itself still gets picocli's closest names. */
  @Test
  void aTypoStillGetsTheClosestNames() {
    Cli.Result r = Cli.run("aggregate", "--results-dir", "x", "--sort-bi", "pnl");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE_OR_FAILURE);
    assertThat(r.err().lines().limit(2))
        .containsExactly("Unknown options: '--sort-bi', 'pnl'", "Possible solutions: --sort-by");
    assertThat(r.err()).doesNotContain("is an option of");
  }

  /** Both: the other command's option is named, and the typo first given gets its suggestions. */
  @Test
  void aTypoAndAnotherCommandsOptionGetOneLineEach() {
    Cli.Result r = run(WALKFORWARD, "--sort-bi", "pnl", "--max-results", "5");
    assertThat(r.err().lines().limit(3))
        .containsExactly(
            "Unknown options: '--sort-bi', 'pnl', '--max-results', '5'",
            "--max-results is an option of aggregate, report and sweep, not of walkforward",
            "Possible solutions: --sort-by");
  }

  /** An option no command has gets the message it always had. */
  @Test
  void anOptionNoCommandHasGetsTheUsualMessage() {
    Cli.Result r = Cli.run("aggregate", "--results-dir", "x", "--frobnicate");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE_OR_FAILURE);
    List<String> lines = r.err().lines().toList();
    assertThat(lines.get(0)).isEqualTo("Unknown option: '--frobnicate'");
    assertThat(lines.get(1)).startsWith("Usage: arbtune aggregate ");
    assertThat(r.err()).doesNotContain("is an option of", "Possible solutions");
  }
}
