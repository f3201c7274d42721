package dev.arbtune.show;

import dev.arbtune.result.Metric;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a re-run's metrics with those its result document carries: every metric both carry
 * except {@code runtime_seconds} (wall time, the one value that differs between two runs). Integers
 * (trade and quote counts) must be equal; other numbers may differ by {@value #RELATIVE_TOLERANCE}
 * of the larger magnitude or {@value #ABSOLUTE_TOLERANCE} (one unit of the sixth decimal a document
 * keeps), whichever is larger; {@code true}/{@code false} and {@code null} must be the same.
 */
public final class MetricCheck {

  /** Relative tolerance of decimal metrics. */
  public static final double RELATIVE_TOLERANCE = 1e-9;

  /** Absolute tolerance of decimal metrics: documents round them to 6 decimals. */
  public static final double ABSOLUTE_TOLERANCE = 1e-6;

  private MetricCheck() {}

  /**
   * One metric that differs.
   *
   * @param metric its name
   * @param document the value in the document
   * @param rerun the value of the re-run
   */
  public record Difference(String metric, Object document, Object rerun) {
    public Difference {
      Objects.requireNonNull(metric, "metric");
    }

    /** {@code metric: document X, re-run Y}. */
    @Override
    public String toString() {
      return metric + ": document " + document + ", re-run " + rerun;
    }
  }

  /** The metrics carried by both maps whose values differ, in the document's order. */
  public static List<Difference> differences(
      Map<String, ?> documentMetrics, Map<String, ?> rerunMetrics) {
    Objects.requireNonNull(documentMetrics, "documentMetrics");
    Objects.requireNonNull(rerunMetrics, "rerunMetrics");
    List<Difference> out = new ArrayList<>();
    for (Map.Entry<String, ?> e : documentMetrics.entrySet()) {
      String name = e.getKey();
      if (name.equals(Metric.RUNTIME_SECONDS.key()) || !rerunMetrics.containsKey(name)) {
        continue;
      }
      Object doc = e.getValue();
      Object rerun = rerunMetrics.get(name);
      if (!same(doc, rerun)) {
        out.add(new Difference(name, doc, rerun));
      }
    }
    return out;
  }

  /** Whether two metric values agree under the rules of this class. */
  static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Number x && b instanceof Number y) {
      if (integral(x) && integral(y)) {
        return decimal(x).compareTo(decimal(y)) == 0;
      }
      double dx = x.doubleValue();
      double dy = y.doubleValue();
      if (!Double.isFinite(dx) || !Double.isFinite(dy)) {
        return Double.compare(dx, dy) == 0;
      }
      double tolerance =
          Math.max(RELATIVE_TOLERANCE * Math.max(Math.abs(dx), Math.abs(dy)), ABSOLUTE_TOLERANCE);
      return Math.abs(dx - dy) <= tolerance;
    }
    return a.equals(b);
  }

  private static boolean integral(Number n) {
    return n instanceof Integer || n instanceof Long || n instanceof BigInteger;
  }

  private static BigDecimal decimal(Number n) {
    return n instanceof BigInteger b ? new BigDecimal(b) : BigDecimal.valueOf(n.longValue());
  }
}
