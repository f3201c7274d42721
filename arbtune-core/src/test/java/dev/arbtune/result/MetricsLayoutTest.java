package dev.arbtune.result;

import dev.arbtune.backtest.BacktestMetrics;
import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link BacktestMetrics#writeTo(DocumentLayout, double)} lays out exactly the members of {@link
 * BacktestMetrics#toMap(double)}, in its order and rounded as it rounds: the same bytes as the map
 * written by {@link PlainDocumentWriter}, or declined together (a non-finite amount or runtime).
 */
class MetricsLayoutTest {

  /** Mostly finite amounts of every magnitude, now and then NaN or an infinity. */
  private static Gen<Double> amounts() {
    return Gen.frequencyOf(
        Gen.w(30, Gen.doubles(-1e300, 1e300)),
        Gen.w(30, Gen.doubles(-1e7, 1e7)),
        Gen.w(20, Gen.decimals(-10_000, 10_000, 9)),
        Gen.w(10, Gen.longs(-20_000_000, 20_000_000).map(Long::doubleValue)),
        Gen.w(5, Gen.of(-0.0, 0.0, 9_999_999.0, 1e7, 0.5e-6, 1.5e-6, 2.5e-6, Double.MIN_VALUE)),
        Gen.w(1, Gen.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
  }

  private static Gen<BacktestMetrics> metrics() {
    Gen<Double> amounts = amounts();
    Gen<Integer> counts = Gen.ints(0, Integer.MAX_VALUE / 2);
    Gen<Long> quotes = Gen.longs(0, Long.MAX_VALUE);
    return s -> {
      int closed = counts.draw(s);
      int open = counts.draw(s);
      long processed = quotes.draw(s);
      long skipped = Gen.longs(0, processed).draw(s);
      return new BacktestMetrics(
          closed + open,
          closed,
          open,
          amounts.draw(s),
          amounts.draw(s),
          amounts.draw(s),
          amounts.draw(s),
          amounts.draw(s),
          amounts.draw(s),
          amounts.draw(s),
          s.random().nextInt(4) == 0 ? null : amounts.draw(s),
          amounts.draw(s),
          s.random().nextInt(4) == 0 ? null : amounts.draw(s),
          amounts.draw(s),
          processed,
          skipped,
          s.random().nextBoolean());
    };
  }

  static Stream<Arguments> metricsAreLaidOutAsTheirMap() {
    return Tries.of(
        2000,
        metrics(),
        Gen.frequencyOf(
            Gen.w(20, Gen.doubles(0, 1e6)),
            Gen.w(5, Gen.decimals(0, 100, 4)),
            Gen.w(1, Gen.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0))));
  }

  private static final int[] OUTCOMES = new int[2];

  @PropertyTest
  @MethodSource
  void metricsAreLaidOutAsTheirMap(BacktestMetrics metrics, double runtimeSeconds) {
    byte[] laidOut =
        Layouts.document(out -> {}, out -> metrics.writeTo(out, runtimeSeconds), out -> {});
    byte[] reference =
        PlainDocumentWriter.success(
            null, Map.of(), metrics.toMap(runtimeSeconds), Map.of(), Map.of());

    Layouts.countOutcome(OUTCOMES, Layouts.assertLaidOutAsReference(laidOut, reference), 1000, 3);
  }
}
