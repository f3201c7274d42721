package dev.arbtune.aggregate;

import dev.arbtune.io.Excerpt;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A comparison {@code FIELD OP NUMBER}, e.g. {@code win_rate>=0.6} or {@code config.slippage_bps <=
 * 5}. FIELD is {@code metrics.NAME}, {@code config.NAME} or a bare NAME (looked up in metrics
 * first, then in config); OP is one of {@code < <= > >= == !=}. A job without the field, or whose
 * field is not a finite number, fails.
 *
 * @param scope where FIELD is looked up
 * @param field the key, without its {@code metrics.} or {@code config.} prefix
 * @param op the comparison
 * @param number the right-hand side
 */
public record FilterExpression(Scope scope, String field, Op op, double number)
    implements Predicate<AggregatedJobResult>, Serializable {

  /** Where a field is looked up. */
  public enum Scope {
    METRICS("metrics."),
    CONFIG("config."),
    /** Metrics first, then config. */
    ANY("");

    private final String prefix;

    Scope(String prefix) {
      this.prefix = prefix;
    }
  }

  /** A comparison operator. */
  public enum Op {
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    EQ("=="),
    NE("!=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    boolean holds(double left, double right) {
      return switch (this) {
        case LT -> left < right;
        case LE -> left <= right;
        case GT -> left > right;
        case GE -> left >= right;
        case EQ -> left == right;
        case NE -> left != right;
      };
    }
  }

  private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");
  private static final Pattern OP = Pattern.compile("<=|>=|==|!=|<|>");
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  public FilterExpression {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(op, "op");
    if (!Double.isFinite(number)) {
      throw new IllegalArgumentException("number must be finite, got " + number);
    }
  }

  /**
   * Parses an expression.
   *
   * @throws IllegalArgumentException with a message that quotes the expression and points a caret
   *     at the first character that does not fit
   */
  public static FilterExpression parse(String text) {
    Objects.requireNonNull(text, "text");
    int pos = skipSpaces(text, 0);
    Matcher field = FIELD.matcher(text).region(pos, text.length());
    if (!field.lookingAt()) {
      throw error(text, pos, "expected a field name such as win_rate or config.slippage_bps");
    }
    String name = field.group();
    pos = skipSpaces(text, field.end());
    Matcher op = OP.matcher(text).region(pos, text.length());
    if (!op.lookingAt()) {
      throw error(text, pos, "expected an operator: < <= > >= == !=");
    }
    Op parsedOp = opOf(op.group());
    pos = skipSpaces(text, op.end());
    Matcher number = NUMBER.matcher(text).region(pos, text.length());
    if (!number.lookingAt()) {
      throw error(text, pos, "expected a number");
    }
    double value;
    try {
      value = new BigDecimal(number.group()).doubleValue();
    } catch (NumberFormatException e) { // an exponent too large even for BigDecimal
      throw error(text, pos, "number out of range");
    }
    if (!Double.isFinite(value)) {
      throw error(text, pos, "number out of range");
    }
    int end = skipSpaces(text, number.end());
    if (end != text.length()) {
      throw error(text, end, "unexpected text after the number");
    }
    Scope scope = Scope.ANY;
    String key = name;
    if (name.startsWith("metrics.")) {
      scope = Scope.METRICS;
      key = name.substring("metrics.".length());
    } else if (name.startsWith("config.")) {
      scope = Scope.CONFIG;
      key = name.substring("config.".length());
    }
    return new FilterExpression(scope, key, parsedOp, value);
  }

  /** Whether {@code job} has the field as a finite number and the comparison holds. */
  @Override
  public boolean test(AggregatedJobResult job) {
    OptionalDouble value = lookup(job);
    return value.isPresent()
        && Double.isFinite(value.getAsDouble())
        && op.holds(value.getAsDouble(), number);
  }

  private OptionalDouble lookup(AggregatedJobResult job) {
    return switch (scope) {
      case METRICS -> job.metric(field);
      case CONFIG -> job.configNumber(field);
      case ANY -> job.metrics().containsKey(field) ? job.metric(field) : job.configNumber(field);
    };
  }

  /** The canonical form, e.g. {@code config.slippage_bps <= 5}. */
  @Override
  public String toString() {
    return scope.prefix
        + field
        + " "
        + op.symbol
        + " "
        + JsonNumbers.display(new BigDecimal(Double.toString(number)));
  }

  private static Op opOf(String symbol) {
    for (Op o : Op.values()) {
      if (o.symbol.equals(symbol)) {
        return o;
      }
    }
    throw new IllegalStateException(symbol);
  }

  private static int skipSpaces(String s, int pos) {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
    return pos;
  }

  private static IllegalArgumentException error(String text, int pos, String what) {
    if (text.length() > Excerpt.MAX_CHARS) {
      return new IllegalArgumentException(
          "invalid filter " + Excerpt.quoted(text) + ": " + what + " at position " + (pos + 1));
    }
    return new IllegalArgumentException(
        "invalid filter '"
            + text
            + "': "
            + what
            + " at position "
            + (pos + 1)
            + "\n  "
            + text
            + "\n  "
            + " ".repeat(pos)
            + "^");
  }
}
