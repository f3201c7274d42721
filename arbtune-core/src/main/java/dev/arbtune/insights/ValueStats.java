package dev.arbtune.insights;

import java.util.Objects;

/**
 * The PnL of the jobs that share one value of one parameter.
 *
 * @param value the parameter value
 * @param jobs how many jobs have it
 * @param mean their mean realized PnL
 * @param median their median realized PnL (see {@code medianExact})
 * @param medianExact whether the median is exact (groups of at most 128 jobs) or a bucket estimate
 * @param best the highest realized PnL among them
 * @param profitableShare the fraction of them with PnL above 0
 * @param worst the lowest realized PnL among them; NaN when not known (made by the constructor
 *     without it)
 */
public record ValueStats(
    ParamValue value,
    long jobs,
    double mean,
    double median,
    boolean medianExact,
    double best,
    double profitableShare,
    double worst) {
  public ValueStats {
    Objects.requireNonNull(value, "value");
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
    }
  }

  /** The statistics without the lowest PnL ({@code worst} is NaN). */
  public ValueStats(
      ParamValue value,
      long jobs,
      double mean,
      double median,
      boolean medianExact,
      double best,
      double profitableShare) {
    this(value, jobs, mean, median, medianExact, best, profitableShare, Double.NaN);
  }

  static ValueStats of(ParamValue value, GroupStats g) {
    return new ValueStats(
        value,
        g.count,
        g.mean(),
        g.median.median(),
        g.median.isExact(),
        g.best,
        (double) g.profitable / g.count,
        g.worst);
  }
}
