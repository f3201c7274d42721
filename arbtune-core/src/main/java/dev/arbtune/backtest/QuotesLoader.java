package dev.arbtune.backtest;

import dev.arbtune.io.Excerpt;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Reads a quotes CSV into {@link Quotes}. A hand-written byte-level parser: it parses the common
 * forms of numbers and ISO-8601 timestamps without creating objects, which makes it several times
 * faster than a general CSV library followed by {@link Double#parseDouble} and {@link
 * java.time.Instant#parse} (see docs/BENCHMARKS.md).
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
 */
public final class QuotesLoader {

  /** The columns a quotes file must have. */
  public static final List<String> COLUMNS =
      List.of("timestamp", "best_bid_a", "best_ask_a", "best_bid_b", "best_ask_b");

  private static final int ROLE_NONE = -1;
  private static final int ROLE_TIMESTAMP = 0;
  private static final int BUFFER_SIZE = 1 << 20;
  private static final long MAX_ROWS = Integer.MAX_VALUE - 16;

  /** Most bytes of offending input that a message repeats. */
  private static final int MAX_ECHO = 200;

  private static final double[] POW10 = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

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
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(unit, "unit");
    BufferedInputStream buffered = new BufferedInputStream(new WaitingAvailable(in), 1 << 16);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    InputStream body = buffered;
    long rowsGuess = Math.max(16, sizeHint / 58);
    if (b0 == 0x1f && b1 == 0x8b) {
      try {
        body = new GZIPInputStream(buffered, 1 << 16);
      } catch (java.util.zip.ZipException | java.io.EOFException e) {
        throw brokenGzip(source, e);
      }
      rowsGuess *= 4;
    }
    try {
      return new Parser(source, body, (int) Math.min(rowsGuess, 1 << 26), unit).parse();
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw brokenGzip(source, e);
    }
  }

  /** Gzip data that ends too early (a copy cut short, a file still being written) or is corrupt. */
  private static QuotesFormatException brokenGzip(String source, IOException e) {
    return new QuotesFormatException(
        source,
        0,
        null,
        e instanceof java.io.EOFException
            ? "the gzip data ends too early (the file is truncated or still being written)"
            : e.getMessage() == null
                ? "broken gzip data"
                : "broken gzip data: " + Excerpt.of(e.getMessage()));
  }

  /**
   * An input whose {@link #available()} waits for the next byte instead of asking the source. The
   * readers above it ({@link BufferedInputStream}, {@link GZIPInputStream}) ask whether more is
   * available to decide whether to go on: a pipe momentarily empty answers 0 (and {@link
   * GZIPInputStream} would stop after the first gzip member), a pipe opened as a file channel fails
   * (it cannot tell its position). This answers 0 at the end of the input only.
   */
  private static final class WaitingAvailable extends FilterInputStream {
    private int next = -1;

    WaitingAvailable(InputStream in) {
      super(in);
    }

    @Override
    public int available() throws IOException {
      if (next < 0) {
        next = in.read();
      }
      return next < 0 ? 0 : 1;
    }

    @Override
    public int read() throws IOException {
      if (next >= 0) {
        int b = next;
        next = -1;
        return b;
      }
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      if (next < 0) {
        return in.read(b, off, len);
      }
      b[off] = (byte) next;
      next = -1;
      if (len == 1) {
        return 1;
      }
      int n = in.read(b, off + 1, len - 1);
      return n < 0 ? 1 : n + 1;
    }

    @Override
    public long skip(long n) throws IOException {
      return n <= 0 ? 0 : read() < 0 ? 0 : 1;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }

  /** One pass over one input. */
  private static final class Parser {
    private final String source;
    private final InputStream in;
    private byte[] buf = new byte[BUFFER_SIZE];
    private int pos;
    private int limit;
    private boolean eof;
    private long lineNo;

    private int[] roles;
    private String[] columnNames;
    private int fieldsNeeded;

    private long[] ts;
    private final double[][] prices = new double[4][];
    private int n;

    // The date part of the last ISO timestamp and its epoch day: rows are sorted, so the date
    // changes rarely and is parsed once per day.
    private final byte[] lastDate = new byte[10];
    private long lastEpochDay = Long.MIN_VALUE;

    // Where the current field's value starts and ends (set by nextField).
    private int valueStart;
    private int valueEnd;

    // The unit of epoch integers: given, or fixed by the first one (on line epochUnitLine).
    private EpochUnit epochUnit;
    private final boolean unitGiven;
    private long epochUnitLine;

    Parser(String source, InputStream in, int capacity, EpochUnit unit) {
      this.source = source;
      this.in = in;
      this.unitGiven = unit != EpochUnit.AUTO;
      this.epochUnit = unitGiven ? unit : null;
      ts = new long[capacity];
      for (int k = 0; k < 4; k++) {
        prices[k] = new double[capacity];
      }
    }

    Quotes parse() throws IOException {
      int[] line = new int[2];
      if (!nextLine(line)) {
        throw new QuotesFormatException(
            source, 0, null, "empty file; expected the header " + String.join(",", COLUMNS));
      }
      int start = line[0];
      if (line[1] - start >= 3
          && buf[start] == (byte) 0xEF
          && buf[start + 1] == (byte) 0xBB
          && buf[start + 2] == (byte) 0xBF) {
        start += 3;
      }
      readHeader(start, line[1]);
      long prev = Long.MIN_VALUE;
      long prevLine = 0;
      while (nextLine(line)) {
        if (isBlank(line[0], line[1])) {
          continue;
        }
        long t = readRow(line[0], line[1]);
        if (t < prev) {
          throw new QuotesFormatException(
              source,
              lineNo,
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
        prevLine = lineNo;
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

    private void readHeader(int start, int end) {
      List<String> names = new ArrayList<>();
      int p = start;
      while (true) {
        p = nextField(p, end, names.size());
        names.add(
            new String(buf, valueStart, valueEnd - valueStart, StandardCharsets.UTF_8)
                .strip()
                .toLowerCase(Locale.ROOT));
        if (p > end) {
          break;
        }
      }
      roles = new int[names.size()];
      Arrays.fill(roles, ROLE_NONE);
      columnNames = new String[COLUMNS.size()];
      List<String> missing = new ArrayList<>();
      for (int role = 0; role < COLUMNS.size(); role++) {
        String wanted = COLUMNS.get(role);
        int at = names.indexOf(wanted);
        if (at < 0) {
          missing.add(wanted);
          continue;
        }
        if (names.lastIndexOf(wanted) != at) {
          throw new QuotesFormatException(source, lineNo, wanted, "the header names it twice");
        }
        roles[at] = role;
        columnNames[role] = wanted;
        fieldsNeeded = Math.max(fieldsNeeded, at + 1);
      }
      if (!missing.isEmpty()) {
        throw new QuotesFormatException(
            source,
            lineNo,
            null,
            "the header lacks "
                + String.join(", ", missing)
                + "; it must name "
                + String.join(",", COLUMNS)
                + " (any order), found: "
                + String.join(",", names));
      }
    }

    /**
     * Parses one data row into the columns; returns its timestamp. The row must have as many fields
     * as the header: a comma inside an unquoted value (a thousands separator or a decimal comma)
     * would otherwise shift the columns silently.
     */
    private long readRow(int start, int end) {
      if (n == ts.length) {
        grow();
      }
      long t = 0;
      int p = start;
      int field = 0;
      try {
        for (; field < fieldsNeeded; field++) {
          if (p > end) {
            throw fieldCount(field, start, end);
          }
          p = nextField(p, end, field);
          int role = roles[field];
          if (role == ROLE_TIMESTAMP) {
            t = parseTimestamp(valueStart, valueEnd);
          } else if (role != ROLE_NONE) {
            prices[role - 1][n] = parsePrice(valueStart, valueEnd, role);
          }
        }
      } catch (QuotesFormatException e) {
        // A value that does not parse is often the first symptom of shifted columns: say so.
        int fields = countFields(start, end);
        if (fields >= 0 && fields != roles.length) {
          throw fieldCount(fields, start, end);
        }
        throw e;
      }
      // The fields beyond the last one used (the usual header has none): only counted.
      for (; p <= end; field++) {
        p = nextField(p, end, field);
      }
      if (field != roles.length) {
        throw fieldCount(field, start, end);
      }
      ts[n] = t;
      n++;
      return t;
    }

    /** The number of fields of the row, or -1 when it cannot be split (an unterminated quote). */
    private int countFields(int start, int end) {
      int fields = 0;
      try {
        for (int p = start; p <= end; fields++) {
          p = nextField(p, end, fields);
        }
      } catch (QuotesFormatException e) {
        return -1;
      }
      return fields;
    }

    private QuotesFormatException fieldCount(int fields, int start, int end) {
      String problem = "the row has " + fields + " fields, but the header has " + roles.length;
      if (fields > roles.length) {
        problem +=
            "; a comma inside a price (a thousands separator as in 17,207.5, or a decimal comma"
                + " as in 1,38727) splits it in two: write prices with a decimal point and no"
                + " separators (17207.5, 1.38727): "
                + excerpt(start, end);
      }
      return new QuotesFormatException(source, lineNo, null, problem);
    }

    /** The row as text in double quotes, cut to {@link #MAX_ECHO} characters. */
    private String excerpt(int start, int end) {
      int len = Math.min(end - start, MAX_ECHO);
      String text = new String(buf, start, len, StandardCharsets.UTF_8);
      return "\"" + text + (len < end - start ? "…" : "") + "\"";
    }

    /**
     * Finds the field that starts at {@code p}: sets {@link #valueStart} and {@link #valueEnd} to
     * its content (without quotes and surrounding blanks) and returns where the next field starts,
     * or {@code end + 1} when this was the last one.
     */
    private int nextField(int p, int end, int field) {
      while (p < end && (buf[p] == ' ' || buf[p] == '\t')) {
        p++;
      }
      if (p < end && buf[p] == '"') {
        int q = p + 1;
        while (true) {
          if (q >= end) {
            throw new QuotesFormatException(
                source, lineNo, columnName(field), "unterminated quoted field");
          }
          if (buf[q] == '"') {
            if (q + 1 < end && buf[q + 1] == '"') {
              q += 2;
              continue;
            }
            break;
          }
          q++;
        }
        valueStart = p + 1;
        valueEnd = q;
        p = q + 1;
        while (p < end && (buf[p] == ' ' || buf[p] == '\t')) {
          p++;
        }
        if (p < end && buf[p] != ',') {
          throw new QuotesFormatException(
              source, lineNo, columnName(field), "unexpected text after a quoted field");
        }
        return p + 1;
      }
      int q = p;
      while (q < end && buf[q] != ',') {
        q++;
      }
      valueStart = p;
      int e = q;
      while (e > p && (buf[e - 1] == ' ' || buf[e - 1] == '\t')) {
        e--;
      }
      valueEnd = e;
      return q + 1;
    }

    private String columnName(int field) {
      if (roles == null) {
        return "#" + (field + 1);
      }
      int role = field < roles.length ? roles[field] : ROLE_NONE;
      return role == ROLE_NONE ? "#" + (field + 1) : columnNames[role];
    }

    private double parsePrice(int s, int e, int role) {
      int i = s;
      boolean negative = false;
      if (i < e && (buf[i] == '-' || buf[i] == '+')) {
        negative = buf[i] == '-';
        i++;
      }
      long mantissa = 0;
      int digits = 0;
      int fractionDigits = 0;
      boolean dot = false;
      for (; i < e; i++) {
        byte b = buf[i];
        if (b >= '0' && b <= '9') {
          mantissa = mantissa * 10 + (b - '0');
          digits++;
          if (dot) {
            fractionDigits++;
          }
          if (digits > 18) {
            break;
          }
        } else if (b == '.' && !dot) {
          dot = true;
        } else {
          break;
        }
      }
      if (i == e && digits > 0 && mantissa <= (1L << 53) && fractionDigits < POW10.length) {
        // Both operands are exact doubles, so one division is correctly rounded: the same value
        // Double.parseDouble gives.
        double v = mantissa / POW10[fractionDigits];
        return negative ? -v : v;
      }
      return parsePriceSlow(s, e, role);
    }

    private double parsePriceSlow(int s, int e, int role) {
      String text = new String(buf, s, e - s, StandardCharsets.UTF_8);
      boolean plausible = !text.isEmpty();
      for (int i = 0; i < text.length() && plausible; i++) {
        char c = text.charAt(i);
        plausible = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-';
        plausible |= c == '+';
      }
      if (plausible) {
        try {
          double v = Double.parseDouble(text);
          if (Double.isFinite(v)) {
            return v;
          }
        } catch (NumberFormatException ex) {
          // reported below
        }
      }
      throw new QuotesFormatException(
          source,
          lineNo,
          COLUMNS.get(role),
          text.isEmpty()
              ? "empty, expected a price"
              : "expected a price, got " + Excerpt.quoted(text));
    }

    /** The timestamp in the field {@code [s, e)}, in epoch microseconds. */
    private long parseTimestamp(int s, int e) {
      int len = e - s;
      if (len >= 20 && buf[s + 4] == '-' && buf[s + 10] == 'T') {
        long fast = parseIsoFast(s, e);
        if (fast != Long.MIN_VALUE) {
          return fast;
        }
      } else if (len > 0 && len <= 19) {
        boolean digitsOnly = true;
        long v = 0;
        for (int i = s; i < e; i++) {
          int d = buf[i] - '0';
          if (d < 0 || d > 9) {
            digitsOnly = false;
            break;
          }
          if (len == 19 && i == e - 1 && v > (Long.MAX_VALUE - d) / 10) {
            throw epochOutOfRange(s, e); // only 19 digits can exceed a long
          }
          v = v * 10 + d;
        }
        if (digitsOnly) {
          return epochMicros(v, s, e);
        }
      }
      String text = new String(buf, s, len, StandardCharsets.UTF_8);
      if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw epochOutOfRange(s, e);
      }
      try {
        return EpochUnit.micros(BacktestConfig.parseInstant("timestamp", text));
      } catch (ConfigException | ArithmeticException ex) {
        throw new QuotesFormatException(
            source,
            lineNo,
            "timestamp",
            "expected an ISO-8601 timestamp such as 2014-05-01T05:00:02Z or an epoch integer,"
                + " got "
                + excerpt(s, e));
      }
    }

    /** The epoch integer {@code v} (the field {@code [s, e)}) in microseconds. */
    private long epochMicros(long v, int s, int e) {
      if (!unitGiven && (epochUnit == null || !epochUnit.holdsMagnitude(v))) {
        checkMagnitude(v);
      }
      try {
        return epochUnit.toMicros(v);
      } catch (ArithmeticException ex) {
        throw epochOutOfRange(s, e);
      }
    }

    /**
     * Fixes the file's unit from the first epoch integer {@code v}, or fails for a value of no unit
     * or of another unit than the file's.
     */
    private void checkMagnitude(long v) {
      EpochUnit unit = EpochUnit.ofMagnitude(v);
      if (unit == null) {
        throw new QuotesFormatException(
            source,
            lineNo,
            "timestamp",
            v
                + " is below 10^8, too small to tell its unit by magnitude (epoch seconds start at"
                + " 10^8, 1973-03-03); set time_unit to s, ms, us or ns to read the file in one"
                + " unit");
      }
      if (epochUnit == null) {
        epochUnit = unit;
        epochUnitLine = lineNo;
        return;
      }
      throw new QuotesFormatException(
          source,
          lineNo,
          "timestamp",
          v
              + " is "
              + unit.description()
              + " by its magnitude, but the file's first timestamp (line "
              + epochUnitLine
              + ") is "
              + epochUnit.description()
              + "; every row must use the same unit (or set time_unit to read all in one)");
    }

    private QuotesFormatException epochOutOfRange(int s, int e) {
      return new QuotesFormatException(
          source,
          lineNo,
          "timestamp",
          excerpt(s, e)
              + (unitGiven ? " as " + epochUnit.description() : "")
              + " is out of range: time is kept in epoch microseconds, which reach the year"
              + " 294,247");
    }

    /**
     * {@code YYYY-MM-DDTHH:MM:SS[.fff...](Z|+00:00)} in epoch microseconds (fraction digits beyond
     * the sixth are truncated); returns {@link Long#MIN_VALUE} for anything else, which then takes
     * the general path.
     */
    private long parseIsoFast(int s, int e) {
      if (buf[s + 7] != '-' || buf[s + 13] != ':' || buf[s + 16] != ':') {
        return Long.MIN_VALUE;
      }
      int hour = twoDigits(s + 11);
      int minute = twoDigits(s + 14);
      int second = twoDigits(s + 17);
      if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
        return Long.MIN_VALUE;
      }
      int p = s + 19;
      int micros = 0;
      if (buf[p] == '.') {
        p++;
        int fractionDigits = 0;
        while (p < e && buf[p] >= '0' && buf[p] <= '9') {
          if (fractionDigits < 6) {
            micros = micros * 10 + (buf[p] - '0');
          }
          fractionDigits++;
          p++;
        }
        if (fractionDigits == 0 || fractionDigits > 9) {
          return Long.MIN_VALUE;
        }
        for (int k = fractionDigits; k < 6; k++) {
          micros *= 10;
        }
      }
      boolean utc =
          (p == e - 1 && buf[p] == 'Z')
              || (p == e - 6
                  && buf[p] == '+'
                  && buf[p + 1] == '0'
                  && buf[p + 2] == '0'
                  && buf[p + 3] == ':'
                  && buf[p + 4] == '0'
                  && buf[p + 5] == '0');
      if (!utc) {
        return Long.MIN_VALUE;
      }
      long epochDay = epochDay(s);
      if (epochDay == Long.MIN_VALUE) {
        return Long.MIN_VALUE;
      }
      return (((epochDay * 24 + hour) * 60 + minute) * 60 + second) * 1_000_000L + micros;
    }

    private long epochDay(int s) {
      if (lastEpochDay != Long.MIN_VALUE && Arrays.equals(buf, s, s + 10, lastDate, 0, 10)) {
        return lastEpochDay;
      }
      int year = twoDigits(s) * 100 + twoDigits(s + 2);
      int month = twoDigits(s + 5);
      int day = twoDigits(s + 8);
      if (year < 0 || month < 0 || day < 0) {
        return Long.MIN_VALUE;
      }
      try {
        lastEpochDay = LocalDate.of(year, month, day).toEpochDay();
      } catch (DateTimeException ex) {
        return Long.MIN_VALUE;
      }
      System.arraycopy(buf, s, lastDate, 0, 10);
      return lastEpochDay;
    }

    /** The two-digit number at {@code p}, or -1 (or less) when those are not two digits. */
    private int twoDigits(int p) {
      int a = buf[p] - '0';
      int b = buf[p + 1] - '0';
      if (a < 0 || a > 9 || b < 0 || b > 9) {
        return -1000;
      }
      return a * 10 + b;
    }

    private boolean isBlank(int start, int end) {
      for (int i = start; i < end; i++) {
        if (buf[i] != ' ' && buf[i] != '\t') {
          return false;
        }
      }
      return true;
    }

    private void grow() {
      if (n >= MAX_ROWS) {
        throw new QuotesFormatException(
            source, lineNo, null, "more than " + MAX_ROWS + " rows; split the file");
      }
      int capacity = (int) Math.min(MAX_ROWS, Math.max(16L, n + (n >> 1)));
      ts = Arrays.copyOf(ts, capacity);
      for (int k = 0; k < 4; k++) {
        prices[k] = Arrays.copyOf(prices[k], capacity);
      }
    }

    /**
     * Finds the next line: sets {@code line[0]} and {@code line[1]} to its start and end in {@link
     * #buf} (without the line terminator) and returns true, or returns false at the end of input.
     */
    private boolean nextLine(int[] line) throws IOException {
      while (true) {
        for (int i = pos; i < limit; i++) {
          if (buf[i] == '\n') {
            line[0] = pos;
            line[1] = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
            pos = i + 1;
            lineNo++;
            return true;
          }
        }
        if (eof) {
          if (pos < limit) {
            line[0] = pos;
            line[1] = buf[limit - 1] == '\r' ? limit - 1 : limit;
            pos = limit;
            lineNo++;
            return true;
          }
          return false;
        }
        fill();
      }
    }

    /** Moves the unread tail to the front of the buffer (growing it when full) and reads more. */
    private void fill() throws IOException {
      int remaining = limit - pos;
      if (pos > 0) {
        System.arraycopy(buf, pos, buf, 0, remaining);
      } else if (remaining == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      pos = 0;
      limit = remaining;
      int read = in.read(buf, limit, buf.length - limit);
      if (read < 0) {
        eof = true;
      } else {
        limit += read;
      }
    }
  }
}
