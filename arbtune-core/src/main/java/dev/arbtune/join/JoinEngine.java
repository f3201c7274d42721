package dev.arbtune.join;

import dev.arbtune.backtest.EpochUnit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The streaming as-of join of two venue cursors (the rules are {@link QuoteJoin}'s): one quote of
 * each venue read ahead, the latest applied quote of each, and a line buffer; memory independent of
 * the input size. Rows are written as ASCII bytes straight into a buffer: the prices copied from
 * the venues' text, the timestamp and ages digit by digit.
 */
final class JoinEngine {

  static final String HEADER = "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b";
  static final String AGE_COLUMNS = ",age_a_us,age_b_us";

  private static final int FLUSH_AT = 1 << 17;

  /** The room a row needs beyond its prices: the timestamp, two ages and separators. */
  private static final int ROW_ROOM = TimestampText.MAX_LENGTH + 2 * 21 + 8;

  private final JoinSide a;
  private final JoinSide b;
  private final JoinOptions options;
  private final OutputStream out;
  private byte[] buffer = new byte[FLUSH_AT + 1024];
  private int length;
  private final TimestampText timestamps = new TimestampText();

  private long rowsOut;
  private long stale;
  private long staleA;
  private long staleB;
  private long oneSided;
  private long beforeBoth;
  private long firstRow;
  private long lastRow;

  JoinEngine(VenueQuotes a, VenueQuotes b, JoinOptions options, OutputStream out) {
    this.a = new JoinSide(a);
    this.b = new JoinSide(b);
    this.options = options;
    this.out = out;
  }

  JoinStats run() throws IOException {
    String header = HEADER + (options.ageColumns() ? AGE_COLUMNS : "") + "\n";
    byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(headerBytes, 0, buffer, 0, headerBytes.length);
    length = headerBytes.length;
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
    int need = length + ROW_ROOM + a.textLength + b.textLength;
    if (need > buffer.length) {
      buffer = java.util.Arrays.copyOf(buffer, need * 2);
    }
    byte[] buf = buffer;
    int p = timestamps.append(buf, length, t);
    buf[p++] = ',';
    System.arraycopy(a.text, 0, buf, p, a.textLength);
    p += a.textLength;
    buf[p++] = ',';
    System.arraycopy(b.text, 0, buf, p, b.textLength);
    p += b.textLength;
    if (options.ageColumns()) {
      buf[p++] = ',';
      p = digits(buf, p, ageA);
      buf[p++] = ',';
      p = digits(buf, p, ageB);
    }
    buf[p++] = '\n';
    length = p;
    if (length >= FLUSH_AT) {
      flush();
    }
  }

  /** Writes {@code v} in decimal at {@code p}: where it ends. */
  private static int digits(byte[] buf, int p, long v) {
    if (v < 0 || v > Integer.MAX_VALUE) {
      byte[] text = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(text, 0, buf, p, text.length);
      return p + text.length;
    }
    int x = (int) v;
    int end = p + length(x);
    for (int i = end - 1; i > p; i--) {
      int q = x / 10;
      buf[i] = (byte) ('0' + x - q * 10);
      x = q;
    }
    buf[p] = (byte) ('0' + x);
    return end;
  }

  /** The number of decimal digits of {@code x} (not negative). */
  private static int length(int x) {
    int n = 1;
    for (int limit = 10; n < 10 && x >= limit; limit *= 10) {
      n++;
    }
    return n;
  }

  private void flush() throws IOException {
    out.write(buffer, 0, length);
    length = 0;
  }
}
