package dev.arbtune.show;

import dev.arbtune.backtest.BacktestMetrics;
import dev.arbtune.backtest.Trade;
import dev.arbtune.insights.NumberFormats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a person asks first of a job's trades.
 *
 * @param opened trades opened
 * @param closed trades closed
 * @param open trades still open at the end
 * @param realizedPnlUsd PnL of the closed trades
 * @param unrealizedPnlUsd PnL of the open trades at the last mids
 * @param winRate share of closed trades with a positive PnL (0 when none closed)
 * @param best the closed trade with the highest PnL, or {@code null}
 * @param worst the closed trade with the lowest PnL, or {@code null}
 * @param longest the closed trade held longest, or {@code null}
 * @param first the time the first trade opened, or {@code null} without trades
 * @param last the time of the last entry or exit, or {@code null} without trades
 */
public record TradeSummary(
    int opened,
    int closed,
    int open,
    double realizedPnlUsd,
    double unrealizedPnlUsd,
    double winRate,
    Trade best,
    Trade worst,
    Trade longest,
    Instant first,
    Instant last) {

  /** The summary of a trade log and the metrics of the same run. */
  public static TradeSummary of(List<Trade> trades, BacktestMetrics metrics) {
    Objects.requireNonNull(trades, "trades");
    Objects.requireNonNull(metrics, "metrics");
    Trade best = null;
    Trade worst = null;
    Trade longest = null;
    Instant first = null;
    Instant last = null;
    for (Trade t : trades) {
      first = first == null || t.entryTime().isBefore(first) ? t.entryTime() : first;
      Instant end = t.isOpen() ? t.entryTime() : t.exitTime();
      last = last == null || end.isAfter(last) ? end : last;
      if (t.isOpen()) {
        continue;
      }
      if (best == null || t.pnlUsd() > best.pnlUsd()) {
        best = t;
      }
      if (worst == null || t.pnlUsd() < worst.pnlUsd()) {
        worst = t;
      }
      if (longest == null || holding(t).compareTo(holding(longest)) > 0) {
        longest = t;
      }
    }
    return new TradeSummary(
        metrics.totalTrades(),
        metrics.closedTrades(),
        metrics.openTrades(),
        metrics.realizedPnlUsd(),
        metrics.unrealizedPnlUsd(),
        metrics.winRate(),
        best,
        worst,
        longest,
        first,
        last);
  }

  /**
   * The summary as labelled lines, in the order {@code arbtune show} prints them: trades, PnL, win
   * rate, best and worst trade, longest hold, first and last trade time.
   */
  public List<String[]> rows() {
    List<String[]> rows = new java.util.ArrayList<>();
    rows.add(
        new String[] {
          "Trades", opened + " opened, " + closed + " closed, " + open + " still open at the end"
        });
    rows.add(
        new String[] {
          "PnL",
          NumberFormats.money(realizedPnlUsd)
              + " USD realized"
              + (open > 0
                  ? ", " + NumberFormats.money(unrealizedPnlUsd) + " USD unrealized (open trades)"
                  : "")
        });
    rows.add(
        new String[] {
          "Win rate",
          closed == 0
              ? "n/a (no closed trade)"
              : NumberFormats.percent(winRate)
                  + " of "
                  + NumberFormats.count(closed)
                  + " closed trades"
        });
    rows.add(new String[] {"Best trade", describe(best)});
    rows.add(new String[] {"Worst trade", describe(worst)});
    rows.add(
        new String[] {
          "Longest hold",
          longest == null
              ? "n/a (no closed trade)"
              : duration(holding(longest))
                  + " (#"
                  + longest.id()
                  + ", "
                  + longest.entryTime()
                  + " to "
                  + longest.exitTime()
                  + ")"
        });
    rows.add(new String[] {"First trade", first == null ? "n/a (no trade)" : first.toString()});
    rows.add(new String[] {"Last trade", last == null ? "n/a (no trade)" : last.toString()});
    return rows;
  }

  private static String describe(Trade t) {
    return t == null
        ? "n/a (no closed trade)"
        : NumberFormats.money(t.pnlUsd())
            + " USD (#"
            + t.id()
            + " "
            + t.direction().label()
            + ", "
            + t.entryTime()
            + " to "
            + t.exitTime()
            + ")";
  }

  /** {@code 1d 2h 3m 4s}, leaving out leading zero units. */
  static String duration(Duration d) {
    long s = d.getSeconds();
    long days = s / 86400;
    long hours = s % 86400 / 3600;
    long minutes = s % 3600 / 60;
    long seconds = s % 60;
    String frac =
        d.getNano() == 0
            ? ""
            : String.format(java.util.Locale.ROOT, ".%06d", d.getNano() / 1000)
                .replaceAll("0+$", "");
    StringBuilder b = new StringBuilder();
    if (days > 0) {
      b.append(days).append("d ");
    }
    if (days > 0 || hours > 0) {
      b.append(hours).append("h ");
    }
    if (days > 0 || hours > 0 || minutes > 0) {
      b.append(minutes).append("m ");
    }
    return b.append(seconds).append(frac).append('s').toString();
  }

  /** How long a closed trade was held. */
  public static Duration holding(Trade t) {
    return Duration.between(t.entryTime(), t.exitTime());
  }
}
