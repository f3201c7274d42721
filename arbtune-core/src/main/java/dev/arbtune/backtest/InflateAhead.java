package dev.arbtune.backtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Reads a stream (the gzip inflater of {@link CsvScanner}) on a background daemon thread named
 * {@value #THREAD_NAME}, ahead of its one reader, so that inflating overlaps with parsing. The
 * first piece is read in the reader's thread, which then starts the background thread.
 *
 * <p>Exactly the bytes of the stream reach the reader, and in the same pieces as a reader that read
 * it directly: the background thread asks the stream for the lengths that {@link CsvScanner}'s
 * buffer asks for (its free space after the bytes since the last line end, the buffer doubling when
 * a line fills it), and each {@link #read} returns one of those pieces whole. So a failure of the
 * stream (broken gzip data, a read error) reaches the reader at the same point as without the
 * thread, as the same exception; java.util.zip drops the bytes that the failing inflate call gave,
 * and the same bytes are dropped here.
 *
 * <p>Memory: at most {@value #BUFFERS} buffers of the scanner's size (1 MiB each for lines shorter
 * than that), reused. {@link #close()} (by the reader, whether it finished or stopped early) stops
 * the thread, interrupting it (a read of a file channel it is blocked in fails and closes that
 * channel), waits until it has ended and drops the buffers. The stream itself is not closed.
 */
final class InflateAhead extends InputStream {

  /** The background thread's name. */
  static final String THREAD_NAME = "arbtune-inflate";

  /** The buffers in use at most: one being filled, one being read, the rest queued. */
  private static final int BUFFERS = 4;

  /** A piece of the stream, its end ({@code length < 0}) or its failure. */
  private record Piece(byte[] bytes, int length, Throwable failure) {}

  private static final Piece END = new Piece(null, -1, null);

  private final InputStream source;
  private final ArrayBlockingQueue<Piece> filled = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final ArrayBlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
  private final Thread thread;
  private volatile boolean closed;

  // The background thread's (the reader's before it starts the thread): the reader's buffer length,
  // the bytes since the last line end, the buffers allocated.
  private int bufferLength;
  private int tail;
  private int allocated;

  // The reader's: whether it read the first piece (and started the thread), the piece being read
  // and how far.
  private boolean started;
  private Piece current;
  private int offset;

  private InflateAhead(InputStream source, int bufferLength) {
    this.source = source;
    this.bufferLength = bufferLength;
    this.thread = new Thread(this::produce, THREAD_NAME);
    thread.setDaemon(true);
  }

  /**
   * Reads {@code source} ahead for a reader whose buffer holds {@code bufferLength} bytes and keeps
   * the bytes after the last line end when it refills (as {@link CsvScanner} does). The first read
   * takes place in the reader's thread, which then starts the background thread: the reader never
   * waits for that thread to be scheduled before it has work.
   */
  static InflateAhead start(InputStream source, int bufferLength) {
    Objects.requireNonNull(source, "source");
    if (bufferLength < 1) {
      throw new IllegalArgumentException("bufferLength must be positive, got " + bufferLength);
    }
    return new InflateAhead(source, bufferLength);
  }

  private void produce() {
    try {
      while (!closed) {
        if (tail == bufferLength) {
          bufferLength *= 2;
          if (bufferLength <= 0) {
            return; // the reader fails growing its own buffer before it asks for more
          }
        }
        int want = bufferLength - tail;
        byte[] bytes = buffer(want);
        int n = source.read(bytes, 0, want);
        if (n < 0) {
          filled.put(END);
          return;
        }
        advance(bytes, 0, n);
        filled.put(new Piece(bytes, n, null));
      }
    } catch (InterruptedException e) {
      // closed: nobody reads on
    } catch (Throwable t) { // handed to the reader, which rethrows it where it happened
      if (!closed) {
        filled.offer(new Piece(null, -1, t));
      }
    }
  }

  /** A free buffer of at least {@code want} bytes: reused, or new while fewer than the limit. */
  private byte[] buffer(int want) throws InterruptedException {
    byte[] bytes = free.poll();
    if (bytes == null) {
      if (allocated < BUFFERS) {
        allocated++;
        return new byte[bufferLength];
      }
      bytes = free.take();
    }
    return bytes.length >= want ? bytes : new byte[bufferLength];
  }

  /** Counts the bytes since the last line end after {@code bytes[off, off + n)}. */
  private void advance(byte[] bytes, int off, int n) {
    for (int i = off + n - 1; i >= off; i--) {
      if (bytes[i] == '\n') {
        tail = off + n - 1 - i;
        return;
      }
    }
    tail += n;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  /**
   * Up to {@code len} bytes of the current piece (the whole piece when {@code len} is the length
   * the background thread asked the stream for); rethrows the stream's failure where it happened.
   *
   * @throws InterruptedIOException when the calling thread is interrupted while it waits
   */
  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (closed) {
      throw new IOException("the stream was closed");
    }
    if (!started) {
      return readFirst(b, off, len);
    }
    if (current == null) {
      try {
        current = filled.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading ahead");
      }
      offset = 0;
    }
    Piece piece = current;
    if (piece.failure() != null) {
      throw rethrow(piece.failure());
    }
    if (piece.length() < 0) {
      return -1;
    }
    int n = Math.min(len, piece.length() - offset);
    System.arraycopy(piece.bytes(), offset, b, off, n);
    offset += n;
    if (offset == piece.length()) {
      free.offer(piece.bytes());
      current = null;
    }
    return n;
  }

  /** The first read, in the reader's thread; then starts the background thread for the rest. */
  private int readFirst(byte[] b, int off, int len) throws IOException {
    started = true;
    int n;
    try {
      n = source.read(b, off, len);
    } catch (IOException | RuntimeException | Error e) {
      current = new Piece(null, -1, e);
      throw e;
    }
    if (n < 0) {
      current = END;
      return n;
    }
    advance(b, off, n);
    thread.start();
    return n;
  }

  private static IOException rethrow(Throwable failure) {
    if (failure instanceof IOException io) {
      return io;
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    return new IOException(failure);
  }

  /** Stops the background thread, waits until it has ended and drops the buffers. */
  @Override
  public void close() {
    closed = true;
    boolean interrupted = false;
    while (thread.isAlive()) {
      thread.interrupt();
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    filled.clear();
    free.clear();
    current = null;
  }
}
