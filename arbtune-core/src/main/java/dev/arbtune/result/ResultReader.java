package dev.arbtune.result;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads result documents with Jackson's streaming parser: fields other than {@code status}, {@code
 * config}, {@code metrics}, {@code config_summary} and {@code error} are skipped without building
 * anything, and so is {@code period_pnl} unless asked for ({@link #read(byte[], int, int,
 * boolean)}, for insights; then it is read into a compact {@link BlockPnl}). Plain documents
 * (nearly all) take a faster path that reads the same values, see {@link PlainDocumentParser}.
 * Thread-safe and stateless; share one instance.
 *
 * <p>Every way a file can be unusable ends in a {@link ResultFormatException}; only a failure to
 * read the bytes at all surfaces as an {@link IOException}.
 */
public final class ResultReader {

  private static final int MAX_MESSAGE_LENGTH = 200;

  /**
   * The largest result document read: 8 MiB, thousands of times a real one. Larger files and JSON
   * Lines lines are refused unread ({@link ErrorKind#TOO_LARGE}), so that one stray huge file
   * cannot exhaust the memory of a scan.
   */
  public static final int MAX_DOCUMENT_BYTES = 8 << 20;

  /**
   * The most values that {@code config} and {@code metrics} may each hold: 10,000, counting every
   * key's value and every array element, nested ones too (a real one holds a dozen). A document
   * with more is refused ({@link ErrorKind#TOO_MANY_KEYS}) as soon as the parser reaches the next
   * value, before the rest is built, so that reading one document needs a bounded heap: each value
   * read costs several times its bytes.
   */
  public static final int MAX_OBJECT_VALUES = 10_000;

  /**
   * Reads the file at {@code file}.
   *
   * @throws IOException when the file cannot be read
   * @throws ResultFormatException when its bytes are not a usable result document, or it is larger
   *     than {@link #MAX_DOCUMENT_BYTES} (then it is not read)
   */
  public ResultDocument read(Path file) throws IOException, ResultFormatException {
    long size = Files.size(file);
    if (size > MAX_DOCUMENT_BYTES) {
      throw tooLarge(size);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  /**
   * The failure for a document of {@code size} bytes (-1 when not known), over {@link
   * #MAX_DOCUMENT_BYTES}.
   */
  public static ResultFormatException tooLarge(long size) {
    String limit =
        "more than the " + (MAX_DOCUMENT_BYTES >> 20) + " MiB a result document may have";
    return new ResultFormatException(
        ErrorKind.TOO_LARGE,
        size < 0
            ? limit + "; not read"
            : String.format(java.util.Locale.ROOT, "%,d bytes, %s; not read", size, limit));
  }

  /**
   * Reads one document from {@code bytes}.
   *
   * @throws ResultFormatException when the bytes are not a usable result document
   */
  public ResultDocument read(byte[] bytes) throws ResultFormatException {
    return read(bytes, 0, bytes.length);
  }

  /**
   * Reads one document from {@code length} bytes of {@code bytes} starting at {@code offset} (one
   * line of a JSON Lines file, for instance). Positions in errors are relative to the slice.
   *
   * @throws ResultFormatException when the bytes are not a usable result document
   */
  public ResultDocument read(byte[] bytes, int offset, int length) throws ResultFormatException {
    return read(bytes, offset, length, false);
  }

  /**
   * {@link #read(byte[], int, int)}, also reading {@code period_pnl} into {@link
   * ResultDocument#periodPnl()} when {@code periodPnl} is true. A {@code period_pnl} that is not
   * usable never makes the document unreadable: it reads as a {@link BlockPnl} that says why.
   *
   * @throws ResultFormatException when the bytes are not a usable result document
   */
  public ResultDocument read(byte[] bytes, int offset, int length, boolean periodPnl)
      throws ResultFormatException {
    if (length > MAX_DOCUMENT_BYTES) {
      throw tooLarge(length);
    }
    rejectNonUtf8Encodings(bytes, offset, length);
    ResultDocument plain = PlainDocumentParser.parse(bytes, offset, length, periodPnl);
    return plain != null ? plain : readWithJackson(bytes, offset, length, periodPnl);
  }

  /**
   * Reads a document with Jackson only, without the fast path: every document the fast path
   * declines, and the reference it is tested against.
   */
  static ResultDocument readWithJackson(byte[] bytes, int offset, int length)
      throws ResultFormatException {
    return readWithJackson(bytes, offset, length, false);
  }

  /** {@link #readWithJackson(byte[], int, int)}, reading {@code period_pnl} when asked. */
  static ResultDocument readWithJackson(byte[] bytes, int offset, int length, boolean periodPnl)
      throws ResultFormatException {
    try (JsonParser p = Json.factory().createParser(bytes, offset, length)) {
      try {
        return parseDocument(p, periodPnl);
      } catch (JsonProcessingException e) {
        throw malformed(e, p.currentLocation());
      }
    } catch (TooManyValues e) {
      throw e.failure();
    } catch (CharConversionException e) {
      throw notUtf8(e);
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory read failed", e);
    }
  }

  /**
   * Reads one document from {@code in}, which must hold exactly one JSON object (a UTF-8 byte order
   * mark and surrounding whitespace are allowed), at most {@link #MAX_DOCUMENT_BYTES}. The stream
   * is not closed.
   *
   * @throws IOException when reading the stream fails
   * @throws ResultFormatException when the bytes are not a usable result document
   */
  public ResultDocument read(InputStream in) throws IOException, ResultFormatException {
    byte[] bytes = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
    if (bytes.length > MAX_DOCUMENT_BYTES) {
      throw tooLarge(-1);
    }
    return read(bytes, 0, bytes.length);
  }

  /**
   * Jackson would silently decode UTF-16 and UTF-32; result documents are UTF-8 only. Both are
   * recognisable from the first four bytes: a byte order mark or a zero byte next to the opening
   * character.
   */
  private static void rejectNonUtf8Encodings(byte[] head, int offset, int length)
      throws ResultFormatException {
    int n = Math.min(4, length);
    boolean utf16Bom =
        n >= 2
            && ((head[offset] == (byte) 0xFE && head[offset + 1] == (byte) 0xFF)
                || (head[offset] == (byte) 0xFF && head[offset + 1] == (byte) 0xFE));
    boolean zeroByte = false;
    for (int i = offset; i < offset + n; i++) {
      zeroByte |= head[i] == 0;
    }
    if (utf16Bom || zeroByte) {
      throw new ResultFormatException(
          ErrorKind.NOT_UTF8, "not UTF-8 (looks like UTF-16 or UTF-32, or binary data)", 1, 1);
    }
  }

  private static ResultDocument parseDocument(JsonParser p, boolean readPeriodPnl)
      throws IOException, ResultFormatException {
    JsonToken first = p.nextToken();
    if (first == null) {
      throw new ResultFormatException(ErrorKind.EMPTY, "empty file (no JSON value)");
    }
    if (first != JsonToken.START_OBJECT) {
      JsonLocation at = p.currentTokenLocation();
      throw new ResultFormatException(
          ErrorKind.NOT_AN_OBJECT,
          "top-level value is " + describe(first) + ", expected an object",
          at.getLineNr(),
          at.getColumnNr());
    }
    String status = null;
    String statusProblem = null;
    String declaredJobId = null;
    Map<String, Object> config = Map.of();
    Map<String, Object> metrics = Map.of();
    String configProblem = null;
    String metricsProblem = null;
    String error = null;
    BlockPnl periodPnl = null;
    boolean hasStatus = false;
    boolean hasTotalJobs = false;
    boolean hasTopList = false;
    boolean hasRank = false;
    boolean hasTopLevelJobId = false;
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "status" -> {
          hasStatus = true;
          if (t == JsonToken.VALUE_STRING) {
            status = p.getText();
            statusProblem = null;
          } else {
            status = null;
            statusProblem = "\"status\" is " + describe(t) + ", expected a string";
            p.skipChildren();
          }
        }
        case "config" -> {
          if (t == JsonToken.START_OBJECT) {
            config = readObject(p, new ValueBudget(name));
            configProblem = null;
          } else {
            configProblem = "\"config\" is " + describe(t) + ", expected an object";
            p.skipChildren();
          }
        }
        case "metrics" -> {
          if (t == JsonToken.START_OBJECT) {
            metrics = readObject(p, new ValueBudget(name));
            metricsProblem = null;
          } else {
            metricsProblem = "\"metrics\" is " + describe(t) + ", expected an object";
            p.skipChildren();
          }
        }
        case "config_summary" -> {
          if (t == JsonToken.START_OBJECT) {
            declaredJobId = readJobId(p);
          } else {
            declaredJobId = null;
            p.skipChildren();
          }
        }
        case "error" -> {
          error = t == JsonToken.VALUE_STRING ? p.getText() : null;
          p.skipChildren();
        }
        case "total_jobs" -> {
          hasTotalJobs = true;
          p.skipChildren();
        }
        case "rank" -> {
          hasRank = t == JsonToken.VALUE_NUMBER_INT;
          p.skipChildren();
        }
        case "job_id" -> {
          hasTopLevelJobId = true;
          p.skipChildren();
        }
        case "top_by_pnl", "top" -> {
          hasTopList = t == JsonToken.START_ARRAY;
          p.skipChildren();
        }
        case PeriodPnlParts.KEY -> {
          if (readPeriodPnl) {
            periodPnl = readPeriodPnl(p, t);
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    JsonToken trailing = p.nextToken();
    if (trailing != null) {
      JsonLocation at = p.currentTokenLocation();
      throw new ResultFormatException(
          ErrorKind.MALFORMED_JSON,
          "unexpected " + describe(trailing) + " after the end of the document",
          at.getLineNr(),
          at.getColumnNr());
    }
    String problem =
        statusProblem != null
            ? statusProblem
            : configProblem != null ? configProblem : metricsProblem;
    if (problem != null) {
      throw new ResultFormatException(ErrorKind.INVALID_FIELD, problem);
    }
    // An aggregator summary, or a line of its ranked list (aggregate --format jsonl): a result
    // document has neither total_jobs nor a top-level job_id and rank.
    boolean summary = (!hasStatus && hasTotalJobs && hasTopList) || (hasRank && hasTopLevelJobId);
    return new ResultDocument(status, declaredJobId, config, metrics, error, summary, periodPnl);
  }

  /** Reads {@code period_pnl}, whose first token {@code t} is the current one. */
  private static BlockPnl readPeriodPnl(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return PeriodPnlParts.NOT_AN_OBJECT;
    }
    PeriodPnlParts parts = new PeriodPnlParts();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken v = p.nextToken();
      switch (name) {
        case PeriodPnlParts.BLOCK_STARTS -> {
          if (v != JsonToken.START_ARRAY) {
            parts.blockStartsNotArray();
            p.skipChildren();
            break;
          }
          parts.startBlockStarts();
          for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            parts.blockStart(e == JsonToken.VALUE_STRING ? p.getText() : null);
            p.skipChildren();
          }
        }
        case PeriodPnlParts.END -> {
          parts.end(v == JsonToken.VALUE_STRING ? p.getText() : null);
          p.skipChildren();
        }
        case PeriodPnlParts.PNL_USD -> {
          if (v != JsonToken.START_ARRAY) {
            parts.pnlNotArray();
            p.skipChildren();
            break;
          }
          parts.startPnl();
          for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            readMicros(p, e, parts);
          }
        }
        default -> p.skipChildren();
      }
    }
    return parts.build();
  }

  /** One element of {@code pnl_usd}, whose first token {@code t} is the current one. */
  private static void readMicros(JsonParser p, JsonToken t, PeriodPnlParts parts)
      throws IOException {
    if ((t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) || p.isNaN()) {
      parts.pnlNotNumber();
      p.skipChildren();
      return;
    }
    try {
      parts.pnl(BlockPnl.micros(p.getDecimalValue()));
    } catch (NumberFormatException e) {
      parts.pnlNotNumber(); // 1e9999999999: JSON, but no BigDecimal
    }
  }

  /**
   * Reads {@code job_id} from the object whose START_OBJECT is the current token, skipping the
   * rest; the last {@code job_id} wins, as in Python. Returns null unless it is a non-empty string.
   */
  private static String readJobId(JsonParser p) throws IOException {
    String id = null;
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      if (name.equals("job_id")) {
        id = t == JsonToken.VALUE_STRING && !p.getText().isEmpty() ? p.getText() : null;
      }
      p.skipChildren();
    }
    return id;
  }

  /**
   * Counts the values read from one {@code config} or {@code metrics} object and refuses the one
   * beyond {@link #MAX_OBJECT_VALUES}; {@link #UNLIMITED} counts nothing.
   */
  private static final class ValueBudget {
    static final ValueBudget UNLIMITED = new ValueBudget(null);

    private final String field;
    private int left = MAX_OBJECT_VALUES;

    /** A budget for the object {@code field}; {@code null} for none. */
    ValueBudget(String field) {
      this.field = field;
    }

    /** Counts the value at the parser's current token. */
    void spend(JsonParser p) throws TooManyValues {
      if (field != null && --left < 0) {
        JsonLocation at = p.currentTokenLocation();
        throw new TooManyValues(
            new ResultFormatException(
                ErrorKind.TOO_MANY_KEYS,
                String.format(
                    java.util.Locale.ROOT,
                    "\"%s\" has more than %,d values (keys and array elements, nested ones"
                        + " counted); not read",
                    field,
                    MAX_OBJECT_VALUES),
                at.getLineNr(),
                at.getColumnNr()));
      }
    }
  }

  /** Carries a {@link ResultFormatException} out of the reading methods, which throw I/O ones. */
  private static final class TooManyValues extends IOException {
    private static final long serialVersionUID = 1L;

    TooManyValues(ResultFormatException cause) {
      super(cause.getMessage(), cause);
    }

    ResultFormatException failure() {
      return (ResultFormatException) getCause();
    }
  }

  /** Reads the object whose START_OBJECT is the current token, keeping key order. */
  private static Map<String, Object> readObject(JsonParser p, ValueBudget budget)
      throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      p.nextToken();
      map.put(name, readValue(p, budget));
    }
    return Collections.unmodifiableMap(map);
  }

  /** Reads the value whose first token is the current token. */
  static Object readValue(JsonParser p) throws IOException {
    return readValue(p, ValueBudget.UNLIMITED);
  }

  private static Object readValue(JsonParser p, ValueBudget budget) throws IOException {
    budget.spend(p);
    JsonToken t = p.currentToken();
    return switch (t) {
      case START_OBJECT -> readObject(p, budget);
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(readValue(p, budget));
        }
        yield Collections.unmodifiableList(list);
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT ->
          p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? (Object) p.getBigIntegerValue()
              : (Object) p.getLongValue();
      case VALUE_NUMBER_FLOAT -> {
        if (p.isNaN()) {
          yield p.getDoubleValue();
        }
        BigDecimal d;
        try {
          d = p.getDecimalValue();
        } catch (NumberFormatException e) {
          // 1e9999999999 is JSON, but no BigDecimal: say so where it is.
          throw new JsonParseException(p, "number out of range: " + p.getText());
        }
        // BigDecimal has no negative zero: keep -0.0 as a double so that it is written back as is.
        yield d.signum() == 0 && p.getTextCharacters()[p.getTextOffset()] == '-'
            ? (Object) (-0.0)
            : d;
      }
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new IllegalStateException("unexpected token " + t);
    };
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.name();
    };
  }

  private static ResultFormatException notUtf8(CharConversionException e) {
    return new ResultFormatException(ErrorKind.NOT_UTF8, "not UTF-8: " + e.getMessage());
  }

  /**
   * @param stoppedAt where the parser stopped: the place of a failure that does not tell its own (a
   *     limit of the parser's)
   */
  private static ResultFormatException malformed(
      JsonProcessingException e, JsonLocation stoppedAt) {
    JsonLocation at = e.getLocation() != null ? e.getLocation() : stoppedAt;
    String message = JsonMessages.describe(e);
    message = message.replaceAll("\\s+", " ").strip();
    if (message.length() > MAX_MESSAGE_LENGTH) {
      message = message.substring(0, MAX_MESSAGE_LENGTH - 3) + "...";
    }
    return new ResultFormatException(
        ErrorKind.MALFORMED_JSON,
        message,
        at == null ? 0 : at.getLineNr(),
        at == null ? 0 : at.getColumnNr());
  }
}
