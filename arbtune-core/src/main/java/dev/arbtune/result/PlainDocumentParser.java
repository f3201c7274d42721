package dev.arbtune.result;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The fast path of {@link ResultReader}: reads a <em>plain</em> result document in one pass over
 * its bytes, or declines, and then Jackson reads it. Plain is what arbtune and the seed write, and
 * nearly every document a scan meets: strict JSON (RFC 8259), strings of printable ASCII without
 * escapes, keys of at most 256 characters, integers of at most 18 digits, exponents of at most 9, a
 * string {@code status}, objects for {@code config} and {@code metrics} without repeated keys (at
 * most 256 members and {@link ResultReader#MAX_OBJECT_VALUES} values, nested ones counted), each
 * known top-level field at most once, and none of the fields that mark an aggregator summary.
 * Anything else (an escape, a non-ASCII byte, {@code NaN}, a syntax error, a field of the wrong
 * type) is declined, so every error message still comes from Jackson, and a document it accepts
 * reads exactly as Jackson would read it (a property test holds it to that).
 *
 * <p>Why: Jackson's tokenizer is general, and the launcher runs scans with the C1 compiler only;
 * there this loop reads a document in a third of Jackson's time (JMH, docs/BENCHMARKS.md), and the
 * values of {@code config} and {@code metrics} are built only when asked for ({@link
 * FlatJsonObject}).
 *
 * <p>{@code period_pnl} is skipped like any other field unless asked for (insights): then it is
 * read into a {@link BlockPnl} as Jackson's path reads it (both feed a {@link PeriodPnlParts}), its
 * numbers converted to micro-dollars straight from their digits when they have at most 12 before
 * the point, 6 after it and no exponent, else through {@link BlockPnl#micros(BigDecimal)}.
 */
final class PlainDocumentParser {

  /** Deepest nesting read here; deeper documents go to Jackson (which allows 256). */
  private static final int MAX_DEPTH = 32;

  /** Longest number literal read here; longer ones go to Jackson. */
  private static final int MAX_NUMBER = 64;

  /**
   * Most exponent digits read here: with at most {@link #MAX_NUMBER} characters, the scale always
   * fits BigDecimal's int.
   */
  private static final int MAX_EXPONENT_DIGITS = 9;

  /** Longest integer read here, in digits: always fits a long. */
  private static final int MAX_INT_DIGITS = 18;

  /**
   * Most members of a {@code config} or {@code metrics} object read here (real ones have a dozen):
   * the check for repeated keys compares each key with those before it, so a hostile object with
   * 100,000 keys goes to Jackson, which reads it in linear time.
   */
  private static final int MAX_MEMBERS = 256;

  /** Longest key read here; longer ones go to Jackson, whose own limit is 50,000. */
  private static final int MAX_KEY = 256;

  /** Top-level fields read, each allowed once. */
  private static final int STATUS = 1;

  private static final int CONFIG = 2;
  private static final int METRICS = 4;
  private static final int CONFIG_SUMMARY = 8;
  private static final int ERROR = 16;
  private static final int PERIOD_PNL = 32;

  private final byte[] b;
  private final int end;
  private final boolean readPeriodPnl;
  private int i;

  /**
   * Values that the {@code config} or {@code metrics} object being read may still hold ({@link
   * ResultReader#MAX_OBJECT_VALUES}, nested ones counted); an object with more goes to Jackson,
   * which refuses it. Unlimited outside those objects.
   */
  private int valuesLeft = Integer.MAX_VALUE;

  private PlainDocumentParser(byte[] b, int offset, int length, boolean readPeriodPnl) {
    this.b = b;
    this.i = offset;
    this.end = offset + length;
    this.readPeriodPnl = readPeriodPnl;
  }

  /** Thrown to decline; carries no stack trace and is shared. */
  private static final class Decline extends Exception {
    private static final Decline INSTANCE = new Decline();

    private Decline() {
      super("not a plain document", null, false, false);
    }
  }

  /**
   * The document in {@code length} bytes of {@code bytes} from {@code offset}, or {@code null} when
   * it is not plain (then Jackson must read it).
   */
  static ResultDocument parse(byte[] bytes, int offset, int length) {
    return parse(bytes, offset, length, false);
  }

  /** {@link #parse(byte[], int, int)}, reading {@code period_pnl} when {@code periodPnl}. */
  static ResultDocument parse(byte[] bytes, int offset, int length, boolean periodPnl) {
    try {
      return new PlainDocumentParser(bytes, offset, length, periodPnl).document();
    } catch (Decline d) {
      return null;
    }
  }

  private ResultDocument document() throws Decline {
    skipWs();
    int seen = 0;
    String status = null;
    String error = null;
    String jobId = null;
    Map<String, Object> config = Map.of();
    Map<String, Object> metrics = Map.of();
    BlockPnl periodPnl = null;
    if (!emptyAfter('{', '}')) {
      do {
        int keyStart = i + 1;
        int keyLength = member();
        int field = field(keyStart, keyLength);
        if ((seen & field) != 0) {
          throw Decline.INSTANCE; // a repeated known field: Jackson's last-one-wins rules apply
        }
        seen |= field;
        switch (field) {
          case STATUS -> {
            if (peek() != '"') {
              throw Decline.INSTANCE;
            }
            int start = i + 1;
            int n = string();
            // Nearly every status is "success": no new string for it.
            status = is(start, n, SUCCESS) ? ResultDocument.SUCCESS : ascii(start, n);
          }
          case ERROR -> {
            if (peek() == '"') {
              int start = i + 1;
              error = ascii(start, string());
            } else {
              value(0);
            }
          }
          case CONFIG -> config = flatObject();
          case METRICS -> metrics = flatObject();
          case CONFIG_SUMMARY -> jobId = configSummary();
          case PERIOD_PNL -> periodPnl = periodPnl();
          default -> value(0);
        }
      } while (more('}'));
    }
    skipWs();
    if (i != end) {
      throw Decline.INSTANCE; // something after the document
    }
    return new ResultDocument(status, jobId, config, metrics, error, false, periodPnl);
  }

  private static final byte[] STATUS_NAME = bytes("status");
  private static final byte[] CONFIG_NAME = bytes("config");
  private static final byte[] METRICS_NAME = bytes("metrics");
  private static final byte[] CONFIG_SUMMARY_NAME = bytes("config_summary");
  private static final byte[] ERROR_NAME = bytes("error");
  private static final byte[] JOB_ID_NAME = bytes("job_id");
  private static final byte[] PERIOD_PNL_NAME = bytes(PeriodPnlParts.KEY);
  private static final byte[] BLOCK_STARTS_NAME = bytes(PeriodPnlParts.BLOCK_STARTS);
  private static final byte[] END_NAME = bytes(PeriodPnlParts.END);
  private static final byte[] PNL_USD_NAME = bytes(PeriodPnlParts.PNL_USD);
  private static final byte[] SUCCESS = bytes(ResultDocument.SUCCESS);

  /** Top-level fields of aggregator output: such documents are left to Jackson. */
  private static final byte[][] SUMMARY_NAMES = {
    bytes("top"), bytes("rank"), JOB_ID_NAME, bytes("total_jobs"), bytes("top_by_pnl")
  };

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Which known top-level field the key is; 0 for others; declines on summary markers. */
  private int field(int start, int length) throws Decline {
    for (byte[] name : SUMMARY_NAMES) {
      if (is(start, length, name)) {
        throw Decline.INSTANCE;
      }
    }
    if (is(start, length, STATUS_NAME)) {
      return STATUS;
    }
    if (is(start, length, CONFIG_NAME)) {
      return CONFIG;
    }
    if (is(start, length, METRICS_NAME)) {
      return METRICS;
    }
    if (is(start, length, CONFIG_SUMMARY_NAME)) {
      return CONFIG_SUMMARY;
    }
    if (readPeriodPnl && is(start, length, PERIOD_PNL_NAME)) {
      return PERIOD_PNL;
    }
    return is(start, length, ERROR_NAME) ? ERROR : 0;
  }

  private boolean is(int start, int length, byte[] name) {
    if (length != name.length) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      if (b[start + k] != name[k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads an object whose values are kept: declines when it is not an object or repeats a key. The
   * map keeps a copy of the object's own bytes (not of the document's, which may carry large fields
   * that nobody needs), since it outlives the caller's buffer.
   */
  private Map<String, Object> flatObject() throws Decline {
    int objectStart = i;
    if (emptyAfter('{', '}')) {
      return Map.of();
    }
    valuesLeft = ResultReader.MAX_OBJECT_VALUES;
    final int w = FlatJsonObject.STRIDE;
    int[] spans = new int[16 * w];
    byte[] kinds = new byte[16];
    int n = 0;
    do {
      int keyStart = i + 1;
      int keyLength = member();
      int hash = FlatJsonObject.hash(b, keyStart, keyLength);
      for (int k = 0; k < n; k++) {
        if (spans[w * k + 2] == hash
            && spans[w * k + 1] == keyLength
            && sameBytes(objectStart + spans[w * k], keyStart, keyLength)) {
          throw Decline.INSTANCE; // Jackson's rule for repeated keys applies
        }
      }
      int valueStart = i;
      byte kind = value(1);
      if (w * n + w > spans.length) {
        if (n >= MAX_MEMBERS) {
          throw Decline.INSTANCE;
        }
        spans = Arrays.copyOf(spans, spans.length * 2);
        kinds = Arrays.copyOf(kinds, kinds.length * 2);
      }
      // Offsets relative to the object's first byte: the map keeps only the object.
      spans[w * n] = keyStart - objectStart;
      spans[w * n + 1] = keyLength;
      spans[w * n + 2] = hash;
      spans[w * n + 3] = valueStart - objectStart;
      spans[w * n + 4] = i - objectStart;
      kinds[n] = kind;
      n++;
    } while (more('}'));
    valuesLeft = Integer.MAX_VALUE;
    return new FlatJsonObject(Arrays.copyOfRange(b, objectStart, i), spans, kinds, n);
  }

  private boolean sameBytes(int a, int c, int length) {
    for (int k = 0; k < length; k++) {
      if (b[a + k] != b[c + k]) {
        return false;
      }
    }
    return true;
  }

  /** {@code config_summary}: its last {@code job_id}, when that is a non-empty string. */
  private String configSummary() throws Decline {
    if (emptyAfter('{', '}')) {
      return null;
    }
    String id = null;
    do {
      int keyStart = i + 1;
      int keyLength = member();
      if (is(keyStart, keyLength, JOB_ID_NAME)) {
        if (peek() == '"') {
          int start = i + 1;
          int length = string();
          id = length == 0 ? null : ascii(start, length);
        } else {
          value(1);
          id = null;
        }
      } else {
        value(1);
      }
    } while (more('}'));
    return id;
  }

  /** {@code period_pnl}, read as {@link ResultReader} reads it with Jackson. */
  private BlockPnl periodPnl() throws Decline {
    if (peek() != '{') {
      value(0);
      return PeriodPnlParts.NOT_AN_OBJECT;
    }
    PeriodPnlParts parts = new PeriodPnlParts();
    if (emptyAfter('{', '}')) {
      return parts.build();
    }
    do {
      int keyStart = i + 1;
      int keyLength = member();
      if (is(keyStart, keyLength, BLOCK_STARTS_NAME)) {
        blockStarts(parts);
      } else if (is(keyStart, keyLength, END_NAME)) {
        if (peek() == '"') {
          int start = i + 1;
          parts.end(ascii(start, string()));
        } else {
          value(1);
          parts.end(null);
        }
      } else if (is(keyStart, keyLength, PNL_USD_NAME)) {
        pnlUsd(parts);
      } else {
        value(1);
      }
    } while (more('}'));
    return parts.build();
  }

  private void blockStarts(PeriodPnlParts parts) throws Decline {
    if (peek() != '[') {
      value(1);
      parts.blockStartsNotArray();
      return;
    }
    parts.startBlockStarts();
    if (emptyAfter('[', ']')) {
      return;
    }
    do {
      if (peek() == '"') {
        int start = i + 1;
        parts.blockStart(ascii(start, string()));
      } else {
        value(2);
        parts.blockStart(null);
      }
    } while (more(']'));
  }

  private void pnlUsd(PeriodPnlParts parts) throws Decline {
    if (peek() != '[') {
      value(1);
      parts.pnlNotArray();
      return;
    }
    parts.startPnl();
    if (emptyAfter('[', ']')) {
      return;
    }
    do {
      int start = i;
      byte kind = value(2);
      if (kind == FlatJsonObject.INT || kind == FlatJsonObject.DECIMAL) {
        parts.pnl(micros(start, i));
      } else {
        parts.pnlNotNumber();
      }
    } while (more(']'));
  }

  /**
   * The checked number literal from {@code from} to {@code to} in micro-dollars: from its digits
   * when it has at most 12 before the point, 6 after it and no exponent; else as {@link
   * BlockPnl#micros(BigDecimal)} converts it.
   */
  private long micros(int from, int to) {
    int k = from;
    boolean negative = b[k] == '-';
    if (negative) {
      k++;
    }
    long v = 0;
    int intStart = k;
    while (k < to && b[k] >= '0' && b[k] <= '9') {
      v = v * 10 + (b[k++] - '0');
    }
    int intDigits = k - intStart;
    int fracDigits = 0;
    if (k < to && b[k] == '.') {
      k++;
      int fracStart = k;
      while (k < to && b[k] >= '0' && b[k] <= '9' && k - fracStart < 7) {
        v = v * 10 + (b[k++] - '0');
      }
      fracDigits = k - fracStart;
    }
    if (k != to || intDigits > 12 || fracDigits > 6) {
      return BlockPnl.micros(new java.math.BigDecimal(ascii(from, to - from)));
    }
    for (; fracDigits < 6; fracDigits++) {
      v *= 10;
    }
    return negative ? -v : v;
  }

  /** Checks one value of any kind at {@link #i} and moves past it; returns its kind. */
  private byte value(int depth) throws Decline {
    if (--valuesLeft < 0) {
      throw Decline.INSTANCE; // Jackson refuses it as too-many-keys
    }
    byte c = peek();
    switch (c) {
      case '"' -> {
        string();
        return FlatJsonObject.STRING;
      }
      case '{' -> {
        nestedObject(depth + 1);
        return FlatJsonObject.NESTED;
      }
      case '[' -> {
        nestedArray(depth + 1);
        return FlatJsonObject.NESTED;
      }
      case 't' -> {
        literal(TRUE_WORD);
        return FlatJsonObject.TRUE;
      }
      case 'f' -> {
        literal(FALSE_WORD);
        return FlatJsonObject.FALSE;
      }
      case 'n' -> {
        literal(NULL_WORD);
        return FlatJsonObject.NULL;
      }
      default -> {
        return number();
      }
    }
  }

  private void nestedObject(int depth) throws Decline {
    if (depth > MAX_DEPTH) {
      throw Decline.INSTANCE;
    }
    if (emptyAfter('{', '}')) {
      return;
    }
    do {
      member();
      value(depth);
    } while (more('}'));
  }

  private void nestedArray(int depth) throws Decline {
    if (depth > MAX_DEPTH) {
      throw Decline.INSTANCE;
    }
    if (emptyAfter('[', ']')) {
      return;
    }
    do {
      value(depth);
    } while (more(']'));
  }

  private static final byte[] TRUE_WORD = bytes("true");
  private static final byte[] FALSE_WORD = bytes("false");
  private static final byte[] NULL_WORD = bytes("null");

  private void literal(byte[] word) throws Decline {
    int n = word.length;
    if (end - i < n) {
      throw Decline.INSTANCE;
    }
    for (int k = 0; k < n; k++) {
      if (b[i + k] != word[k]) {
        throw Decline.INSTANCE;
      }
    }
    i += n;
    // What follows must end the value: whitespace, ',', '}' or ']' (checked by the caller), so
    // "truex" is declined there.
  }

  /**
   * A number in RFC 8259's grammar: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}.
   */
  private byte number() throws Decline {
    int start = i;
    if (i < end && b[i] == '-') {
      i++;
    }
    int intStart = i;
    if (i >= end) {
      throw Decline.INSTANCE;
    }
    if (b[i] == '0') {
      i++;
    } else if (b[i] >= '1' && b[i] <= '9') {
      i++;
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
    } else {
      throw Decline.INSTANCE; // not a value that starts a plain document's number
    }
    int intDigits = i - intStart;
    boolean decimal = false;
    if (i < end && b[i] == '.') {
      decimal = true;
      i++;
      digits();
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      decimal = true;
      i++;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int exponentStart = i;
      digits();
      if (i - exponentStart > MAX_EXPONENT_DIGITS) {
        throw Decline.INSTANCE; // BigDecimal may not hold it; Jackson reports that
      }
    }
    if (i - start > MAX_NUMBER || (!decimal && intDigits > MAX_INT_DIGITS)) {
      throw Decline.INSTANCE;
    }
    if (i < end && b[i] >= '0' && b[i] <= '9') {
      throw Decline.INSTANCE; // "01": a leading zero
    }
    return decimal ? FlatJsonObject.DECIMAL : FlatJsonObject.INT;
  }

  /** One or more digits. */
  private void digits() throws Decline {
    int start = i;
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    if (i == start) {
      throw Decline.INSTANCE;
    }
  }

  /**
   * Reads {@code open} and the whitespace after it; true when {@code close} follows at once (then
   * read too): an empty object or array.
   */
  private boolean emptyAfter(char open, char close) throws Decline {
    expect(open);
    skipWs();
    if (peek() == close) {
      i++;
      return true;
    }
    return false;
  }

  /**
   * After a member or an element: true when a comma follows (read, with the whitespace after it),
   * false when {@code close} does (read).
   */
  private boolean more(char close) throws Decline {
    skipWs();
    byte c = next();
    if (c == close) {
      return false;
    }
    if (c != ',') {
      throw Decline.INSTANCE;
    }
    skipWs();
    return true;
  }

  /**
   * A member's key, the colon and the whitespace around it; returns the key's length (the key
   * starts one byte after where {@link #i} was).
   */
  private int member() throws Decline {
    int length = key();
    skipWs();
    expect(':');
    skipWs();
    return length;
  }

  /** A key: a {@link #string} of at most {@link #MAX_KEY} characters. */
  private int key() throws Decline {
    int length = string();
    if (length > MAX_KEY) {
      throw Decline.INSTANCE; // Jackson has a limit of its own
    }
    return length;
  }

  /**
   * A string of printable ASCII without escapes, starting at {@link #i} (which must be a quote);
   * moves past the closing quote and returns the length of the contents.
   */
  private int string() throws Decline {
    if (i >= end || b[i] != '"') {
      throw Decline.INSTANCE;
    }
    int start = ++i;
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        i++;
        return i - 1 - start;
      }
      // Bytes are signed: non-ASCII bytes are negative, control characters below 0x20.
      if (c < 0x20 || c == '\\') {
        throw Decline.INSTANCE;
      }
      i++;
    }
    throw Decline.INSTANCE;
  }

  /** Characters of a checked string: printable ASCII, so each byte is one character. */
  private String ascii(int start, int length) {
    return new String(b, start, length, StandardCharsets.ISO_8859_1);
  }

  private void skipWs() {
    while (i < end) {
      byte c = b[i];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      i++;
    }
  }

  private byte peek() throws Decline {
    if (i >= end) {
      throw Decline.INSTANCE;
    }
    return b[i];
  }

  private byte next() throws Decline {
    if (i >= end) {
      throw Decline.INSTANCE;
    }
    return b[i++];
  }

  private void expect(char c) throws Decline {
    if (next() != c) {
      throw Decline.INSTANCE;
    }
  }
}
