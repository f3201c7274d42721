package dev.arbtune.backtest;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * A quotes file that needs more memory to load than this Java process may use at all (its maximum
 * heap), found from the file's size before reading it ({@link QuotesCache#loadBytesEstimate}): the
 * file is not read. The message also states what a loaded file holds a row ({@link
 * Quotes#bytesPerRow()}: the columns and the fast engine's index).
 */
public final class QuotesTooLargeException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final long neededBytes;
  private final long heapBytes;

  /**
   * @param file the file, as the user named it
   * @param neededBytes the estimated heap its loading needs
   * @param heapBytes the most heap the process may use
   */
  public QuotesTooLargeException(String file, long neededBytes, long heapBytes) {
    super(
        String.format(
            Locale.ROOT,
            "%s needs about %s of memory to load (about twice its size; loaded, its quotes and"
                + " the fast engine's index take about %d bytes a row), more than the %s this Java"
                + " process may use",
            Objects.requireNonNull(file, "file"),
            megabytes(neededBytes),
            Math.round(Quotes.bytesPerRow()),
            megabytes(heapBytes)));
    this.file = file;
    this.neededBytes = neededBytes;
    this.heapBytes = heapBytes;
  }

  /** {@code bytes} as whole megabytes (MiB, as {@code -Xmx} counts them), rounded up. */
  public static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%,d MB", (bytes + (1 << 20) - 1) >> 20);
  }

  /** The file, as the user named it. */
  public String file() {
    return file;
  }

  /** The estimated heap that loading the file needs. */
  public long neededBytes() {
    return neededBytes;
  }

  /** The most heap the process may use. */
  public long heapBytes() {
    return heapBytes;
  }

  /** The same problem reported against another name of the same file. */
  public QuotesTooLargeException withFile(String otherName) {
    return new QuotesTooLargeException(otherName, neededBytes, heapBytes);
  }
}
