package dev.arbtune.insights;

import java.util.Arrays;

/**
 * The exact distribution of realized PnL over the jobs that passed the filters.
 *
 * @param jobs how many
 * @param min the lowest PnL
 * @param median the exact median
 * @param lowerQuartile the exact first quartile (linear interpolation between order statistics)
 * @param upperQuartile the exact third quartile
 * @param max the highest PnL
 * @param edges the histogram's bin edges, ascending: bin i is [edges[i], edges[i+1]), the last bin
 *     includes its upper edge
 * @param counts the number of jobs per bin ({@code edges.length - 1} bins)
 */
public record PnlDistribution(
    long jobs,
    double min,
    double median,
    double lowerQuartile,
    double upperQuartile,
    double max,
    double[] edges,
    long[] counts) {

  public PnlDistribution {
    edges = edges.clone();
    counts = counts.clone();
    if (jobs > 0 && edges.length != counts.length + 1) {
      throw new IllegalArgumentException("need one more edge than bins");
    }
  }

  @Override
  public double[] edges() {
    return edges.clone();
  }

  @Override
  public long[] counts() {
    return counts.clone();
  }

  /** Bins: ceil(2 n^(1/3)) (Rice's rule), between 5 and 40, of equal width from min to max. */
  static PnlDistribution of(double[] pnls) {
    double[] sorted = pnls.clone();
    Arrays.sort(sorted);
    return ofSorted(sorted);
  }

  /** {@link #of} of values sorted ascending already (not copied). */
  static PnlDistribution ofSorted(double[] sorted) {
    int n = sorted.length;
    if (n == 0) {
      return new PnlDistribution(
          0,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          new double[0],
          new long[0]);
    }
    double min = sorted[0];
    double max = sorted[n - 1];
    double median = n % 2 == 1 ? sorted[n / 2] : sorted[n / 2 - 1] / 2 + sorted[n / 2] / 2;
    int bins = min == max ? 1 : Math.max(5, Math.min(40, (int) Math.ceil(2 * Math.cbrt(n))));
    double[] edges = new double[bins + 1];
    double width = (max - min) / bins;
    // max - min overflows for PnLs near ±Double.MAX_VALUE: then work with halves.
    boolean halves = Double.isInfinite(width);
    double half = max / 2 / bins - min / 2 / bins;
    for (int i = 0; i <= bins; i++) {
      edges[i] = i == bins ? max : halves ? (min / 2 + i * half) * 2 : min + i * width;
    }
    long[] counts = new long[bins];
    for (double x : sorted) {
      double offset = halves ? (x / 2 - min / 2) / half : (x - min) / width;
      int b = width == 0 ? 0 : (int) offset;
      counts[Math.min(bins - 1, Math.max(0, b))]++;
    }
    return new PnlDistribution(
        n, min, median, quantile(sorted, 0.25), quantile(sorted, 0.75), max, edges, counts);
  }

  /** The q-quantile of sorted values, interpolating linearly between order statistics. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** The interquartile range: the spread of the middle half of the PnLs. */
  public double interquartileRange() {
    return upperQuartile - lowerQuartile;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PnlDistribution d
        && jobs == d.jobs
        && Double.compare(min, d.min) == 0
        && Double.compare(median, d.median) == 0
        && Double.compare(lowerQuartile, d.lowerQuartile) == 0
        && Double.compare(upperQuartile, d.upperQuartile) == 0
        && Double.compare(max, d.max) == 0
        && Arrays.equals(edges, d.edges)
        && Arrays.equals(counts, d.counts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(edges) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "PnlDistribution[jobs="
        + jobs
        + ", min="
        + min
        + ", median="
        + median
        + ", max="
        + max
        + ", counts="
        + Arrays.toString(counts)
        + "]";
  }
}
