package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.Cli;
import org.junit.jupiter.api.Test;

/** walkforward's help says what it does, and offers no option that does nothing there. */
class WalkforwardOptionsTest {

  @Test
  void helpAllowsIsoFractionsAndNamesStartTimeForAnchored() {
    Cli.Result r = Cli.run("walkforward", "--help");
    assertThat(r.exitCode()).isZero();
    String help = r.out().replaceAll("\\s+", " ");
    assertThat(help).contains("PT0.5S").contains("the session's start_time");
  }

  /**
   * The help lists the ranking and filter options the winner is picked with, and says that
   * aggregate's --max-results is not one of them (instead of listing an option that does nothing).
   */
  @Test
  void helpOffersTheRankingAndFilterOptionsButNotMaxResults() {
    Cli.Result r = Cli.run("walkforward", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("--sort-by=METRIC", "--filter=EXPR", "--threads=N", "\nMetrics (")
        .doesNotContain("--max-results=");
    String help = r.out().replaceAll("\\s+", " ");
    assertThat(help)
        .contains("not --max-results: each window's winner is rank 1")
        .doesNotContain("accepted and ignored");
  }
}
