package dev.arbtune.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** gzip files, whole and cut short. */
public final class Gzip {

  private Gzip() {}

  /** {@code bytes} gzip-compressed. */
  public static byte[] of(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * {@code gzip} cut short (as by a copy that stopped) at the first length from 3,000 bytes on
   * whose last four bytes, read as the size a gzip trailer records, say more than 3.5 GiB.
   */
  public static byte[] cutWhereTheTrailerSaysGiB(byte[] gzip) {
    for (int n = 3000; n < gzip.length - 8; n++) {
      long recorded =
          ByteBuffer.wrap(gzip, n - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
      if (recorded > 3_758_096_384L) {
        return Arrays.copyOf(gzip, n);
      }
    }
    throw new IllegalStateException("no such cut");
  }
}
