package dev.arbtune.compare;

import java.util.Objects;

/**
 * How much two rankings of the same jobs agree: Kendall's tau-b, Spearman's rho and the rank-biased
 * overlap (docs/COMPARE.md, "The statistics").
 *
 * <p>All three work on primitive arrays without boxing; tau-b and rho take O(n log n) time and O(n)
 * extra memory, RBO O(n) time and memory. Values compare with {@code <} and {@code ==} (NaN is
 * refused), so equal values are ties, {@code -0.0} ties with {@code 0.0}, and infinities are
 * ordinary values.
 */
public final class RankStatistics {

  /** Runs up to this length are sorted by insertion before merging. */
  private static final int INSERTION_RUN = 16;

  private RankStatistics() {}

  /**
   * Kendall's tau-b between {@code a[i]} and {@code b[i]} over the pairs {@code i} (ties in either
   * variable handled as tau-b does), in O(n log n) by merge sort (Knight 1966).
   *
   * @return tau-b in [-1, 1], or NaN when fewer than 2 pairs or when either side is constant
   * @throws IllegalArgumentException when the lengths differ or a value is NaN
   */
  public static double kendallTauB(double[] a, double[] b) {
    int n = checkPairs(a, b);
    if (n < 2) {
      return Double.NaN;
    }
    double[] x = a.clone();
    double[] y = b.clone();
    // Order the pairs by x, then by y (the copies are sorted in place, as pairs).
    sortPairs(x, y);
    long n1 = 0; // pairs tied in x
    long n3 = 0; // pairs tied in x and in y
    long runX = 0;
    long runXy = 0;
    for (int i = 1; i < n; i++) {
      if (x[i] == x[i - 1]) {
        runX++;
        runXy = y[i] == y[i - 1] ? runXy + 1 : 0;
      } else {
        runX = 0;
        runXy = 0;
      }
      n1 += runX; // the i-th member of a tie group is tied with the runX before it
      n3 += runXy;
    }
    // Sorting y (stable) counts the discordant pairs: each swap is one pair out of order in y,
    // and pairs tied in x are in y order already, so they never swap.
    long swaps = sortCountingSwaps(y);
    long n2 = 0; // pairs tied in y
    long runY = 0;
    for (int i = 1; i < n; i++) {
      runY = y[i] == y[i - 1] ? runY + 1 : 0;
      n2 += runY;
    }
    long n0 = (long) n * (n - 1) / 2;
    if (n1 == n0 || n2 == n0) {
      return Double.NaN;
    }
    long numerator = n0 - n1 - n2 + n3 - 2 * swaps; // concordant minus discordant pairs
    // One square root of the product (well within a double's range: < 2.5e27 for n = 1e7), so
    // that equal factors give the factor itself and perfect agreement gives exactly 1.
    double tau = numerator / Math.sqrt((double) (n0 - n1) * (double) (n0 - n2));
    return clamp(tau);
  }

  /**
   * Spearman's rho: Pearson's correlation of the average ranks (ties share their average rank).
   *
   * @return rho in [-1, 1], or NaN when fewer than 2 pairs or when either side is constant
   * @throws IllegalArgumentException when the lengths differ or a value is NaN
   */
  public static double spearmanRho(double[] a, double[] b) {
    int n = checkPairs(a, b);
    if (n < 2) {
      return Double.NaN;
    }
    return pearsonOfDoubledRanks(doubledCentredRanks(a), doubledCentredRanks(b));
  }

  /**
   * Spearman's rho of two rankings given as ranks (1 = best; tied jobs may share a rank, e.g. the
   * average or the lowest rank of their group), which is Pearson's correlation of their average
   * ranks.
   *
   * @return rho in [-1, 1], or NaN when fewer than 2 pairs or when either side is constant
   * @throws IllegalArgumentException when the lengths differ
   */
  public static double spearmanRhoOfRanks(long[] rankA, long[] rankB) {
    Objects.requireNonNull(rankA, "rankA");
    Objects.requireNonNull(rankB, "rankB");
    return spearmanRho(toDoubles(rankA), toDoubles(rankB));
  }

  /**
   * Kendall's tau-b of two rankings given as ranks (ties share a rank); the same as {@link
   * #kendallTauB(double[], double[])} of the ranks.
   *
   * @return tau-b in [-1, 1], or NaN when fewer than 2 pairs or when either side is constant
   * @throws IllegalArgumentException when the lengths differ
   */
  public static double kendallTauBOfRanks(long[] rankA, long[] rankB) {
    Objects.requireNonNull(rankA, "rankA");
    Objects.requireNonNull(rankB, "rankB");
    return kendallTauB(toDoubles(rankA), toDoubles(rankB));
  }

  /**
   * The extrapolated rank-biased overlap (Webber, Moffat, Zobel 2010, eq. 32) of two rankings of
   * item ids, best first; each list holds distinct ids; the lists may differ in length and items.
   *
   * @param p persistence, in (0, 1); the issue asks for 0.9
   * @return RBO in [0, 1]; 1 for two identical lists; 0 when exactly one list is empty; NaN when
   *     both are empty
   * @throws IllegalArgumentException when p is out of range or a list repeats an id
   */
  public static double rankBiasedOverlap(long[] a, long[] b, double p) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException(
          "The persistence p of the rank-biased overlap must be between 0 and 1 (exclusive), not "
              + p
              + ".");
    }
    long[] shorter = a.length <= b.length ? a : b;
    long[] longer = a.length <= b.length ? b : a;
    int s = shorter.length;
    int l = longer.length;
    if (l == 0) {
      return Double.NaN;
    }
    LongFlags seen = new LongFlags(s + l);
    long overlap = 0; // X_d
    double weight = 1; // p^d
    double agreementSum = 0; // sum over d <= l of X_d / d * p^d
    double tailSum = 0; // sum over s < d <= l of X_s (d - s) / (s d) * p^d
    long overlapAtS = 0; // X_s
    for (int d = 1; d <= l; d++) {
      weight *= p;
      if (d <= s) {
        overlap += seen.add(shorter[d - 1], LongFlags.SHORTER);
      }
      overlap += seen.add(longer[d - 1], LongFlags.LONGER);
      if (d == s) {
        overlapAtS = overlap;
      }
      agreementSum += (double) overlap / d * weight;
      if (d > s && s > 0) {
        tailSum += (double) overlapAtS * (d - s) / ((double) s * d) * weight;
      }
    }
    if (s == 0) {
      return 0;
    }
    double extrapolated = (double) (overlap - overlapAtS) / l + (double) overlapAtS / s;
    double rbo = (1 - p) / p * (agreementSum + tailSum) + extrapolated * weight;
    return Math.min(1, Math.max(0, rbo));
  }

  // -----------------------------------------------------------------------------------------------

  private static int checkPairs(double[] a, double[] b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "The two rankings must have one value per pair, but one has "
              + a.length
              + " values and the other "
              + b.length
              + ".");
    }
    for (int i = 0; i < a.length; i++) {
      if (Double.isNaN(a[i]) || Double.isNaN(b[i])) {
        throw new IllegalArgumentException(
            "A rank statistic cannot use NaN, found at pair " + i + ".");
      }
    }
    return a.length;
  }

  private static double[] toDoubles(long[] values) {
    double[] copy = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      copy[i] = values[i];
    }
    return copy;
  }

  private static double clamp(double r) {
    return Math.max(-1, Math.min(1, r));
  }

  /**
   * Twice each value's average rank minus (n + 1), i.e. the centred average rank doubled: an
   * integer for every value (ranks of a tie group k..m average to (k + m) / 2), exact in a double
   * up to 2^53.
   */
  private static double[] doubledCentredRanks(double[] values) {
    int n = values.length;
    double[] x = values.clone();
    double[] index = new double[n]; // exact: n < 2^31
    for (int i = 0; i < n; i++) {
      index[i] = i;
    }
    sortPairs(x, index);
    double[] ranks = new double[n];
    int start = 0;
    while (start < n) {
      int end = start + 1;
      while (end < n && x[end] == x[start]) {
        end++;
      }
      // Positions start..end-1 are ranks start+1..end; doubled average = start + 1 + end.
      double centred = (double) start + 1 + end - (n + 1L);
      for (int i = start; i < end; i++) {
        ranks[(int) index[i]] = centred;
      }
      start = end;
    }
    return ranks;
  }

  /**
   * Pearson's correlation of two centred series (their means are 0 by construction). The terms are
   * integers below 4 n^2; the sums of at most n of them are exact while below 2^53 and otherwise
   * carry a relative rounding error of at most about n * 1.1e-16 (docs/COMPARE.md).
   */
  private static double pearsonOfDoubledRanks(double[] x, double[] y) {
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += x[i] * y[i];
      sxx += x[i] * x[i];
      syy += y[i] * y[i];
    }
    if (sxx == 0 || syy == 0) {
      return Double.NaN;
    }
    return clamp(sxy / Math.sqrt(sxx * syy));
  }

  /** Whether the pair (x1, y1) comes before (x2, y2): by x, then by y (no NaN, no -0.0). */
  private static boolean before(double x1, double y1, double x2, double y2) {
    return x1 < x2 || (x1 == x2 && y1 < y2);
  }

  /**
   * Sorts the pairs (x[i], y[i]) by x, then by y, moving both arrays together (sequential memory
   * access, no index indirection): bottom-up merge sort with insertion-sorted runs.
   */
  private static void sortPairs(double[] x, double[] y) {
    int n = x.length;
    for (int lo = 0; lo < n; lo += INSERTION_RUN) {
      int hi = Math.min(n, lo + INSERTION_RUN);
      for (int i = lo + 1; i < hi; i++) {
        double vx = x[i];
        double vy = y[i];
        int j = i - 1;
        while (j >= lo && before(vx, vy, x[j], y[j])) {
          x[j + 1] = x[j];
          y[j + 1] = y[j];
          j--;
        }
        x[j + 1] = vx;
        y[j + 1] = vy;
      }
    }
    double[] srcX = x;
    double[] srcY = y;
    double[] dstX = new double[n];
    double[] dstY = new double[n];
    for (int width = INSERTION_RUN; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(n, lo + width);
        int hi = Math.min(n, lo + 2 * width);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          if (before(srcX[j], srcY[j], srcX[i], srcY[i])) {
            dstX[k] = srcX[j];
            dstY[k++] = srcY[j++];
          } else {
            dstX[k] = srcX[i];
            dstY[k++] = srcY[i++];
          }
        }
        System.arraycopy(srcX, i, dstX, k, mid - i);
        System.arraycopy(srcY, i, dstY, k, mid - i);
        k += mid - i;
        System.arraycopy(srcX, j, dstX, k, hi - j);
        System.arraycopy(srcY, j, dstY, k, hi - j);
      }
      double[] t = srcX;
      srcX = dstX;
      dstX = t;
      t = srcY;
      srcY = dstY;
      dstY = t;
    }
    if (srcX != x) {
      System.arraycopy(srcX, 0, x, 0, n);
      System.arraycopy(srcY, 0, y, 0, n);
    }
  }

  /**
   * Sorts the values ascending (stable) and returns the number of swaps of adjacent elements a
   * bubble sort would make, i.e. the number of pairs i < j with v[i] > v[j] (equal values never
   * count).
   */
  private static long sortCountingSwaps(double[] v) {
    int n = v.length;
    long swaps = 0;
    for (int lo = 0; lo < n; lo += INSERTION_RUN) {
      int hi = Math.min(n, lo + INSERTION_RUN);
      for (int i = lo + 1; i < hi; i++) {
        double t = v[i];
        int j = i - 1;
        while (j >= lo && v[j] > t) {
          v[j + 1] = v[j];
          j--;
        }
        swaps += i - 1 - j;
        v[j + 1] = t;
      }
    }
    double[] src = v;
    double[] dst = new double[n];
    for (int width = INSERTION_RUN; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(n, lo + width);
        int hi = Math.min(n, lo + 2 * width);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          if (src[j] < src[i]) {
            swaps += mid - i; // src[j] jumps over every element left in the left run
            dst[k++] = src[j++];
          } else {
            dst[k++] = src[i++];
          }
        }
        while (i < mid) {
          dst[k++] = src[i++];
        }
        while (j < hi) {
          dst[k++] = src[j++];
        }
      }
      double[] t = src;
      src = dst;
      dst = t;
    }
    if (src != v) {
      System.arraycopy(src, 0, v, 0, n);
    }
    return swaps;
  }

  /**
   * An open-addressing set of ids remembering which lists an id was seen in, for the rank-biased
   * overlap; no boxing.
   */
  private static final class LongFlags {
    static final byte SHORTER = 1;
    static final byte LONGER = 2;

    private final long[] keys;
    private final byte[] flags; // 0 = empty slot
    private final int mask;

    LongFlags(int expected) {
      int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) << 1;
      keys = new long[capacity];
      flags = new byte[capacity];
      mask = capacity - 1;
    }

    /**
     * Marks {@code id} as seen in the list {@code flag}; returns 1 when it was seen in the other
     * list already (the overlap grows), else 0.
     */
    int add(long id, byte flag) {
      int slot = mix(id) & mask;
      while (flags[slot] != 0 && keys[slot] != id) {
        slot = (slot + 1) & mask;
      }
      byte was = flags[slot];
      if ((was & flag) != 0) {
        throw new IllegalArgumentException(
            "A ranking for the rank-biased overlap lists the id " + id + " twice.");
      }
      keys[slot] = id;
      flags[slot] = (byte) (was | flag);
      return was != 0 ? 1 : 0;
    }

    private static int mix(long id) {
      long h = id * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32) ^ (h >>> 17));
    }
  }
}
