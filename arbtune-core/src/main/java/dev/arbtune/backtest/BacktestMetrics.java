package dev.arbtune.backtest;

import dev.arbtune.result.DocumentLayout;
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
    // writeTo lays out the same members: keep the two in step (MetricsLayoutTest)
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

  /**
   * Lays out {@link #toMap(double)}'s members, in its order, as the members of the object being
   * written (a result document's {@code metrics}), without building the map.
   */
  public void writeTo(DocumentLayout out, double runtimeSeconds) {
    out.member(Metric.TOTAL_TRADES.key(), totalTrades)
        .member(Metric.CLOSED_TRADES.key(), closedTrades)
        .member(Metric.OPEN_TRADES.key(), openTrades);
    put(out, Metric.FINAL_BALANCE_USD, finalBalanceUsd);
    put(out, Metric.REALIZED_PNL_USD, realizedPnlUsd);
    put(out, Metric.MAX_DRAWDOWN_PCT, maxDrawdownPct);
    put(out, Metric.WIN_RATE, winRate);
    put(out, Metric.AVG_PNL_PER_TRADE_USD, avgPnlPerTradeUsd);
    put(out, Metric.RUNTIME_SECONDS, runtimeSeconds);
    put(out, Metric.UNREALIZED_PNL_USD, unrealizedPnlUsd);
    put(out, Metric.FEES_PAID_USD, feesPaidUsd);
    put(out, Metric.PROFIT_FACTOR, profitFactor);
    put(out, Metric.PNL_STD_PER_TRADE_USD, pnlStdPerTradeUsd);
    put(out, Metric.SHARPE_PER_TRADE, sharpePerTrade);
    put(out, Metric.AVG_HOLDING_SECONDS, avgHoldingSeconds);
    out.member(Metric.QUOTES_PROCESSED.key(), quotesProcessed)
        .member(Metric.QUOTES_SKIPPED.key(), quotesSkipped)
        .member(Metric.STOPPED_ON_DRAWDOWN.key(), stoppedOnDrawdown);
  }

  private static void put(DocumentLayout out, Metric metric, double value) {
    out.member(metric.key(), round(value, metric.unit().decimals()));
  }

  private static void put(DocumentLayout out, Metric metric, Double value) {
    out.member(metric.key(), value == null ? null : round(value, metric.unit().decimals()));
  }

  /** Puts {@code value} rounded to the metric's decimal places; {@code null} stays {@code null}. */
  private static void put(Map<String, Object> m, Metric metric, Double value) {
    m.put(metric.key(), value == null ? null : round(value, metric.unit().decimals()));
  }

  /**
   * {@code value} rounded half-even to {@code places} decimal places; non-finite values kept.
   * Exactly (to the bit) {@link #roundDecimal}'s result: {@link #roundFast} where it applies, else
   * the whole-number shortcut or the decimal arithmetic.
   */
  static double round(double value, int places) {
    double fast = roundFast(value, places);
    if (fast == fast) {
      return fast;
    }
    if (places >= 0 && value == Math.rint(value) && Math.abs(value) < 0x1p53) {
      return value == 0 ? 0.0 : value; // a whole number: no decimal places to round
    }
    return roundDecimal(value, places);
  }

  /** {@link #roundFast}'s margin, relative to |value · 10^places|; see there. */
  private static final double MARGIN = 0x1p-48;

  /**
   * {@link #roundDecimal}'s result without decimal arithmetic, or NaN where this cannot be sure of
   * it (a value within {@link #MARGIN} of a tie at {@code places}, |value · 10^places| ≥ 2^47,
   * places outside 0..22, a non-finite value; NaN is never a result of a finite value).
   *
   * <p>Why it is exact. Let {@code P = 10^places} (an exact double), {@code x = value · P} (real),
   * {@code prod} the double product (one rounding), {@code k = rint(prod)}, {@code d = |prod − k|},
   * and {@code D} the decimal of {@code Double.toString(value)}, which the reference rounds.
   *
   * <ol>
   *   <li>{@code |prod − x| ≤ 2^-53·|x| + 2^-1075} (round to nearest; the second term for a
   *       subnormal product).
   *   <li>{@code Double.toString} gives a decimal that reads back as {@code value} (it "uniquely
   *       distinguishes" it, though in JDK 17 not always with the fewest digits), so {@code |D −
   *       value| ≤ ulp(value)/2 ≤ 2^-53·|value| + 2^-1075}, and {@code |D·P − x| ≤ 2^-53·|x| +
   *       2^-1001} (P < 2^74).
   *   <li>So {@code E = |D·P − prod| ≤ 2^-52·|x| + 2^-1000 < 2^-51·|prod| + 2^-999}.
   *   <li>{@code prod − k} is exact (Sterbenz: k lies in [prod/2, 2·prod] when |prod| ≥ 1/2, and is
   *       0 otherwise), hence so is {@code d ≤ 1/2}; {@code 0.5 − d} and {@code |prod|·2^-48} are
   *       computed with a relative error of at most 2^-53 (the product is exact unless it
   *       underflows, which only happens for |prod| < 1/4, where d < 1/4 passes anyway).
   *   <li>The test {@code 0.5 − d > m}, {@code m = 2^-48·|prod|}, thus means {@code 1/2 − d > E}:
   *       for |prod| ≥ 1/4, {@code E < 2^-50·|prod| < m/(1 + 2^-53)}; for |prod| < 1/4, k = 0 and
   *       {@code 1/2 − d > 1/4 > E}. (2^-51 would do; 2^-48 leaves a factor of 8, room for a {@code
   *       Double.toString} up to 15 ulps off.)
   *   <li>Then {@code |D·P − k| ≤ d + E < 1/2}: k is the integer nearest {@code D·P}, no tie, so
   *       half-even rounding of D to {@code places} is {@code K / P} with {@code K = k}, and the
   *       reference returns the double nearest K / P ({@code BigDecimal.doubleValue} is correctly
   *       rounded; for |K| < 2^52 and scale 1..22 it even computes {@code K / P} in double, as
   *       here). k and P are exact doubles (|k| ≤ 2^47 since m < 1/2), so the IEEE quotient {@code
   *       k / P} is that same double; it is ±0 only for k = ±0, written as 0.0 as the reference
   *       writes a zero.
   *   <li>Negative values are symmetric (every step uses magnitudes); an overflowing product (±∞)
   *       or a NaN makes the test false. Values whose product reaches 2^47 fail the test (m ≥ 1/2),
   *       so a product near 2^52, where doubles are integers or halves, never gets here.
   * </ol>
   */
  static double roundFast(double value, int places) {
    if (places < 0 || places > ExactPowersOfTen.MAX) {
      return Double.NaN;
    }
    double scale = ExactPowersOfTen.of(places);
    double prod = value * scale;
    double k = Math.rint(prod);
    if (0.5 - Math.abs(prod - k) > Math.abs(prod) * MARGIN) {
      double r = k / scale;
      return r == 0 ? 0.0 : r;
    }
    return Double.NaN;
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
