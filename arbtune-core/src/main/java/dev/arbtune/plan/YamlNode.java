package dev.arbtune.plan;

import dev.arbtune.io.Excerpt;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A value read from a session file, with the line it is on: the line of its key when it is the
 * value of a mapping entry, else the line where it starts.
 *
 * @param value a {@code Map<String, YamlNode>} (insertion-ordered), a {@code List<YamlNode>}, a
 *     {@link String}, a {@link BigDecimal}, a {@link Boolean}, or {@code null}
 * @param line 1-based
 */
record YamlNode(Object value, int line) {

  boolean isMap() {
    return value instanceof Map;
  }

  boolean isList() {
    return value instanceof List;
  }

  @SuppressWarnings("unchecked")
  Map<String, YamlNode> map() {
    return (Map<String, YamlNode>) value;
  }

  @SuppressWarnings("unchecked")
  List<YamlNode> list() {
    return (List<YamlNode>) value;
  }

  /** The value for a person: {@code the string "x"}, {@code a list}, {@code 12}. */
  String describe() {
    if (value == null) {
      return "nothing (null)";
    }
    if (value instanceof String s) {
      return s.isEmpty() ? "an empty value" : "the string " + Excerpt.quoted(s);
    }
    if (value instanceof BigDecimal d) {
      return ParamGrid.plain(d);
    }
    if (isList()) {
      return "a list";
    }
    if (isMap()) {
      return "a mapping";
    }
    return value.toString();
  }
}
