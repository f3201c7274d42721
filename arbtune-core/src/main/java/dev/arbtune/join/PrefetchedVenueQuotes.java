package dev.arbtune.join;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A venue file read ahead by a thread of its own: the thread parses rows into batches of primitive
 * columns (time, line, bid, ask, the prices' text as bytes) while the join consumes earlier ones,
 * so that reading both venues and joining use more than one core. The rows, their values and text,
 * and an error at its row are the same as reading the file directly; memory is bounded: at most
 * {@link #BATCHES} batches of {@link #BATCH_ROWS} rows (about 1.5 MB).
 */
final class PrefetchedVenueQuotes implements VenueQuotes, PriceText {

  static final int BATCH_ROWS = 4096;
  static final int BATCHES = 6;

  /** The room kept free in a batch's text before a row's prices are copied in. */
  private static final int TEXT_ROOM = 256;

  /** Rows read ahead, or the end of the input, or the error that ended reading. */
  private static final class Batch {
    final long[] time = new long[BATCH_ROWS];
    final long[] line = new long[BATCH_ROWS];
    final double[] bid = new double[BATCH_ROWS];
    final double[] ask = new double[BATCH_ROWS];

    /** Where row i's {@code BID,ASK} text ends; it starts where row i - 1's ends (or at 0). */
    final int[] textEnd = new int[BATCH_ROWS];

    byte[] text = new byte[BATCH_ROWS * 24];
    int size;
    boolean end;
    Throwable error;
  }

  private final VenueQuotes source;
  private final PriceText sourceText;
  private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
  private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
  private final Thread reader;
  private final StringBuilder chars = new StringBuilder(64);

  private Batch current;
  private int row;

  /**
   * Starts reading {@code source} ahead; the cursor is then this one's (closed with it).
   *
   * @param name the reading thread's name
   */
  PrefetchedVenueQuotes(VenueQuotes source, String name) {
    this.source = source;
    this.sourceText = source instanceof PriceText p ? p : null;
    for (int i = 0; i < BATCHES; i++) {
      free.add(new Batch());
    }
    reader = new Thread(this::readAhead, name);
    reader.setDaemon(true);
    reader.start();
  }

  /** The reading thread: fills free batches until the end of the input or an error. */
  private void readAhead() {
    try {
      while (true) {
        Batch b = free.take();
        fill(b);
        full.put(b);
        if (b.end || b.error != null) {
          return;
        }
      }
    } catch (InterruptedException e) {
      // closed: stop reading
    }
  }

  private void fill(Batch b) {
    b.size = 0;
    int textLength = 0;
    try {
      while (b.size < BATCH_ROWS) {
        if (!source.next()) {
          b.end = true;
          return;
        }
        int i = b.size;
        b.time[i] = source.timeMicros();
        b.line[i] = source.line();
        b.bid[i] = source.bid();
        b.ask[i] = source.ask();
        if (b.text.length - textLength < TEXT_ROOM) {
          b.text = java.util.Arrays.copyOf(b.text, b.text.length * 2);
        }
        int end = sourceText == null ? -1 : sourceText.copyPrices(b.text, textLength);
        if (end < 0) {
          end = copyOfCursorText(b, textLength);
        }
        b.textEnd[i] = end;
        textLength = end;
        b.size = i + 1;
      }
    } catch (IOException | RuntimeException | Error e) {
      b.error = e;
    }
  }

  /**
   * Writes the source's {@code appendBid} and {@code appendAsk} text into {@code b} at {@code at}.
   */
  private int copyOfCursorText(Batch b, int at) {
    chars.setLength(0);
    source.appendBid(chars);
    chars.append(',');
    source.appendAsk(chars);
    byte[] bytes = chars.toString().getBytes(StandardCharsets.UTF_8);
    if (b.text.length - at < bytes.length) {
      b.text = java.util.Arrays.copyOf(b.text, 2 * (at + bytes.length));
    }
    System.arraycopy(bytes, 0, b.text, at, bytes.length);
    return at + bytes.length;
  }

  @Override
  public boolean next() throws IOException {
    if (current != null && row + 1 < current.size) {
      row++;
      return true;
    }
    while (true) {
      if (current != null) {
        if (current.error != null) {
          throw rethrow(current.error);
        }
        if (current.end) {
          return false;
        }
        free.add(current);
      }
      try {
        current = full.take();
      } catch (InterruptedException e) {
        current = null;
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading " + source.source());
      }
      row = 0;
      if (current.size > 0) {
        return true;
      }
    }
  }

  private static IOException rethrow(Throwable error) {
    if (error instanceof IOException e) {
      return e;
    }
    if (error instanceof RuntimeException e) {
      throw e;
    }
    if (error instanceof Error e) {
      throw e;
    }
    throw new UncheckedIOException(new IOException(error));
  }

  @Override
  public long timeMicros() {
    return current.time[row];
  }

  @Override
  public double bid() {
    return current.bid[row];
  }

  @Override
  public double ask() {
    return current.ask[row];
  }

  private int textStart() {
    return row == 0 ? 0 : current.textEnd[row - 1];
  }

  private int comma() {
    int i = textStart();
    while (current.text[i] != ',') {
      i++;
    }
    return i;
  }

  @Override
  public void appendBid(StringBuilder out) {
    out.append(
        new String(current.text, textStart(), comma() - textStart(), StandardCharsets.UTF_8));
  }

  @Override
  public void appendAsk(StringBuilder out) {
    int s = comma() + 1;
    out.append(new String(current.text, s, current.textEnd[row] - s, StandardCharsets.UTF_8));
  }

  @Override
  public int copyPrices(byte[] out, int at) {
    int s = textStart();
    int n = current.textEnd[row] - s;
    if (at + n > out.length) {
      return -1;
    }
    System.arraycopy(current.text, s, out, at, n);
    return at + n;
  }

  @Override
  public long line() {
    return current.line[row];
  }

  @Override
  public String source() {
    return source.source();
  }

  @Override
  public VenueFormat format() {
    return source.format();
  }

  /** Stops the reading thread, then closes the file. */
  @Override
  public void close() throws IOException {
    reader.interrupt();
    boolean interrupted = false;
    while (reader.isAlive()) {
      try {
        reader.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    source.close();
  }
}
