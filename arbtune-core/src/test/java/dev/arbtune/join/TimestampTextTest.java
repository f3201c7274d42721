package dev.arbtune.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fast timestamp writer writes what {@link java.time.Instant#toString()} writes. */
class TimestampTextTest {

  static Stream<Arguments> writesWhatInstantToStringWrites() {
    // years 0001 to 9999, at microsecond, millisecond and second precision
    return Tries.of(
        2000,
        Gen.longs(-62_135_596_800_000_000L, 253_402_300_799_999_999L),
        Gen.of(1L, 1_000L, 1_000_000L),
        Gen.ints(0, 3));
  }

  @PropertyTest
  @MethodSource
  void writesWhatInstantToStringWrites(long micros, long precision, int steps) {
    long t = Math.floorDiv(micros, precision) * precision;
    TimestampText text = new TimestampText();
    for (int i = 0; i <= steps; i++) {
      // several times through one writer: its cached day must follow
      long at = t + i * 43_200_000_000L;
      StringBuilder out = new StringBuilder();
      text.append(out, at);
      assertThat(out.toString()).isEqualTo(EpochUnit.instant(at).toString());
    }
  }
}
