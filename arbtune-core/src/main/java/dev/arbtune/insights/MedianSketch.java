package dev.arbtune.insights;

import java.util.Arrays;

/**
 * The median of a stream of numbers in bounded memory, the same whatever the order of the values
 * and however they were split between threads: exact while at most {@link #EXACT_LIMIT} values have
 * been seen (they are kept), then estimated from counts in logarithmic buckets.
 *
 * <p>The buckets are those of the bits of a double: the sign, the 11 exponent bits and the top
 * {@value #SUB_BITS} bits of the mantissa, so each binade [2^e, 2^(e+1)) is cut into 256 buckets of
 * equal width and a bucket is at most 1/256 of its lower bound wide. A value is estimated by the
 * midpoint of its bucket, within 2^-9 (0.2%) of its magnitude (for magnitudes above 2^-1022, the
 * smallest normal double); zero has a bucket of its own. The counts are a function of the multiset
 * of values alone, so merging in any order gives the same sketch and the same median.
 *
 * <p>The occupied buckets are kept as sorted arrays of keys and counts; new values wait in a buffer
 * of {@value #PENDING} keys, which is sorted and merged into the arrays in one sequential pass when
 * full (random access into a few thousand buckets per value would miss the cache). Memory: 12 bytes
 * per occupied bucket (at most a few thousand for PnLs spanning a few decades) plus the 1 KB
 * buffer.
 */
final class MedianSketch {

  /** Up to this many values the median is exact. */
  static final int EXACT_LIMIT = 128;

  /** Mantissa bits that pick the bucket within a binade. */
  static final int SUB_BITS = 8;

  /** Keys buffered before they are merged into the counts. */
  static final int PENDING = 256;

  private static final int SHIFT = 52 - SUB_BITS;

  private long count;
  private double[] values = new double[8]; // while exact; null once estimated
  private int[] keys; // once estimated: occupied bucket keys, ascending
  private long[] counts;
  private int used;
  private int[] pending;
  private int pendingSize;

  void add(double x) {
    if (keys == null && count < EXACT_LIMIT) {
      if (values.length == count) {
        values = Arrays.copyOf(values, Math.min(EXACT_LIMIT, 2 * values.length));
      }
      values[(int) count++] = x;
      return;
    }
    if (keys == null) {
      toBuckets();
    }
    count++;
    pending[pendingSize++] = key(x);
    if (pendingSize == PENDING) {
      flush();
    }
  }

  void merge(MedianSketch other) {
    if (other.count == 0) {
      return;
    }
    if (other.keys == null) {
      for (int i = 0; i < other.count; i++) {
        add(other.values[i]);
      }
      return;
    }
    if (keys == null) {
      toBuckets();
    }
    other.flush();
    count += other.count;
    mergeSorted(other.keys, other.counts, other.used);
  }

  /** Whether {@link #median()} is exact. */
  boolean isExact() {
    return keys == null;
  }

  /** The median (mean of the two middle values for an even count); NaN when empty. */
  double median() {
    if (count == 0) {
      return Double.NaN;
    }
    long lowRank = (count - 1) / 2;
    long highRank = count / 2;
    if (keys == null) {
      double[] sorted = Arrays.copyOf(values, (int) count);
      Arrays.sort(sorted);
      return middle(sorted[(int) lowRank], sorted[(int) highRank]);
    }
    flush();
    double low = Double.NaN;
    long seen = 0;
    for (int i = 0; i < used; i++) {
      seen += counts[i];
      if (Double.isNaN(low) && seen > lowRank) {
        low = value(keys[i]);
      }
      if (seen > highRank) {
        return middle(low, value(keys[i]));
      }
    }
    throw new IllegalStateException("counts do not add up to " + count);
  }

  private static double middle(double low, double high) {
    return low == high ? low : low / 2 + high / 2;
  }

  /** The bucket of {@code x}: 0 for zero, ±(index + 1) by sign, ordered as the values. */
  static int key(double x) {
    if (x == 0.0 || Double.isNaN(x)) {
      return 0;
    }
    int index = (int) (Double.doubleToRawLongBits(Math.abs(x)) >>> SHIFT);
    return x > 0 ? index + 1 : -(index + 1);
  }

  /** The value a bucket stands for: the midpoint of its bounds. */
  static double value(int key) {
    if (key == 0) {
      return 0.0;
    }
    long index = Math.abs(key) - 1;
    double lo = Double.longBitsToDouble(index << SHIFT);
    double hi = Double.longBitsToDouble((index + 1) << SHIFT);
    double mid = Double.isFinite(hi) ? lo + (hi - lo) / 2 : lo;
    return key > 0 ? mid : -mid;
  }

  /** Moves the {@code count} kept values into buckets. */
  private void toBuckets() {
    keys = new int[16];
    counts = new long[16];
    pending = new int[PENDING];
    for (int i = 0; i < count; i++) {
      pending[pendingSize++] = key(values[i]);
      if (pendingSize == PENDING) {
        flush();
      }
    }
    values = null;
  }

  /** Merges the buffered keys into the counts. */
  private void flush() {
    if (pendingSize == 0) {
      return;
    }
    Arrays.sort(pending, 0, pendingSize);
    mergeSorted(pending, null, pendingSize);
    pendingSize = 0;
  }

  /**
   * Adds {@code n} sorted keys, each with its count ({@code null}: each counts once, and equal keys
   * may repeat), to the sorted counts: one pass counts the new keys, a second merges from the end
   * in place.
   */
  private void mergeSorted(int[] addKeys, long[] addCounts, int n) {
    int fresh = 0;
    int a = 0;
    for (int p = 0; p < n; ) {
      int k = addKeys[p];
      while (a < used && keys[a] < k) {
        a++;
      }
      if (a == used || keys[a] != k) {
        fresh++;
      }
      while (p < n && addKeys[p] == k) {
        p++;
      }
    }
    if (used + fresh > keys.length) {
      int capacity = Math.max(2 * keys.length, used + fresh);
      keys = Arrays.copyOf(keys, capacity);
      counts = Arrays.copyOf(counts, capacity);
    }
    int w = used + fresh - 1;
    a = used - 1;
    for (int p = n - 1; p >= 0; ) {
      int k = addKeys[p];
      long run = 0;
      while (p >= 0 && addKeys[p] == k) {
        run += addCounts == null ? 1 : addCounts[p];
        p--;
      }
      while (a >= 0 && keys[a] > k) {
        keys[w] = keys[a];
        counts[w--] = counts[a--];
      }
      if (a >= 0 && keys[a] == k) {
        run += counts[a--];
      }
      keys[w] = k;
      counts[w--] = run;
    }
    used += fresh;
  }
}
