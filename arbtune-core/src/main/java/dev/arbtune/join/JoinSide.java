package dev.arbtune.join;

import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.QuotesFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One venue in a join: its cursor, one quote read ahead ({@link #pending}), the latest quote
 * applied (time, prices and their text), and the counts of what was read.
 */
final class JoinSide {

  private final VenueQuotes quotes;

  /** The cursor when it can copy its prices' text as bytes. */
  private final PriceText priceText;

  /** Whether the cursor holds a quote not applied yet, at {@link #pendingTime}. */
  boolean pending;

  long pendingTime;

  /** Whether some quote was applied: the venue has quoted. */
  boolean quoted;

  /** The latest applied quote's time, in epoch microseconds. */
  long time;

  private boolean oneSided;

  /**
   * The latest applied quote's bid and ask as ASCII text, {@code BID,ASK}, in the first {@link
   * #textLength} bytes.
   */
  byte[] text = new byte[64];

  int textLength;

  private final StringBuilder chars = new StringBuilder(48);

  private long rows;
  private long crossed;
  private long locked;
  private long sameTime;
  private long longestGap;
  private long longestGapStart;

  JoinSide(VenueQuotes quotes) {
    this.quotes = quotes;
    this.priceText = quotes instanceof PriceText p ? p : null;
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
    int n = priceText == null ? -1 : priceText.copyPrices(text, 0);
    if (n < 0) {
      n = textOfCursor();
    }
    textLength = n;
    quoted = true;
    advance();
  }

  /** Sets {@link #text} from the cursor's {@code appendBid} and {@code appendAsk}: its length. */
  private int textOfCursor() {
    chars.setLength(0);
    quotes.appendBid(chars);
    chars.append(',');
    quotes.appendAsk(chars);
    byte[] bytes = chars.toString().getBytes(StandardCharsets.UTF_8);
    if (bytes.length > text.length) {
      text = new byte[bytes.length * 2];
    }
    System.arraycopy(bytes, 0, text, 0, bytes.length);
    return bytes.length;
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
