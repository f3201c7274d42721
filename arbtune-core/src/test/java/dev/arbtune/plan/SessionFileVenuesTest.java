package dev.arbtune.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sessions that name two venue files instead of a data_file (docs/SESSION.md). */
class SessionFileVenuesTest {

  private static SessionConfigException error(String yaml) {
    return catchThrowableOfType(
        SessionConfigException.class, () -> SessionFile.parse(yaml, "s.yaml"));
  }

  @Test
  void venueKeysReachEveryJobsConfigInPlaceOfDataFile() {
    SessionConfig s =
        SessionFile.parse(
            """
            venue_a: a.csv
            venue_b: b.csv
            format_a: generic
            max_staleness: 90s
            tag_prefix: v1
            grids:
              - name: min_spread_bps
                values: [0, 1]
            """,
            "s.yaml");
    List<JobPlan> jobs = new SessionPlanner(s).streamJobs().toList();
    assertThat(jobs).hasSize(2);
    for (JobPlan j : jobs) {
      Map<String, Object> config = j.config().toMap();
      assertThat(config)
          .containsEntry("venue_a", "a.csv")
          .containsEntry("venue_b", "b.csv")
          .containsEntry("format_a", "generic")
          .containsEntry("max_staleness", "90s")
          .doesNotContainKey("data_file")
          .doesNotContainKey("format_b");
    }
  }

  @Test
  void dataFileAndVenueFilesTogetherIsAnErrorAtDataFilesLine() {
    SessionConfigException e =
        error("tag_prefix: x\ndata_file: q.csv\nvenue_a: a.csv\nvenue_b: b.csv\n");
    assertThat(e.getMessage())
        .isEqualTo(
            "s.yaml:2: data_file: give either data_file or venue_a and venue_b (two venue files"
                + " joined by the runner), not both");
  }

  @Test
  void oneVenueWithoutTheOtherIsAnErrorAtTheGivenOnesLine() {
    SessionConfigException e = error("tag_prefix: x\n\nvenue_a: a.csv\n");
    assertThat(e.getMessage())
        .isEqualTo("s.yaml:3: venue_b: is required with venue_a: give both venue files");
  }

  @Test
  void aBadVenueSettingIsAnErrorAtItsLine() {
    SessionConfigException e = error("venue_a: a.csv\nvenue_b: b.csv\nmax_staleness: soon\n");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.field()).isEqualTo("max_staleness");
    e = error("venue_a: a.csv\nvenue_b: b.csv\nformat_b: csv\n");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.field()).isEqualTo("format_b");
    e = error("data_file: q.csv\nformat_b: generic\n");
    assertThat(e.getMessage())
        .isEqualTo(
            "s.yaml:2: format_b: applies to venue files (venue_a, venue_b) only, not to data_file;"
                + " remove it");
  }

  @Test
  void aGridCannotVaryTheVenueKeys() {
    for (String key : List.of("venue_a", "max_staleness", "format_a")) {
      SessionConfigException e =
          error(
              "venue_a: a.csv\nvenue_b: b.csv\ngrids:\n  - name: "
                  + key
                  + "\n    values: [1, 2]\n");
      assertThat(e.field()).isEqualTo("grids[0].name");
      assertThat(e.problem()).startsWith(key + " cannot be varied");
    }
  }

  @Test
  void aGridOfVenueKeysWithTheirOwnValuesNamesTheKeyNotTheValues() {
    // as a user writes it: file names, formats, durations; docs/SESSION.md promises the error of
    // the name
    for (String grid :
        List.of(
            "venue_a\n    values: [a.csv, c.csv]",
            "format_a\n    values: [generic, auto]",
            "max_staleness\n    values: [1s, 2s]",
            "data_file\n    values: [q.csv]")) {
      SessionConfigException e =
          error("venue_a: a.csv\nvenue_b: b.csv\ngrids:\n  - name: " + grid + "\n");
      assertThat(e.field()).as(grid).isEqualTo("grids[0].name");
      assertThat(e.line()).isEqualTo(4);
      assertThat(e.problem())
          .startsWith(grid.substring(0, grid.indexOf('\n')) + " cannot be varied");
    }
  }
}
