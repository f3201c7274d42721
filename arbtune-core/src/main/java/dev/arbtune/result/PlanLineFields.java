package dev.arbtune.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plan line, the contract between {@code plan}, which writes it ({@link #toJsonLine()}), and
 * {@code run}, which reads it ({@link #read(Map)}): one JSON object per line of a plan file, {@code
 * {"job_id": ID, "config": {...}, "output_json": PATH}}, in that order when written; other keys are
 * ignored when read. It lives here, in the contract package, because both sides (and the
 * aggregator, which recognises plan lines among results) may import it but not each other.
 *
 * <p>Read fields that are missing or of the wrong kind are {@code null}; what that makes of the
 * line (and the messages) is the runner's business. Writing needs all three.
 *
 * @param jobId the {@code job_id}; when read, {@code null} unless a non-empty string
 * @param config the {@code config} object as written; when read, {@code null} unless an object
 * @param outputJson the {@code output_json}, relative to the output root; when read, {@code null}
 *     unless a string
 */
public record PlanLineFields(String jobId, Map<String, Object> config, String outputJson) {

  /** The key of the job's id. */
  public static final String JOB_ID = "job_id";

  /** The key of the job's config (the result document's config keys). */
  public static final String CONFIG = "config";

  /** The key of the path of the job's result document. */
  public static final String OUTPUT_JSON = "output_json";

  /**
   * The fields of one parsed plan line: {@code job_id} when it is a non-blank string, {@code
   * config} when it is an object, {@code output_json} when it is a string; each else {@code null}.
   *
   * @param object the line's top-level JSON object
   */
  @SuppressWarnings("unchecked")
  public static PlanLineFields read(Map<String, ?> object) {
    return new PlanLineFields(
        object.get(JOB_ID) instanceof String s && !s.isBlank() ? s : null,
        object.get(CONFIG) instanceof Map<?, ?> m ? (Map<String, Object>) m : null,
        object.get(OUTPUT_JSON) instanceof String s ? s : null);
  }

  /**
   * The line as a map in the order written: {@code job_id}, {@code config}, {@code output_json}.
   * Unmodifiable.
   *
   * @throws IllegalStateException when a field is {@code null}
   */
  public Map<String, Object> toMap() {
    if (jobId == null || config == null || outputJson == null) {
      throw new IllegalStateException("a plan line needs job_id, config and output_json");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(JOB_ID, jobId);
    m.put(CONFIG, config);
    m.put(OUTPUT_JSON, outputJson);
    return Collections.unmodifiableMap(m);
  }

  /**
   * The line: {@link #toMap()} as compact one-line JSON ({@link Json#compactWriter()}), without the
   * line break.
   *
   * @throws IllegalStateException when a field is {@code null}
   */
  public String toJsonLine() {
    Map<String, Object> m = toMap();
    try {
      return Json.compactWriter().writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
