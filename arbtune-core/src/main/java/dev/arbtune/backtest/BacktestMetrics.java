package dev.arbtune.backtest;

import dev.arbtune.result.Metric;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one backtest measured: the {@code metrics} object of a result document, less {@code
 * runtime_seconds} (the one value that differs between two runs of the same job; the runner adds
 * it). docs/MODEL.md defines each one.
 *
 * @param totalTrades trades opened
 * @param closedTrades trades closed
 * @param openTrades trades still open at the end
 * @param finalBalanceUsd initial balance plus realized PnL
 * @param realizedPnlUsd PnL of the closed trades, fees included
 * @param maxDrawdownPct largest peak-to-trough fall of equity, percent of the peak
 * @param winRate share of closed trades with a positive PnL; 0 when none closed
 * @param avgPnlPerTradeUsd realized PnL per closed trade; 0 when none closed
 * @param unrealizedPnlUsd PnL of the open trades marked at the last valid mid prices
 * @param feesPaidUsd taker fees of every fill, open trades' entries included
 * @param profitFactor gross profit over gross loss of closed trades; {@code null} without a loss
 * @param pnlStdPerTradeUsd sample standard deviation of closed trades' PnL; 0 for fewer than two
 * @param sharpePerTrade mean over standard deviation of closed trades' PnL; {@code null} for fewer
 *     than two or a zero deviation
 * @param avgHoldingSeconds mean time from open to close of closed trades; 0 when none closed
 * @param quotesProcessed quote rows stepped through (skipped ones included)
 * @param quotesSkipped rows not traded on: a non-positive price or a crossed venue
 * @param stoppedOnDrawdown whether {@code stop_on_drawdown_pct} ended the run early
 */
public record BacktestMetrics(
    int totalTrades,
    int closedTrades,
    int openTrades,
    double finalBalanceUsd,
    double realizedPnlUsd,
    double maxDrawdownPct,
    double winRate,
    double avgPnlPerTradeUsd,
    double unrealizedPnlUsd,
    double feesPaidUsd,
    Double profitFactor,
    double pnlStdPerTradeUsd,
    Double sharpePerTrade,
    double avgHoldingSeconds,
    long quotesProcessed,
    long quotesSkipped,
    boolean stoppedOnDrawdown) {

  /** The keys of {@link #toMap(double)}, in the order written: {@link Metric#keys()}. */
  public static final List<String> KEYS = Metric.keys();

  /** Decimal places kept in documents for USD amounts, percentages and ratios. */
  public static final int DECIMALS = 6;

  /** Decimal places kept for {@code runtime_seconds}. */
  public static final int RUNTIME_DECIMALS = 3;

  public BacktestMetrics {
    if (totalTrades < 0 || closedTrades < 0 || openTrades < 0) {
      throw new IllegalArgumentException("trade counts must be >= 0");
    }
    if (closedTrades + openTrades != totalTrades) {
      throw new IllegalArgumentException(
          "closed + open trades must equal total trades: "
              + closedTrades
              + " + "
              + openTrades
              + " != "
              + totalTrades);
    }
    if (quotesSkipped < 0 || quotesSkipped > quotesProcessed) {
      throw new IllegalArgumentException("quotes_skipped must be within 0..quotes_processed");
    }
  }

  /**
   * The {@code metrics} object of a result document: the seed's nine metrics first (with {@code
   * runtime_seconds} in its seed position), then the rest; counts as integers, amounts rounded to
   * {@value #DECIMALS} decimal places, undefined ratios as {@code null}. Unmodifiable.
   *
   * @param runtimeSeconds the job's wall time, rounded to {@value #RUNTIME_DECIMALS} places
   */
  public Map<String, Object> toMap(double runtimeSeconds) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(Metric.TOTAL_TRADES.key(), totalTrades);
    m.put(Metric.CLOSED_TRADES.key(), closedTrades);
    m.put(Metric.OPEN_TRADES.key(), openTrades);
    put(m, Metric.FINAL_BALANCE_USD, finalBalanceUsd);
    put(m, Metric.REALIZED_PNL_USD, realizedPnlUsd);
    put(m, Metric.MAX_DRAWDOWN_PCT, maxDrawdownPct);
    put(m, Metric.WIN_RATE, winRate);
    put(m, Metric.AVG_PNL_PER_TRADE_USD, avgPnlPerTradeUsd);
    put(m, Metric.RUNTIME_SECONDS, runtimeSeconds);
    put(m, Metric.UNREALIZED_PNL_USD, unrealizedPnlUsd);
    put(m, Metric.FEES_PAID_USD, feesPaidUsd);
    put(m, Metric.PROFIT_FACTOR, profitFactor);
    put(m, Metric.PNL_STD_PER_TRADE_USD, pnlStdPerTradeUsd);
    put(m, Metric.SHARPE_PER_TRADE, sharpePerTrade);
    put(m, Metric.AVG_HOLDING_SECONDS, avgHoldingSeconds);
    m.put(Metric.QUOTES_PROCESSED.key(), quotesProcessed);
    m.put(Metric.QUOTES_SKIPPED.key(), quotesSkipped);
    m.put(Metric.STOPPED_ON_DRAWDOWN.key(), stoppedOnDrawdown);
    return Collections.unmodifiableMap(m);
  }

  /** Puts {@code value} rounded to the metric's decimal places; {@code null} stays {@code null}. */
  private static void put(Map<String, Object> m, Metric metric, Double value) {
    m.put(metric.key(), value == null ? null : round(value, metric.unit().decimals()));
  }

  /** {@code value} rounded half-even to {@code places} decimal places; non-finite values kept. */
  static double round(double value, int places) {
    if (!Double.isFinite(value)) {
      return value;
    }
    if (places >= 0 && value == Math.rint(value) && Math.abs(value) < 0x1p53) {
      return value == 0 ? 0.0 : value; // a whole number: no decimal places to round
    }
    return roundDecimal(value, places);
  }

  /** {@link #round}'s decimal arithmetic, the reference for every value. */
  static double roundDecimal(double value, int places) {
    if (!Double.isFinite(value)) {
      return value;
    }
    double r = BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
    return r == 0 ? 0.0 : r;
  }
}
