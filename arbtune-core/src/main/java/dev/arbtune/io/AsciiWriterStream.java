package dev.arbtune.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Objects;

/**
 * An output stream of ASCII text that passes it on to a {@link Writer} as characters (one per
 * byte), for outputs written as bytes that may go to a writer (the command's stdout, a test's
 * {@link java.io.StringWriter}). Neither flushes nor closes the writer.
 */
public final class AsciiWriterStream extends OutputStream {

  private final Writer out;
  private char[] chars = new char[8192];

  /** A stream that writes to {@code out}. */
  public AsciiWriterStream(Writer out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  @Override
  public void write(int b) throws IOException {
    out.write((char) (b & 0xff));
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len > chars.length) {
      chars = new char[len];
    }
    for (int i = 0; i < len; i++) {
      chars[i] = (char) (b[off + i] & 0xff);
    }
    out.write(chars, 0, len);
  }
}
