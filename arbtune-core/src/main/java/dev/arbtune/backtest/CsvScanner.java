package dev.arbtune.backtest;

import dev.arbtune.io.Excerpt;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * A byte-level reader of quote CSV files, shared by {@link QuotesLoader} and the venue readers of
 * {@code arbtune join}: lines, fields, prices and timestamps, parsed in place without creating
 * objects per row.
 *
 * <p>The input is UTF-8 (an initial byte order mark is ignored), optionally gzip-compressed
 * (recognised by its magic bytes); lines end in LF or CRLF. Fields are separated by commas and may
 * be enclosed in double quotes (a quoted field may hold commas); blanks around a field are ignored.
 *
 * <p>Timestamps are ISO-8601 or epoch integers whose unit is given or read from the magnitude of
 * the file's first one ({@link EpochUnit}); they are returned in epoch microseconds. Every error is
 * a {@link QuotesFormatException} naming the file, the current line and the column.
 *
 * <p>Use: {@link #open}, {@link #nextLine()} for the header and {@link #readHeader()}, {@link
 * #labelFields} with the columns used, then per row {@link #nextLine()}, {@link #nextField} from
 * {@link #lineStart()} while it returns at most {@link #lineEnd()}, and the parsers on {@link
 * #valueStart()} .. {@link #valueEnd()}. Positions are valid until the next {@link #nextLine()}.
 *
 * <p>Opened {@linkplain #open(InputStream, String, EpochUnit, String, String, boolean) to inflate
 * ahead}, a gzip input is inflated on a background thread while the lines are parsed ({@link
 * InflateAhead}: the same bytes in the same pieces, so the same quotes and the same errors); {@link
 * #close()} then stops that thread, and must be called whether the reading finished or not.
 */
public final class CsvScanner implements AutoCloseable {

  private static final int BUFFER_SIZE = 1 << 20;

  /** The buffer read 8 bytes at a time, to find line ends a word at a time. */
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

  /** Most bytes of offending input that a message repeats. */
  private static final int MAX_ECHO = 200;

  private final String source;
  private final InputStream in;
  private final boolean gzipped;
  // The background inflater when gzip data is inflated ahead, else null.
  private final InflateAhead ahead;
  private byte[] buf = new byte[BUFFER_SIZE];
  private int pos;
  private int limit;
  private boolean eof;
  private long lineNo;
  private int lineStart;
  private int lineEnd;

  // The column name of each field for messages (null: "#n"), and the header's field count.
  private String[] labels;

  // Where the current field's value starts and ends (set by nextField).
  private int valueStart;
  private int valueEnd;

  // The date part of the last ISO timestamp and its epoch day: rows are mostly sorted, so the date
  // changes rarely and is parsed once per day.
  private final byte[] lastDate = new byte[10];
  private long lastEpochDay = Long.MIN_VALUE;

  // The unit of epoch integers: given, or fixed by the first one (on line epochUnitLine).
  private String timeColumn;
  private final String unitSetting;
  private EpochUnit epochUnit;
  private final boolean unitGiven;
  private long epochUnitLine;

  private CsvScanner(
      String source,
      InputStream in,
      boolean gzipped,
      InflateAhead ahead,
      EpochUnit unit,
      String timeColumn,
      String unitSetting) {
    this.source = source;
    this.in = ahead != null ? ahead : in;
    this.gzipped = gzipped;
    this.ahead = ahead;
    this.unitGiven = unit != EpochUnit.AUTO;
    this.epochUnit = unitGiven ? unit : null;
    this.timeColumn = timeColumn;
    this.unitSetting = unitSetting;
  }

  /**
   * A scanner over {@code in} (plain or gzip-compressed, recognised by its magic bytes), which it
   * does not close.
   *
   * @param source the file's name for messages
   * @param unit the unit of epoch integers, or {@link EpochUnit#AUTO} to read it from their
   *     magnitude
   * @param timeColumn the time column's name, for messages
   * @param unitSetting the setting that gives the unit, as messages name it ({@code time_unit},
   *     {@code --time-unit})
   * @throws QuotesFormatException when the gzip data is broken
   * @throws IOException when reading fails
   */
  public static CsvScanner open(
      InputStream in, String source, EpochUnit unit, String timeColumn, String unitSetting)
      throws IOException {
    return open(in, source, unit, timeColumn, unitSetting, false);
  }

  /**
   * A scanner over {@code in} (plain or gzip-compressed, recognised by its magic bytes), which it
   * does not close; with {@code inflateAhead}, gzip data is inflated on a background thread ahead
   * of the parsing (plain input is read as without it), which {@link #close()} stops.
   *
   * @param source the file's name for messages
   * @param unit the unit of epoch integers, or {@link EpochUnit#AUTO} to read it from their
   *     magnitude
   * @param timeColumn the time column's name, for messages
   * @param unitSetting the setting that gives the unit, as messages name it ({@code time_unit},
   *     {@code --time-unit})
   * @param inflateAhead whether to inflate gzip data on a background thread
   * @throws QuotesFormatException when the gzip data is broken
   * @throws IOException when reading fails
   */
  public static CsvScanner open(
      InputStream in,
      String source,
      EpochUnit unit,
      String timeColumn,
      String unitSetting,
      boolean inflateAhead)
      throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(timeColumn, "timeColumn");
    Objects.requireNonNull(unitSetting, "unitSetting");
    BufferedInputStream buffered = new BufferedInputStream(new WaitingAvailable(in), 1 << 16);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    InputStream body = buffered;
    boolean gzipped = b0 == 0x1f && b1 == 0x8b;
    if (gzipped) {
      try {
        body = new GZIPInputStream(buffered, 1 << 16);
      } catch (java.util.zip.ZipException | java.io.EOFException e) {
        throw brokenGzip(source, e);
      }
    }
    InflateAhead ahead = gzipped && inflateAhead ? InflateAhead.start(body, BUFFER_SIZE) : null;
    return new CsvScanner(source, body, gzipped, ahead, unit, timeColumn, unitSetting);
  }

  /**
   * Stops the background inflater, if any, and waits until it has ended (reading on then fails);
   * the input is not closed. Without one, does nothing.
   */
  @Override
  public void close() {
    if (ahead != null) {
      ahead.close();
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

  /** Names the time column in messages (once the header tells which it is). */
  public void nameTimeColumn(String name) {
    this.timeColumn = Objects.requireNonNull(name, "name");
  }

  /** The file's name for messages. */
  public String source() {
    return source;
  }

  /** Whether the input is gzip-compressed. */
  public boolean gzipped() {
    return gzipped;
  }

  /** The 1-based number of the current line (0 before the first). */
  public long lineNo() {
    return lineNo;
  }

  /** Where the current line starts in the buffer. */
  public int lineStart() {
    return lineStart;
  }

  /** Where the current line ends in the buffer (before its line terminator). */
  public int lineEnd() {
    return lineEnd;
  }

  /** Where the value of the field found last starts (after a quote and blanks). */
  public int valueStart() {
    return valueStart;
  }

  /** Where the value of the field found last ends (before a quote and blanks). */
  public int valueEnd() {
    return valueEnd;
  }

  /** The byte at {@code i} of the buffer. */
  public byte byteAt(int i) {
    return buf[i];
  }

  /** Appends the bytes {@code [s, e)} of the buffer (ASCII text) to {@code out}. */
  public void appendAscii(StringBuilder out, int s, int e) {
    for (int i = s; i < e; i++) {
      out.append((char) (buf[i] & 0xff));
    }
  }

  /** Copies the bytes {@code [s, e)} of the buffer to {@code out} at {@code at}. */
  public void copyBytes(int s, int e, byte[] out, int at) {
    System.arraycopy(buf, s, out, at, e - s);
  }

  /** The bytes {@code [s, e)} of the buffer as UTF-8 text. */
  public String text(int s, int e) {
    return new String(buf, s, e - s, StandardCharsets.UTF_8);
  }

  /**
   * The current line's field names, stripped and in lower case; a byte order mark at its start is
   * ignored.
   */
  public List<String> readHeader() {
    int start = lineStart;
    if (lineEnd - start >= 3
        && buf[start] == (byte) 0xEF
        && buf[start + 1] == (byte) 0xBB
        && buf[start + 2] == (byte) 0xBF) {
      start += 3;
    }
    List<String> names = new ArrayList<>();
    int p = start;
    while (true) {
      p = nextField(p, names.size());
      names.add(text(valueStart, valueEnd).strip().toLowerCase(Locale.ROOT));
      if (p > lineEnd) {
        break;
      }
    }
    return names;
  }

  /**
   * Names the header's fields for messages: {@code labels[i]} is the name of field {@code i}, or
   * null for a field the reader does not use (named {@code #i+1}); its length is the number of
   * fields of every row.
   */
  public void labelFields(String[] labels) {
    this.labels = labels.clone();
  }

  /** The name of field {@code field} in messages. */
  public String columnName(int field) {
    if (labels == null || field >= labels.length || labels[field] == null) {
      return "#" + (field + 1);
    }
    return labels[field];
  }

  /** An error at the current line. */
  public QuotesFormatException error(String column, String problem) {
    return new QuotesFormatException(source, lineNo, column, problem);
  }

  /** Whether the current line holds only blanks. */
  public boolean lineIsBlank() {
    for (int i = lineStart; i < lineEnd; i++) {
      if (buf[i] != ' ' && buf[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  /**
   * Finds the field that starts at {@code p} of the current line: sets {@link #valueStart()} and
   * {@link #valueEnd()} to its content (without quotes and surrounding blanks) and returns where
   * the next field starts, or {@code lineEnd() + 1} when this was the last one.
   *
   * @param field the field's 0-based index, for messages
   */
  public int nextField(int p, int field) {
    int end = lineEnd;
    while (p < end && (buf[p] == ' ' || buf[p] == '\t')) {
      p++;
    }
    if (p < end && buf[p] == '"') {
      int q = p + 1;
      while (true) {
        if (q >= end) {
          throw error(columnName(field), "unterminated quoted field");
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
        throw error(columnName(field), "unexpected text after a quoted field");
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

  /**
   * The number of fields of the current line, or -1 when it cannot be split (an unterminated
   * quote). Moves {@link #valueStart()} and {@link #valueEnd()}.
   */
  public int countFields() {
    int fields = 0;
    try {
      for (int p = lineStart; p <= lineEnd; fields++) {
        p = nextField(p, fields);
      }
    } catch (QuotesFormatException e) {
      return -1;
    }
    return fields;
  }

  /**
   * The error for a row of {@code fields} fields where the header (see {@link #labelFields}) has
   * another number.
   */
  public QuotesFormatException fieldCount(int fields) {
    int header = labels.length;
    String problem = "the row has " + fields + " fields, but the header has " + header;
    if (fields > header) {
      problem +=
          "; a comma inside a price (a thousands separator as in 17,207.5, or a decimal comma"
              + " as in 1,38727) splits it in two: write prices with a decimal point and no"
              + " separators (17207.5, 1.38727): "
              + excerpt(lineStart, lineEnd);
    }
    return error(null, problem);
  }

  /**
   * A parse error of the current row, reported as {@link #fieldCount} when the row has another
   * number of fields than the header (a value that does not parse is often the first symptom of
   * shifted columns), else as it is.
   */
  public QuotesFormatException explain(QuotesFormatException e) {
    int fields = countFields();
    if (fields >= 0 && fields != labels.length) {
      return fieldCount(fields);
    }
    return e;
  }

  /** The bytes {@code [start, end)} as text in double quotes, cut to 200 characters. */
  public String excerpt(int start, int end) {
    int len = Math.min(end - start, MAX_ECHO);
    String text = new String(buf, start, len, StandardCharsets.UTF_8);
    return "\"" + text + (len < end - start ? "…" : "") + "\"";
  }

  /**
   * The decimal number in {@code [s, e)} ({@code 1.38727}, {@code 1e-3}): the same value {@link
   * Double#parseDouble} gives.
   *
   * @param column the column's name for messages
   * @throws QuotesFormatException when the field is empty, not a number, NaN or infinite
   */
  public double parsePrice(int s, int e, String column) {
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
    if (i == e && digits > 0 && mantissa <= (1L << 53) && fractionDigits <= ExactPowersOfTen.MAX) {
      // Both operands are exact doubles, so one division is correctly rounded: the same value
      // Double.parseDouble gives.
      double v = mantissa / ExactPowersOfTen.of(fractionDigits);
      return negative ? -v : v;
    }
    return parsePriceSlow(s, e, column);
  }

  private double parsePriceSlow(int s, int e, String column) {
    String text = text(s, e);
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
    throw error(
        column,
        text.isEmpty()
            ? "empty, expected a price"
            : "expected a price, got " + Excerpt.quoted(text));
  }

  /**
   * The timestamp in {@code [s, e)} in epoch microseconds: ISO-8601 or an epoch integer (see the
   * class comment).
   *
   * @throws QuotesFormatException when it is neither, out of range, or of another unit than the
   *     file's first epoch integer
   */
  public long parseTimestamp(int s, int e) {
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
    String text = text(s, e);
    if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw epochOutOfRange(s, e);
    }
    try {
      return EpochUnit.micros(BacktestConfig.parseInstant("timestamp", text));
    } catch (ConfigException | ArithmeticException ex) {
      throw error(
          timeColumn,
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
      throw error(
          timeColumn,
          v
              + " is below 10^8, too small to tell its unit by magnitude (epoch seconds start at"
              + " 10^8, 1973-03-03); set "
              + unitSetting
              + " to s, ms, us or ns to read the file in one unit");
    }
    if (epochUnit == null) {
      epochUnit = unit;
      epochUnitLine = lineNo;
      return;
    }
    throw error(
        timeColumn,
        v
            + " is "
            + unit.description()
            + " by its magnitude, but the file's first timestamp (line "
            + epochUnitLine
            + ") is "
            + epochUnit.description()
            + "; every row must use the same unit (or set "
            + unitSetting
            + " to read all in one)");
  }

  private QuotesFormatException epochOutOfRange(int s, int e) {
    return error(
        timeColumn,
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

  /**
   * Moves to the next line: sets {@link #lineStart()} and {@link #lineEnd()} (without the line
   * terminator) and returns true, or returns false at the end of input.
   *
   * @throws QuotesFormatException when the gzip data is broken
   * @throws IOException when reading fails
   */
  public boolean nextLine() throws IOException {
    while (true) {
      int i = pos;
      // 8 bytes a time: the lowest byte of the word that equals '\n' (the zero-byte test flags
      // it exactly; only bytes above a true match can be flagged falsely)
      for (; i + 8 <= limit; i += 8) {
        long x = (long) WORDS.get(buf, i) ^ NEWLINES;
        long found = (x - ONES) & ~x & 0x8080808080808080L;
        if (found != 0) {
          i += Long.numberOfTrailingZeros(found) >>> 3;
          break;
        }
      }
      for (; i < limit; i++) {
        if (buf[i] == '\n') {
          lineStart = pos;
          lineEnd = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
          pos = i + 1;
          lineNo++;
          return true;
        }
      }
      if (eof) {
        if (pos < limit) {
          lineStart = pos;
          lineEnd = buf[limit - 1] == '\r' ? limit - 1 : limit;
          pos = limit;
          lineNo++;
          return true;
        }
        return false;
      }
      fill();
    }
  }

  /**
   * Moves the unread tail to the front of the buffer (growing it when full) and reads more. {@link
   * InflateAhead} asks its stream for the lengths this asks for: keep the two in step.
   */
  private void fill() throws IOException {
    int remaining = limit - pos;
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, remaining);
    } else if (remaining == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    pos = 0;
    limit = remaining;
    int read;
    try {
      read = in.read(buf, limit, buf.length - limit);
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw brokenGzip(source, e);
    }
    if (read < 0) {
      eof = true;
    } else {
      limit += read;
    }
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
}
