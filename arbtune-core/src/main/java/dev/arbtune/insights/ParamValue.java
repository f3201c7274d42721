package dev.arbtune.insights;

import dev.arbtune.result.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One value of a config parameter, compared by what it means rather than how it was written: the
 * numbers {@code 30}, {@code 30.0} and {@code 3E+1} are one value. Values sort numbers ascending,
 * then {@code false} before {@code true}, then text (and nested JSON, as compact text), then {@code
 * null} last: an unset limit such as {@code stop_on_drawdown_pct: null} usually means "no limit",
 * next to the largest number.
 *
 * @param kind what sort of JSON value it is
 * @param number the value of a number ({@code -0.0} is stored as {@code 0.0}), else 0
 * @param text the text of a string or the compact JSON of a nested value, else {@code null}
 */
public record ParamValue(Kind kind, double number, String text) implements Comparable<ParamValue> {

  /** The sorts of value, in their sort order. */
  public enum Kind {
    NUMBER,
    BOOLEAN,
    TEXT,
    NULL
  }

  /** The JSON {@code null}. */
  public static final ParamValue NULL = new ParamValue(Kind.NULL, 0.0, null);

  private static final ParamValue FALSE = new ParamValue(Kind.BOOLEAN, 0.0, null);
  private static final ParamValue TRUE = new ParamValue(Kind.BOOLEAN, 1.0, null);

  private static final Comparator<ParamValue> ORDER =
      Comparator.comparing(ParamValue::kind)
          .thenComparingDouble(ParamValue::number)
          .thenComparing(v -> v.text == null ? "" : v.text);

  public ParamValue {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.TEXT) != (text != null)) {
      throw new IllegalArgumentException("text must be set exactly for TEXT values");
    }
    number = number + 0.0;
  }

  /** A number. */
  public static ParamValue of(double number) {
    return new ParamValue(Kind.NUMBER, number, null);
  }

  /** A string. */
  public static ParamValue of(String text) {
    return new ParamValue(Kind.TEXT, 0.0, Objects.requireNonNull(text, "text"));
  }

  /**
   * The value of a config entry as read from a result document ({@code BigDecimal}, {@code Long},
   * {@code String}, {@code Boolean}, {@code null}, or a nested map or list).
   */
  public static ParamValue from(Object raw) {
    if (raw == null) {
      return NULL;
    }
    if (raw instanceof Number n) {
      return of(n.doubleValue());
    }
    if (raw instanceof Boolean b) {
      return b ? TRUE : FALSE;
    }
    if (raw instanceof String s) {
      return of(s);
    }
    if (raw instanceof Map || raw instanceof List) {
      try {
        return of(Json.compactWriter().writeValueAsString(raw));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return of(raw.toString());
  }

  /** Whether the value is a string (or nested JSON): a category rather than a point on a line. */
  public boolean isCategorical() {
    return kind == Kind.TEXT;
  }

  /** The value as JSON writes it: a {@code Double}, {@code Boolean}, {@code String} or null. */
  public Object toJson() {
    return switch (kind) {
      case NUMBER -> number;
      case BOOLEAN -> number != 0.0;
      case TEXT -> text;
      case NULL -> null;
    };
  }

  /** Short human form: whole numbers without {@code .0}, {@code null} as {@code null}. */
  public String display() {
    return switch (kind) {
      case NUMBER -> displayNumber(number);
      case BOOLEAN -> number != 0.0 ? "true" : "false";
      case TEXT -> text;
      case NULL -> "null";
    };
  }

  static String displayNumber(double d) {
    if (!Double.isFinite(d)) {
      return Double.toString(d);
    }
    BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    return b.scale() <= 0 ? b.toBigInteger().toString() : b.toPlainString();
  }

  /** A 64-bit hash of the value, stable across runs and machines. */
  long hash64() {
    return switch (kind) {
      case NUMBER -> Hashing.mix(Double.doubleToLongBits(number) ^ 0x1L);
      case BOOLEAN -> Hashing.mix(number != 0.0 ? 0x2L : 0x3L);
      case TEXT -> Hashing.mix(Hashing.string(text) ^ 0x4L);
      case NULL -> Hashing.mix(0x5L);
    };
  }

  @Override
  public int compareTo(ParamValue o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return display();
  }
}
