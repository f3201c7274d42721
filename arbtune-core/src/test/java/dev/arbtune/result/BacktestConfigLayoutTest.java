package dev.arbtune.result;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.testing.Configs;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link BacktestConfig#writeTo(DocumentLayout)} lays out exactly the members of {@link
 * BacktestConfig#toMap()}, in its order, venue keys included: the same bytes as the map written by
 * {@link PlainDocumentWriter}, or declined together (a tag or a path that is not plain).
 */
class BacktestConfigLayoutTest {

  static Stream<Arguments> aConfigIsLaidOutAsItsMap() {
    return Tries.of(2000, Configs.extreme());
  }

  private static final int[] OUTCOMES = new int[2];

  @PropertyTest
  @MethodSource
  void aConfigIsLaidOutAsItsMap(Map<String, Object> raw) {
    BacktestConfig config = BacktestConfig.fromMap(raw);

    byte[] laidOut = Layouts.document(config::writeTo, out -> {}, out -> {});
    byte[] reference =
        PlainDocumentWriter.success(null, config.toMap(), Map.of(), Map.of(), Map.of());

    Layouts.countOutcome(OUTCOMES, Layouts.assertLaidOutAsReference(laidOut, reference), 1000, 3);
  }
}
