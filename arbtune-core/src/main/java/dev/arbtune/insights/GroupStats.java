package dev.arbtune.insights;

/**
 * Running statistics of the PnL of one group of jobs (one parameter value, or one heatmap cell):
 * count, exact sum ({@link ExactSum}, so that the mean does not depend on the order of the jobs or
 * the number of threads), best, worst, count of profitable jobs and a {@link MedianSketch}.
 */
final class GroupStats {

  long count;
  final ExactSum sum = new ExactSum();
  double best = Double.NEGATIVE_INFINITY;
  double worst = Double.POSITIVE_INFINITY;
  long profitable;
  final MedianSketch median = new MedianSketch();

  void add(double pnl) {
    count++;
    sum.add(pnl);
    best = Math.max(best, pnl);
    worst = Math.min(worst, pnl);
    if (pnl > 0) {
      profitable++;
    }
    median.add(pnl);
  }

  void merge(GroupStats o) {
    count += o.count;
    sum.merge(o.sum);
    best = Math.max(best, o.best);
    worst = Math.min(worst, o.worst);
    profitable += o.profitable;
    median.merge(o.median);
  }

  /** A copy that shares nothing with this group (the same count, sum, best and median). */
  GroupStats copy() {
    GroupStats g = new GroupStats();
    g.merge(this);
    return g;
  }

  /** The mean PnL; NaN when empty. */
  double mean() {
    return Moments.mean(sum, count);
  }
}
