package dev.arbtune.run;

import dev.arbtune.backtest.ExactPowersOfTen;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fast path of {@link PlanLine#parse}: reads one plan line's JSON object in one pass over its
 * characters, or declines, and then Jackson reads it. It reads what {@code plan} writes and most
 * hand-written lines: strict JSON (RFC 8259) with whitespace of spaces, tabs and line breaks, the
 * escapes {@code \" \\ \/ \b \f \n \r \t \\uXXXX}, integers of at most 18 digits, numbers of at
 * most 64 characters, at most 32 levels of nesting, no key given twice in one object, in lines of
 * at most {@link #MAX_CHARS} characters. Anything else (a syntax error, a repeated key, {@code
 * NaN}, other characters, a longer line) is declined, so every error message still comes from
 * Jackson.
 *
 * <p>What it returns is what Jackson's untyped reading gives ({@code PlanLine}'s reader), value for
 * value and class for class: {@link LinkedHashMap} for objects (keys in the line's order), {@link
 * ArrayList} for arrays, {@link Integer} for integers that fit an int, else {@link Long}, {@link
 * Double} for numbers with a fraction or an exponent (as {@link Double#parseDouble} reads the
 * literal: Jackson's fast double parser is off), {@link String}, {@link Boolean} and {@code null}.
 * A property test holds it to that over random lines (PlanLineParserTest).
 *
 * <p>Why: a 10,000-job sweep whose backtests cost little spends a noticeable share of its main
 * thread in Jackson's general tokenizer and deserializers for these lines (docs/BENCHMARKS.md).
 */
final class PlanLineParser {

  /**
   * Longest line read here; longer ones go to Jackson. Below Jackson's limits on keys (50,000
   * characters) and strings (20,000,000), so no value read here could break one; twice what a line
   * with a {@code data_file} and an {@code output_json} of PATH_MAX each needs.
   */
  static final int MAX_CHARS = 16_384;

  /** Deepest nesting read here (the top object is level 1); Jackson allows 256. */
  private static final int MAX_DEPTH = 32;

  /** Longest number literal read here; Jackson allows 1,000 characters. */
  private static final int MAX_NUMBER = 64;

  /** Most digits of an integer read here: always fits a long. */
  private static final int MAX_INT_DIGITS = 18;

  /** Lines this path has read, for the tests that check that {@link PlanLine#parse} takes it. */
  static final LongAdder READ = new LongAdder();

  private final String s;
  private final int end;
  private int i;

  /** Reused by strings with escapes. */
  private StringBuilder unescaped;

  private PlanLineParser(String s) {
    this.s = s;
    this.end = s.length();
  }

  /** Thrown to decline; carries no stack trace and is shared. */
  private static final class Decline extends Exception {
    private static final Decline INSTANCE = new Decline();

    private Decline() {
      super("not a plain plan line", null, false, false);
    }
  }

  /**
   * The line's top-level JSON object as Jackson reads it, or {@code null} when this path declines
   * the line (then Jackson must read it).
   */
  static Map<String, Object> parse(String text) {
    if (text.length() > MAX_CHARS) {
      return null;
    }
    try {
      Map<String, Object> map = new PlanLineParser(text).line();
      READ.increment();
      return map;
    } catch (Decline d) {
      return null;
    }
  }

  private Map<String, Object> line() throws Decline {
    skipWs();
    if (peek() != '{') {
      throw Decline.INSTANCE; // not an object: Jackson says what it is
    }
    Map<String, Object> map = object(1);
    skipWs();
    if (i != end) {
      throw Decline.INSTANCE; // something after the object
    }
    return map;
  }

  private Object value(int depth) throws Decline {
    char c = peek();
    switch (c) {
      case '"':
        return string(false);
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      default:
        return number();
    }
  }

  private Map<String, Object> object(int depth) throws Decline {
    if (depth > MAX_DEPTH) {
      throw Decline.INSTANCE;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    if (emptyAfter('{', '}')) {
      return map;
    }
    do {
      if (peek() != '"') {
        throw Decline.INSTANCE;
      }
      String key = string(true);
      skipWs();
      expect(':');
      skipWs();
      int size = map.size();
      map.put(key, value(depth));
      if (map.size() == size) {
        throw Decline.INSTANCE; // a repeated key: Jackson's message names it
      }
    } while (more('}'));
    return map;
  }

  private List<Object> array(int depth) throws Decline {
    if (depth > MAX_DEPTH) {
      throw Decline.INSTANCE;
    }
    List<Object> list = new ArrayList<>();
    if (emptyAfter('[', ']')) {
      return list;
    }
    do {
      list.add(value(depth));
    } while (more(']'));
    return list;
  }

  private void literal(String word) throws Decline {
    if (!s.startsWith(word, i)) {
      throw Decline.INSTANCE;
    }
    i += word.length();
    // What follows must end the value (whitespace, ',', '}' or ']', checked by the caller), so
    // "truex" is declined there.
  }

  /**
   * A string at {@link #i} (a quote): its characters up to the closing quote, escapes decoded;
   * declines on a control character or an escape outside JSON's, and in a {@code key} on an escaped
   * surrogate (Jackson checks that those pair up in keys, not in values).
   */
  private String string(boolean key) throws Decline {
    int start = ++i;
    while (i < end) {
      char c = s.charAt(i);
      if (c == '"') {
        return s.substring(start, i++);
      }
      if (c == '\\') {
        return escaped(start, key);
      }
      if (c < 0x20) {
        throw Decline.INSTANCE;
      }
      i++;
    }
    throw Decline.INSTANCE;
  }

  /** The rest of a string from its first backslash at {@link #i}; {@code start}: its first char. */
  private String escaped(int start, boolean key) throws Decline {
    StringBuilder b = unescaped == null ? (unescaped = new StringBuilder()) : unescaped;
    b.setLength(0);
    b.append(s, start, i);
    while (i < end) {
      char c = s.charAt(i++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw Decline.INSTANCE;
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (i >= end) {
        throw Decline.INSTANCE;
      }
      char e = s.charAt(i++);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          char u = hex4();
          if (key && Character.isSurrogate(u)) {
            throw Decline.INSTANCE;
          }
          b.append(u);
        }
        default -> throw Decline.INSTANCE;
      }
    }
    throw Decline.INSTANCE;
  }

  /**
   * The four hex digits of a {@code \\u} escape, as the char they give (surrogates as they are).
   */
  private char hex4() throws Decline {
    if (end - i < 4) {
      throw Decline.INSTANCE;
    }
    int v = 0;
    for (int k = 0; k < 4; k++) {
      char c = s.charAt(i++);
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        throw Decline.INSTANCE;
      }
      v = (v << 4) | d;
    }
    return (char) v;
  }

  /**
   * A number in RFC 8259's grammar: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?};
   * an integer when it has neither fraction nor exponent.
   */
  private Object number() throws Decline {
    int start = i;
    boolean negative = i < end && s.charAt(i) == '-';
    if (negative) {
      i++;
    }
    int intStart = i;
    long mantissa = 0;
    if (i < end && s.charAt(i) == '0') {
      i++;
    } else {
      while (i < end && isDigit(s.charAt(i))) {
        mantissa = i - intStart < MAX_INT_DIGITS ? mantissa * 10 + (s.charAt(i) - '0') : -1;
        i++;
      }
      if (i == intStart) {
        throw Decline.INSTANCE; // NaN, Infinity, '+', '.5': Jackson's rules
      }
    }
    int intDigits = i - intStart;
    int fracStart = -1;
    int fracDigits = 0;
    if (i < end && s.charAt(i) == '.') {
      fracStart = ++i;
      digits();
      fracDigits = i - fracStart;
    }
    int exponentStart = -1;
    if (i < end && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      exponentStart = i;
      digits();
    }
    if (i - start > MAX_NUMBER) {
      throw Decline.INSTANCE;
    }
    if (i < end && isDigit(s.charAt(i))) {
      throw Decline.INSTANCE; // "01": a leading zero
    }
    if (fracStart < 0 && exponentStart < 0) {
      if (intDigits > MAX_INT_DIGITS) {
        throw Decline.INSTANCE; // Jackson's Long or BigInteger: left to it
      }
      long v = negative ? -mantissa : mantissa;
      return v == (int) v ? (Object) (int) v : (Object) v;
    }
    if (intDigits + fracDigits <= 15) {
      // Clinger's fast path: a mantissa below 2^53 times or divided by a power of ten up to 1e22
      // (both exact doubles) is correctly rounded, so equal to Double.parseDouble's; the sign is
      // applied last, so "-0.0" stays negative zero.
      for (int k = fracStart; k < fracStart + fracDigits; k++) {
        mantissa = mantissa * 10 + (s.charAt(k) - '0');
      }
      int power = -fracDigits;
      if (exponentStart >= 0) {
        if (i - exponentStart > 3) {
          return Double.parseDouble(s.substring(start, i));
        }
        int exponent = Integer.parseInt(s, exponentStart, i, 10);
        power += s.charAt(exponentStart - 1) == '-' ? -exponent : exponent;
      }
      if (power >= -ExactPowersOfTen.MAX && power <= ExactPowersOfTen.MAX) {
        double v =
            power < 0
                ? mantissa / ExactPowersOfTen.of(-power)
                : mantissa * ExactPowersOfTen.of(power);
        return negative ? -v : v;
      }
    }
    return Double.parseDouble(s.substring(start, i));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** One or more digits. */
  private void digits() throws Decline {
    int start = i;
    while (i < end && isDigit(s.charAt(i))) {
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
    char c = next();
    if (c == close) {
      return false;
    }
    if (c != ',') {
      throw Decline.INSTANCE;
    }
    skipWs();
    return true;
  }

  /** JSON's whitespace, the only whitespace Jackson takes. */
  private void skipWs() {
    while (i < end) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      i++;
    }
  }

  private char peek() throws Decline {
    if (i >= end) {
      throw Decline.INSTANCE;
    }
    return s.charAt(i);
  }

  private char next() throws Decline {
    if (i >= end) {
      throw Decline.INSTANCE;
    }
    return s.charAt(i++);
  }

  private void expect(char c) throws Decline {
    if (next() != c) {
      throw Decline.INSTANCE;
    }
  }
}
