package dev.arbtune.backtest;

import java.util.Objects;

/**
 * A quotes file that cannot be used: a missing column, a malformed row, timestamps out of order, no
 * rows at all. The message names the file, the line and, where it applies, the column.
 */
public final class QuotesFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final String column;
  private final String problem;

  /**
   * @param file the file, as the user named it
   * @param line 1-based line number, or 0 when the problem is not on one line
   * @param column the column name at fault, or {@code null}
   * @param problem what is wrong
   */
  public QuotesFormatException(String file, long line, String column, String problem) {
    super(format(file, line, column, problem));
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.column = column;
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  private static String format(String file, long line, String column, String problem) {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(", line ").append(line);
    }
    if (column != null) {
      sb.append(", column ").append(column);
    }
    return sb.append(": ").append(problem).toString();
  }

  /** The file at fault. */
  public String file() {
    return file;
  }

  /** The 1-based line at fault, or 0 when the problem concerns the whole file. */
  public long line() {
    return line;
  }

  /** The column at fault, or {@code null}. */
  public String column() {
    return column;
  }

  /** What is wrong, without the place. */
  public String problem() {
    return problem;
  }

  /** The same problem reported against another name of the same file. */
  public QuotesFormatException withFile(String otherName) {
    return new QuotesFormatException(otherName, line, column, problem);
  }
}
