package dev.arbtune.aggregate;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * What jobs are ranked by: a metric and the order in which it is best.
 *
 * @param metric a key of {@code metrics}, e.g. {@code realized_pnl_usd}
 * @param order best first: {@link Order#DESCENDING} ranks the highest value first
 */
public record RankingSpec(String metric, Order order) implements Serializable {

  /** The seed's ranking: realized PnL, highest first. */
  public static final RankingSpec PNL = new RankingSpec(Ranking.PNL_METRIC, Order.DESCENDING);

  /**
   * Known metrics and which way is better; anything else ranks descending unless told otherwise.
   */
  private static final Map<String, Order> BETTER =
      Map.ofEntries(
          Map.entry("realized_pnl_usd", Order.DESCENDING),
          Map.entry("unrealized_pnl_usd", Order.DESCENDING),
          Map.entry("final_balance_usd", Order.DESCENDING),
          Map.entry("win_rate", Order.DESCENDING),
          Map.entry("avg_pnl_per_trade_usd", Order.DESCENDING),
          Map.entry("total_trades", Order.DESCENDING),
          Map.entry("closed_trades", Order.DESCENDING),
          Map.entry("profit_factor", Order.DESCENDING),
          Map.entry("sharpe_per_trade", Order.DESCENDING),
          Map.entry("max_drawdown_pct", Order.ASCENDING),
          Map.entry("runtime_seconds", Order.ASCENDING),
          Map.entry("fees_paid_usd", Order.ASCENDING),
          Map.entry("pnl_std_per_trade_usd", Order.ASCENDING));

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

  /** The better direction of {@code metric}: known metrics know it, others are descending. */
  public static Order betterOrder(String metric) {
    return BETTER.getOrDefault(metric, Order.DESCENDING);
  }

  /** Whether this is the seed's ranking, whose list is written as {@code top_by_pnl}. */
  public boolean isSeedRanking() {
    return equals(PNL);
  }
}
