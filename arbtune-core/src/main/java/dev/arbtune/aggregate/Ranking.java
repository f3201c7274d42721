package dev.arbtune.aggregate;

import dev.arbtune.result.Metric;
import java.util.Comparator;
import java.util.Objects;

/**
 * The one order in which jobs are ranked: the ranking metric, best first, then {@code job_id}
 * ascending, then the source path, then the line (for JSON Lines). The order is total, so a ranking
 * is identical on every run, machine and thread count.
 *
 * <p>A missing realized PnL counts as 0, as in the seed; any other metric that is missing or not a
 * finite number ranks after every job that has it, whatever the order.
 */
public final class Ranking {

  /** The seed's ranking metric. */
  public static final String PNL_METRIC = Metric.REALIZED_PNL_USD.key();

  /** A job with its ranking key computed once. Smaller keys rank first. */
  record Ranked(AggregatedJobResult job, double key) {}

  private static final Comparator<Ranked> RANKED_ORDER =
      Comparator.comparingDouble(Ranked::key)
          .thenComparing(r -> r.job().jobId())
          .thenComparing(r -> r.job().source())
          .thenComparingInt(r -> r.job().line());

  private static final Ranking SEED = new Ranking(RankingSpec.PNL);

  private final RankingSpec spec;
  private final boolean descending;
  private final boolean missingIsZero;

  private Ranking(RankingSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.descending = spec.order() == Order.DESCENDING;
    this.missingIsZero =
        Metric.byKey(spec.metric()).map(m -> m.missing() == Metric.Missing.ZERO).orElse(false);
  }

  /** The ranking described by {@code spec}. */
  public static Ranking of(RankingSpec spec) {
    return spec.equals(RankingSpec.PNL) ? SEED : new Ranking(spec);
  }

  /** The seed's comparator: realized PnL highest first, then job id, source and line. */
  public static Comparator<AggregatedJobResult> byPnl() {
    return SEED.comparator();
  }

  public RankingSpec spec() {
    return spec;
  }

  /** Best first; computes keys on every comparison, so prefer it for small lists. */
  public Comparator<AggregatedJobResult> comparator() {
    return (a, b) -> RANKED_ORDER.compare(ranked(a), ranked(b));
  }

  /** The job with its sort key. */
  Ranked ranked(AggregatedJobResult job) {
    return new Ranked(job, key(job));
  }

  /** The order of {@link Ranked} values: best first. */
  static Comparator<Ranked> rankedOrder() {
    return RANKED_ORDER;
  }

  /**
   * The sort key of {@code job}: smaller ranks first (the metric, negated when the highest ranks
   * first); +Infinity when the metric is missing and does not count as 0.
   */
  public double sortKey(AggregatedJobResult job) {
    return key(job);
  }

  /** The sort key: smaller is better; +Infinity when the metric is missing. */
  double key(AggregatedJobResult job) {
    Object raw = job.metrics().get(spec.metric());
    double value;
    if (raw instanceof Number n && Double.isFinite(n.doubleValue())) {
      value = n.doubleValue();
    } else if (missingIsZero) {
      value = 0.0;
    } else {
      return Double.POSITIVE_INFINITY;
    }
    // + 0.0 turns -0.0 into 0.0 so that the two tie.
    return (descending ? -value : value) + 0.0;
  }

  /** Realized PnL as ranked by the seed: 0 when missing. */
  static double pnl(AggregatedJobResult job) {
    return -SEED.key(job) + 0.0;
  }
}
