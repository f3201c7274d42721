package dev.arbtune.join;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinSummaryTest {

  private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

  private static VenueStats venue(String source, long rows) {
    return new VenueStats(source, VenueFormat.GENERIC, rows, 0, 0, 0, 0, null);
  }

  @Test
  void countsOfOneAreSaidInTheSingularAndAZeroLimitAsWritten() {
    JoinStats s = new JoinStats(venue("a.csv", 1), venue("b.csv", 2), 1, 1, 0, 1, 0, 0, T, T);
    List<String> lines =
        JoinSummary.lines(s, new JoinOptions(0, 0, true), "out.csv", "--max-staleness");
    assertThat(lines.get(0)).startsWith("venue A: 1 row of a.csv (generic)");
    assertThat(lines.get(1)).startsWith("venue B: 2 rows of b.csv (generic)");
    assertThat(lines.get(2)).startsWith("1 row written to out.csv");
    assertThat(lines.get(3)).startsWith("dropped 1 row as stale (--max-staleness 0s; ");
  }

  @Test
  void theStaleWarningCountsRowsAndNamesTheStalestVenue() {
    JoinStats s = new JoinStats(venue("a.csv", 10), venue("b.csv", 10), 2, 8, 0, 8, 0, 0, T, T);
    String warning =
        JoinSummary.staleWarning(
            s, new JoinOptions(1_000_000, 0, true), "max_staleness", "time_unit_a and time_unit_b");
    assertThat(warning)
        .startsWith("the join dropped 8 of 10 rows as stale (older than max_staleness 1s; venue B")
        .endsWith(
            "check time_unit_a and time_unit_b (a wrong time unit), and whether a venue"
                + " stopped quoting");
    JoinStats fine = new JoinStats(venue("a.csv", 10), venue("b.csv", 10), 6, 4, 4, 0, 0, 0, T, T);
    assertThat(JoinSummary.staleWarning(fine, new JoinOptions(1, 0, true), "x", "y")).isNull();
  }
}
