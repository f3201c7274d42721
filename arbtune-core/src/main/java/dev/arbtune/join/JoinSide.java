package dev.arbtune.join;

import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.QuotesFormatException;
import java.io.IOException;

/**
 * One venue in a join: its cursor, one quote read ahead ({@link #pending}), the latest quote
 * applied (time, prices and their text), and the counts of what was read.
 */
final class JoinSide {

  private final VenueQuotes quotes;

  /** Whether the cursor holds a quote not applied yet, at {@link #pendingTime}. */
  boolean pending;

  long pendingTime;

  /** Whether some quote was applied: the venue has quoted. */
  boolean quoted;

  /** The latest applied quote's time, in epoch microseconds. */
  long time;

  private boolean oneSided;

  /** The latest applied quote's bid and ask as text: {@code BID,ASK}. */
  final StringBuilder text = new StringBuilder(48);

  private long rows;
  private long crossed;
  private long locked;
  private long sameTime;
  private long longestGap;
  private long longestGapStart;

  JoinSide(VenueQuotes quotes) {
    this.quotes = quotes;
  }

  /**
   * Reads the next quote into {@link #pending}, counting it.
   *
   * @throws QuotesFormatException when it is earlier than the quote before it
   */
  void advance() throws IOException {
    if (!quotes.next()) {
      pending = false;
      return;
    }
    long t = quotes.timeMicros();
    if (rows > 0) {
      if (t < pendingTime) {
        throw new QuotesFormatException(
            quotes.source(),
            quotes.line(),
            null,
            "time "
                + EpochUnit.instant(t)
                + " is earlier than the row before it ("
                + EpochUnit.instant(pendingTime)
                + "); rows must be in time order: sort the file first (arbtune join --sort)");
      }
      long gap = t - pendingTime;
      if (gap == 0) {
        sameTime++;
      } else if (gap > longestGap) {
        longestGap = gap;
        longestGapStart = pendingTime;
      }
    }
    rows++;
    pending = true;
    pendingTime = t;
    double bid = quotes.bid();
    double ask = quotes.ask();
    if (bid > ask) {
      crossed++;
    } else if (bid == ask) {
      locked++;
    }
  }

  /** Makes the pending quote the latest one and reads the next. */
  void applyAndAdvance() throws IOException {
    time = pendingTime;
    oneSided = Double.isNaN(quotes.bid()) || Double.isNaN(quotes.ask());
    text.setLength(0);
    quotes.appendBid(text);
    text.append(',');
    quotes.appendAsk(text);
    quoted = true;
    advance();
  }

  /** Whether the latest applied quote has an empty side. */
  boolean oneSided() {
    return oneSided;
  }

  /** What was read. */
  VenueStats stats() {
    return new VenueStats(
        quotes.source(),
        quotes.format(),
        rows,
        crossed,
        locked,
        sameTime,
        longestGap,
        longestGap == 0 ? null : EpochUnit.instant(longestGapStart));
  }
}
