package dev.arbtune.aggregate;

import dev.arbtune.result.ResultReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Cuts a JSON Lines stream into blocks of whole lines, about 256 KiB each (below half a G1 region,
 * so never a humongous allocation), numbering lines from 1. Each block is a fresh array that can be
 * handed to another thread; only the unfinished last line is copied into the next block. A line
 * longer than {@link ResultReader#MAX_DOCUMENT_BYTES} is skipped without being held in memory and
 * reported on its own. Not thread-safe.
 */
final class LineBlocks {

  /** Bytes read at a time. */
  static final int BLOCK = 256 * 1024;

  /** Receives what {@link #next} found. */
  interface Receiver {
    /**
     * Whole lines: the first {@code length} bytes of {@code data}, starting at {@code firstLine}.
     */
    void lines(long firstLine, byte[] data, int length) throws IOException;

    /** Line {@code line} was {@code bytes} long, over the limit, and was skipped unread. */
    void oversized(long line, long bytes) throws IOException;
  }

  private final InputStream in;
  private final int maxLine;
  private long line = 1;
  private byte[] carry = new byte[0];
  private boolean done;

  LineBlocks(InputStream in) {
    this(in, ResultReader.MAX_DOCUMENT_BYTES);
  }

  /** With another line limit (for tests). */
  LineBlocks(InputStream in, int maxLine) {
    this.in = Objects.requireNonNull(in, "in");
    this.maxLine = maxLine;
  }

  /** The number of the first line not yet handed out. */
  long line() {
    return line;
  }

  /**
   * Hands the next block (or an oversized line) to {@code receiver}.
   *
   * @return false, without calling the receiver, at the end of the stream
   * @throws IOException when reading fails; {@link #line()} then says where
   */
  boolean next(Receiver receiver) throws IOException {
    if (done) {
      return false;
    }
    while (true) {
      byte[] block = new byte[Math.max(BLOCK, carry.length * 2)];
      System.arraycopy(carry, 0, block, 0, carry.length);
      int filled = carry.length + in.readNBytes(block, carry.length, block.length - carry.length);
      if (filled < block.length) { // end of the stream
        done = true;
        carry = new byte[0];
        if (filled == 0) {
          return false;
        }
        if (filled > maxLine && lastNewline(block, filled) < 0) {
          receiver.oversized(line++, filled);
          return true;
        }
        receiver.lines(line, block, filled);
        line += countNewlines(block, filled) + (block[filled - 1] == '\n' ? 0 : 1);
        return true;
      }
      int end = lastNewline(block, filled) + 1;
      if (end > 0) {
        receiver.lines(line, block, end);
        line += countNewlines(block, end);
        carry = Arrays.copyOfRange(block, end, filled);
        return true;
      }
      if (filled <= maxLine) { // a line longer than the block: read on into a bigger one
        carry = block;
        continue;
      }
      receiver.oversized(line++, filled + skipLine());
      return true;
    }
  }

  /** Skips to the end of the current line; returns the bytes skipped, its line break included. */
  private long skipLine() throws IOException {
    byte[] scratch = new byte[BLOCK];
    long skipped = 0;
    while (true) {
      int n = in.read(scratch);
      if (n < 0) {
        done = true;
        carry = new byte[0];
        return skipped;
      }
      for (int i = 0; i < n; i++) {
        if (scratch[i] == '\n') {
          carry = Arrays.copyOfRange(scratch, i + 1, n);
          return skipped + i;
        }
      }
      skipped += n;
    }
  }

  private static int lastNewline(byte[] b, int length) {
    for (int i = length - 1; i >= 0; i--) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static long countNewlines(byte[] b, int length) {
    long n = 0;
    for (int i = 0; i < length; i++) {
      if (b[i] == '\n') {
        n++;
      }
    }
    return n;
  }
}
