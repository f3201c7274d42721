package dev.arbtune.insights;

import java.util.List;
import java.util.Objects;

/**
 * Median PnL over the cells of two parameters.
 *
 * @param x the parameter along the horizontal axis
 * @param y the parameter along the vertical axis
 * @param xValues its sorted values
 * @param yValues the other's sorted values
 * @param median {@code median[i][j]} is the median PnL of the jobs with {@code x = xValues[i]} and
 *     {@code y = yValues[j]}; NaN for a cell without jobs
 * @param jobs the number of jobs per cell, indexed as {@code median}
 * @param exact whether every cell's median is exact (cells of at most 128 jobs)
 */
public record Heatmap(
    String x,
    String y,
    List<ParamValue> xValues,
    List<ParamValue> yValues,
    double[][] median,
    long[][] jobs,
    boolean exact) {
  public Heatmap {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    xValues = List.copyOf(xValues);
    yValues = List.copyOf(yValues);
    if (median.length != xValues.size() || jobs.length != xValues.size()) {
      throw new IllegalArgumentException("one row of cells per x value");
    }
  }

  /** The median PnL of cell ({@code i}, {@code j}); NaN when empty. */
  public double medianAt(int i, int j) {
    return median[i][j];
  }

  /** The jobs in cell ({@code i}, {@code j}). */
  public long jobsAt(int i, int j) {
    return jobs[i][j];
  }
}
