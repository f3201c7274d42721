package dev.arbtune.bench.gen;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a small value tree as text laid out the way Python writes it, byte for byte: {@code
 * json.dumps(v, indent=2)}, {@code json.dumps(v, separators=(",", ":"))} or {@code repr(v)}.
 *
 * <p>Values are {@link Map} (keys in iteration order), {@link List}, {@link String}, {@link
 * Long}/{@link Integer}, {@link Fixed}, {@link Raw}, {@link Boolean} and {@code null}. Decimal
 * numbers are {@link Fixed} so that their text is exact and equal to Python's {@code repr} of the
 * same float, without depending on how a JDK formats doubles.
 */
final class PyJson {

  /** How the text is laid out. */
  enum Layout {
    /** {@code json.dumps(v, indent=2)}: one member per line, two spaces per level. */
    PRETTY,
    /** {@code json.dumps(v, separators=(",", ":"))}: one line, no spaces. */
    COMPACT,
    /** {@code repr(v)} of the equivalent Python dict: single quotes, {@code None}, one line. */
    PYTHON_REPR
  }

  /**
   * The decimal number {@code units / 10^scale}, written like Python's {@code repr} of that float:
   * at least one digit after the point, no trailing zeros ({@code 10.0}, {@code 0.3024}, {@code
   * -303.58}).
   *
   * @param units the value in units of {@code 10^-scale}
   * @param scale digits after the point, 0 to 4 (so that a non-zero value is at least {@code
   *     0.0001}, the smallest Python still writes without an exponent)
   */
  record Fixed(long units, int scale) {
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L};

    /** Values at or above this would need more digits than a double holds exactly. */
    private static final long MAX_UNITS = 1_000_000_000_000_000L;

    Fixed {
      if (scale < 0 || scale >= POW10.length) {
        throw new IllegalArgumentException("scale must be 0 to 4, got " + scale);
      }
      if (Math.abs(units) >= MAX_UNITS) {
        throw new IllegalArgumentException("units out of range (|units| < 1e15): " + units);
      }
    }

    /** The number as Python's {@code repr} writes the float. */
    String text() {
      long abs = Math.abs(units);
      long whole = abs / POW10[scale];
      long fraction = abs % POW10[scale];
      StringBuilder sb = new StringBuilder(24);
      if (units < 0) {
        sb.append('-');
      }
      sb.append(whole).append('.');
      if (fraction == 0) {
        return sb.append('0').toString();
      }
      String digits = Long.toString(fraction + POW10[scale]).substring(1);
      int end = digits.length();
      while (digits.charAt(end - 1) == '0') {
        end--;
      }
      return sb.append(digits, 0, end).toString();
    }

    /** The value as a double (for tests and arithmetic on generated values). */
    double toDouble() {
      return units / (double) POW10[scale];
    }
  }

  /** Text written as is, such as {@code NaN}, which Python's json module writes for a NaN float. */
  record Raw(String text) {
    Raw {
      Objects.requireNonNull(text, "text");
    }
  }

  private PyJson() {}

  /** The text of {@code value} in {@code layout}, without a trailing newline. */
  static String write(Object value, Layout layout) {
    StringBuilder sb = new StringBuilder(1024);
    write(sb, value, layout, 0);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object value, Layout layout, int depth) {
    if (value instanceof Map<?, ?> map) {
      writeObject(sb, map, layout, depth);
    } else if (value instanceof List<?> list) {
      writeArray(sb, list, layout, depth);
    } else if (value instanceof String s) {
      writeString(sb, s, layout);
    } else if (value instanceof Long || value instanceof Integer) {
      sb.append(value);
    } else if (value instanceof Fixed f) {
      sb.append(f.text());
    } else if (value instanceof Raw r) {
      sb.append(layout == Layout.PYTHON_REPR ? "nan" : r.text());
    } else if (value instanceof Boolean b) {
      sb.append(layout == Layout.PYTHON_REPR ? (b ? "True" : "False") : b.toString());
    } else if (value == null) {
      sb.append(layout == Layout.PYTHON_REPR ? "None" : "null");
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName());
    }
  }

  private static void writeObject(StringBuilder sb, Map<?, ?> map, Layout layout, int depth) {
    if (map.isEmpty()) {
      sb.append("{}");
      return;
    }
    sb.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!first) {
        sb.append(layout == Layout.PYTHON_REPR ? ", " : ",");
      }
      first = false;
      if (layout == Layout.PRETTY) {
        newline(sb, depth + 1);
      }
      writeString(sb, (String) e.getKey(), layout);
      sb.append(layout == Layout.COMPACT ? ":" : ": ");
      write(sb, e.getValue(), layout, depth + 1);
    }
    if (layout == Layout.PRETTY) {
      newline(sb, depth);
    }
    sb.append('}');
  }

  private static void writeArray(StringBuilder sb, List<?> list, Layout layout, int depth) {
    if (list.isEmpty()) {
      sb.append("[]");
      return;
    }
    sb.append('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        sb.append(layout == Layout.PYTHON_REPR ? ", " : ",");
      }
      if (layout == Layout.PRETTY) {
        newline(sb, depth + 1);
      }
      write(sb, list.get(i), layout, depth + 1);
    }
    if (layout == Layout.PRETTY) {
      newline(sb, depth);
    }
    sb.append(']');
  }

  private static void newline(StringBuilder sb, int depth) {
    sb.append('\n');
    for (int i = 0; i < depth; i++) {
      sb.append("  ");
    }
  }

  /** JSON string escaping as Python's json module does it with {@code ensure_ascii=True}. */
  private static void writeString(StringBuilder sb, String s, Layout layout) {
    char quote = layout == Layout.PYTHON_REPR ? '\'' : '"';
    sb.append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == quote || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\b') {
        sb.append("\\b");
      } else if (c == '\f') {
        sb.append("\\f");
      } else if (c < 0x20 || c > 0x7e) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append(quote);
  }
}
