package dev.arbtune.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.ConfigException;
import dev.arbtune.io.Excerpt;
import dev.arbtune.result.Json;
import dev.arbtune.result.JsonMessages;
import dev.arbtune.result.PlanLineFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a JSONL plan, parsed and validated: {@code {"job_id": ..., "config": {...},
 * "output_json": "relative/path.json"}}, read through {@link PlanLineFields}, the type {@code plan}
 * writes it with. Other keys are ignored; a key given twice in one object (at any depth) makes the
 * line invalid, as any other JSON error does. A line that is not usable keeps what could be read of
 * it (for the error document) and says what is wrong in {@link #problem()}.
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

  /** The longest {@code job_id} a plan line may give, in characters. */
  public static final int MAX_JOB_ID_CHARS = 256;

  /** The longest {@code output_json} a plan line may give, in characters (Linux's PATH_MAX). */
  public static final int MAX_OUTPUT_JSON_CHARS = BacktestConfig.MAX_PATH_CHARS;

  /**
   * Members kept of each object or list of an unusable line's config in its error document (the
   * config has 13 known keys).
   */
  static final int MAX_KEPT_MEMBERS = 32;

  /**
   * Jackson's reader of plan lines, the reference of {@link PlanLineParser}: refuses trailing
   * content and duplicate keys (which would silently keep the last value). Built on first use, so
   * that a plan whose lines all take the fast path never builds it.
   */
  static ObjectReader reader() {
    return Reference.READER;
  }

  private static final class Reference {
    static final ObjectReader READER =
        new ObjectMapper(Json.factory())
            .readerFor(Object.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
  }

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
   * <p>Lines as {@code plan} writes them are read by a hand-written parser ({@code PlanLineParser})
   * that gives exactly the values Jackson gives; it declines everything else (invalid JSON among
   * it), and Jackson, the reference, reads that, so every message is Jackson's.
   *
   * @param lineNumber 1-based line in the plan file
   */
  public static PlanLine parse(long lineNumber, String text) {
    Objects.requireNonNull(text, "text");
    Map<String, Object> map = PlanLineParser.parse(text);
    return map != null ? fromMap(lineNumber, map) : parseWithJackson(lineNumber, text);
  }

  /** {@link #parse} through Jackson alone: the reference of the fast path. */
  @SuppressWarnings("unchecked")
  static PlanLine parseWithJackson(long lineNumber, String text) {
    Objects.requireNonNull(text, "text");
    Map<String, Object> map;
    try {
      Object value = reader().readValue(text);
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
    return fromMap(lineNumber, map);
  }

  /** The line whose JSON object is {@code map}. */
  private static PlanLine fromMap(long lineNumber, Map<String, Object> map) {
    PlanLineFields fields = PlanLineFields.read(map);
    String jobId = fields.jobId();
    String output = fields.outputJson();
    Map<String, Object> rawConfig = fields.config();
    if (jobId != null && jobId.length() > MAX_JOB_ID_CHARS) {
      return invalid(
          lineNumber,
          Excerpt.of(jobId),
          output != null && output.length() > MAX_OUTPUT_JSON_CHARS ? null : output,
          rawConfig,
          tooLong(PlanLineFields.JOB_ID, jobId, MAX_JOB_ID_CHARS + " a job_id"));
    }
    if (output != null && output.length() > MAX_OUTPUT_JSON_CHARS) {
      return invalid(
          lineNumber,
          jobId,
          null,
          rawConfig,
          tooLong(
              PlanLineFields.OUTPUT_JSON, output, MAX_OUTPUT_JSON_CHARS + " (PATH_MAX) a path"));
    }
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
          map.get(PlanLineFields.CONFIG) == null
              ? "config is required (an object)"
              : "config must be an object");
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
    return new PlanLine(
        lineNumber, jobId, output, rawConfig == null ? null : bounded(rawConfig), null, problem);
  }

  private static String tooLong(String field, String value, String limit) {
    return field
        + " has "
        + value.length()
        + " characters, more than the "
        + limit
        + " may have: "
        + Excerpt.quoted(value);
  }

  /**
   * An unusable line's config as its error document carries it, bounded whatever the line holds:
   * strings longer than {@link BacktestConfig#MAX_PATH_CHARS} (inside a nested value: longer than
   * {@link Excerpt#MAX_CHARS}) and long keys become {@linkplain Excerpt excerpts}, at most {@link
   * #MAX_KEPT_MEMBERS} members of each object or list are kept, and an object or list nested deeper
   * than one level is described ({@code an object of 3 keys}).
   */
  static Map<String, Object> bounded(Map<String, Object> config) {
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) bound(config, -1);
    return copy;
  }

  private static Object bound(Object value, int depth) {
    if (value instanceof String s) {
      return s.length() > (depth == 0 ? BacktestConfig.MAX_PATH_CHARS : Excerpt.MAX_CHARS)
          ? Excerpt.of(s)
          : s;
    }
    if (value instanceof Map<?, ?> m) {
      if (depth >= 1) {
        return "an object of " + m.size() + (m.size() == 1 ? " key" : " keys");
      }
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (copy.size() == MAX_KEPT_MEMBERS) {
          break;
        }
        copy.put(Excerpt.of(String.valueOf(e.getKey())), bound(e.getValue(), depth + 1));
      }
      return copy;
    }
    if (value instanceof List<?> l) {
      if (depth >= 1) {
        return "a list of " + l.size() + (l.size() == 1 ? " element" : " elements");
      }
      List<Object> copy = new ArrayList<>();
      for (Object o : l) {
        if (copy.size() == MAX_KEPT_MEMBERS) {
          break;
        }
        copy.add(bound(o, depth + 1));
      }
      return copy;
    }
    return value;
  }

  private static String oneLine(String message) {
    String m = message == null ? "" : message.replaceAll("\\s+", " ").strip();
    return m.length() > 200 ? m.substring(0, 197) + "..." : m;
  }
}
