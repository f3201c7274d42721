package dev.arbtune.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.ConfigException;
import dev.arbtune.result.Json;
import dev.arbtune.result.JsonMessages;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a JSONL plan, parsed: {@code {"job_id": ..., "config": {...}, "output_json":
 * "relative/path.json"}}. Other keys are ignored; a key given twice in one object (at any depth)
 * makes the line invalid, as any other JSON error does. A line that is not usable keeps what could
 * be read of it (for the error document) and says what is wrong in {@link #problem()}.
 *
 * @param lineNumber 1-based line in the plan file
 * @param jobId the {@code job_id}, or {@code null} when missing or not a string
 * @param outputJson the {@code output_json}, or {@code null} when missing or not a string
 * @param rawConfig the {@code config} object as written, or {@code null} when missing or not an
 *     object
 * @param config the validated config, or {@code null} when the line has a problem
 * @param problem what makes the line unusable, or {@code null} for a usable line
 */
public record PlanLine(
    long lineNumber,
    String jobId,
    String outputJson,
    Map<String, Object> rawConfig,
    BacktestConfig config,
    String problem) {

  /** Refuses trailing content and duplicate keys (which would silently keep the last value). */
  private static final ObjectReader READER =
      new ObjectMapper(Json.factory())
          .readerFor(Object.class)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  /** Jackson's message for a repeated key (STRICT_DUPLICATE_DETECTION), with the key. */
  private static final Pattern DUPLICATE =
      Pattern.compile("^Duplicate (?:field|Object property) '(.*)'", Pattern.DOTALL);

  public PlanLine {
    if (lineNumber < 1) {
      throw new IllegalArgumentException("lineNumber must be >= 1, got " + lineNumber);
    }
    if ((config == null) == (problem == null)) {
      throw new IllegalArgumentException("exactly one of config and problem must be set");
    }
    if (config != null && (jobId == null || outputJson == null)) {
      throw new IllegalArgumentException("a usable line needs job_id and output_json");
    }
  }

  /** Whether the line describes a job that can run. */
  public boolean isValid() {
    return problem == null;
  }

  /**
   * Parses the text of one plan line. Never throws for bad content: the problem is recorded.
   *
   * @param lineNumber 1-based line in the plan file
   */
  @SuppressWarnings("unchecked")
  public static PlanLine parse(long lineNumber, String text) {
    Objects.requireNonNull(text, "text");
    Map<String, Object> map;
    try {
      Object value = READER.readValue(text);
      if (!(value instanceof Map)) {
        return invalid(lineNumber, null, null, null, "expected a JSON object");
      }
      map = (Map<String, Object>) value;
    } catch (JsonProcessingException e) {
      String message = JsonMessages.describe(e);
      String column =
          e.getLocation() != null && e.getLocation().getColumnNr() > 0
              ? " (column " + e.getLocation().getColumnNr() + ")"
              : "";
      Matcher duplicate = DUPLICATE.matcher(message == null ? "" : message);
      if (duplicate.find()) {
        return invalid(
            lineNumber,
            null,
            null,
            null,
            "the key "
                + oneLine(duplicate.group(1))
                + " appears twice in one object"
                + column
                + "; give it once (a repeated key would silently keep only its last value)");
      }
      return invalid(lineNumber, null, null, null, "not valid JSON: " + oneLine(message + column));
    } catch (java.io.IOException e) {
      return invalid(lineNumber, null, null, null, "not valid JSON: " + oneLine(e.getMessage()));
    }
    String jobId = map.get("job_id") instanceof String s && !s.isBlank() ? s : null;
    String output = map.get("output_json") instanceof String s ? s : null;
    Object rawConfigValue = map.get("config");
    Map<String, Object> rawConfig =
        rawConfigValue instanceof Map ? (Map<String, Object>) rawConfigValue : null;
    if (jobId == null) {
      return invalid(
          lineNumber, null, output, rawConfig, "job_id is required (a non-empty string)");
    }
    if (output == null) {
      return invalid(
          lineNumber,
          jobId,
          null,
          rawConfig,
          "output_json is required (a path relative to the output root)");
    }
    if (rawConfig == null) {
      return invalid(
          lineNumber,
          jobId,
          output,
          null,
          rawConfigValue == null ? "config is required (an object)" : "config must be an object");
    }
    try {
      BacktestConfig config = BacktestConfig.fromMap(rawConfig);
      return new PlanLine(lineNumber, jobId, output, rawConfig, config, null);
    } catch (ConfigException e) {
      return invalid(lineNumber, jobId, output, rawConfig, "config." + e.getMessage());
    }
  }

  private static PlanLine invalid(
      long lineNumber, String jobId, String output, Map<String, Object> rawConfig, String problem) {
    return new PlanLine(lineNumber, jobId, output, rawConfig, null, problem);
  }

  private static String oneLine(String message) {
    String m = message == null ? "" : message.replaceAll("\\s+", " ").strip();
    return m.length() > 200 ? m.substring(0, 197) + "..." : m;
  }
}
