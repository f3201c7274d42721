package dev.arbtune.backtest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads a quotes CSV into {@link Quotes}. A hand-written byte-level parser ({@link CsvScanner}): it
 * parses the common forms of numbers and ISO-8601 timestamps without creating objects, which makes
 * it several times faster than a general CSV library followed by {@link Double#parseDouble} and
 * {@link java.time.Instant#parse} (see docs/BENCHMARKS.md).
 *
 * <p>The format:
 *
 * <ul>
 *   <li>UTF-8 (an initial byte order mark is ignored), optionally gzip-compressed (recognised by
 *       its magic bytes, whatever the file name); lines end in LF or CRLF; blank lines are ignored.
 *   <li>A header naming at least {@link #COLUMNS}, in any order and any letter case; other columns
 *       are ignored. Fields may be enclosed in double quotes (a quoted field may hold commas).
 *       Every row has as many fields as the header: a row with more or fewer (say, an unquoted
 *       {@code 17,207.5}) is an error naming its line.
 *   <li>{@code timestamp}: ISO-8601 ({@code 2014-05-01T05:00:02Z}, fractions of a second and an
 *       offset such as {@code +02:00} allowed; without an offset it is UTC) or an epoch integer
 *       (digits only) in seconds, milliseconds, microseconds or nanoseconds: the unit is read from
 *       the magnitude of the file's first epoch integer ({@link EpochUnit}: 10⁸ ≤ s &lt; 10¹¹ ≤ ms
 *       &lt; 10¹⁴ ≤ µs &lt; 10¹⁷ ≤ ns), and every later one must be of the same magnitude, or it is
 *       given by {@code time_unit}. Stored in epoch microseconds: finer fractions and nanoseconds
 *       are truncated to the microsecond. Rows must be in non-decreasing time order.
 *   <li>Prices: decimal numbers ({@code 1.38727}, {@code 1e-3}); {@code NaN}, infinities and empty
 *       fields are errors. Zero, negative and crossed prices are loaded as they are: the backtest
 *       skips such rows and counts them.
 * </ul>
 *
 * Every error is a {@link QuotesFormatException} naming the file, the line and the column.
 *
 * <p>Gzip data is inflated on a second thread, a daemon named {@code arbtune-inflate}, while the
 * calling thread parses ({@link InflateAhead}): at most 4 buffers of 1 MiB (more only for a line
 * longer than that) beyond the parser's own 1 MiB, reused. The parser gets the same bytes in the
 * same pieces as reading in one thread would give it, so the quotes and every error (a format
 * error, broken or truncated gzip data, a read error, also on pipes and multi-member files) are the
 * same. The thread ends with the load, also when the load fails or the calling thread is
 * interrupted (an {@link java.io.InterruptedIOException}); the input is closed as before (by {@link
 * #load(Path, EpochUnit)}, not by the stream overloads). Plain text is read in the calling thread.
 */
public final class QuotesLoader {

  /** The columns a quotes file must have. */
  public static final List<String> COLUMNS =
      List.of("timestamp", "best_bid_a", "best_ask_a", "best_bid_b", "best_ask_b");

  private static final int ROLE_NONE = -1;
  private static final int ROLE_TIMESTAMP = 0;
  private static final long MAX_ROWS = Integer.MAX_VALUE - 16;

  private QuotesLoader() {}

  /**
   * Loads {@code file}, plain or gzip-compressed.
   *
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   * @throws IOException when it cannot be read
   * @throws QuotesFormatException when its content is not a usable quotes table
   */
  public static Quotes load(Path file) throws IOException {
    return load(file, EpochUnit.AUTO);
  }

  /**
   * Loads {@code file}, plain or gzip-compressed, reading epoch integers in {@code unit}. A file
   * that is not a regular file (a named pipe, {@code /dev/fd/N}) is read once, as a stream of
   * unknown size.
   *
   * @param unit the unit of epoch integers, or {@link EpochUnit#AUTO} to read it from their
   *     magnitude
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   * @throws IOException when it cannot be read
   * @throws QuotesFormatException when its content is not a usable quotes table
   */
  public static Quotes load(Path file, EpochUnit unit) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(unit, "unit");
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    // A pipe or device (a named pipe, <(zcat q.csv.gz), /dev/stdin) is read once as a stream:
    // its size is unknown (0 sizes the columns by default).
    long size = attributes.isRegularFile() ? attributes.size() : 0;
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, file.toString(), size, unit);
    }
  }

  /**
   * Loads quotes from {@code in} (plain or gzip-compressed), which is not closed.
   *
   * @param source the name used in messages
   * @param sizeHint the byte size of the input if known (to size the columns), else 0
   * @throws IOException when reading fails
   * @throws QuotesFormatException when the content is not a usable quotes table
   */
  public static Quotes load(InputStream in, String source, long sizeHint) throws IOException {
    return load(in, source, sizeHint, EpochUnit.AUTO);
  }

  /**
   * Loads quotes from {@code in} (plain or gzip-compressed), which is not closed, reading epoch
   * integers in {@code unit}.
   *
   * @param source the name used in messages
   * @param sizeHint the byte size of the input if known (to size the columns), else 0
   * @param unit the unit of epoch integers, or {@link EpochUnit#AUTO} to read it from their
   *     magnitude
   * @throws IOException when reading fails
   * @throws QuotesFormatException when the content is not a usable quotes table
   */
  public static Quotes load(InputStream in, String source, long sizeHint, EpochUnit unit)
      throws IOException {
    return load(in, source, sizeHint, unit, true);
  }

  /**
   * {@link #load(InputStream, String, long, EpochUnit)}, with gzip data inflated on a background
   * thread ahead of the parsing or not (the same quotes and errors either way).
   */
  static Quotes load(
      InputStream in, String source, long sizeHint, EpochUnit unit, boolean inflateAhead)
      throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(unit, "unit");
    try (CsvScanner scanner =
        CsvScanner.open(in, source, unit, "timestamp", "time_unit", inflateAhead)) {
      long rowsGuess = Math.max(16, sizeHint / 58);
      if (scanner.gzipped()) {
        rowsGuess *= 4;
      }
      return new Parser(scanner, (int) Math.min(rowsGuess, 1 << 26)).parse();
    }
  }

  /** One pass over one input. */
  private static final class Parser {
    private final CsvScanner in;
    private final String source;

    private int[] roles;
    private int fieldsNeeded;

    private long[] ts;
    private final double[][] prices = new double[4][];
    private int n;

    Parser(CsvScanner in, int capacity) {
      this.in = in;
      this.source = in.source();
      ts = new long[capacity];
      for (int k = 0; k < 4; k++) {
        prices[k] = new double[capacity];
      }
    }

    Quotes parse() throws IOException {
      if (!in.nextLine()) {
        throw new QuotesFormatException(
            source, 0, null, "empty file; expected the header " + String.join(",", COLUMNS));
      }
      readHeader();
      long prev = Long.MIN_VALUE;
      long prevLine = 0;
      while (in.nextLine()) {
        if (in.lineIsBlank()) {
          continue;
        }
        long t = readRow();
        if (t < prev) {
          throw new QuotesFormatException(
              source,
              in.lineNo(),
              "timestamp",
              "rows must be in time order, but this one ("
                  + EpochUnit.instant(t)
                  + ") is earlier than line "
                  + prevLine
                  + " ("
                  + EpochUnit.instant(prev)
                  + ")");
        }
        prev = t;
        prevLine = in.lineNo();
      }
      if (n == 0) {
        throw new QuotesFormatException(source, 0, null, "no quote rows after the header");
      }
      return new Quotes(
          source, trim(ts), trim(prices[0]), trim(prices[1]), trim(prices[2]), trim(prices[3]));
    }

    private long[] trim(long[] a) {
      return a.length == n ? a : Arrays.copyOf(a, n);
    }

    private double[] trim(double[] a) {
      return a.length == n ? a : Arrays.copyOf(a, n);
    }

    private void readHeader() {
      List<String> names = in.readHeader();
      roles = new int[names.size()];
      Arrays.fill(roles, ROLE_NONE);
      String[] labels = new String[names.size()];
      List<String> missing = new ArrayList<>();
      for (int role = 0; role < COLUMNS.size(); role++) {
        String wanted = COLUMNS.get(role);
        int at = names.indexOf(wanted);
        if (at < 0) {
          missing.add(wanted);
          continue;
        }
        if (names.lastIndexOf(wanted) != at) {
          throw new QuotesFormatException(source, in.lineNo(), wanted, "the header names it twice");
        }
        roles[at] = role;
        labels[at] = wanted;
        fieldsNeeded = Math.max(fieldsNeeded, at + 1);
      }
      if (!missing.isEmpty()) {
        throw new QuotesFormatException(
            source,
            in.lineNo(),
            null,
            "the header lacks "
                + String.join(", ", missing)
                + "; it must name "
                + String.join(",", COLUMNS)
                + " (any order), found: "
                + String.join(",", names));
      }
      in.labelFields(labels);
    }

    /**
     * Parses one data row into the columns; returns its timestamp. The row must have as many fields
     * as the header: a comma inside an unquoted value (a thousands separator or a decimal comma)
     * would otherwise shift the columns silently.
     */
    private long readRow() {
      if (n == ts.length) {
        grow();
      }
      CsvScanner in = this.in;
      long t = 0;
      int p = in.lineStart();
      int end = in.lineEnd();
      int field = 0;
      try {
        for (; field < fieldsNeeded; field++) {
          if (p > end) {
            throw in.fieldCount(field);
          }
          p = in.nextField(p, field);
          int role = roles[field];
          if (role == ROLE_TIMESTAMP) {
            t = in.parseTimestamp(in.valueStart(), in.valueEnd());
          } else if (role != ROLE_NONE) {
            prices[role - 1][n] = in.parsePrice(in.valueStart(), in.valueEnd(), COLUMNS.get(role));
          }
        }
      } catch (QuotesFormatException e) {
        throw in.explain(e);
      }
      // The fields beyond the last one used (the usual header has none): only counted.
      for (; p <= end; field++) {
        p = in.nextField(p, field);
      }
      if (field != roles.length) {
        throw in.fieldCount(field);
      }
      ts[n] = t;
      n++;
      return t;
    }

    private void grow() {
      if (n >= MAX_ROWS) {
        throw new QuotesFormatException(
            source, in.lineNo(), null, "more than " + MAX_ROWS + " rows; split the file");
      }
      int capacity = (int) Math.min(MAX_ROWS, Math.max(16L, n + (n >> 1)));
      ts = Arrays.copyOf(ts, capacity);
      for (int k = 0; k < 4; k++) {
        prices[k] = Arrays.copyOf(prices[k], capacity);
      }
    }
  }
}
