package dev.arbtune.backtest;

/**
 * The fast engine's per-file index for holding periods (docs/MODEL.md, "Engines"): two bitsets of
 * the valid rows where a direction's spread is negative (where a trade of that direction closes),
 * and the minimum and maximum of each venue's mid price and of their difference over the valid rows
 * of every aligned block of 64 and of 4,096 rows (the reference's own formulas, so the bounds hold
 * double for double). About 1.01 bytes per row (2/8 + 48/64 + 48/4,096). Built once per {@link
 * Quotes} and shared read-only by every job and thread.
 */
final class HoldIndex {

  private static final double BPS = 1e4;
  static final int BLOCK_SHIFT = 6;
  static final int SUPER_SHIFT = 12;
  static final int BLOCK = 1 << BLOCK_SHIFT;
  static final int SUPER = 1 << SUPER_SHIFT;

  // Per block: min mid A, max mid A, min mid B, max mid B; min > max when no row is valid.
  static final int MIN_A = 0;
  static final int MAX_A = 1;
  static final int MIN_B = 2;
  static final int MAX_B = 3;
  // And the least and greatest difference midA - midB (a double, as computed) over the block.
  static final int MIN_D = 4;
  static final int MAX_D = 5;
  static final int BOUNDS = 6;

  private final long[] negAB;
  private final long[] negBA;
  private final double[] blockBounds;
  private final double[] superBounds;

  HoldIndex(Quotes quotes) {
    int n = quotes.size();
    double[] bidAs = quotes.bidAColumn();
    double[] askAs = quotes.askAColumn();
    double[] bidBs = quotes.bidBColumn();
    double[] askBs = quotes.askBColumn();
    negAB = new long[words(n)];
    negBA = new long[words(n)];
    blockBounds = emptyBounds((n + BLOCK - 1) >>> BLOCK_SHIFT);
    superBounds = emptyBounds((n + SUPER - 1) >>> SUPER_SHIFT);
    for (int i = 0; i < n; i++) {
      double bidA = bidAs[i];
      double askA = askAs[i];
      double bidB = bidBs[i];
      double askB = askBs[i];
      if (!Quotes.tradable(bidA, askA, bidB, askB)) {
        continue;
      }
      // The engine's own expressions: a NaN spread closes nothing and sets no bit.
      if ((bidB - askA) / askA * BPS < 0) {
        negAB[i >>> 6] |= 1L << i;
      }
      if ((bidA - askB) / askB * BPS < 0) {
        negBA[i >>> 6] |= 1L << i;
      }
      double midA = (bidA + askA) / 2;
      double midB = (bidB + askB) / 2;
      widen(blockBounds, (i >>> BLOCK_SHIFT) * BOUNDS, midA, midB);
      widen(superBounds, (i >>> SUPER_SHIFT) * BOUNDS, midA, midB);
    }
  }

  private static int words(int rows) {
    return (rows + 63) >>> 6;
  }

  private static double[] emptyBounds(int blocks) {
    double[] bounds = new double[blocks * BOUNDS];
    for (int b = 0; b < blocks; b++) {
      bounds[b * BOUNDS + MIN_A] = Double.POSITIVE_INFINITY;
      bounds[b * BOUNDS + MAX_A] = Double.NEGATIVE_INFINITY;
      bounds[b * BOUNDS + MIN_B] = Double.POSITIVE_INFINITY;
      bounds[b * BOUNDS + MAX_B] = Double.NEGATIVE_INFINITY;
      bounds[b * BOUNDS + MIN_D] = Double.POSITIVE_INFINITY;
      bounds[b * BOUNDS + MAX_D] = Double.NEGATIVE_INFINITY;
    }
    return bounds;
  }

  private static void widen(double[] bounds, int o, double midA, double midB) {
    if (midA < bounds[o + MIN_A]) {
      bounds[o + MIN_A] = midA;
    }
    if (midA > bounds[o + MAX_A]) {
      bounds[o + MAX_A] = midA;
    }
    if (midB < bounds[o + MIN_B]) {
      bounds[o + MIN_B] = midB;
    }
    if (midB > bounds[o + MAX_B]) {
      bounds[o + MAX_B] = midB;
    }
    double d = midA - midB;
    if (d < bounds[o + MIN_D]) {
      bounds[o + MIN_D] = d;
    }
    if (d > bounds[o + MAX_D]) {
      bounds[o + MAX_D] = d;
    }
  }

  /** Bytes held per row (the block bounds rounded in). */
  static double bytesPerRow() {
    return 2.0 / Byte.SIZE
        + (double) BOUNDS * Double.BYTES / BLOCK
        + (double) BOUNDS * Double.BYTES / SUPER;
  }

  /** Bytes held for {@code rows} rows. */
  static long bytes(int rows) {
    return 2L * Long.BYTES * words(rows)
        + (long) BOUNDS
            * Double.BYTES
            * (((rows + BLOCK - 1) >>> BLOCK_SHIFT) + ((rows + SUPER - 1) >>> SUPER_SHIFT));
  }

  /**
   * The first row in {@code [from, to)} that is valid and has {@code s_ab < 0}, or {@code to} when
   * there is none.
   */
  int nextNegAB(int from, int to) {
    return nextSetBit(negAB, from, to);
  }

  /**
   * The first row in {@code [from, to)} that is valid and has {@code s_ba < 0}, or {@code to} when
   * there is none.
   */
  int nextNegBA(int from, int to) {
    return nextSetBit(negBA, from, to);
  }

  /** The bounds of the 64-row blocks: {@link #BOUNDS} values for block {@code b} from 6·b. */
  double[] blockBounds() {
    return blockBounds;
  }

  /** The bounds of the 4,096-row blocks, laid out as {@link #blockBounds()}. */
  double[] superBounds() {
    return superBounds;
  }

  /**
   * The first set bit of {@code bits} in {@code [from, to)}, or {@code to} when there is none (or
   * {@code from >= to}); {@code to} must not exceed the bits' rows.
   */
  static int nextSetBit(long[] bits, int from, int to) {
    if (from >= to) {
      return to;
    }
    int w = from >>> 6;
    long word = bits[w] & (-1L << from);
    while (word == 0) {
      w++;
      if ((long) w << 6 >= to) {
        return to;
      }
      word = bits[w];
    }
    return (int) Math.min(to, ((long) w << 6) + Long.numberOfTrailingZeros(word));
  }
}
