package dev.arbtune.result;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.arbtune.io.AtomicFiles;
import dev.arbtune.io.Excerpt;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Writes result documents (Contract 1 of {@code docs/ARCHITECTURE.md}): pretty-printed like
 * Python's {@code json.dump(obj, indent=2)} plus a final newline, and, for files, atomically (a
 * reader never sees half a document).
 *
 * <p>A success document holds {@code status}, {@code config}, {@code metrics}, {@code
 * config_summary}; an error document holds {@code status}, {@code config} (when known), {@code
 * error}, {@code config_summary}. Stateless and thread-safe.
 */
public final class ResultWriter {

  /** The {@code status} of a failed job. */
  public static final String ERROR = "error";

  private final boolean durable;
  private final String owner;

  /**
   * @param durable whether each file is forced to disk before it is renamed into place and its
   *     folder after (survives a power cut once written, not only a crash of the process; slower;
   *     see {@link AtomicFiles})
   */
  public ResultWriter(boolean durable) {
    this(durable, null);
  }

  /**
   * @param durable as for {@link #ResultWriter(boolean)}
   * @param owner named in the temporary files' names ({@link AtomicFiles#temporaryName(String,
   *     String)}), so that a clean-up can tell them from another writer's; {@code null} for none
   */
  public ResultWriter(boolean durable, String owner) {
    this.durable = durable;
    this.owner = owner;
  }

  /**
   * Writes a success document to {@code file}, replacing it atomically.
   *
   * @param jobId written as {@code config_summary.job_id}; {@code null} to leave it out
   * @throws IOException when the file cannot be written; it is then unchanged
   */
  public void writeSuccess(Path file, String jobId, Map<String, ?> config, Map<String, ?> metrics)
      throws IOException {
    writeSuccess(file, jobId, config, metrics, Map.of());
  }

  /**
   * Writes a success document to {@code file} as {@link #writeSuccess(Path, String, Map, Map)}
   * does, with {@code summary}'s entries after {@code job_id} in {@code config_summary}.
   *
   * @throws IOException when the file cannot be written; it is then unchanged
   */
  public void writeSuccess(
      Path file,
      String jobId,
      Map<String, ?> config,
      Map<String, ?> metrics,
      Map<String, ?> summary)
      throws IOException {
    writeSuccess(file, jobId, config, metrics, summary, Map.of());
  }

  /**
   * Writes a success document to {@code file} as {@link #writeSuccess(Path, String, Map, Map, Map)}
   * does, with {@code extra}'s entries (such as {@code period_pnl}) after {@code config_summary}.
   * The bytes are those of {@link #success(Writer, String, Map, Map, Map, Map)} in UTF-8; a plain
   * document (nearly every one) is laid out without Jackson, by {@link PlainDocumentWriter}.
   *
   * @throws IOException when the file cannot be written; it is then unchanged
   */
  public void writeSuccess(
      Path file,
      String jobId,
      Map<String, ?> config,
      Map<String, ?> metrics,
      Map<String, ?> summary,
      Map<String, ?> extra)
      throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(extra, "extra");
    byte[] plain = PlainDocumentWriter.success(jobId, config, metrics, summary, extra);
    if (plain != null) {
      AtomicFiles.writeBytes(file, plain, durable, owner);
      return;
    }
    StringWriter text = new StringWriter(2048);
    success(text, jobId, config, metrics, summary, extra);
    AtomicFiles.writeText(file, w -> w.write(text.toString()), durable, owner);
  }

  /**
   * Writes a document already laid out (such as {@link DocumentLayout#finish()}'s bytes) to {@code
   * file}, replacing it atomically.
   *
   * @throws IOException when the file cannot be written; it is then unchanged
   */
  public void writeDocument(Path file, byte[] document) throws IOException {
    Objects.requireNonNull(file, "file");
    AtomicFiles.writeBytes(file, document, durable, owner);
  }

  /**
   * Writes an error document to {@code file}, replacing it atomically.
   *
   * @param jobId written as {@code config_summary.job_id}; {@code null} to leave it out
   * @param config the job's config, or {@code null} when it is not known
   * @throws IOException when the file cannot be written; it is then unchanged
   */
  public void writeError(Path file, String jobId, Map<String, ?> config, String error)
      throws IOException {
    Objects.requireNonNull(file, "file");
    StringWriter text = new StringWriter(1024);
    error(text, jobId, config, error);
    AtomicFiles.writeText(file, w -> w.write(text.toString()), durable, owner);
  }

  /**
   * Writes a success document to {@code out}.
   *
   * @throws IOException when writing fails
   */
  public static void success(
      Writer out, String jobId, Map<String, ?> config, Map<String, ?> metrics) throws IOException {
    success(out, jobId, config, metrics, Map.of());
  }

  /**
   * Writes a success document to {@code out}, with {@code summary}'s entries after {@code job_id}
   * in {@code config_summary} (such as {@code joined_file}, the quotes a job naming venue files
   * read).
   *
   * @throws IOException when writing fails
   */
  public static void success(
      Writer out,
      String jobId,
      Map<String, ?> config,
      Map<String, ?> metrics,
      Map<String, ?> summary)
      throws IOException {
    success(out, jobId, config, metrics, summary, Map.of());
  }

  /**
   * Writes a success document to {@code out} as {@link #success(Writer, String, Map, Map, Map)}
   * does, with {@code extra}'s entries (such as {@code period_pnl}) after {@code config_summary}.
   *
   * @throws IOException when writing fails
   */
  public static void success(
      Writer out,
      String jobId,
      Map<String, ?> config,
      Map<String, ?> metrics,
      Map<String, ?> summary,
      Map<String, ?> extra)
      throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(extra, "extra");
    try (JsonGenerator g = generator(out)) {
      g.writeStartObject();
      g.writeStringField("status", ResultDocument.SUCCESS);
      g.writeFieldName("config");
      g.writeObject(config);
      g.writeFieldName("metrics");
      g.writeObject(metrics);
      configSummary(g, jobId, summary);
      for (Map.Entry<String, ?> e : extra.entrySet()) {
        g.writeFieldName(e.getKey());
        g.writeObject(e.getValue());
      }
      g.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  /**
   * Writes an error document to {@code out}; an {@code error} message over {@link
   * Excerpt#MAX_MESSAGE_CHARS} characters is shortened in the middle (see {@link Excerpt#bound}).
   *
   * @throws IOException when writing fails
   */
  public static void error(Writer out, String jobId, Map<String, ?> config, String error)
      throws IOException {
    Objects.requireNonNull(error, "error");
    try (JsonGenerator g = generator(out)) {
      g.writeStartObject();
      g.writeStringField("status", ERROR);
      if (config != null) {
        g.writeFieldName("config");
        g.writeObject(config);
      }
      g.writeStringField("error", Excerpt.bound(error));
      configSummary(g, jobId, Map.of());
      g.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  private static void configSummary(JsonGenerator g, String jobId, Map<String, ?> summary)
      throws IOException {
    g.writeObjectFieldStart("config_summary");
    if (jobId != null) {
      g.writeStringField("job_id", jobId);
    }
    for (Map.Entry<String, ?> e : summary.entrySet()) {
      g.writeFieldName(e.getKey());
      g.writeObject(e.getValue());
    }
    g.writeEndObject();
  }

  private static JsonGenerator generator(Writer out) throws IOException {
    JsonGenerator g = Json.prettyWriter().createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    return g;
  }
}
