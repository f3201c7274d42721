package dev.arbtune.insights;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.JobCollector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * PnL statistics per cell of two parameters, for a heatmap. Which two are worth a heatmap is only
 * known after a first pass ({@link Insights#mostImportant}), so this collector runs in a second
 * pass; it keeps one {@link GroupStats} per cell, so memory grows with the number of cells only. A
 * job without either parameter is not counted.
 */
public final class HeatmapCollector implements JobCollector<HeatmapCollector> {

  private final String x;
  private final String y;
  private final Map<ParamValue, Map<ParamValue, GroupStats>> cells = new HashMap<>();

  /**
   * A collector of the cells of {@code x} by {@code y}.
   *
   * @param x the config key along the horizontal axis
   * @param y the config key along the vertical axis
   */
  public HeatmapCollector(String x, String y) {
    this.x = Objects.requireNonNull(x, "x");
    this.y = Objects.requireNonNull(y, "y");
  }

  @Override
  public void accept(AggregatedJobResult job) {
    if (!job.config().containsKey(x) || !job.config().containsKey(y)) {
      return;
    }
    ParamValue vx = ParamValue.from(job.config().get(x));
    ParamValue vy = ParamValue.from(job.config().get(y));
    cells
        .computeIfAbsent(vx, k -> new HashMap<>())
        .computeIfAbsent(vy, k -> new GroupStats())
        .add(InsightCollector.pnl(job));
  }

  @Override
  public void merge(HeatmapCollector other) {
    for (Map.Entry<ParamValue, Map<ParamValue, GroupStats>> col : other.cells.entrySet()) {
      Map<ParamValue, GroupStats> mine = cells.computeIfAbsent(col.getKey(), k -> new HashMap<>());
      for (Map.Entry<ParamValue, GroupStats> cell : col.getValue().entrySet()) {
        GroupStats g = mine.get(cell.getKey());
        if (g == null) {
          mine.put(cell.getKey(), cell.getValue());
        } else {
          g.merge(cell.getValue());
        }
      }
    }
  }

  /** The median PnL per cell. */
  public Heatmap heatmap() {
    List<ParamValue> xs = new ArrayList<>(cells.keySet());
    Collections.sort(xs);
    List<ParamValue> ys = new ArrayList<>();
    for (Map<ParamValue, GroupStats> col : cells.values()) {
      for (ParamValue v : col.keySet()) {
        if (!ys.contains(v)) {
          ys.add(v);
        }
      }
    }
    Collections.sort(ys);
    double[][] median = new double[xs.size()][ys.size()];
    long[][] jobs = new long[xs.size()][ys.size()];
    boolean exact = true;
    for (int i = 0; i < xs.size(); i++) {
      Map<ParamValue, GroupStats> col = cells.get(xs.get(i));
      for (int j = 0; j < ys.size(); j++) {
        GroupStats g = col.get(ys.get(j));
        median[i][j] = g == null ? Double.NaN : g.median.median();
        jobs[i][j] = g == null ? 0 : g.count;
        exact &= g == null || g.median.isExact();
      }
    }
    return new Heatmap(x, y, xs, ys, median, jobs, exact);
  }
}
