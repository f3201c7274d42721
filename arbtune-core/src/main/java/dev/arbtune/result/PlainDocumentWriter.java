package dev.arbtune.result;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The fast path of {@link ResultWriter}: lays out a <em>plain</em> success document as bytes in one
 * pass, or declines, and then Jackson writes it. Plain is what a run's jobs write: keys and strings
 * of printable ASCII ({@code "} and {@code \} escaped as Jackson escapes them), finite {@link
 * Double}s, {@link Integer}s, {@link Long}s, {@link Boolean}s, {@code null}, and {@link Map}s
 * (String keys) and {@link List}s of those, nested at most {@value #MAX_DEPTH} deep. Anything else
 * (a control or non-ASCII character, {@code NaN}, a {@link java.math.BigDecimal}, a {@link Float},
 * a {@link java.util.Set}) is declined, so such documents still come from Jackson; a document it
 * lays out has exactly the bytes of {@link ResultWriter#success(java.io.Writer, String, Map, Map,
 * Map, Map)} in UTF-8 (a property test holds it to that, over random documents).
 *
 * <p>Why: a 10,000-job sweep spends a good part of its per-job time in Jackson's generic
 * serializers (and in compiling them); this loop lays a document out in a fraction of that.
 */
final class PlainDocumentWriter {

  /** Deepest nesting laid out here; deeper values go to Jackson. */
  static final int MAX_DEPTH = 16;

  /** Whole numbers below this magnitude are written without {@link Double#toString(double)}. */
  private static final double PLAIN_WHOLE = 1e7;

  private byte[] b = new byte[2048];
  private int n;

  PlainDocumentWriter() {}

  /**
   * The bytes of a success document as {@link ResultWriter#success(java.io.Writer, String, Map,
   * Map, Map, Map)} writes it (final newline included), or {@code null} when it is not plain.
   */
  static byte[] success(
      String jobId,
      Map<String, ?> config,
      Map<String, ?> metrics,
      Map<String, ?> summary,
      Map<String, ?> extra) {
    PlainDocumentWriter w = new PlainDocumentWriter();
    w.ascii("{\n  \"status\": \"success\",\n  \"config\": ");
    if (!w.value(config, 1)) {
      return null;
    }
    w.ascii(",\n  \"metrics\": ");
    if (!w.value(metrics, 1)) {
      return null;
    }
    w.ascii(",\n  \"config_summary\": ");
    if (jobId == null && summary.isEmpty()) {
      w.ascii("{}");
    } else {
      w.ascii("{");
      boolean first = true;
      if (jobId != null) {
        w.ascii("\n    \"job_id\": ");
        if (!w.string(jobId)) {
          return null;
        }
        first = false;
      }
      if (!w.members(summary, 2, first)) {
        return null;
      }
      w.ascii("\n  }");
    }
    if (!w.members(extra, 1, false)) {
      return null;
    }
    w.ascii("\n}\n");
    return w.bytes();
  }

  /** The bytes laid out so far. */
  byte[] bytes() {
    return Arrays.copyOf(b, n);
  }

  /** Writes {@code map}'s entries at {@code depth} after {@code first} ones; false to decline. */
  private boolean members(Map<?, ?> map, int depth, boolean first) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      separate(first, depth);
      first = false;
      if (!key(e.getKey()) || !value(e.getValue(), depth)) {
        return false;
      }
    }
    return true;
  }

  /** Before a member or an item: a comma unless it is the first, a new line, the indentation. */
  void separate(boolean first, int depth) {
    if (!first) {
      put((byte) ',');
    }
    newline(depth);
  }

  /** A container's closing bracket on a line of its own at {@code depth}. */
  private boolean close(char bracket, int depth) {
    newline(depth);
    put((byte) bracket);
    return true;
  }

  private boolean key(Object key) {
    if (!(key instanceof String s) || !string(s)) {
      return false;
    }
    put((byte) ':');
    put((byte) ' ');
    return true;
  }

  /** Writes a value whose first line is indented at {@code depth}; false to decline. */
  private boolean value(Object v, int depth) {
    if (v instanceof Map<?, ?> map) {
      return object(map, depth);
    }
    if (v instanceof List<?> list) {
      return array(list, depth);
    }
    return scalar(v);
  }

  /** Writes a value that is no container; false to decline. */
  private boolean scalar(Object v) {
    if (v == null) {
      ascii("null");
      return true;
    }
    if (v instanceof String s) {
      return string(s);
    }
    if (v instanceof Double d) {
      return number(d);
    }
    if (v instanceof Integer || v instanceof Long) {
      ascii(v.toString());
      return true;
    }
    if (v instanceof Boolean bool) {
      ascii(bool ? "true" : "false");
      return true;
    }
    return false;
  }

  private boolean object(Map<?, ?> map, int depth) {
    if (depth >= MAX_DEPTH) {
      return false;
    }
    if (map.isEmpty()) {
      ascii("{}");
      return true;
    }
    put((byte) '{');
    return members(map, depth + 1, true) && close('}', depth);
  }

  private boolean array(List<?> list, int depth) {
    if (depth >= MAX_DEPTH) {
      return false;
    }
    if (list.isEmpty()) {
      ascii("[]");
      return true;
    }
    put((byte) '[');
    boolean first = true;
    for (Object item : list) {
      separate(first, depth + 1);
      first = false;
      if (!value(item, depth + 1)) {
        return false;
      }
    }
    return close(']', depth);
  }

  /** A finite double as {@link Double#toString(double)} writes it; false for NaN, ±infinity. */
  boolean number(double d) {
    if (!Double.isFinite(d)) {
      return false;
    }
    long whole = (long) d;
    if (whole == d && Math.abs(d) < PLAIN_WHOLE) {
      if (whole == 0 && Double.doubleToRawLongBits(d) != 0) {
        ascii("-0.0");
      } else {
        ascii(Long.toString(whole));
        ascii(".0");
      }
    } else {
      ascii(Double.toString(d));
    }
    return true;
  }

  /** A quoted string of printable ASCII; false (declined) for any other character. */
  boolean string(String s) {
    int len = s.length();
    ensure(len + 2);
    b[n++] = '"';
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
      if (c == '"' || c == '\\') {
        ensure(len - i + 2);
        b[n++] = '\\';
      }
      b[n++] = (byte) c;
    }
    b[n++] = '"';
    return true;
  }

  void newline(int depth) {
    ensure(1 + 2 * depth);
    b[n++] = '\n';
    for (int i = 0; i < depth; i++) {
      b[n++] = ' ';
      b[n++] = ' ';
    }
  }

  /** Text known to be ASCII. */
  void ascii(String s) {
    int len = s.length();
    ensure(len);
    for (int i = 0; i < len; i++) {
      b[n++] = (byte) s.charAt(i);
    }
  }

  void put(byte c) {
    ensure(1);
    b[n++] = c;
  }

  private void ensure(int more) {
    if (n + more > b.length) {
      b = Arrays.copyOf(b, Math.max(2 * b.length, n + more));
    }
  }
}
