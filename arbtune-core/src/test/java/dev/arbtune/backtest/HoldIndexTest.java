package dev.arbtune.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The holding-period index against a naive computation, and its next-set-bit search. */
class HoldIndexTest {

  static Stream<Arguments> theIndexMatchesANaiveComputation() {
    return Tries.of(60, Gen.longs(), Gen.ints(1, 10_000));
  }

  @PropertyTest
  @MethodSource
  void theIndexMatchesANaiveComputation(long seed, int rows) {
    Random r = new Random(seed);
    Quotes q =
        r.nextBoolean()
            ? EngineDifferentialTest.randomStream(r, rows)
            : EngineDifferentialTest.holdingStream(r, rows);
    HoldIndex index = new HoldIndex(q);
    int n = q.size();
    for (int i = 0; i < n; i++) {
      boolean valid =
          q.bidA(i) > 0 && q.askA(i) >= q.bidA(i) && q.bidB(i) > 0 && q.askB(i) >= q.bidB(i);
      double sab = (q.bidB(i) - q.askA(i)) / q.askA(i) * 1e4;
      double sba = (q.bidA(i) - q.askB(i)) / q.askB(i) * 1e4;
      assertThat(index.nextNegAB(i, i + 1) == i).as("s_ab bit %d", i).isEqualTo(valid && sab < 0);
      assertThat(index.nextNegBA(i, i + 1) == i).as("s_ba bit %d", i).isEqualTo(valid && sba < 0);
    }
    assertBounds(q, index.blockBounds(), 64);
    assertBounds(q, index.superBounds(), 4096);
    assertThat(HoldIndex.bytes(n))
        .isEqualTo(
            2L * 8 * ((n + 63) / 64)
                + 8L * (index.blockBounds().length + index.superBounds().length));
  }

  private static void assertBounds(Quotes q, double[] bounds, int size) {
    int blocks = (q.size() + size - 1) / size;
    assertThat(bounds).hasSize(6 * blocks);
    for (int b = 0; b < blocks; b++) {
      double minA = Double.POSITIVE_INFINITY;
      double maxA = Double.NEGATIVE_INFINITY;
      double minB = Double.POSITIVE_INFINITY;
      double maxB = Double.NEGATIVE_INFINITY;
      double minD = Double.POSITIVE_INFINITY;
      double maxD = Double.NEGATIVE_INFINITY;
      for (int i = b * size; i < Math.min(q.size(), (b + 1) * size); i++) {
        if (q.bidA(i) > 0 && q.askA(i) >= q.bidA(i) && q.bidB(i) > 0 && q.askB(i) >= q.bidB(i)) {
          double midA = (q.bidA(i) + q.askA(i)) / 2;
          double midB = (q.bidB(i) + q.askB(i)) / 2;
          minA = Math.min(minA, midA);
          maxA = Math.max(maxA, midA);
          minB = Math.min(minB, midB);
          maxB = Math.max(maxB, midB);
          minD = Math.min(minD, midA - midB);
          maxD = Math.max(maxD, midA - midB);
        }
      }
      assertThat(Arrays.copyOfRange(bounds, 6 * b, 6 * b + 6))
          .as("block %d of %d rows", b, size)
          .containsExactly(minA, maxA, minB, maxB, minD, maxD);
    }
  }

  static Stream<Arguments> nextSetBitFindsTheFirstSetBitInRange() {
    return Tries.of(300, Gen.longs(), Gen.ints(1, 700));
  }

  @PropertyTest
  @MethodSource
  void nextSetBitFindsTheFirstSetBitInRange(long seed, int bits) {
    Random r = new Random(seed);
    double density = new double[] {0, 0.001, 0.02, 0.5, 1}[r.nextInt(5)];
    long[] words = new long[(bits + 63) / 64];
    boolean[] naive = new boolean[bits];
    for (int i = 0; i < bits; i++) {
      if (r.nextDouble() < density) {
        naive[i] = true;
        words[i >>> 6] |= 1L << i;
      }
    }
    for (int k = 0; k < 50; k++) {
      int from = r.nextInt(bits + 1);
      int to = r.nextInt(4) == 0 ? bits : from + r.nextInt(bits - from + 1);
      if (r.nextInt(8) == 0) {
        to = Math.max(0, from - r.nextInt(3)); // empty or reversed range
      }
      int expected = to;
      for (int i = from; i < to; i++) {
        if (naive[i]) {
          expected = i;
          break;
        }
      }
      assertThat(HoldIndex.nextSetBit(words, from, to))
          .as("[%d, %d)", from, to)
          .isEqualTo(expected);
    }
  }

  @Test
  void nextSetBitAtWordBoundaries() {
    long[] words = new long[3];
    words[1] = 1L; // bit 64
    words[2] = 1L << 63; // bit 191
    assertThat(HoldIndex.nextSetBit(words, 0, 64)).isEqualTo(64);
    assertThat(HoldIndex.nextSetBit(words, 0, 65)).isEqualTo(64);
    assertThat(HoldIndex.nextSetBit(words, 63, 192)).isEqualTo(64);
    assertThat(HoldIndex.nextSetBit(words, 65, 191)).isEqualTo(191);
    assertThat(HoldIndex.nextSetBit(words, 65, 192)).isEqualTo(191);
    assertThat(HoldIndex.nextSetBit(words, 191, 192)).isEqualTo(191);
    assertThat(HoldIndex.nextSetBit(words, 5, 5)).isEqualTo(5);
  }

  @Test
  void theBytesOfTheIndexesAreCounted() {
    assertThat(HoldIndex.bytes(0)).isZero();
    assertThat(HoldIndex.bytes(1)).isEqualTo(16 + 48 + 48);
    assertThat(HoldIndex.bytes(4096)).isEqualTo(2 * 8 * 64 + 48 * 64 + 48);
    assertThat(HoldIndex.bytesPerRow())
        .isCloseTo(1.0117, org.assertj.core.data.Offset.offset(1e-4));
    assertThat((double) HoldIndex.bytes(1 << 20) / (1 << 20)).isEqualTo(HoldIndex.bytesPerRow());
    assertThat(Quotes.engineIndexBytes(12_345))
        .isEqualTo(FlatIndex.bytes(12_345) + HoldIndex.bytes(12_345));
  }
}
