package dev.arbtune.insights;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The sampler behind the report's scatter plot (its points leave {@link Insights} as {@link
 * SamplePoint}s): a uniform random sample of at most {@code capacity} (PnL, drawdown) points that
 * does not depend on the order in which jobs arrive or on the number of threads: every job gets a
 * pseudo-random priority from a fixed seed and its identity (job id, file, line), and the sample is
 * the jobs with the smallest priorities (bottom-k sampling, the order-free form of reservoir
 * sampling). Samples of different threads merge by keeping the smallest priorities of both.
 */
final class ScatterSampler {

  /** The fixed seed: the same folder gives the same sample on every run. */
  static final long SEED = 0x5eed_a4b7_0c0f_fee1L;

  private static final Comparator<Point> LARGEST_PRIORITY_FIRST =
      Comparator.comparingLong(Point::priority).reversed();

  private final int capacity;
  private final PriorityQueue<Point> heap = new PriorityQueue<>(LARGEST_PRIORITY_FIRST);
  private long offered;

  ScatterSampler(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** The priority of a job: a mix of the seed and its identity. */
  static long priority(String jobId, String source, int line) {
    return Hashing.mix(SEED ^ Hashing.string(jobId) ^ Hashing.mix(Hashing.string(source) + line));
  }

  void add(long priority, double pnl, double drawdown) {
    offered++;
    offer(new Point(priority, pnl, drawdown));
  }

  private void offer(Point p) {
    if (capacity == 0) {
      return;
    }
    if (heap.size() < capacity) {
      heap.add(p);
    } else if (p.priority < heap.peek().priority) {
      heap.poll();
      heap.add(p);
    }
  }

  void merge(ScatterSampler other) {
    for (Point p : other.heap) {
      offer(p);
    }
    offered += other.offered;
  }

  /** Jobs offered in all, sampled or not. */
  long offered() {
    return offered;
  }

  /** The sampled points, by priority (a random but reproducible order). */
  List<Point> points() {
    List<Point> out = new ArrayList<>(heap);
    out.sort(Comparator.comparingLong(Point::priority));
    return out;
  }

  /** One sampled job. */
  record Point(long priority, double pnl, double drawdown) {}
}
