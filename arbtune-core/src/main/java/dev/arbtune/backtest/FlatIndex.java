package dev.arbtune.backtest;

/**
 * The per-file index of the fast engine: for each row an upper bound of the best spread {@code
 * max(s_ab, s_ba)} (bps, as a float rounded up; minus infinity on rows that can never open a
 * trade), the maxima of blocks of 64 and of 4,096 rows, and the number of invalid rows before each
 * row. About 8.06 bytes per row (4 + 4 + 4/64 + 4/4,096). Built once per {@link Quotes} and shared
 * read-only by every job and thread.
 */
final class FlatIndex {

  private static final double BPS = 1e4;
  private static final int BLOCK_SHIFT = 6;
  private static final int SUPER_SHIFT = 12;
  private static final int BLOCK = 1 << BLOCK_SHIFT;
  private static final int SUPER = 1 << SUPER_SHIFT;

  private final float[] best;
  private final float[] blockMax;
  private final float[] superMax;
  private final int[] invalidBefore;

  FlatIndex(Quotes quotes) {
    int n = quotes.size();
    double[] bidAs = quotes.bidAColumn();
    double[] askAs = quotes.askAColumn();
    double[] bidBs = quotes.bidBColumn();
    double[] askBs = quotes.askBColumn();
    best = new float[n];
    invalidBefore = new int[n + 1];
    blockMax = new float[(n + BLOCK - 1) >>> BLOCK_SHIFT];
    superMax = new float[(n + SUPER - 1) >>> SUPER_SHIFT];
    java.util.Arrays.fill(blockMax, Float.NEGATIVE_INFINITY);
    java.util.Arrays.fill(superMax, Float.NEGATIVE_INFINITY);
    int invalid = 0;
    for (int i = 0; i < n; i++) {
      double bidA = bidAs[i];
      double askA = askAs[i];
      double bidB = bidBs[i];
      double askB = askBs[i];
      float b = Float.NEGATIVE_INFINITY;
      if (Quotes.tradable(bidA, askA, bidB, askB)) {
        // The same formulas as the engine; a NaN (never opens a trade there) stays minus infinity.
        double s = Math.max((bidB - askA) / askA * BPS, (bidA - askB) / askB * BPS);
        if (!Double.isNaN(s)) {
          b = (float) s;
          if (b < s) {
            b = Math.nextUp(b);
          }
        }
      } else {
        invalid++;
      }
      invalidBefore[i + 1] = invalid;
      best[i] = b;
      int k = i >>> BLOCK_SHIFT;
      if (b > blockMax[k]) {
        blockMax[k] = b;
      }
      int s = i >>> SUPER_SHIFT;
      if (b > superMax[s]) {
        superMax[s] = b;
      }
    }
  }

  /** Bytes held for {@code rows} rows. */
  static long bytes(int rows) {
    return (long) rows * (Float.BYTES + Integer.BYTES)
        + Integer.BYTES
        + (long) Float.BYTES
            * (((rows + BLOCK - 1) >>> BLOCK_SHIFT) + ((rows + SUPER - 1) >>> SUPER_SHIFT));
  }

  /**
   * The first row in {@code [from, to)} whose best-spread bound is at least {@code floor}, or
   * {@code to} when there is none.
   */
  int next(int from, int to, double floor) {
    int i = from;
    int blockEnd = Math.min(to, (i | (BLOCK - 1)) + 1);
    for (; i < blockEnd; i++) {
      if (best[i] >= floor) {
        return i;
      }
    }
    while (i < to) {
      if ((i & (SUPER - 1)) == 0 && superMax[i >>> SUPER_SHIFT] < floor) {
        i += SUPER;
        continue;
      }
      if (blockMax[i >>> BLOCK_SHIFT] < floor) {
        i += BLOCK;
        continue;
      }
      int end = Math.min(to, i + BLOCK);
      for (; i < end; i++) {
        if (best[i] >= floor) {
          return i;
        }
      }
    }
    return to;
  }

  /** The number of invalid rows in {@code [from, to)}. */
  int invalidBetween(int from, int to) {
    return invalidBefore[to] - invalidBefore[from];
  }
}
