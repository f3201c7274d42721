package dev.arbtune.result;

import dev.arbtune.backtest.PeriodPnl;
import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PeriodPnl#writeTo(DocumentLayout)} lays out exactly the members of {@link
 * PeriodPnl#toMap()}, in its order: the same bytes as the map written by {@link
 * PlainDocumentWriter} as a document's {@code period_pnl}, or declined together (a non-finite PnL).
 */
class PeriodPnlLayoutTest {

  private static Gen<PeriodPnl> periods() {
    Gen<Integer> blocks = Gen.ints(0, 70);
    Gen<Long> times = Gen.longs();
    Gen<Double> pnl =
        Gen.frequencyOf(
            Gen.w(
                400,
                Gen.oneOf(
                    Gen.doubles(-1e300, 1e300),
                    Gen.decimals(-10_000, 10_000, 2),
                    Gen.of(-0.0, 0.0, 9_999_999.0, 1e7, -1e7))),
            Gen.w(1, Gen.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
    Gen<Integer> trades = Gen.ints();
    return s -> {
      int n = blocks.draw(s);
      long[] starts = new long[n];
      double[] pnlUsd = new double[n];
      int[] counts = new int[n];
      for (int k = 0; k < n; k++) {
        starts[k] = times.draw(s);
        pnlUsd[k] = pnl.draw(s);
        counts[k] = trades.draw(s);
      }
      return new PeriodPnl(starts, times.draw(s), pnlUsd, counts);
    };
  }

  static Stream<Arguments> periodPnlIsLaidOutAsItsMap() {
    return Tries.of(1000, periods());
  }

  private static final int[] OUTCOMES = new int[2];

  @PropertyTest
  @MethodSource
  void periodPnlIsLaidOutAsItsMap(PeriodPnl periods) {
    byte[] laidOut =
        Layouts.document(
            out -> {},
            out -> {},
            out -> {
              out.beginObject(PeriodPnl.KEY);
              periods.writeTo(out);
              out.end();
            });
    byte[] reference =
        PlainDocumentWriter.success(
            null, Map.of(), Map.of(), Map.of(), Map.of(PeriodPnl.KEY, periods.toMap()));

    Layouts.countOutcome(OUTCOMES, Layouts.assertLaidOutAsReference(laidOut, reference), 500, 3);
  }
}
