package dev.arbtune.aggregate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The jobs not dominated on (realized PnL higher, max drawdown lower), maintained incrementally:
 * O(log f) amortised per job and O(f) memory, where f is the size of the front. A job dominates
 * another when it is at least as good on both and better on one; jobs with equal PnL and drawdown
 * do not dominate each other, so both stay.
 *
 * <p>Invariant: keyed by PnL, drawdown strictly increases with PnL along the front.
 */
final class ParetoFront {

  private static final class Point {
    final double drawdown;
    final List<AggregatedJobResult> jobs = new ArrayList<>(1);

    Point(double drawdown) {
      this.drawdown = drawdown;
    }
  }

  private final TreeMap<Double, Point> byPnl = new TreeMap<>();

  /**
   * Offers a job; one without a finite {@code max_drawdown_pct} cannot be placed and is ignored.
   */
  void add(AggregatedJobResult job) {
    var dd = job.metric("max_drawdown_pct");
    if (dd.isEmpty() || !Double.isFinite(dd.getAsDouble())) {
      return;
    }
    add(Ranking.pnl(job), dd.getAsDouble() + 0.0, job);
  }

  private void add(double pnl, double dd, AggregatedJobResult job) {
    Point same = byPnl.get(pnl);
    if (same != null) {
      if (dd > same.drawdown) {
        return;
      }
      if (dd == same.drawdown) {
        same.jobs.add(job);
        return;
      }
      byPnl.remove(pnl);
    } else {
      Map.Entry<Double, Point> better = byPnl.higherEntry(pnl);
      if (better != null && better.getValue().drawdown <= dd) {
        return;
      }
    }
    Point p = new Point(dd);
    p.jobs.add(job);
    byPnl.put(pnl, p);
    for (Map.Entry<Double, Point> worse = byPnl.lowerEntry(pnl);
        worse != null && worse.getValue().drawdown >= dd;
        worse = byPnl.lowerEntry(pnl)) {
      byPnl.remove(worse.getKey());
    }
  }

  void addAll(ParetoFront other) {
    for (Point p : other.byPnl.values()) {
      for (AggregatedJobResult job : p.jobs) {
        add(job);
      }
    }
  }

  /** The front, highest PnL first; equal points by job id, source and line. */
  List<AggregatedJobResult> jobs() {
    List<AggregatedJobResult> out = new ArrayList<>();
    for (Point p : byPnl.descendingMap().values()) {
      List<AggregatedJobResult> tied = new ArrayList<>(p.jobs);
      tied.sort(
          Comparator.comparing(AggregatedJobResult::jobId)
              .thenComparing(AggregatedJobResult::source)
              .thenComparingInt(AggregatedJobResult::line));
      out.addAll(tied);
    }
    return out;
  }
}
