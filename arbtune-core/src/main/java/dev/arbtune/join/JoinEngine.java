package dev.arbtune.join;

import dev.arbtune.backtest.EpochUnit;
import java.io.IOException;
import java.io.Writer;

/**
 * The streaming as-of join of two venue cursors (the rules are {@link QuoteJoin}'s): one quote of
 * each venue read ahead, the latest applied quote of each, and a line buffer; memory independent of
 * the input size.
 */
final class JoinEngine {

  static final String HEADER = "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b";
  static final String AGE_COLUMNS = ",age_a_us,age_b_us";

  private static final int FLUSH_AT = 1 << 16;

  private final JoinSide a;
  private final JoinSide b;
  private final JoinOptions options;
  private final Writer out;
  private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 512);
  private char[] chunk = new char[FLUSH_AT + 512];
  private final TimestampText timestamps = new TimestampText();

  private long rowsOut;
  private long stale;
  private long staleA;
  private long staleB;
  private long oneSided;
  private long beforeBoth;
  private long firstRow;
  private long lastRow;

  JoinEngine(VenueQuotes a, VenueQuotes b, JoinOptions options, Writer out) {
    this.a = new JoinSide(a);
    this.b = new JoinSide(b);
    this.options = options;
    this.out = out;
  }

  JoinStats run() throws IOException {
    buffer.append(HEADER);
    if (options.ageColumns()) {
      buffer.append(AGE_COLUMNS);
    }
    buffer.append('\n');
    a.advance();
    b.advance();
    long grid = options.gridMicros();
    while (a.pending || b.pending) {
      long next =
          Math.min(
              a.pending ? a.pendingTime : Long.MAX_VALUE,
              b.pending ? b.pendingTime : Long.MAX_VALUE);
      if (grid == 0) {
        while (a.pending && a.pendingTime == next) {
          a.applyAndAdvance();
        }
        while (b.pending && b.pendingTime == next) {
          b.applyAndAdvance();
        }
        row(next);
      } else {
        long g = Math.multiplyExact(Math.floorDiv(next, grid) + 1, grid);
        while (a.pending && a.pendingTime < g) {
          a.applyAndAdvance();
        }
        while (b.pending && b.pendingTime < g) {
          b.applyAndAdvance();
        }
        row(g);
      }
    }
    flush();
    return new JoinStats(
        a.stats(),
        b.stats(),
        rowsOut,
        stale,
        staleA,
        staleB,
        oneSided,
        beforeBoth,
        rowsOut == 0 ? null : EpochUnit.instant(firstRow),
        rowsOut == 0 ? null : EpochUnit.instant(lastRow));
  }

  /** Writes the row at {@code t}, or counts why it is dropped. */
  private void row(long t) throws IOException {
    if (!a.quoted || !b.quoted) {
      beforeBoth++;
      return;
    }
    long ageA = t - a.time;
    long ageB = t - b.time;
    long max = options.maxStalenessMicros();
    if (ageA > max || ageB > max) {
      stale++;
      if (ageA > max) {
        staleA++;
      }
      if (ageB > max) {
        staleB++;
      }
      return;
    }
    if (a.oneSided() || b.oneSided()) {
      oneSided++;
      return;
    }
    if (rowsOut == 0) {
      firstRow = t;
    }
    lastRow = t;
    rowsOut++;
    timestamps.append(buffer, t);
    buffer.append(',').append(a.text).append(',').append(b.text);
    if (options.ageColumns()) {
      buffer.append(',').append(ageA).append(',').append(ageB);
    }
    buffer.append('\n');
    if (buffer.length() >= FLUSH_AT) {
      flush();
    }
  }

  private void flush() throws IOException {
    int n = buffer.length();
    if (n > chunk.length) {
      chunk = new char[n];
    }
    buffer.getChars(0, n, chunk, 0);
    out.write(chunk, 0, n);
    buffer.setLength(0);
  }
}
