package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.testing.Cli;
import org.junit.jupiter.api.Test;

/** walkforward's help says what it does, and an option that does nothing there is refused. */
class WalkforwardOptionsTest {

  @Test
  void helpAllowsIsoFractionsAndNamesStartTimeForAnchored() {
    Cli.Result r = Cli.run("walkforward", "--help");
    assertThat(r.exitCode()).isZero();
    String help = r.out().replaceAll("\\s+", " ");
    assertThat(help).contains("PT0.5S").contains("the session's start_time");
  }

  @Test
  void maxResultsIsRefused() {
    Cli.Result r =
        Cli.run(
            "walkforward",
            "--config",
            "x.yaml",
            "--output-root",
            "out",
            "--train",
            "1h",
            "--test",
            "1h",
            "--max-results",
            "5");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.USAGE_OR_FAILURE);
    assertThat(r.err()).contains("--max-results").contains("winner");
  }
}
