package dev.arbtune.insights;

/**
 * One thread's share of a CSCV scan: the jobs {@code [from, to)} of a job-major matrix, over every
 * split. The jobs are taken {@link #CHUNK} at a time, copied column-major into a buffer that stays
 * in the cache, and for each chunk the splits are walked in order while a {@code long[]} of
 * in-sample totals is updated from one split to the next (one block in and one out per job in
 * revolving-door order). Two passes: {@link #winners} finds each split's in-sample winner among
 * these jobs, {@link #ranks} counts these jobs below and at the winner's out-of-sample total.
 * Everything is exact in {@code long}: with |value| at most {@link Pbo#MAX_ABS_MICROS} and at most
 * 64 blocks, totals and their differences stay below 2^63.
 */
final class CscvScan {

  /** Jobs per chunk: their in-sample and total columns and two block columns fit in L2. */
  static final int CHUNK = 2048;

  private final long[] micros;
  private final int blocks;
  private final long[] splits;
  private final int from;
  private final int to;
  private final long[][] columns;
  private final long[] totals;
  private final long[] is;

  CscvScan(long[] micros, int blocks, long[] splits, int from, int to) {
    this.micros = micros;
    this.blocks = blocks;
    this.splits = splits;
    this.from = from;
    this.to = to;
    int size = Math.min(CHUNK, to - from);
    this.columns = new long[blocks][size];
    this.totals = new long[size];
    this.is = new long[size];
  }

  /**
   * For every split, the largest in-sample total among these jobs into {@code bestIs} and the first
   * job that has it into {@code bestJob} (a global row index).
   */
  void winners(long[] bestIs, int[] bestJob) {
    for (int start = from; start < to; start += CHUNK) {
      int size = load(start);
      boolean first = start == from;
      for (int s = 0; s < splits.length; s++) {
        int winner = step(s, size) ? argmax(size) : swapAndArgmax(s, size);
        long value = is[winner];
        if (first || value > bestIs[s]) {
          bestIs[s] = value;
          bestJob[s] = start + winner;
        }
      }
    }
  }

  /**
   * For every split, adds to {@code counts} the number of these jobs whose out-of-sample total is
   * below the winner's, plus the number at or below it: 2 × below + equal.
   */
  void ranks(long[] winnerOos, long[] counts) {
    for (int start = from; start < to; start += CHUNK) {
      int size = load(start);
      for (int s = 0; s < splits.length; s++) {
        long w = winnerOos[s];
        counts[s] += step(s, size) ? count(size, w) : swapAndCount(s, size, w);
      }
    }
  }

  /** Copies jobs {@code start..} column-major and sums their totals; returns how many. */
  private int load(int start) {
    int size = Math.min(CHUNK, to - start);
    for (int j = 0; j < size; j++) {
      int row = (start + j) * blocks;
      long total = 0;
      for (int b = 0; b < blocks; b++) {
        long v = micros[row + b];
        columns[b][j] = v;
        total += v;
      }
      totals[j] = total;
    }
    return size;
  }

  /**
   * Brings {@link #is} to split {@code s}, unless it is one block in and one out from the previous
   * split: then returns false and leaves that move to the fused loops.
   */
  private boolean step(int s, int size) {
    long split = splits[s];
    if (s == 0) {
      fromScratch(split, size);
      return true;
    }
    long prev = splits[s - 1];
    long in = split & ~prev;
    long out = prev & ~split;
    int moves = Long.bitCount(in);
    if (moves == 1) {
      return false;
    }
    if (moves > blocks / 4) {
      fromScratch(split, size);
      return true;
    }
    for (; in != 0; in &= in - 1, out &= out - 1) {
      long[] add = columns[Long.numberOfTrailingZeros(in)];
      long[] sub = columns[Long.numberOfTrailingZeros(out)];
      for (int j = 0; j < size; j++) {
        is[j] += add[j] - sub[j];
      }
    }
    return true;
  }

  private void fromScratch(long split, int size) {
    System.arraycopy(columns[Long.numberOfTrailingZeros(split)], 0, is, 0, size);
    for (long rest = split & (split - 1); rest != 0; rest &= rest - 1) {
      long[] add = columns[Long.numberOfTrailingZeros(rest)];
      for (int j = 0; j < size; j++) {
        is[j] += add[j];
      }
    }
  }

  private int argmax(int size) {
    int winner = 0;
    long best = is[0];
    for (int j = 1; j < size; j++) {
      if (is[j] > best) {
        best = is[j];
        winner = j;
      }
    }
    return winner;
  }

  /** The one-in, one-out move to split {@code s} fused with {@link #argmax}. */
  private int swapAndArgmax(int s, int size) {
    long changed = splits[s] ^ splits[s - 1];
    long[] add = columns[Long.numberOfTrailingZeros(splits[s] & changed)];
    long[] sub = columns[Long.numberOfTrailingZeros(splits[s - 1] & changed)];
    int winner = 0;
    long best = Long.MIN_VALUE;
    for (int j = 0; j < size; j++) {
      long v = is[j] + add[j] - sub[j];
      is[j] = v;
      if (v > best) {
        best = v;
        winner = j;
      }
    }
    return winner;
  }

  /**
   * Below + at-or-below the winner's out-of-sample total {@code w}, from the sign bits of {@code d
   * = oos - w} and {@code d - 1} (|d| stays below 2^63).
   */
  private long count(int size, long w) {
    long c = 0;
    for (int j = 0; j < size; j++) {
      long d = totals[j] - is[j] - w;
      c += (d >>> 63) + ((d - 1) >>> 63);
    }
    return c;
  }

  /** The one-in, one-out move to split {@code s} fused with {@link #count}. */
  private long swapAndCount(int s, int size, long w) {
    long changed = splits[s] ^ splits[s - 1];
    long[] add = columns[Long.numberOfTrailingZeros(splits[s] & changed)];
    long[] sub = columns[Long.numberOfTrailingZeros(splits[s - 1] & changed)];
    long c = 0;
    for (int j = 0; j < size; j++) {
      long v = is[j] + add[j] - sub[j];
      is[j] = v;
      long d = totals[j] - v - w;
      c += (d >>> 63) + ((d - 1) >>> 63);
    }
    return c;
  }
}
