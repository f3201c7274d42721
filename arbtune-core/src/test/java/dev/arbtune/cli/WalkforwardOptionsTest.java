package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.Cli;
import org.junit.jupiter.api.Test;

/** walkforward's help says what it does, and that an option doing nothing there is ignored. */
class WalkforwardOptionsTest {

  @Test
  void helpAllowsIsoFractionsAndNamesStartTimeForAnchored() {
    Cli.Result r = Cli.run("walkforward", "--help");
    assertThat(r.exitCode()).isZero();
    String help = r.out().replaceAll("\\s+", " ");
    assertThat(help).contains("PT0.5S").contains("the session's start_time");
  }

  @Test
  void helpSaysMaxResultsIsIgnored() {
    Cli.Result r = Cli.run("walkforward", "--help");
    assertThat(r.out().replaceAll("\\s+", " ")).contains("--max-results is accepted and ignored");
  }
}
