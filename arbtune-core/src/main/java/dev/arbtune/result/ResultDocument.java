package dev.arbtune.result;

import java.util.Map;
import java.util.Objects;

/**
 * One parsed result document: the fields the aggregator reads, with {@code config} and {@code
 * metrics} kept as the document wrote them.
 *
 * <p>Maps are unmodifiable and keep the document's key order; values are {@link String}, {@link
 * Boolean}, {@code null}, {@link Long} or {@link java.math.BigInteger} for integers, {@link
 * java.math.BigDecimal} for decimals (so {@code 30.0} is written back as {@code 30.0}), {@link
 * Double} only for {@code NaN} and {@code ±Infinity}, and unmodifiable {@link java.util.List} and
 * {@link Map} for nested values.
 *
 * @param status the {@code status} string, or {@code null} when missing
 * @param declaredJobId {@code config_summary.job_id} when it is a non-empty string, else {@code
 *     null}
 * @param config the {@code config} object, empty when missing
 * @param metrics the {@code metrics} object, empty when missing
 * @param error the document's own {@code error} message, or {@code null}
 * @param summaryDocument whether this is not a job at all but aggregator output left in a results
 *     folder: a summary ({@code total_jobs} and {@code top_by_pnl} or {@code top}, no {@code
 *     status}; {@code aggregate --output-json}) or a line of a ranked list (a top-level integer
 *     {@code rank} and a top-level {@code job_id}; {@code aggregate --format jsonl})
 * @param periodPnl the document's {@code period_pnl} as read for insights ({@link BlockPnl}, maybe
 *     not usable); {@code null} when the document has none or it was not asked for
 */
public record ResultDocument(
    String status,
    String declaredJobId,
    Map<String, Object> config,
    Map<String, Object> metrics,
    String error,
    boolean summaryDocument,
    BlockPnl periodPnl) {

  /** The status value that marks a successful job. */
  public static final String SUCCESS = "success";

  public ResultDocument {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(metrics, "metrics");
  }

  /** A document read without its {@code period_pnl}. */
  public ResultDocument(
      String status,
      String declaredJobId,
      Map<String, Object> config,
      Map<String, Object> metrics,
      String error,
      boolean summaryDocument) {
    this(status, declaredJobId, config, metrics, error, summaryDocument, null);
  }

  /** A job's result document. */
  public ResultDocument(
      String status,
      String declaredJobId,
      Map<String, Object> config,
      Map<String, Object> metrics,
      String error) {
    this(status, declaredJobId, config, metrics, error, false, null);
  }

  /** Whether {@code status} is exactly {@code "success"}. */
  public boolean isSuccess() {
    return SUCCESS.equals(status);
  }

  /** {@code config.tag} when it is a string, else {@code null}. */
  public String tag() {
    return config.get("tag") instanceof String s ? s : null;
  }
}
