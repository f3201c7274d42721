package dev.arbtune.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.arbtune.result.JsonMessages;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a YAML document into {@link YamlNode}s, safely.
 *
 * <p>Jackson's streaming YAML parser (over SnakeYAML's event parser) never constructs objects from
 * YAML tags, so no type can be smuggled in; on top of that this reader refuses:
 *
 * <ul>
 *   <li>documents longer than {@link #MAX_CODE_POINTS} (SnakeYAML's code-point limit), so a huge
 *       document fails early instead of filling the heap;
 *   <li>anchors and aliases ({@code &a}, {@code *a}): Jackson would not expand them anyway, but
 *       refusing them outright makes "billion laughs" documents a one-line error, not a puzzle;
 *   <li>explicit tags ({@code !!python/object}, {@code !foo});
 *   <li>nesting deeper than {@link #MAX_DEPTH} (recursion here is bounded by it);
 *   <li>duplicate keys, more than one document, and numbers that YAML 1.1 would read as octal or
 *       hexadecimal ({@code 017} is 15 there), which would silently change a value.
 * </ul>
 */
final class YamlTree {

  /** Longest document accepted, in Unicode code points (1 Mi). */
  static final int MAX_CODE_POINTS = 1 << 20;

  /** Deepest nesting accepted; a session file needs 4. */
  static final int MAX_DEPTH = 16;

  private static final YAMLFactory FACTORY = factory();

  /** Decimal numbers as people write them: no octal {@code 017}, no hex, no {@code .inf}. */
  private static final Pattern DECIMAL =
      Pattern.compile(
          "[-+]?(0|[1-9][0-9]*)(\\.[0-9]*)?([eE][-+]?[0-9]+)?|[-+]?\\.[0-9]+([eE][-+]?[0-9]+)?");

  private final String source;

  private YamlTree(String source) {
    this.source = source;
  }

  /**
   * Reads the one document in {@code yaml}.
   *
   * @param source how to name the document in errors (the file name)
   * @return the root node; its value is {@code null} for an empty document
   * @throws SessionConfigException with the line, for invalid or refused YAML
   */
  static YamlNode read(String yaml, String source) {
    if (yaml.length() > MAX_CODE_POINTS) {
      throw new SessionConfigException(
          source,
          0,
          null,
          "the document is "
              + yaml.length()
              + " characters long; a session file may have at most "
              + MAX_CODE_POINTS,
          null);
    }
    YamlTree tree = new YamlTree(source);
    try (YAMLParser p = (YAMLParser) FACTORY.createParser(new StringReader(yaml))) {
      try {
        JsonToken first = p.nextToken();
        if (first == null) {
          return new YamlNode(null, 1);
        }
        YamlNode root = tree.value(p, 0, line(p), null);
        if (p.nextToken() != null) {
          throw tree.error(line(p), "a session file holds one YAML document; found another");
        }
        return root;
      } catch (JsonProcessingException e) {
        throw tree.parseError(e, p.currentLocation());
      }
    } catch (IOException e) {
      // Reading a String cannot fail; keep the compiler and any surprise honest.
      throw new SessionConfigException(source, 0, null, "cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * @param path where the value is, as error messages name fields ({@code grids[0].values[2]});
   *     {@code null} for the root
   */
  private YamlNode value(YAMLParser p, int depth, int line, String path) throws IOException {
    JsonToken t = p.currentToken();
    int at = line(p);
    if (p.isCurrentAlias()) {
      throw error(at, "aliases (*" + p.getText() + ") are not allowed in a session file");
    }
    if (p.getObjectId() != null) {
      throw error(at, "anchors (&" + p.getObjectId() + ") are not allowed in a session file");
    }
    if (p.getTypeId() != null) {
      throw error(at, "YAML tags (" + p.getTypeId() + ") are not allowed in a session file");
    }
    if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
      throw error(at, "nested deeper than " + MAX_DEPTH + " levels");
    }
    switch (t) {
      case START_OBJECT:
        return new YamlNode(mapping(p, depth, path), line);
      case START_ARRAY:
        List<YamlNode> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          String item = (path == null ? "" : path) + "[" + list.size() + "]";
          list.add(value(p, depth + 1, line(p), item));
        }
        return new YamlNode(List.copyOf(list), line);
      case VALUE_STRING:
        return new YamlNode(p.getText(), line);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new YamlNode(number(p, at, path), line);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new YamlNode(t == JsonToken.VALUE_TRUE, line);
      case VALUE_NULL:
        return new YamlNode(null, line);
      default:
        throw error(at, "unsupported YAML value (" + t + ")");
    }
  }

  private Map<String, YamlNode> mapping(YAMLParser p, int depth, String path) throws IOException {
    Map<String, YamlNode> map = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      int keyLine = line(p);
      if (p.isCurrentAlias() || p.getObjectId() != null || p.getTypeId() != null) {
        throw error(keyLine, "anchors, aliases and tags are not allowed in a session file");
      }
      YamlNode previous = map.get(key);
      if (previous != null) {
        throw error(
            keyLine, "duplicate key " + key + " (first at line " + previous.line() + "); keep one");
      }
      p.nextToken();
      map.put(key, value(p, depth + 1, keyLine, path == null ? key : path + "." + key));
    }
    return Collections.unmodifiableMap(map);
  }

  private BigDecimal number(YAMLParser p, int line, String path) throws IOException {
    String text = p.getText();
    String clean = text.replace("_", "");
    if (!DECIMAL.matcher(clean).matches()) {
      throw error(line, path, text + " is not a plain decimal number" + why(clean));
    }
    BigDecimal value;
    if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      value = new BigDecimal(p.getBigIntegerValue());
    } else {
      double d = Double.parseDouble(clean);
      if (!Double.isFinite(d)) {
        throw error(line, path, text + " is out of range for a number (beyond ±1.8e308)");
      }
      if (d == 0 && new BigDecimal(clean).signum() != 0) {
        throw error(
            line,
            path,
            text
                + " underflows: it is too close to 0 for a number (below 4.9e-324) and would be 0");
      }
      value = BigDecimal.valueOf(d);
    }
    if (!Double.isFinite(value.doubleValue())) {
      throw error(line, path, text + " is out of range for a number (beyond ±1.8e308)");
    }
    return value;
  }

  /** Why a number YAML accepts is refused here. */
  private static String why(String text) {
    String t = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals(".inf") || lower.equals(".nan")) {
      return " (infinity and NaN are not usable values); write a finite decimal number";
    }
    if (lower.startsWith("0x")) {
      return " (YAML reads 0x as hexadecimal); write it in decimal";
    }
    if (lower.startsWith("0o") || (lower.length() > 1 && lower.charAt(0) == '0')) {
      return " (YAML reads a leading 0 as octal: 017 is 15); write it in decimal, without the"
          + " leading 0";
    }
    if (lower.contains(":")) {
      return " (YAML 1.1 reads 1:30 as a base-60 number); write it in decimal";
    }
    return "; write it in decimal, such as 12.5 or 1e-3";
  }

  private SessionConfigException error(int line, String problem) {
    return error(line, null, problem);
  }

  private SessionConfigException error(int line, String field, String problem) {
    return new SessionConfigException(source, line, field, problem, null);
  }

  /**
   * @param stoppedAt where the parser stopped: the place of a failure that does not tell its own (a
   *     limit of the parser's)
   */
  private SessionConfigException parseError(JsonProcessingException e, JsonLocation stoppedAt) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof MarkedYAMLException m && m.getProblemMark() != null) {
        Mark mark = m.getProblemMark();
        String context = m.getContext() == null ? "" : " (" + m.getContext() + ")";
        return new SessionConfigException(
            source, mark.getLine() + 1, null, "invalid YAML: " + m.getProblem() + context, e);
      }
    }
    JsonLocation loc = e.getLocation() != null ? e.getLocation() : stoppedAt;
    String message = JsonMessages.describe(e);
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    return new SessionConfigException(
        source, loc == null ? 0 : loc.getLineNr(), null, "invalid YAML: " + message, e);
  }

  private static int line(JsonParser p) {
    return Math.max(0, p.currentTokenLocation().getLineNr());
  }

  private static YAMLFactory factory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setMaxAliasesForCollections(0);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_DEPTH);
    return YAMLFactory.builder()
        .loaderOptions(options)
        // "key:" with nothing after it is null in YAML; Jackson reads it as "" unless told.
        .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH + 1)
                .maxNumberLength(400)
                .maxStringLength(MAX_CODE_POINTS)
                .build())
        .build();
  }
}
