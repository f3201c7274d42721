package dev.arbtune.backtest;

import java.time.Instant;
import java.util.Objects;

/**
 * One trade of a backtest, as the trade log reports it: a pair of legs opened together and, when
 * closed, unwound together. Prices are fill prices (slippage included).
 *
 * @param id 1-based, in the order trades were opened
 * @param direction which venue was bought and which sold
 * @param entryTime timestamp of the quote the trade was opened on
 * @param exitTime timestamp of the quote it was closed on, or {@code null} while open
 * @param quantity units traded on each leg
 * @param entryBuyPrice price paid on the buy leg
 * @param entrySellPrice price received on the sell leg
 * @param exitSellPrice price the bought units were sold at, {@code NaN} while open
 * @param exitBuyPrice price the sold units were bought back at, {@code NaN} while open
 * @param feesUsd taker fees paid on this trade's fills so far
 * @param pnlUsd realized PnL when closed; when open, the PnL marked at the last mid prices
 */
public record Trade(
    int id,
    Direction direction,
    Instant entryTime,
    Instant exitTime,
    double quantity,
    double entryBuyPrice,
    double entrySellPrice,
    double exitSellPrice,
    double exitBuyPrice,
    double feesUsd,
    double pnlUsd) {

  public Trade {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(entryTime, "entryTime");
  }

  /** Whether the trade was still open when the backtest ended. */
  public boolean isOpen() {
    return exitTime == null;
  }
}
