package dev.arbtune.insights;

import com.tdunning.math.stats.Centroid;
import com.tdunning.math.stats.MergingDigest;
import java.util.Arrays;

/**
 * The median of a stream of numbers in bounded memory: exact while at most {@link #EXACT_LIMIT}
 * values have been seen (they are kept), then a t-digest (Dunning, compression {@value
 * #COMPRESSION}), whose median is typically within a few tenths of a percentile of the true one.
 * Mergeable, so that each scanning thread keeps its own.
 */
final class MedianSketch {

  /** Up to this many values the median is exact. */
  static final int EXACT_LIMIT = 128;

  /** The t-digest's compression: about 2 x this many centroids at most. */
  static final double COMPRESSION = 100;

  private double[] values = new double[8];
  private int size;
  private MergingDigest digest;

  void add(double x) {
    if (digest != null) {
      digest.add(x);
      return;
    }
    if (size == values.length) {
      if (size >= EXACT_LIMIT) {
        toDigest();
        digest.add(x);
        return;
      }
      values = Arrays.copyOf(values, Math.min(EXACT_LIMIT, size * 2));
    }
    values[size++] = x;
  }

  void merge(MedianSketch other) {
    if (other.digest != null) {
      if (digest == null) {
        toDigest();
      }
      // MergingDigest.add(List<TDigest>) in t-digest 3.3 can overflow its buffer on large
      // digests (ArrayIndexOutOfBoundsException in merge); adding the other's centroids one by
      // one goes through the ordinary buffered path.
      for (Centroid c : other.digest.centroids()) {
        digest.add(c.mean(), c.count());
      }
      return;
    }
    for (int i = 0; i < other.size; i++) {
      add(other.values[i]);
    }
  }

  /** Whether {@link #median()} is exact. */
  boolean isExact() {
    return digest == null;
  }

  /** The median (mean of the two middle values for an even count); NaN when empty. */
  double median() {
    if (digest != null) {
      return digest.quantile(0.5);
    }
    if (size == 0) {
      return Double.NaN;
    }
    double[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    return size % 2 == 1 ? sorted[size / 2] : sorted[size / 2 - 1] / 2 + sorted[size / 2] / 2;
  }

  private void toDigest() {
    digest = new MergingDigest(COMPRESSION);
    for (int i = 0; i < size; i++) {
      digest.add(values[i]);
    }
    values = null;
    size = 0;
  }
}
