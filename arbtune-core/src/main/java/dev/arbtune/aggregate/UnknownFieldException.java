package dev.arbtune.aggregate;

import dev.arbtune.io.Excerpt;
import java.util.List;
import java.util.Objects;

/**
 * A field to rank or filter by that no success document carries (a typo, most likely): thrown by
 * {@link TuningResultsAggregator#summarize()} when {@link
 * TuningResultsAggregator.Builder#refuseUnseenFields} is set, so that a misspelt name is never
 * silently ranked by nothing.
 */
public final class UnknownFieldException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Whether the field was asked for to rank by or in a filter expression. */
  public enum Use {
    /** The ranking metric ({@code --sort-by}). */
    SORT,
    /** A filter expression ({@code --filter}). */
    FILTER
  }

  private final Use use;
  private final String request;
  private final String reason;
  private final List<String> suggestions;

  /**
   * @param use what the field was asked for
   * @param request the metric name, or the filter expression in its canonical form
   * @param reason why it is refused, e.g. {@code no success document (of 32 read) has metrics.pnl}
   * @param suggestions the closest known names, best first (may be empty)
   */
  public UnknownFieldException(Use use, String request, String reason, List<String> suggestions) {
    super(describe(label(use, request), reason, suggestions));
    this.use = Objects.requireNonNull(use, "use");
    this.request = Objects.requireNonNull(request, "request");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.suggestions = List.copyOf(suggestions);
  }

  public Use use() {
    return use;
  }

  /** The metric name, or the filter expression in its canonical form. */
  public String request() {
    return request;
  }

  public String reason() {
    return reason;
  }

  public List<String> suggestions() {
    return suggestions;
  }

  /**
   * The sentence with {@code subject} (e.g. {@code --sort-by pnl}) in front: {@code SUBJECT:
   * REASON; did you mean A, B or C?}.
   */
  public String describe(String subject) {
    return describe(subject, reason, suggestions);
  }

  private static String label(Use use, String request) {
    return use == Use.SORT
        ? "ranking metric " + Excerpt.of(request)
        : "filter '" + Excerpt.of(request) + "'";
  }

  private static String describe(String subject, String reason, List<String> suggestions) {
    StringBuilder sb = new StringBuilder(subject).append(": ").append(reason);
    if (!suggestions.isEmpty()) {
      sb.append("; did you mean ");
      for (int i = 0; i < suggestions.size(); i++) {
        if (i > 0) {
          sb.append(i == suggestions.size() - 1 ? " or " : ", ");
        }
        sb.append(suggestions.get(i));
      }
      sb.append('?');
    }
    return sb.toString();
  }
}
