package dev.arbtune.aggregate;

import dev.arbtune.result.Metric;
import java.io.Serializable;
import java.util.Objects;

/**
 * What jobs are ranked by: a metric and the order in which it is best.
 *
 * @param metric a key of {@code metrics}, e.g. {@code realized_pnl_usd}
 * @param order best first: {@link Order#DESCENDING} ranks the highest value first
 */
public record RankingSpec(String metric, Order order) implements Serializable {

  /** The seed's ranking: realized PnL, highest first. */
  public static final RankingSpec PNL =
      new RankingSpec(Metric.REALIZED_PNL_USD.key(), Order.DESCENDING);

  public RankingSpec {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(order, "order");
    if (metric.isBlank()) {
      throw new IllegalArgumentException("metric must not be blank");
    }
  }

  /** Ranks by {@code metric} in the direction that is better for it. */
  public static RankingSpec by(String metric) {
    return new RankingSpec(metric, betterOrder(metric));
  }

  /**
   * The better direction of {@code metric}: a catalogued {@link Metric} knows it; neutral and
   * unknown metrics are descending.
   */
  public static Order betterOrder(String metric) {
    return Metric.byKey(metric)
        .map(m -> m.better().highestFirst() ? Order.DESCENDING : Order.ASCENDING)
        .orElse(Order.DESCENDING);
  }

  /** Whether this is the seed's ranking, whose list is written as {@code top_by_pnl}. */
  public boolean isSeedRanking() {
    return equals(PNL);
  }
}
