package dev.arbtune.backtest;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;

/**
 * Formats a trade log as CSV: one row per trade, closed trades in closing order, then the trades
 * still open (whose exit columns are empty and whose {@code pnl_usd} is marked at the last mid).
 */
public final class TradesCsv {

  /** The header row. */
  public static final List<String> COLUMNS =
      List.of(
          "trade_id",
          "direction",
          "status",
          "entry_time",
          "exit_time",
          "quantity",
          "entry_buy_price",
          "entry_sell_price",
          "exit_sell_price",
          "exit_buy_price",
          "fees_usd",
          "pnl_usd");

  private TradesCsv() {}

  /**
   * Writes the header and one row per trade to {@code out} (which is not closed).
   *
   * @throws IOException when writing fails
   */
  public static void write(List<Trade> trades, Writer out) throws IOException {
    Objects.requireNonNull(trades, "trades");
    Objects.requireNonNull(out, "out");
    out.write(String.join(",", COLUMNS));
    out.write('\n');
    StringBuilder row = new StringBuilder(160);
    for (Trade t : trades) {
      row.setLength(0);
      row.append(t.id()).append(',');
      row.append(t.direction().label()).append(',');
      row.append(t.isOpen() ? "open" : "closed").append(',');
      row.append(t.entryTime()).append(',');
      row.append(t.isOpen() ? "" : t.exitTime().toString()).append(',');
      row.append(t.quantity()).append(',');
      row.append(t.entryBuyPrice()).append(',');
      row.append(t.entrySellPrice()).append(',');
      row.append(t.isOpen() ? "" : Double.toString(t.exitSellPrice())).append(',');
      row.append(t.isOpen() ? "" : Double.toString(t.exitBuyPrice())).append(',');
      row.append(t.feesUsd()).append(',');
      row.append(t.pnlUsd()).append('\n');
      out.append(row);
    }
  }
}
