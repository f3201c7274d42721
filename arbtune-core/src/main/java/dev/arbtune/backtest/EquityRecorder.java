package dev.arbtune.backtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Rebuilds a backtest's equity row by row from the quotes and the engine's trade log, following
 * docs/MODEL.md's marking rules, without touching the engine's loop ({@link Backtest#run} stays as
 * fast as it is benchmarked). Each valid row of the window is stepped as the model says (close,
 * then open at most one, then mark); which trades open and close is decided by the model's rules
 * and checked against the trade log, whose trades must open and close on exactly those rows. The
 * sums are taken in the engine's order with the engine's expressions, so the recorded maximum
 * drawdown and final equity are the engine's to the last bit ({@code EquityRecorderTest} checks it
 * over many random configs on the shipped data).
 *
 * <pre>{@code
 * List<Trade> log = new ArrayList<>();
 * BacktestMetrics m = Backtest.run(config, quotes, log::add);
 * EquityRecorder.Curve curve = EquityRecorder.replay(config, quotes, log, (i, eq, dd, open) -> {});
 * }</pre>
 */
public final class EquityRecorder {

  private static final double BPS = 1e4;

  private EquityRecorder() {}

  /** Receives the rebuilt curve. */
  public interface Sink {

    /**
     * A marked row: equity was recomputed on it (a trade was open at its start, or one opened).
     *
     * @param row the row of the quotes
     * @param equity initial balance + realized PnL + the open trades marked at the row's mids
     * @param drawdownPct how far equity is below its peak so far, percent of the peak (0 at a peak)
     * @param openTrades trades open after the row
     */
    void marked(int row, double equity, double drawdownPct, int openTrades);

    /** A trade opened on {@code row}. Does nothing unless overridden. */
    default void opened(int row, Trade trade) {}

    /** A trade closed on {@code row}. Does nothing unless overridden. */
    default void closed(int row, Trade trade) {}
  }

  /**
   * What the replay found.
   *
   * @param from the window's first row
   * @param end the row after the last one processed (the stop row + 1 when stopped)
   * @param markedRows rows on which equity was recomputed
   * @param finalEquity equity after the last marked row ({@code initial_balance_usd} when none):
   *     the engine's {@code final_balance_usd + unrealized_pnl_usd}
   * @param maxDrawdownPct the largest drawdown: the engine's {@code max_drawdown_pct}
   * @param stopped whether {@code stop_on_drawdown_pct} ended the run
   */
  public record Curve(
      int from,
      int end,
      long markedRows,
      double finalEquity,
      double maxDrawdownPct,
      boolean stopped) {}

  /**
   * Replays {@code config} over {@code quotes} with the engine's {@code tradeLog} (as {@link
   * Backtest#run(BacktestConfig, Quotes, java.util.function.Consumer)} reported it) and reports
   * every marked row to {@code sink}.
   *
   * @throws ConfigException when the config's time window holds no quotes
   * @throws IllegalStateException when the trade log is not what the model gives on these quotes (a
   *     log of another config or other quotes)
   */
  public static Curve replay(
      BacktestConfig config, Quotes quotes, List<Trade> tradeLog, Sink sink) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(quotes, "quotes");
    Objects.requireNonNull(tradeLog, "tradeLog");
    Objects.requireNonNull(sink, "sink");
    int from = config.startTime() == null ? 0 : quotes.firstIndexAtOrAfter(config.startTime());
    int to =
        config.endTime() == null ? quotes.size() : quotes.firstIndexAtOrAfter(config.endTime());
    if (from >= to) {
      // The engine's own message.
      Backtest.run(config, quotes);
    }
    List<Trade> byId = new ArrayList<>(tradeLog);
    byId.sort(Comparator.comparingInt(Trade::id));
    for (int k = 0; k < byId.size(); k++) {
      if (byId.get(k).id() != k + 1) {
        throw mismatch("trade ids are not 1.." + byId.size());
      }
    }
    return new Replay(config, quotes, byId, sink).run(from, to);
  }

  private static IllegalStateException mismatch(String what) {
    return new IllegalStateException(
        "the trade log does not match the quotes and config replayed: " + what);
  }

  /** One replay: the open trades in opening order and the running sums. */
  private static final class Replay {
    private final Quotes quotes;
    private final List<Trade> byId;
    private final Sink sink;
    private final double minSpreadBps;
    private final double costBps;
    private final double halfSlip;
    private final double feeA;
    private final double feeB;
    private final double positionUsd;
    private final int maxOpen;
    private final double initialBalance;
    private final double stopDrawdownPct;

    private final List<OpenTrade> open = new ArrayList<>();
    private int opened;
    private double realized;

    Replay(BacktestConfig c, Quotes quotes, List<Trade> byId, Sink sink) {
      this.quotes = quotes;
      this.byId = byId;
      this.sink = sink;
      this.minSpreadBps = c.minSpreadBps();
      this.costBps = c.costBps();
      this.halfSlip = c.slippageBps() / 2 / BPS;
      this.feeA = c.takerFeeABps() / BPS;
      this.feeB = c.takerFeeBBps() / BPS;
      this.positionUsd = c.maxPositionUsd();
      this.maxOpen = c.maxOpenTrades();
      this.initialBalance = c.initialBalanceUsd();
      this.stopDrawdownPct =
          c.stopOnDrawdownPct() == null ? Double.POSITIVE_INFINITY : c.stopOnDrawdownPct();
    }

    Curve run(int from, int to) {
      double peak = initialBalance;
      double maxDrawdown = 0;
      double equity = initialBalance;
      long marked = 0;
      int end = to;
      boolean stopped = false;
      for (int i = from; i < to; i++) {
        double bidA = quotes.bidA(i);
        double askA = quotes.askA(i);
        double bidB = quotes.bidB(i);
        double askB = quotes.askB(i);
        if (!Quotes.tradable(bidA, askA, bidB, askB)) {
          continue; // invalid: nothing opens, closes or is marked
        }
        double sAB = (bidB - askA) / askA * BPS;
        double sBA = (bidA - askB) / askB * BPS;
        boolean changed = !open.isEmpty();
        // 1. Close, oldest first.
        for (int k = 0; k < open.size(); ) {
          OpenTrade t = open.get(k);
          if ((t.buyA ? sAB : sBA) < 0) {
            Trade logged = t.logged;
            if (logged.isOpen() || EpochUnit.micros(logged.exitTime()) != quotes.timestamp(i)) {
              throw mismatch("trade " + logged.id() + " closes on row " + i + " by the model");
            }
            realized += logged.pnlUsd(); // the engine's own value, summed in its order
            open.remove(k);
            sink.closed(i, logged);
          } else {
            k++;
          }
        }
        // 2. Open at most one.
        if (open.size() < maxOpen && Math.max(sAB, sBA) - costBps >= minSpreadBps) {
          openTrade(i, sAB >= sBA, bidA, askA, bidB, askB);
          changed = true;
        }
        // 3. Mark.
        if (changed) {
          double midA = (bidA + askA) / 2;
          double midB = (bidB + askB) / 2;
          double unrealized = 0;
          for (OpenTrade t : open) {
            unrealized += t.unrealized(midA, midB);
          }
          equity = initialBalance + realized + unrealized;
          double drawdown = 0;
          boolean newPeak = equity > peak;
          marked++;
          if (newPeak) {
            peak = equity;
          } else {
            drawdown = (peak - equity) / peak * 100;
            if (drawdown > maxDrawdown) {
              maxDrawdown = drawdown;
            }
          }
          sink.marked(i, equity, drawdown, open.size());
          if (!newPeak && drawdown >= stopDrawdownPct) {
            end = i + 1;
            stopped = true;
            break;
          }
        }
      }
      if (opened != byId.size()) {
        throw mismatch(byId.size() + " trades logged, " + opened + " opened by the model");
      }
      for (OpenTrade t : open) {
        if (!t.logged.isOpen()) {
          throw mismatch("trade " + t.logged.id() + " is still open by the model");
        }
      }
      return new Curve(from, end, marked, equity, maxDrawdown, stopped);
    }

    private void openTrade(
        int row, boolean ab, double bidA, double askA, double bidB, double askB) {
      if (opened >= byId.size()) {
        throw mismatch("a trade opens on row " + row + " by the model but not in the log");
      }
      Trade logged = byId.get(opened);
      opened++;
      double buy = (ab ? askA : askB) * (1 + halfSlip);
      double sell = (ab ? bidB : bidA) * (1 - halfSlip);
      double q = positionUsd / buy;
      double entryFees = q * buy * (ab ? feeA : feeB) + q * sell * (ab ? feeB : feeA);
      if (EpochUnit.micros(logged.entryTime()) != quotes.timestamp(row)
          || (logged.direction() == Direction.BUY_A_SELL_B) != ab
          || logged.quantity() != q
          || logged.entryBuyPrice() != buy
          || logged.entrySellPrice() != sell) {
        throw mismatch("trade " + logged.id() + " opens otherwise by the model on row " + row);
      }
      open.add(new OpenTrade(ab, q, buy, sell, entryFees, logged));
      sink.opened(row, logged);
    }
  }

  /** An open trade as the engine holds it. */
  private record OpenTrade(
      boolean buyA, double qty, double entryBuy, double entrySell, double entryFees, Trade logged) {

    /** The engine's expression for the trade's PnL at the mids, entry fees included. */
    double unrealized(double midA, double midB) {
      return qty * ((buyA ? midA : midB) - entryBuy)
          + qty * (entrySell - (buyA ? midB : midA))
          - entryFees;
    }
  }
}
