package dev.arbtune.result;

import java.util.Objects;

/**
 * A result file that cannot be used as a job result, with the reason and, where the JSON parser
 * knows it, the line and column.
 */
public final class ResultFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private final int line;
  private final int column;

  /**
   * @param kind why the file is unusable
   * @param message what is wrong, without the location
   * @param line 1-based line, or 0 when unknown
   * @param column 1-based column, or 0 when unknown
   */
  public ResultFormatException(ErrorKind kind, String message, int line, int column) {
    super(Objects.requireNonNull(message, "message"));
    this.kind = Objects.requireNonNull(kind, "kind");
    this.line = Math.max(0, line);
    this.column = Math.max(0, column);
  }

  /** A failure with no useful position. */
  public ResultFormatException(ErrorKind kind, String message) {
    this(kind, message, 0, 0);
  }

  public ErrorKind kind() {
    return kind;
  }

  /** 1-based line of the problem, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** 1-based column of the problem, or 0 when unknown. */
  public int column() {
    return column;
  }

  /** The message prefixed with {@code line L, column C: } when the position is known. */
  public String describe() {
    return line > 0 ? "line " + line + ", column " + column + ": " + getMessage() : getMessage();
  }
}
