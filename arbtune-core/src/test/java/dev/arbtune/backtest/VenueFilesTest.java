package dev.arbtune.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A config that names two venue files instead of a data_file: its keys and rules. */
class VenueFilesTest {

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static ConfigException error(Map<String, Object> m) {
    return catchThrowableOfType(ConfigException.class, () -> BacktestConfig.fromMap(m));
  }

  @Test
  void venueFilesTakeDataFilesPlaceInTheConfigAndRoundTrip() {
    BacktestConfig c =
        BacktestConfig.fromMap(
            map(
                "venue_a", "a.csv",
                "venue_b", "b.csv.gz",
                "format_b", "Tardis-Quotes",
                "time_unit_a", "ms",
                "time_column_b", "local_timestamp",
                "min_spread_bps", 2));
    assertThat(c.dataFile()).isNull();
    assertThat(c.venues().venueA()).isEqualTo("a.csv");
    assertThat(c.venues().formatA()).isEqualTo("auto");
    assertThat(c.venues().formatB()).isEqualTo("tardis-quotes");
    assertThat(c.venues().timeUnitA()).isEqualTo(EpochUnit.MILLISECONDS);
    assertThat(c.venues().maxStalenessMicros()).isEqualTo(5_000_000L);
    Map<String, Object> m = c.toMap();
    assertThat(m.keySet())
        .startsWith(
            "venue_a",
            "venue_b",
            "format_b",
            "time_column_b",
            "time_unit_a",
            "max_staleness",
            "min_spread_bps")
        .doesNotContain("data_file");
    assertThat(m.get("max_staleness")).isEqualTo("5s");
    assertThat(BacktestConfig.fromMap(m)).isEqualTo(c);
  }

  @Test
  void dataFileDocumentsAreAsBefore() {
    assertThat(BacktestConfig.defaults("q.csv").toMap().keySet())
        .containsExactlyElementsOf(
            BacktestConfig.FIELDS.stream()
                .filter(f -> !f.equals("start_time") && !f.equals("end_time"))
                .filter(f -> !f.equals("time_unit") && !f.equals("pnl_blocks"))
                .toList());
  }

  @Test
  void bothDataFileAndVenueFilesIsAnErrorOnDataFile() {
    ConfigException e = error(map("data_file", "q.csv", "venue_a", "a.csv", "venue_b", "b.csv"));
    assertThat(e.field()).isEqualTo("data_file");
    assertThat(e.getMessage())
        .isEqualTo(
            "data_file: give either data_file or venue_a and venue_b (two venue files joined by"
                + " the runner), not both");
  }

  @Test
  void oneVenueWithoutTheOtherNamesTheMissingOne() {
    ConfigException e = error(map("venue_a", "a.csv"));
    assertThat(e.getMessage())
        .isEqualTo("venue_b: is required with venue_a: give both venue files");
    e = error(map("venue_b", "b.csv", "data_file", "q.csv"));
    assertThat(e.field()).isEqualTo("data_file");
    e = error(map("max_staleness", "5s"));
    assertThat(e.getMessage())
        .isEqualTo(
            "venue_a: is required with max_staleness (give venue_a and venue_b, the two venue"
                + " files, instead of data_file)");
  }

  @Test
  void aVenueSettingWithDataFileIsAnErrorNamingIt() {
    ConfigException e = error(map("data_file", "q.csv", "format_a", "generic"));
    assertThat(e.getMessage())
        .isEqualTo(
            "format_a: applies to venue files (venue_a, venue_b) only, not to data_file; remove it");
  }

  @Test
  void neitherIsTheUsualMissingDataFile() {
    assertThat(error(map("min_spread_bps", 1)).getMessage())
        .isEqualTo("data_file: is required (a path to a quotes CSV)");
  }

  @Test
  void badFormatsUnitsAndStalenessNameTheirField() {
    ConfigException e = error(map("venue_a", "a", "venue_b", "b", "format_a", "binance"));
    assertThat(e.field()).isEqualTo("format_a");
    assertThat(e.getMessage())
        .contains("expected one of auto, binance-bookticker, tardis-quotes, databento-bbo, generic")
        .contains("\"binance\"");
    e = error(map("venue_a", "a", "venue_b", "b", "time_unit_b", "millis"));
    assertThat(e.field()).isEqualTo("time_unit_b");
    assertThat(e.getMessage()).contains("(did you mean ms?)");
    e = error(map("venue_a", "a", "venue_b", "b", "max_staleness", "5 seconds"));
    assertThat(e.getMessage())
        .isEqualTo(
            "max_staleness: invalid duration '5 seconds'; expected a whole number and a unit (us,"
                + " ms, s, m, h, d), e.g. 5s or 250ms, or ISO-8601 such as PT5S, or none");
    e = error(map("venue_a", "a", "venue_b", "b", "max_staleness", 5));
    assertThat(e.getMessage())
        .isEqualTo(
            "max_staleness: expected a string, got 5 (write a duration with its unit, such as 5s)");
    e = error(map("venue_a", "a", "venue_b", "", "max_staleness", "5s"));
    assertThat(e.field()).isEqualTo("venue_b");
    e = error(map("venue_a", "x".repeat(5000), "venue_b", "b"));
    assertThat(e.getMessage())
        .startsWith("venue_a: has 5000 characters, more than the 4096 (PATH_MAX) a path may have");
    e = error(map("venue_a", "a", "venue_b", List.of("b")));
    assertThat(e.getMessage()).isEqualTo("venue_b: expected a string, got a list");
    e = error(map("venue_a", "a", "venue_b", "b", "time_column_a", " "));
    assertThat(e.field()).isEqualTo("time_column_a");
  }

  @Test
  void stalenessTakesUnitsIsoDurationsAndNone() {
    assertThat(VenueFiles.stalenessMicros("5s")).isEqualTo(5_000_000L);
    assertThat(VenueFiles.stalenessMicros("250ms")).isEqualTo(250_000L);
    assertThat(VenueFiles.stalenessMicros("100us")).isEqualTo(100L);
    assertThat(VenueFiles.stalenessMicros("2m")).isEqualTo(120_000_000L);
    assertThat(VenueFiles.stalenessMicros("6h")).isEqualTo(21_600_000_000L);
    assertThat(VenueFiles.stalenessMicros("1d")).isEqualTo(86_400_000_000L);
    assertThat(VenueFiles.stalenessMicros("PT5S")).isEqualTo(5_000_000L);
    assertThat(VenueFiles.stalenessMicros("PT0.25S")).isEqualTo(250_000L);
    assertThat(VenueFiles.stalenessMicros("none")).isEqualTo(Long.MAX_VALUE);
    assertThat(
            catchThrowableOfType(ConfigException.class, () -> VenueFiles.stalenessMicros("PT-5S")))
        .hasMessageContaining("(it is negative)");
  }
}
