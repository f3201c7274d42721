package dev.arbtune.compare;

/**
 * How much two rankings of the same jobs agree: Kendall's tau-b, Spearman's rho and the rank-biased
 * overlap (docs/COMPARE.md).
 */
public final class RankStatistics {

  private RankStatistics() {}

  /**
   * Kendall's tau-b between {@code a[i]} and {@code b[i]} over the pairs {@code i} (ties in either
   * variable handled as tau-b does), in O(n log n) by merge sort (Knight 1966).
   *
   * @return tau-b in [-1, 1], or NaN when fewer than 2 pairs or when either side is constant
   * @throws IllegalArgumentException when the lengths differ or a value is NaN
   */
  public static double kendallTauB(double[] a, double[] b) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Spearman's rho: Pearson's correlation of the average ranks (ties share their average rank).
   *
   * @return rho in [-1, 1], or NaN when fewer than 2 pairs or when either side is constant
   * @throws IllegalArgumentException when the lengths differ or a value is NaN
   */
  public static double spearmanRho(double[] a, double[] b) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * The extrapolated rank-biased overlap (Webber, Moffat, Zobel 2010, eq. 32) of two rankings of
   * item ids, best first; each list holds distinct ids; the lists may differ in length and items.
   *
   * @param p persistence, in (0, 1); the issue asks for 0.9
   * @return RBO in [0, 1]; 1 for two identical lists; NaN when both are empty
   * @throws IllegalArgumentException when p is out of range or a list repeats an id
   */
  public static double rankBiasedOverlap(long[] a, long[] b, double p) {
    throw new UnsupportedOperationException("not yet");
  }
}
