package dev.arbtune.backtest;

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

  public static final String TOTAL_TRADES = "total_trades";
  public static final String CLOSED_TRADES = "closed_trades";
  public static final String OPEN_TRADES = "open_trades";
  public static final String FINAL_BALANCE_USD = "final_balance_usd";
  public static final String REALIZED_PNL_USD = "realized_pnl_usd";
  public static final String MAX_DRAWDOWN_PCT = "max_drawdown_pct";
  public static final String WIN_RATE = "win_rate";
  public static final String AVG_PNL_PER_TRADE_USD = "avg_pnl_per_trade_usd";
  public static final String RUNTIME_SECONDS = "runtime_seconds";
  public static final String UNREALIZED_PNL_USD = "unrealized_pnl_usd";
  public static final String FEES_PAID_USD = "fees_paid_usd";
  public static final String PROFIT_FACTOR = "profit_factor";
  public static final String PNL_STD_PER_TRADE_USD = "pnl_std_per_trade_usd";
  public static final String SHARPE_PER_TRADE = "sharpe_per_trade";
  public static final String AVG_HOLDING_SECONDS = "avg_holding_seconds";
  public static final String QUOTES_PROCESSED = "quotes_processed";
  public static final String QUOTES_SKIPPED = "quotes_skipped";
  public static final String STOPPED_ON_DRAWDOWN = "stopped_on_drawdown";

  /** The keys of {@link #toMap(double)}, in the order written. */
  public static final List<String> KEYS =
      List.of(
          TOTAL_TRADES,
          CLOSED_TRADES,
          OPEN_TRADES,
          FINAL_BALANCE_USD,
          REALIZED_PNL_USD,
          MAX_DRAWDOWN_PCT,
          WIN_RATE,
          AVG_PNL_PER_TRADE_USD,
          RUNTIME_SECONDS,
          UNREALIZED_PNL_USD,
          FEES_PAID_USD,
          PROFIT_FACTOR,
          PNL_STD_PER_TRADE_USD,
          SHARPE_PER_TRADE,
          AVG_HOLDING_SECONDS,
          QUOTES_PROCESSED,
          QUOTES_SKIPPED,
          STOPPED_ON_DRAWDOWN);

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
    m.put(TOTAL_TRADES, totalTrades);
    m.put(CLOSED_TRADES, closedTrades);
    m.put(OPEN_TRADES, openTrades);
    m.put(FINAL_BALANCE_USD, round(finalBalanceUsd, DECIMALS));
    m.put(REALIZED_PNL_USD, round(realizedPnlUsd, DECIMALS));
    m.put(MAX_DRAWDOWN_PCT, round(maxDrawdownPct, DECIMALS));
    m.put(WIN_RATE, round(winRate, DECIMALS));
    m.put(AVG_PNL_PER_TRADE_USD, round(avgPnlPerTradeUsd, DECIMALS));
    m.put(RUNTIME_SECONDS, round(runtimeSeconds, RUNTIME_DECIMALS));
    m.put(UNREALIZED_PNL_USD, round(unrealizedPnlUsd, DECIMALS));
    m.put(FEES_PAID_USD, round(feesPaidUsd, DECIMALS));
    m.put(PROFIT_FACTOR, profitFactor == null ? null : round(profitFactor, DECIMALS));
    m.put(PNL_STD_PER_TRADE_USD, round(pnlStdPerTradeUsd, DECIMALS));
    m.put(SHARPE_PER_TRADE, sharpePerTrade == null ? null : round(sharpePerTrade, DECIMALS));
    m.put(AVG_HOLDING_SECONDS, round(avgHoldingSeconds, RUNTIME_DECIMALS));
    m.put(QUOTES_PROCESSED, quotesProcessed);
    m.put(QUOTES_SKIPPED, quotesSkipped);
    m.put(STOPPED_ON_DRAWDOWN, stoppedOnDrawdown);
    return Collections.unmodifiableMap(m);
  }

  /** {@code value} rounded half-even to {@code places} decimal places; non-finite values kept. */
  static double round(double value, int places) {
    if (!Double.isFinite(value)) {
      return value;
    }
    double r = BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
    return r == 0 ? 0.0 : r;
  }
}
