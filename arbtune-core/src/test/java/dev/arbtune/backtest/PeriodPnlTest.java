package dev.arbtune.backtest;

import static dev.arbtune.backtest.TestQuotes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The blocks of period_pnl, worked by hand (docs/MODEL.md, "Per-period PnL"). */
class PeriodPnlTest {

  private static final long START = EpochUnit.micros(T0);

  private static Trade closed(long secondsAfterT0, double pnl) {
    Instant t = T0.plusSeconds(secondsAfterT0);
    return new Trade(1, Direction.BUY_A_SELL_B, T0, t, 1, 1, 1, 1, 1, 0, pnl);
  }

  @Test
  void aCloseCountsInTheBlockWhereItClosedAndTheLastBlockIncludesTheEnd() {
    PeriodPnl.Collector c = new PeriodPnl.Collector();
    c.accept(closed(1, 1.5)); // block 0: [0s, 2s)
    c.accept(closed(2, -0.25)); // exactly at block 1's start
    c.accept(closed(7, 2.0)); // block 3: [6s, 8s]
    c.accept(closed(8, 0.125)); // the window's end: the last block
    c.accept(new Trade(2, Direction.BUY_A_SELL_B, T0, null, 1, 1, 1, 1, 1, 0, 99)); // open

    PeriodPnl p = c.finish(START, START + 8_000_000, 4);

    assertThat(p.toMap().get("block_starts"))
        .isEqualTo(
            Arrays.asList(
                "2024-01-01T00:00:00Z",
                "2024-01-01T00:00:02Z",
                "2024-01-01T00:00:04Z",
                "2024-01-01T00:00:06Z"));
    assertThat(p.toMap().get("end")).isEqualTo("2024-01-01T00:00:08Z");
    assertThat(p.pnlUsd()).containsExactly(1.5, -0.25, 0.0, 2.125);
    assertThat(p.trades()).containsExactly(1, 1, 0, 2);
  }

  @Test
  void aWindowOfOneInstantHasOneMicrosecondBlocksAndEverythingInTheFirst() {
    PeriodPnl.Collector c = new PeriodPnl.Collector();
    c.accept(closed(0, 3.0));

    PeriodPnl p = c.finish(START, START, 2);

    assertThat(p.blockStarts()).containsExactly(START, START + 1);
    assertThat(p.end()).isEqualTo(START);
    assertThat(p.pnlUsd()).containsExactly(3.0, 0.0);
    assertThat(p.trades()).containsExactly(1, 0);
  }

  @Test
  void blocksOfASpanNotDivisibleByTheirCountAreRoundedUpToTheMicrosecond() {
    assertThat(PeriodPnl.blockMicros(0, 10, 4)).isEqualTo(3);
    assertThat(PeriodPnl.blockMicros(0, 8, 4)).isEqualTo(2);
    assertThat(PeriodPnl.blockMicros(5, 5, 64)).isEqualTo(1);
  }

  @Test
  void blockValuesAddUpInDecimalToTheRoundedRealizedPnl() {
    PeriodPnl.Collector c = new PeriodPnl.Collector();
    c.accept(closed(0, 0.1));
    c.accept(closed(1, 0.2)); // running sum 0.30000000000000004
    c.accept(closed(2, 0.3)); // running sum 0.6000000000000001, the engine's realized_pnl_usd

    PeriodPnl p = c.finish(START, START + 2_000_000, 3);

    assertThat(p.pnlUsd()).containsExactly(0.1, 0.2, 0.3);
    BigDecimal sum = BigDecimal.ZERO;
    for (double v : p.pnlUsd()) {
      sum = sum.add(BigDecimal.valueOf(v));
    }
    assertThat(sum)
        .isEqualByComparingTo(BigDecimal.valueOf(BacktestMetrics.round(0.1 + 0.2 + 0.3, 6)));
  }

  @Test
  void pnlBlocksIsAnIntegerFromTwoToSixtyFourWrittenOnlyWhenNotSixteen() {
    for (Object bad : new Object[] {1, 65, 2.5}) {
      assertThatThrownBy(
              () -> BacktestConfig.fromMap(Map.of("data_file", "x.csv", "pnl_blocks", bad)))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("pnl_blocks");
    }
    assertThatThrownBy(() -> BacktestConfig.fromMap(Map.of("data_file", "x.csv", "pnl_blocks", 1)))
        .hasMessageContaining("must be an integer from 2 to 64 (blocks of period_pnl), got 1");
    assertThat(BacktestConfig.fromMap(Map.of("data_file", "x.csv")).pnlBlocks()).isEqualTo(16);
    assertThat(BacktestConfig.fromMap(Map.of("data_file", "x.csv")).toMap())
        .doesNotContainKey("pnl_blocks");
    assertThat(BacktestConfig.fromMap(Map.of("data_file", "x.csv", "pnl_blocks", 64)).toMap())
        .containsEntry("pnl_blocks", 64);
  }

  @Test
  void timesAreWrittenAsInstantsWhicheverBlocksCameBefore() {
    PeriodPnl a = new PeriodPnl(new long[] {0, 1_500_000}, 2_000_000, new double[2], new int[2]);
    PeriodPnl b =
        new PeriodPnl(new long[] {START, START + 1}, START + 2_000_123, new double[2], new int[2]);
    PeriodPnl sameStartsOtherEnd =
        new PeriodPnl(new long[] {0, 1_500_000}, 2_500_000, new double[2], new int[2]);

    for (int round = 0; round < 2; round++) {
      assertThat(a.toMap().get("block_starts"))
          .isEqualTo(java.util.List.of("1970-01-01T00:00:00Z", "1970-01-01T00:00:01.500Z"));
      assertThat(a.toMap().get("end")).isEqualTo("1970-01-01T00:00:02Z");
      assertThat(b.toMap().get("block_starts"))
          .isEqualTo(java.util.List.of(T0.toString(), EpochUnit.instant(START + 1).toString()));
      assertThat(b.toMap().get("end")).isEqualTo(EpochUnit.instant(START + 2_000_123).toString());
      assertThat(sameStartsOtherEnd.toMap().get("end")).isEqualTo("1970-01-01T00:00:02.500Z");
      assertThat(sameStartsOtherEnd.toMap().get("block_starts"))
          .isEqualTo(a.toMap().get("block_starts"));
    }
  }

  static Stream<Arguments> blocksAreTheDecimalDifferencesOfTheRoundedRunningSums() {
    return Tries.of(400, Gen.longs(), Gen.ints(2, 64), Gen.ints(0, 40));
  }

  /**
   * Random closes (several in one block, none in many, some at the window's ends, amounts with 6
   * decimals or a few ulps off them) give, to the bit, each block's {@code round₆(R_k) −
   * round₆(R_{k−1})} worked in decimal for every block (the reference's rounding, no shortcut), and
   * the document's lists are those values.
   */
  @PropertyTest
  @MethodSource
  void blocksAreTheDecimalDifferencesOfTheRoundedRunningSums(long seed, int blocks, int trades) {
    SplittableRandom r = new SplittableRandom(seed);
    long span =
        r.nextBoolean() ? 1 + r.nextLong(1_000_000) : r.nextLong(1, 14 * 86_400L) * 1_000_000;
    long end = START + span;
    long[] closes = new long[trades];
    for (int i = 0; i < trades; i++) {
      closes[i] =
          r.nextInt(8) == 0 ? (r.nextBoolean() ? START : end) : START + r.nextLong(span + 1);
    }
    Arrays.sort(closes);
    PeriodPnl.Collector c = new PeriodPnl.Collector();
    double[] running = new double[trades];
    double sum = 0;
    for (int i = 0; i < trades; i++) {
      double pnl = (r.nextBoolean() ? 1 : -1) * r.nextLong(1L << r.nextInt(1, 40)) / 1e6;
      if (r.nextBoolean()) {
        pnl = r.nextBoolean() ? Math.nextUp(pnl) : Math.nextDown(pnl);
      }
      if (r.nextInt(6) == 0) {
        c.accept(new Trade(i + 1, Direction.BUY_A_SELL_B, T0, null, 1, 1, 1, 1, 1, 0, 7.5));
      }
      Instant at = EpochUnit.instant(closes[i]);
      c.accept(new Trade(i + 1, Direction.BUY_A_SELL_B, T0, at, 1, 1, 1, 1, 1, 0, pnl));
      sum += pnl;
      running[i] = sum;
    }

    PeriodPnl p = c.finish(START, end, blocks);

    long width = PeriodPnl.blockMicros(START, end, blocks);
    double[] expected = new double[blocks];
    int[] counts = new int[blocks];
    BigDecimal previous = BigDecimal.ZERO;
    int t = 0;
    for (int k = 0; k < blocks; k++) {
      while (t < trades && (k == blocks - 1 || (closes[t] - START) / width <= k)) {
        counts[k]++;
        t++;
      }
      BigDecimal total =
          t == 0
              ? BigDecimal.ZERO
              : BigDecimal.valueOf(BacktestMetrics.roundDecimal(running[t - 1], 6));
      expected[k] = total.subtract(previous).doubleValue();
      previous = total;
    }
    assertThat(Arrays.stream(p.pnlUsd()).mapToLong(Double::doubleToRawLongBits).toArray())
        .containsExactly(Arrays.stream(expected).mapToLong(Double::doubleToRawLongBits).toArray());
    assertThat(p.trades()).containsExactly(counts);
    assertThat(p.toMap().get("pnl_usd")).isEqualTo(Arrays.stream(expected).boxed().toList());
    assertThat(p.toMap().get("trades")).isEqualTo(Arrays.stream(counts).boxed().toList());
  }
}
