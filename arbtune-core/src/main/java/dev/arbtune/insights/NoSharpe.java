package dev.arbtune.insights;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.result.Metric;
import java.util.OptionalDouble;

/**
 * Why a job has no Sharpe ratio per trade. arbtune's engine writes {@code sharpe_per_trade} as the
 * mean over the sample standard deviation of the closed trades' PnL, and {@code null} when fewer
 * than two trades closed or their PnL has a zero deviation (docs/MODEL.md); another runner may not
 * write it at all.
 */
public enum NoSharpe {
  /** The document has no {@code sharpe_per_trade} key. */
  NOT_CARRIED("its document carries no sharpe_per_trade"),
  /** Fewer than 2 closed trades: no standard deviation. */
  FEW_TRADES("fewer than 2 closed trades"),
  /** Two or more closed trades, all with the same PnL: a zero standard deviation. */
  ZERO_DEVIATION("zero deviation: every closed trade had the same PnL");

  private final String text;

  NoSharpe(String text) {
    this.text = text;
  }

  /** The reason in words, e.g. {@code fewer than 2 closed trades}. */
  public String text() {
    return text;
  }

  /** The label in JSON: {@code not-carried}, {@code few-trades}, {@code zero-deviation}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /**
   * Why {@code job}, which has no finite {@code sharpe_per_trade}, has none: the key is missing, or
   * its closed trades ({@code closed_trades}, else {@code total_trades}; missing counts as 0) are
   * fewer than 2, or else their PnL had a zero deviation.
   */
  public static NoSharpe of(AggregatedJobResult job) {
    if (!job.metrics().containsKey(InsightCollector.SHARPE_METRIC)) {
      return NOT_CARRIED;
    }
    return trades(job) < 2 ? FEW_TRADES : ZERO_DEVIATION;
  }

  /** The number of trades behind a per-trade Sharpe ratio: T of the deflated Sharpe ratio. */
  static double trades(AggregatedJobResult job) {
    OptionalDouble closed = job.metric(Metric.CLOSED_TRADES.key());
    OptionalDouble t = closed.isPresent() ? closed : job.metric(Metric.TOTAL_TRADES.key());
    return t.isPresent() && Double.isFinite(t.getAsDouble()) ? t.getAsDouble() : 0;
  }
}
