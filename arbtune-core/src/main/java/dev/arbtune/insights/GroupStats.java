package dev.arbtune.insights;

/**
 * Running statistics of the PnL of one group of jobs (one parameter value, or one heatmap cell):
 * count, mean and sum of squared deviations (Welford; merged with Chan et al.'s formula), best,
 * count of profitable jobs and a {@link MedianSketch}.
 */
final class GroupStats {

  long count;
  double mean;
  double m2;
  double best = Double.NEGATIVE_INFINITY;
  long profitable;
  final MedianSketch median = new MedianSketch();

  void add(double pnl) {
    count++;
    double delta = pnl - mean;
    mean += delta / count;
    m2 += delta * (pnl - mean);
    best = Math.max(best, pnl);
    if (pnl > 0) {
      profitable++;
    }
    median.add(pnl);
  }

  void merge(GroupStats o) {
    if (o.count == 0) {
      return;
    }
    long n = count + o.count;
    double delta = o.mean - mean;
    mean += delta * o.count / n;
    m2 += o.m2 + delta * delta * ((double) count * o.count / n);
    count = n;
    best = Math.max(best, o.best);
    profitable += o.profitable;
    median.merge(o.median);
  }
}
