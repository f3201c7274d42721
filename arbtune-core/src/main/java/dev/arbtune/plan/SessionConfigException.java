package dev.arbtune.plan;

import dev.arbtune.io.Excerpt;
import dev.arbtune.io.InputProblem;

/**
 * A session that cannot be planned. Names the field at fault (a path in the session file such as
 * {@code grids[1].values[2]}) and, when known, the file and line, so that the message reads {@code
 * session.yaml:14: grids[1].values[2]: taker_fee_a_bps must be a finite number >= 0, got -1.0}.
 */
public final class SessionConfigException extends IllegalArgumentException implements InputProblem {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final String field;
  private final String problem;

  /**
   * An error without a location (from the library, before any file is involved).
   *
   * @param field the field at fault, e.g. {@code max_jobs}; {@code null} when none applies
   * @param problem what is wrong, e.g. {@code must be at least 1, got 0}
   */
  public SessionConfigException(String field, String problem) {
    this(null, 0, field, problem, null);
  }

  /**
   * An error with a location.
   *
   * @param source the session file as the user named it; {@code null} when unknown
   * @param line 1-based line in {@code source}; 0 when unknown
   * @param field the field at fault; {@code null} when none applies
   * @param problem what is wrong
   * @param cause the underlying exception, or {@code null}
   */
  public SessionConfigException(
      String source, int line, String field, String problem, Throwable cause) {
    super(format(source, line, field, problem), cause);
    this.source = source;
    this.line = Math.max(0, line);
    this.field = field;
    this.problem = problem == null ? "" : problem;
  }

  /** The session file as the user named it, or {@code null}. */
  public String source() {
    return source;
  }

  /** The 1-based line of the field in the session file, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** The field at fault (a path such as {@code grids[0].name}), or {@code null}. */
  public String field() {
    return field;
  }

  /** What is wrong, without the location and field. */
  public String problem() {
    return problem;
  }

  /** The same error with {@code prefix.} put in front of the field, e.g. {@code grids[2].}. */
  SessionConfigException underField(String prefix) {
    String f = field == null ? prefix : prefix + "." + field;
    return new SessionConfigException(source, line, f, problem, getCause());
  }

  /** The same error located in {@code source} at {@code line} (when this one has no line yet). */
  SessionConfigException locatedAt(String source, int line) {
    int l = this.line > 0 ? this.line : line;
    return new SessionConfigException(source, l, field, problem, this);
  }

  private static String format(String source, int line, String field, String problem) {
    StringBuilder sb = new StringBuilder();
    if (source != null) {
      sb.append(source);
      if (line > 0) {
        sb.append(':').append(line);
      }
      sb.append(": ");
    }
    if (field != null) {
      sb.append(Excerpt.of(field)).append(": ");
    }
    return sb.append(problem).toString();
  }
}
