package dev.arbtune.insights;

import java.util.ArrayList;
import java.util.List;

/**
 * Every job's parameter-vector hash with its PnL: 16 bytes per job, in chunks of {@value #CHUNK}
 * entries so that growing never copies and merging only links chunks. {@link #seal()} turns it into
 * two arrays sorted by hash, after which {@link #lookup} finds a vector's PnLs by binary search.
 */
final class VectorStore {

  static final int CHUNK = 1 << 14;

  private List<long[]> hashChunks = new ArrayList<>();
  private List<double[]> pnlChunks = new ArrayList<>();
  private int fill = CHUNK; // entries used in the last chunk
  private long size;
  private long[] hashes;
  private double[] pnls;

  void add(long hash, double pnl) {
    if (hashes != null) {
      throw new IllegalStateException("sealed");
    }
    if (fill == CHUNK) {
      hashChunks.add(new long[CHUNK]);
      pnlChunks.add(new double[CHUNK]);
      fill = 0;
    }
    hashChunks.get(hashChunks.size() - 1)[fill] = hash;
    pnlChunks.get(pnlChunks.size() - 1)[fill] = pnl;
    fill++;
    size++;
  }

  /** Moves {@code other}'s entries into this store, leaving {@code other} empty. */
  void merge(VectorStore other) {
    if (hashes != null || other.hashes != null) {
      throw new IllegalStateException("sealed");
    }
    int otherChunks = other.hashChunks.size();
    int otherFull = other.fill == CHUNK ? otherChunks : otherChunks - 1;
    // Link the other's full chunks before our last one, which alone may be partial.
    int insertAt = fill == CHUNK ? hashChunks.size() : hashChunks.size() - 1;
    hashChunks.addAll(insertAt, other.hashChunks.subList(0, otherFull));
    pnlChunks.addAll(insertAt, other.pnlChunks.subList(0, otherFull));
    size += (long) otherFull * CHUNK;
    if (otherFull < otherChunks) {
      long[] h = other.hashChunks.get(otherFull);
      double[] p = other.pnlChunks.get(otherFull);
      for (int i = 0; i < other.fill; i++) {
        add(h[i], p[i]);
      }
    }
    other.hashChunks = new ArrayList<>();
    other.pnlChunks = new ArrayList<>();
    other.fill = CHUNK;
    other.size = 0;
  }

  long size() {
    return size;
  }

  /** Copies the chunks into two arrays sorted by hash, releasing the chunks as it goes. */
  void seal() {
    if (hashes != null) {
      return;
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("too many jobs for one store: " + size);
    }
    int n = (int) size;
    hashes = new long[n];
    pnls = new double[n];
    int at = 0;
    for (int c = 0; c < hashChunks.size(); c++) {
      int len = c == hashChunks.size() - 1 ? fill : CHUNK;
      System.arraycopy(hashChunks.get(c), 0, hashes, at, len);
      System.arraycopy(pnlChunks.get(c), 0, pnls, at, len);
      hashChunks.set(c, null);
      pnlChunks.set(c, null);
      at += len;
    }
    hashChunks = null;
    pnlChunks = null;
    sort(hashes, pnls, 0, n - 1);
  }

  /** The PnLs of every job whose vector hash is {@code hash}, appended to {@code out}. */
  void lookup(long hash, List<Double> out) {
    seal();
    int lo = 0;
    int hi = hashes.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (hashes[mid] < hash) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (int i = lo; i < hashes.length && hashes[i] == hash; i++) {
      out.add(pnls[i]);
    }
  }

  /** Every PnL, in hash order (for distributions); seals the store. */
  double[] pnls() {
    seal();
    return pnls;
  }

  /** Sorts both arrays by {@code keys}: quicksort with three-way partitioning. */
  private static void sort(long[] keys, double[] values, int lo, int hi) {
    while (hi - lo > 16) {
      long pivot = median3(keys[lo], keys[(lo + hi) >>> 1], keys[hi]);
      int lt = lo;
      int gt = hi;
      int i = lo;
      while (i <= gt) {
        if (keys[i] < pivot) {
          swap(keys, values, lt++, i++);
        } else if (keys[i] > pivot) {
          swap(keys, values, i, gt--);
        } else {
          i++;
        }
      }
      // recurse into the smaller side, loop on the larger: O(log n) stack
      if (lt - lo < hi - gt) {
        sort(keys, values, lo, lt - 1);
        lo = gt + 1;
      } else {
        sort(keys, values, gt + 1, hi);
        hi = lt - 1;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      for (int j = i; j > lo && keys[j - 1] > keys[j]; j--) {
        swap(keys, values, j, j - 1);
      }
    }
  }

  private static long median3(long a, long b, long c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }

  private static void swap(long[] k, double[] v, int i, int j) {
    long tk = k[i];
    k[i] = k[j];
    k[j] = tk;
    double tv = v[i];
    v[i] = v[j];
    v[j] = tv;
  }
}
