package dev.arbtune.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CscvSplitsTest {

  /** Every split once, each with S/2 blocks, and neighbours one block in and one out apart. */
  @ParameterizedTest
  @ValueSource(ints = {2, 4, 6, 8, 10, 12, 14, 16, 18, 20})
  void enumeratesEverySplitInRevolvingDoorOrder(int blocks) {
    long[] splits = CscvSplits.of(blocks);

    assertThat(CscvSplits.sampled(blocks)).isFalse();
    assertThat(splits).hasSize((int) CscvSplits.binomial(blocks, blocks / 2));
    assertThat(Arrays.stream(splits).distinct().count()).isEqualTo(splits.length);
    int wrongSize = 0;
    int outside = 0;
    int notOneSwap = 0;
    for (int s = 0; s < splits.length; s++) {
      wrongSize += Long.bitCount(splits[s]) == blocks / 2 ? 0 : 1;
      outside += splits[s] >>> blocks == 0 ? 0 : 1;
      notOneSwap += s == 0 || Long.bitCount(splits[s] ^ splits[s - 1]) == 2 ? 0 : 1;
    }
    assertThat(new int[] {wrongSize, outside, notOneSwap}).containsExactly(0, 0, 0);
  }

  @Test
  void countsTheSplits() {
    assertThat(CscvSplits.of(16)).hasSize(12_870);
    assertThat(CscvSplits.of(20)).hasSize(184_756);
  }

  @ParameterizedTest
  @ValueSource(ints = {22, 40, 64})
  void samplesDistinctSplitsWithAFixedSeed(int blocks) {
    long[] splits = CscvSplits.of(blocks);

    assertThat(CscvSplits.sampled(blocks)).isTrue();
    assertThat(splits).hasSize(100_000);
    Set<Long> seen = new HashSet<>();
    int[] perBlock = new int[blocks];
    int wrong = 0;
    for (long s : splits) {
      boolean ok =
          Long.bitCount(s) == blocks / 2 && (blocks == 64 || s >>> blocks == 0) && seen.add(s);
      wrong += ok ? 0 : 1;
      for (int b = 0; b < blocks; b++) {
        perBlock[b] += (int) ((s >>> b) & 1);
      }
    }
    assertThat(wrong).isZero();
    // each block is in sample in about half the splits (binomial sd ~160)
    for (int count : perBlock) {
      assertThat(count).isBetween(49_000, 51_000);
    }
    assertThat(Arrays.equals(CscvSplits.of(blocks), splits)).as("the same sample again").isTrue();
  }
}
