package dev.arbtune.report;

import java.util.Arrays;

/**
 * Downsamples a long time series for a chart: the time span is cut into equal buckets (one per
 * pixel column or so) and each bucket keeps its first, lowest, highest and last point, so that a
 * spike of one row among a million still shows. Memory is fixed by the number of buckets; points
 * must come in time order.
 *
 * <p>{@link #seriesBrokenAtGaps()} breaks the line where no row came for more than {@value
 * #GAP_BUCKETS} bucket widths and more than {@value #GAP_STEPS} typical row spacings (the median
 * step between rows, rounded up to a power of two): both, so that neither a sparse file drawn over
 * a short window (rows several buckets apart, yet at their own regular pace) nor a dense file with
 * an irregular pace breaks where rows merely come slower; a weekend of the 1 s EUR/USD file breaks,
 * and so does a missing half hour of the 1 min BTC file drawn over its day.
 */
final class SeriesBuckets {

  private final long t0;
  private final double span;
  private final int n;
  private final long[] firstT;
  private final double[] firstV;
  private final long[] minT;
  private final double[] minV;
  private final long[] maxT;
  private final double[] maxV;
  private final long[] lastT;
  private final double[] lastV;
  private final boolean[] used;
  private long points;
  private long previousT;

  /**
   * Counts of the steps between consecutive points by power of two: {@code [k]} for [2^k, 2^(k+1)).
   */
  private final long[] steps = new long[64];

  /** A line break needs more than this many bucket widths without a point. */
  static final int GAP_BUCKETS = 3;

  /** A line break needs more than this many typical row spacings without a point. */
  static final int GAP_STEPS = 10;

  /**
   * Buckets over {@code [t0, t1]}.
   *
   * @param buckets how many, at least 1
   */
  SeriesBuckets(long t0, long t1, int buckets) {
    if (buckets < 1 || t1 < t0) {
      throw new IllegalArgumentException("need buckets >= 1 and t0 <= t1");
    }
    this.t0 = t0;
    this.span = (double) t1 - (double) t0;
    this.n = buckets;
    firstT = new long[n];
    firstV = new double[n];
    minT = new long[n];
    minV = new double[n];
    maxT = new long[n];
    maxV = new double[n];
    lastT = new long[n];
    lastV = new double[n];
    used = new boolean[n];
  }

  /** Adds a point; NaN values are ignored. */
  void add(long t, double v) {
    if (Double.isNaN(v)) {
      return;
    }
    int b = span <= 0 ? 0 : (int) Math.min(n - 1, Math.max(0, ((double) t - t0) / span * n));
    points++;
    if (points > 1 && t > previousT) {
      steps[63 - Long.numberOfLeadingZeros(t - previousT)]++;
    }
    previousT = t;
    if (!used[b]) {
      used[b] = true;
      firstT[b] = minT[b] = maxT[b] = lastT[b] = t;
      firstV[b] = minV[b] = maxV[b] = lastV[b] = v;
      return;
    }
    if (v < minV[b]) {
      minV[b] = v;
      minT[b] = t;
    }
    if (v > maxV[b]) {
      maxV[b] = v;
      maxT[b] = t;
    }
    lastT[b] = t;
    lastV[b] = v;
  }

  /** How many points were added. */
  long points() {
    return points;
  }

  /**
   * The kept points in time order: {@code [0]} times (epoch µs), {@code [1]} values. At most four
   * per bucket (first, lowest, highest, last; fewer when they coincide).
   */
  double[][] series() {
    double[] ts = new double[4 * n];
    double[] vs = new double[4 * n];
    int k = 0;
    long[] bt = new long[4];
    double[] bv = new double[4];
    for (int b = 0; b < n; b++) {
      if (!used[b]) {
        continue;
      }
      bt[0] = firstT[b];
      bv[0] = firstV[b];
      bt[1] = minT[b];
      bv[1] = minV[b];
      bt[2] = maxT[b];
      bv[2] = maxV[b];
      bt[3] = lastT[b];
      bv[3] = lastV[b];
      // Order the four by time (first and last are at the ends already); min and max may swap.
      if (bt[2] < bt[1]) {
        long t = bt[1];
        bt[1] = bt[2];
        bt[2] = t;
        double v = bv[1];
        bv[1] = bv[2];
        bv[2] = v;
      }
      for (int j = 0; j < 4; j++) {
        if (j > 0 && bt[j] == bt[j - 1] && bv[j] == bv[j - 1]) {
          continue;
        }
        ts[k] = bt[j];
        vs[k] = bv[j];
        k++;
      }
    }
    return new double[][] {Arrays.copyOf(ts, k), Arrays.copyOf(vs, k)};
  }

  /**
   * {@link #series()} with a line break (a point of NaN value, which XChart does not join) between
   * two consecutive kept points more than {@value #GAP_BUCKETS} bucket widths apart and more than
   * {@value #GAP_STEPS} typical row spacings apart ({@link #typicalStep()}): a stretch without
   * rows, such as a weekend, rather than a straight line through quotes that do not exist.
   */
  double[][] seriesBrokenAtGaps() {
    double[][] s = series();
    double gap = Math.max(GAP_BUCKETS * span / n, GAP_STEPS * (double) typicalStep());
    int breaks = 0;
    for (int i = 1; i < s[0].length; i++) {
      if (s[0][i] - s[0][i - 1] > gap) {
        breaks++;
      }
    }
    if (breaks == 0) {
      return s;
    }
    double[] ts = new double[s[0].length + breaks];
    double[] vs = new double[ts.length];
    int k = 0;
    for (int i = 0; i < s[0].length; i++) {
      if (i > 0 && s[0][i] - s[0][i - 1] > gap) {
        ts[k] = (s[0][i - 1] + s[0][i]) / 2;
        vs[k] = Double.NaN;
        k++;
      }
      ts[k] = s[0][i];
      vs[k] = s[1][i];
      k++;
    }
    return new double[][] {ts, vs};
  }

  /**
   * The typical time between two consecutive added points (epoch µs): the median step rounded up to
   * a power of two (so between the median and twice it); 0 when fewer than two points came at
   * different times.
   */
  long typicalStep() {
    long total = 0;
    for (long c : steps) {
      total += c;
    }
    long seen = 0;
    for (int k = 0; k < steps.length; k++) {
      seen += steps[k];
      if (2 * seen >= total && total > 0) {
        return k >= 62 ? Long.MAX_VALUE : 1L << (k + 1);
      }
    }
    return 0;
  }
}
