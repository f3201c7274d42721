package dev.arbtune.aggregate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.arbtune.result.PlanLineFields;
import java.io.IOException;

/**
 * Documents that arbtune itself writes beside the jobs and that are not jobs, recognised by their
 * top-level keys (a document with a {@code status} is always a job):
 *
 * <ul>
 *   <li>a plan line ({@code jobs.jsonl} of {@code plan} and {@code sweep}; {@link PlanLineFields}):
 *       {@code job_id}, {@code config} and {@code output_json};
 *   <li>a sweep's inputs record ({@code inputs.json} of a sweep's output root): a file named {@code
 *       inputs.json} with {@code data_file} and neither {@code config} nor {@code metrics}.
 * </ul>
 *
 * <p>Aggregator summaries and ranked lists are recognised by the result reader itself.
 */
final class OwnDocuments {

  private static final JsonFactory FACTORY = new JsonFactory();

  /** The name of a sweep's inputs record. */
  static final String INPUTS_FILE = "inputs.json";

  private OwnDocuments() {}

  /**
   * Whether the document is one of arbtune's own that is not a job.
   *
   * @param source the file's path relative to the results directory, with {@code /} separators
   * @param line the 1-based line of a JSON Lines file, or 0 for a whole {@code .json} file
   */
  static boolean isOwn(String source, int line, byte[] data, int offset, int length) {
    boolean inputsName =
        line == 0 && (source.equals(INPUTS_FILE) || source.endsWith("/" + INPUTS_FILE));
    Keys k = keys(data, offset, length);
    if (k == null || k.status) {
      return false;
    }
    return (k.jobId && k.config && k.outputJson)
        || (inputsName && k.dataFile && !k.config && !k.metrics);
  }

  /** Whether the document is a plan line: {@code job_id}, {@code config}, {@code output_json}. */
  static boolean isPlanLine(byte[] data, int offset, int length) {
    Keys k = keys(data, offset, length);
    return k != null && !k.status && k.jobId && k.config && k.outputJson;
  }

  /** The top-level keys that matter, or {@code null} when the bytes are not one JSON object. */
  private static Keys keys(byte[] data, int offset, int length) {
    try (JsonParser p = FACTORY.createParser(data, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Keys k = new Keys();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "status" -> k.status = true;
          case PlanLineFields.JOB_ID -> k.jobId = value == JsonToken.VALUE_STRING;
          case PlanLineFields.CONFIG -> k.config = value == JsonToken.START_OBJECT;
          case PlanLineFields.OUTPUT_JSON -> k.outputJson = value == JsonToken.VALUE_STRING;
          case "data_file" -> k.dataFile = true;
          case "metrics" -> k.metrics = true;
          default -> {
            // other keys do not matter
          }
        }
        p.skipChildren();
      }
      return k;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static final class Keys {
    boolean status;
    boolean jobId;
    boolean config;
    boolean outputJson;
    boolean dataFile;
    boolean metrics;
  }
}
