package dev.arbtune.join;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.QuotesFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reader messages name the settings of where the venue file was named: options or session keys. */
class VenueSettingNamesTest {

  @TempDir Path dir;

  private static final String MIXED =
      "timestamp,bid,ask\n1704067200000,1,2\n1704067200000000,1,2\n";
  private static final String UNSORTED =
      "timestamp,bid,ask\n1704067200001,1,2\n1704067200000,1,2\n";

  private static void readAll(VenueInput input) throws IOException {
    try (VenueQuotes q = VenueReaders.open(input)) {
      while (q.next()) {
        q.timeMicros();
      }
    }
  }

  private VenueInput input(String text, VenueSettingNames names) throws IOException {
    Path file = Files.writeString(dir.resolve("v.csv"), text);
    return new VenueInput(file, VenueFormat.AUTO, null, EpochUnit.AUTO, false, names);
  }

  @Test
  void mixedUnitsNameTheCommandLineOptionOfTheVenue() throws IOException {
    VenueInput in = input(MIXED, VenueSettingNames.options("--time-unit-b", "--sort"));
    assertThatThrownBy(() -> readAll(in))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageEndingWith(
            "every row must use the same unit (or set --time-unit-b to read all in one)");
  }

  @Test
  void mixedUnitsNameTheSessionKeyOfTheVenue() throws IOException {
    VenueInput in = input(MIXED, VenueSettingNames.sessionKeys("time_unit_a", "sort_a"));
    assertThatThrownBy(() -> readAll(in))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageEndingWith(
            "every row must use the same unit (or set time_unit_a to read all in one)");
  }

  @Test
  void aRowOutOfOrderNamesTheSortOption() throws IOException {
    VenueInput in = input(UNSORTED, VenueSettingNames.options("--time-unit-a", "--sort"));
    assertThatThrownBy(() -> readAll(in))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageContaining("line 3, column timestamp: rows must be in time order")
        .hasMessageEndingWith("; sort the file by time, or let --sort sort it (in memory)");
  }

  @Test
  void aRowOutOfOrderNamesTheSessionsSortKey() throws IOException {
    VenueInput in = input(UNSORTED, VenueSettingNames.sessionKeys("time_unit_b", "sort_b"));
    assertThatThrownBy(() -> readAll(in))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageEndingWith(
            "; sort the file by time, or set sort_b: true in the session (or the plan line's"
                + " config) to sort it (in memory)");
  }
}
