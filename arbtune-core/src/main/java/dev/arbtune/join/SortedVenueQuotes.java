package dev.arbtune.join;

import dev.arbtune.backtest.QuotesFormatException;
import java.io.IOException;
import java.util.Arrays;

/**
 * A venue file read whole, then served sorted by time: stable, so that rows of equal time keep
 * their order in the file. Memory grows with the file (about 40 bytes per row plus the prices'
 * text).
 */
final class SortedVenueQuotes implements VenueQuotes {

  private static final int MAX_ROWS = Integer.MAX_VALUE - 16;

  private final String source;
  private final VenueFormat format;
  private int n;
  private long[] times = new long[1024];
  private double[] bids = new double[1024];
  private double[] asks = new double[1024];
  private long[] lines = new long[1024];
  // The text of row i's bid is text[textAt[2i], textAt[2i+1]), its ask's up to textAt[2i+2].
  private int[] textAt = new int[2049];
  private byte[] text = new byte[1 << 16];
  private int textSize;

  private int[] order;
  private int at = -1;

  /** Reads all of {@code rows} (read without an order check) and closes it. */
  SortedVenueQuotes(VenueQuotes rows) throws IOException {
    this.source = rows.source();
    this.format = rows.format();
    try (rows) {
      StringBuilder sb = new StringBuilder(64);
      while (rows.next()) {
        if (n == times.length) {
          grow(rows.line());
        }
        times[n] = rows.timeMicros();
        bids[n] = rows.bid();
        asks[n] = rows.ask();
        lines[n] = rows.line();
        sb.setLength(0);
        rows.appendBid(sb);
        int bidLength = sb.length();
        rows.appendAsk(sb);
        addText(sb, rows.line());
        textAt[2 * n + 1] = textAt[2 * n] + bidLength;
        textAt[2 * n + 2] = textSize;
        n++;
      }
    }
    order = stableOrder(times, n);
  }

  private void grow(long line) {
    if (n >= MAX_ROWS) {
      throw new QuotesFormatException(
          source, line, null, "more than " + MAX_ROWS + " rows to sort in memory; split the file");
    }
    int capacity = (int) Math.min(MAX_ROWS, (long) n + (n >> 1));
    times = Arrays.copyOf(times, capacity);
    bids = Arrays.copyOf(bids, capacity);
    asks = Arrays.copyOf(asks, capacity);
    lines = Arrays.copyOf(lines, capacity);
    textAt = Arrays.copyOf(textAt, 2 * capacity + 1);
  }

  private void addText(StringBuilder sb, long line) {
    int length = sb.length();
    if (textSize + (long) length > Integer.MAX_VALUE - 16) {
      throw new QuotesFormatException(
          source, line, null, "the prices are too much text to sort in memory; split the file");
    }
    if (textSize + length > text.length) {
      text = Arrays.copyOf(text, (int) Math.min(Integer.MAX_VALUE - 16, 2L * text.length + length));
    }
    for (int i = 0; i < length; i++) {
      text[textSize++] = (byte) sb.charAt(i);
    }
  }

  /** The indexes {@code 0..n-1} ordered by {@code times}, equal times in index order. */
  static int[] stableOrder(long[] times, int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    boolean sorted = true;
    for (int i = 1; i < n && sorted; i++) {
      sorted = times[i - 1] <= times[i];
    }
    if (sorted) {
      return order;
    }
    // Bottom-up merge sort: stable.
    int[] from = order;
    int[] to = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          to[k++] = times[from[j]] < times[from[i]] ? from[j++] : from[i++];
        }
        while (i < mid) {
          to[k++] = from[i++];
        }
        while (j < hi) {
          to[k++] = from[j++];
        }
      }
      int[] swap = from;
      from = to;
      to = swap;
    }
    return from;
  }

  @Override
  public boolean next() {
    if (at + 1 >= n) {
      at = n;
      return false;
    }
    at++;
    return true;
  }

  private int row() {
    if (at < 0 || at >= n) {
      throw new IllegalStateException("no current quote");
    }
    return order[at];
  }

  @Override
  public long timeMicros() {
    return times[row()];
  }

  @Override
  public double bid() {
    return bids[row()];
  }

  @Override
  public double ask() {
    return asks[row()];
  }

  @Override
  public void appendBid(StringBuilder out) {
    int r = row();
    append(out, textAt[2 * r], textAt[2 * r + 1]);
  }

  @Override
  public void appendAsk(StringBuilder out) {
    int r = row();
    append(out, textAt[2 * r + 1], textAt[2 * r + 2]);
  }

  private void append(StringBuilder out, int s, int e) {
    for (int i = s; i < e; i++) {
      out.append((char) (text[i] & 0xff));
    }
  }

  @Override
  public long line() {
    return lines[row()];
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public VenueFormat format() {
    return format;
  }

  @Override
  public void close() {
    // Nothing is held open: the file was read whole.
  }
}
