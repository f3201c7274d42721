package dev.arbtune.aggregate;

import dev.arbtune.result.Metric;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The jobs not dominated on (realized PnL higher, max drawdown lower), maintained incrementally:
 * O(log f) amortised per job, where f is the number of distinct points on the front. A job
 * dominates another when it is at least as good on both and better on one; jobs with equal PnL and
 * drawdown do not dominate each other, so all of them are on the front.
 *
 * <p>Memory is bounded by the points, not by the jobs: each point keeps a count and at most {@link
 * #MAX_LISTED} of its jobs (the first by job id, source and line), so a million jobs tied at PnL 0
 * and drawdown 0 (jobs that never traded) cost one point. In the worst case, where every job is on
 * the front (PnL strictly rising with drawdown), there is one point per job.
 *
 * <p>Invariant: keyed by PnL, drawdown strictly increases with PnL along the front.
 */
final class ParetoFront {

  /** How many jobs of the front are listed, and kept per point. */
  static final int MAX_LISTED = 1000;

  static final Comparator<AggregatedJobResult> TIES =
      Comparator.comparing(AggregatedJobResult::jobId)
          .thenComparing(AggregatedJobResult::source)
          .thenComparingInt(AggregatedJobResult::line);

  /**
   * One point of the front, as plain values (for merging fronts across threads and machines).
   *
   * @param pnl realized PnL (a missing one counts as 0)
   * @param drawdown max drawdown in percent
   * @param count jobs at this point
   * @param jobs the first of them by job id, source and line, at most {@link #MAX_LISTED}
   */
  record Point(double pnl, double drawdown, long count, List<AggregatedJobResult> jobs)
      implements Serializable {
    Point {
      jobs = new ArrayList<>(jobs);
    }
  }

  private static final class Bucket {
    final double drawdown;
    long count;
    final List<AggregatedJobResult> kept = new ArrayList<>(1);

    Bucket(double drawdown) {
      this.drawdown = drawdown;
    }

    void add(long n, List<AggregatedJobResult> jobs) {
      count += n;
      for (AggregatedJobResult job : jobs) {
        int at = Collections.binarySearch(kept, job, TIES);
        if (at < 0) {
          at = -at - 1;
        }
        if (at < MAX_LISTED) {
          kept.add(at, job);
          if (kept.size() > MAX_LISTED) {
            kept.remove(kept.size() - 1);
          }
        }
      }
    }
  }

  private final TreeMap<Double, Bucket> byPnl = new TreeMap<>();

  /**
   * Offers a job; one without a finite {@code max_drawdown_pct} cannot be placed and is ignored.
   */
  void add(AggregatedJobResult job) {
    var dd = job.metric(Metric.MAX_DRAWDOWN_PCT.key());
    if (dd.isEmpty() || !Double.isFinite(dd.getAsDouble())) {
      return;
    }
    add(Ranking.pnl(job), dd.getAsDouble() + 0.0, 1, List.of(job));
  }

  /** Offers {@code count} jobs at one point, of which {@code jobs} are the ones to list. */
  void add(Point point) {
    add(point.pnl(), point.drawdown(), point.count(), point.jobs());
  }

  private void add(double pnl, double dd, long count, List<AggregatedJobResult> jobs) {
    Bucket same = byPnl.get(pnl);
    if (same != null) {
      if (dd > same.drawdown) {
        return;
      }
      if (dd == same.drawdown) {
        same.add(count, jobs);
        return;
      }
      byPnl.remove(pnl);
    } else {
      Map.Entry<Double, Bucket> better = byPnl.higherEntry(pnl);
      if (better != null && better.getValue().drawdown <= dd) {
        return;
      }
    }
    Bucket b = new Bucket(dd);
    b.add(count, jobs);
    byPnl.put(pnl, b);
    for (Map.Entry<Double, Bucket> worse = byPnl.lowerEntry(pnl);
        worse != null && worse.getValue().drawdown >= dd;
        worse = byPnl.lowerEntry(pnl)) {
      byPnl.remove(worse.getKey());
    }
  }

  void addAll(ParetoFront other) {
    other.points().forEach(this::add);
  }

  /** The front's points, highest PnL first. */
  List<Point> points() {
    List<Point> out = new ArrayList<>(byPnl.size());
    for (Map.Entry<Double, Bucket> e : byPnl.descendingMap().entrySet()) {
      out.add(new Point(e.getKey(), e.getValue().drawdown, e.getValue().count, e.getValue().kept));
    }
    return out;
  }

  /** The first {@link #MAX_LISTED} jobs of the front, highest PnL first, ties by job id. */
  List<AggregatedJobResult> jobs() {
    List<AggregatedJobResult> out = new ArrayList<>();
    for (Bucket b : byPnl.descendingMap().values()) {
      for (AggregatedJobResult job : b.kept) {
        if (out.size() == MAX_LISTED) {
          return out;
        }
        out.add(job);
      }
    }
    return out;
  }

  /** Jobs on the front, listed or not. */
  long size() {
    long n = 0;
    for (Bucket b : byPnl.values()) {
      n += b.count;
    }
    return n;
  }
}
