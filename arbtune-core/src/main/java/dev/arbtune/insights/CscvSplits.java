package dev.arbtune.insights;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The splits of combinatorially symmetric cross-validation: which S/2 of the S blocks are in
 * sample, as bit masks (bit {@code b} set: block {@code b} is in sample).
 *
 * <p>Up to {@link #EXHAUSTIVE_MAX_BLOCKS} blocks, every split, in revolving-door order (Knuth, The
 * Art of Computer Programming 4A, 7.2.1.3): consecutive splits differ by one block moving in and
 * one moving out, so an in-sample total is updated with one addition and one subtraction. Above,
 * {@link #SAMPLE_SIZE} distinct splits drawn with a {@link SplittableRandom} seeded with {@link
 * #SAMPLE_SEED} (each a uniform S/2-subset by Floyd's algorithm, repeats drawn again), sorted
 * ascending so that neighbours share their high blocks.
 */
final class CscvSplits {

  /** All C(S, S/2) splits up to this many blocks (C(20, 10) = 184,756). */
  static final int EXHAUSTIVE_MAX_BLOCKS = 20;

  /** How many distinct splits are sampled above {@link #EXHAUSTIVE_MAX_BLOCKS} blocks. */
  static final int SAMPLE_SIZE = 100_000;

  /** The seed of the sampler: the same splits for the same S on every run. */
  static final long SAMPLE_SEED = 0x5EED_0015L;

  private CscvSplits() {}

  /** The splits of {@code blocks} (even, 2..64) blocks into halves. */
  static long[] of(int blocks) {
    return blocks <= EXHAUSTIVE_MAX_BLOCKS ? revolvingDoor(blocks, blocks / 2) : sample(blocks);
  }

  /** How many splits {@link #of} gives. */
  static int count(int blocks) {
    return sampled(blocks) ? SAMPLE_SIZE : Math.toIntExact(binomial(blocks, blocks / 2));
  }

  /** Whether {@link #of} samples for this many blocks rather than enumerating. */
  static boolean sampled(int blocks) {
    return blocks > EXHAUSTIVE_MAX_BLOCKS;
  }

  /** Every k-subset of n (at most 62) elements in revolving-door order. */
  static long[] revolvingDoor(int n, int k) {
    long[] out = new long[Math.toIntExact(binomial(n, k))];
    int filled = fill(out, 0, n, k, 0L, false);
    if (filled != out.length) {
      throw new IllegalStateException("revolving door filled " + filled + " of " + out.length);
    }
    return out;
  }

  /**
   * Writes the revolving-door list of the k-subsets of {0..n-1} (or its reverse), each OR-ed with
   * {@code high}, at {@code pos}: R(n, k) = R(n-1, k), then R(n-1, k-1) reversed with n-1 added.
   */
  private static int fill(long[] out, int pos, int n, int k, long high, boolean reversed) {
    if (k == 0) {
      out[pos] = high;
      return pos + 1;
    }
    if (k == n) {
      out[pos] = high | ((1L << n) - 1);
      return pos + 1;
    }
    long top = high | (1L << (n - 1));
    if (reversed) {
      pos = fill(out, pos, n - 1, k - 1, top, false);
      return fill(out, pos, n - 1, k, high, true);
    }
    pos = fill(out, pos, n - 1, k, high, false);
    return fill(out, pos, n - 1, k - 1, top, true);
  }

  /** {@link #SAMPLE_SIZE} distinct splits of {@code blocks} blocks, sorted. */
  static long[] sample(int blocks) {
    int k = blocks / 2;
    SplittableRandom random = new SplittableRandom(SAMPLE_SEED);
    // Open addressing over a power of two at least twice the sample; 0 is never a split.
    long[] table = new long[Integer.highestOneBit(SAMPLE_SIZE) << 2];
    int tableMask = table.length - 1;
    long[] out = new long[SAMPLE_SIZE];
    int size = 0;
    while (size < SAMPLE_SIZE) {
      long split = 0;
      for (int j = blocks - k; j < blocks; j++) {
        int t = random.nextInt(j + 1);
        split |= (split & (1L << t)) == 0 ? 1L << t : 1L << j;
      }
      int slot = (int) (mix(split) & tableMask);
      while (table[slot] != 0 && table[slot] != split) {
        slot = (slot + 1) & tableMask;
      }
      if (table[slot] == 0) {
        table[slot] = split;
        out[size++] = split;
      }
    }
    Arrays.sort(out);
    return out;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  /** C(n, k), exact while C(n, k) × n fits a long (here n is at most 20). */
  static long binomial(int n, int k) {
    long c = 1;
    for (int i = 1; i <= k; i++) {
      c = c * (n - k + i) / i;
    }
    return c;
  }
}
