package dev.arbtune.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Counts a plan's jobs from its bytes: the lines that the session would run, exactly as reading the
 * plan as UTF-8 text (malformed bytes replaced by U+FFFD) with {@link
 * java.io.BufferedReader#readLine()} and keeping the lines that are not {@linkplain
 * String#isBlank() blank} would count them (the first line without a leading byte order mark), but
 * without decoding the text.
 *
 * <p>Lines end at {@code \n}, at {@code \r} and at {@code \r\n}; since the empty line that
 * splitting a {@code \r\n} in two would add is blank, every {@code \r} and {@code \n} simply ends a
 * line here. A line with a non-blank ASCII character is counted at once; one that holds only ASCII
 * whitespace is blank; only a line that holds bytes of 0x80 and above and no other ASCII than
 * whitespace (rare in a plan) is decoded and tested, so that Unicode spaces, U+0085 and U+00A0 (not
 * whitespace) and malformed bytes count as they would in the text.
 */
final class PlanJobCount {

  /** The size of the read buffer. */
  static final int BUFFER_BYTES = 1 << 16;

  private final InputStream in;
  private final long max;
  private final byte[] buffer;

  /** The bytes of the current line from earlier buffers, kept while it may be blank. */
  private byte[] pending = new byte[0];

  private int pendingLength;

  /** Whether the current line holds a non-blank ASCII character. */
  private boolean nonBlank;

  /** Whether the current line holds a byte of 0x80 or above. */
  private boolean high;

  private CharsetDecoder decoder;

  private PlanJobCount(InputStream in, long max, int bufferBytes) {
    this.in = Objects.requireNonNull(in, "in");
    this.max = max;
    this.buffer = new byte[bufferBytes];
  }

  /**
   * The number of non-blank lines in {@code in}, at most {@code max} (reading stops there).
   *
   * @throws IOException when {@code in} cannot be read
   */
  static long count(InputStream in, long max) throws IOException {
    return count(in, max, BUFFER_BYTES);
  }

  /** As {@link #count(InputStream, long)}, reading {@code bufferBytes} (at least 3) at a time. */
  static long count(InputStream in, long max, int bufferBytes) throws IOException {
    if (bufferBytes < 3) {
      throw new IllegalArgumentException("bufferBytes must be at least 3, got " + bufferBytes);
    }
    return max <= 0 ? 0 : new PlanJobCount(in, max, bufferBytes).count();
  }

  private long count() throws IOException {
    long count = 0;
    boolean first = true;
    int n;
    while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
      int start = 0;
      if (first) {
        first = false;
        if (n >= 3
            && buffer[0] == (byte) 0xEF
            && buffer[1] == (byte) 0xBB
            && buffer[2] == (byte) 0xBF) {
          start = 3; // a byte order mark before the first line
        }
      }
      int lineStart = start;
      for (int i = start; i < n; i++) {
        byte b = buffer[i];
        if (b == '\n' || b == '\r') {
          if (endsNonBlank(lineStart, i) && ++count >= max) {
            return count;
          }
          lineStart = i + 1;
        } else if (nonBlank) {
          // the line counts: only its end matters
        } else if (b < 0) {
          high = true;
        } else if (!asciiWhitespace(b)) {
          nonBlank = true;
        }
      }
      if (high && !nonBlank) {
        // the line goes on in the next buffer and may still be blank; its ASCII bytes before the
        // first high one decode on their own, so only lines with high bytes need to be kept
        keep(lineStart, n);
      }
    }
    return endsNonBlank(0, 0) ? count + 1 : count;
  }

  /**
   * Ends the current line, whose last bytes are {@code buffer[from, to)}; whether it is non-blank.
   * Starts the next line.
   */
  private boolean endsNonBlank(int from, int to) throws CharacterCodingException {
    boolean result = nonBlank || high && !decodedIsBlank(from, to);
    nonBlank = false;
    high = false;
    pendingLength = 0;
    return result;
  }

  private boolean decodedIsBlank(int from, int to) throws CharacterCodingException {
    ByteBuffer bytes;
    if (pendingLength == 0) {
      bytes = ByteBuffer.wrap(buffer, from, to - from);
    } else {
      keep(from, to);
      bytes = ByteBuffer.wrap(pending, 0, pendingLength);
    }
    if (decoder == null) {
      decoder =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }
    return decoder.decode(bytes).toString().isBlank();
  }

  private void keep(int from, int to) {
    int length = to - from;
    if (pendingLength + length > pending.length) {
      pending = Arrays.copyOf(pending, Math.max(pendingLength + length, 2 * pending.length));
    }
    System.arraycopy(buffer, from, pending, pendingLength, length);
    pendingLength += length;
  }

  /** {@link Character#isWhitespace} for an ASCII character other than {@code \n} and {@code \r}. */
  private static boolean asciiWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == 0x0B || b == 0x0C || (b >= 0x1C && b <= 0x1F);
  }
}
