package dev.arbtune.aggregate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.OptionalDouble;

/** Numeric views of values read from result documents. */
final class JsonNumbers {

  private JsonNumbers() {}

  /** The value as a double when it is a JSON number (possibly NaN or infinite), else empty. */
  static OptionalDouble asDouble(Object value) {
    return value instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
  }

  /** The value as a finite double, or empty when it is not a number or not finite. */
  static OptionalDouble asFinite(Object value) {
    OptionalDouble d = asDouble(value);
    return d.isPresent() && Double.isFinite(d.getAsDouble()) ? d : OptionalDouble.empty();
  }

  /**
   * Whether the value is a whole number (an integer literal, or a decimal such as {@code 30.0}).
   */
  static boolean isWhole(Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
      return true;
    }
    if (value instanceof BigDecimal d) {
      return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }
    return false;
  }

  /**
   * A JSON value as one cell of a table: strings as they are, {@code null} as the empty string,
   * numbers as written, nested values as compact JSON.
   */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof java.util.Map || value instanceof java.util.List) {
      try {
        return dev.arbtune.result.Json.compactWriter().writeValueAsString(value);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    if (value instanceof BigDecimal d) {
      return d.toString();
    }
    return value.toString();
  }

  /** Short human form of a JSON value: whole numbers without {@code .0}, others as written. */
  static String display(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof BigDecimal d) {
      return isWhole(d) ? d.toBigInteger().toString() : d.stripTrailingZeros().toPlainString();
    }
    if (value instanceof Double d) {
      if (!Double.isFinite(d)) {
        return d.toString();
      }
      return display(new BigDecimal(d.toString()));
    }
    return value.toString();
  }
}
