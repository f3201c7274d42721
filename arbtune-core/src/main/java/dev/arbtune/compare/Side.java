package dev.arbtune.compare;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbtune.aggregate.SweepRoots;
import dev.arbtune.io.Excerpt;
import dev.arbtune.result.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One side of a comparison as given on the command line: a results folder, a sweep's output root
 * (its {@code results/} folder is read), or a summary JSON written by {@code aggregate
 * --output-json --max-results all}, whose listed jobs are copied, one line each, into a temporary
 * JSON Lines file so that they are aggregated like any folder. {@link #close()} deletes that copy.
 *
 * @param label {@code A} or {@code B}
 * @param given the path as given
 * @param resultsDir the folder the aggregator reads
 * @param temporary the temporary folder to delete, or {@code null}
 */
public record Side(String label, Path given, Path resultsDir, Path temporary)
    implements AutoCloseable {

  public Side {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(given, "given");
    Objects.requireNonNull(resultsDir, "resultsDir");
  }

  /**
   * Resolves {@code given}.
   *
   * @throws NoSuchFileException when it does not exist
   * @throws CompareInputException when it is a file but not a complete summary JSON
   */
  public static Side open(String label, Path given) throws IOException {
    if (!Files.exists(given)) {
      throw new NoSuchFileException(
          given.toString(), null, label + ": no results folder, sweep root or summary JSON");
    }
    if (Files.isDirectory(given)) {
      return new Side(label, given, SweepRoots.resultsOf(given).orElse(given), null);
    }
    Path tmp = Files.createTempDirectory("arbtune-compare-");
    try {
      copySummaryJobs(label, given, tmp.resolve("jobs.jsonl"));
      return new Side(label, given, tmp, tmp);
    } catch (IOException | RuntimeException e) {
      deleteTree(tmp);
      throw e;
    }
  }

  /** Whether the side was read from a summary JSON. */
  public boolean fromSummary() {
    return temporary != null;
  }

  @Override
  public void close() throws IOException {
    if (temporary != null) {
      deleteTree(temporary);
    }
  }

  /**
   * Streams the ranked list of a summary ({@code top_by_pnl} or {@code top}) into {@code target},
   * one result document per line, and checks that it lists every ranked job ({@code matched_jobs}).
   */
  private static void copySummaryJobs(String label, Path summary, Path target) throws IOException {
    long listed = 0;
    Long matched = null;
    boolean sawList = false;
    try (InputStream in = Files.newInputStream(summary);
        JsonParser p = Json.factory().createParser(in);
        OutputStream out = Files.newOutputStream(target);
        JsonGenerator g = Json.factory().createGenerator(out)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw notSummary(label, summary);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if ((name.equals("top_by_pnl") || name.equals("top")) && t == JsonToken.START_ARRAY) {
          sawList = true;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            JsonNode job = p.readValueAsTree();
            g.writeTree(document(job));
            g.writeRaw('\n');
            listed++;
          }
        } else if (name.equals("matched_jobs") && t.isNumeric()) {
          matched = p.getLongValue();
        } else {
          p.skipChildren();
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw notSummary(label, summary);
    }
    if (!sawList || matched == null) {
      throw notSummary(label, summary);
    }
    if (listed < matched) {
      throw new CompareInputException(
          label
              + ": "
              + summary
              + " lists "
              + listed
              + " of its "
              + matched
              + " ranked jobs; write it with 'arbtune aggregate --results-dir DIR --max-results"
              + " all --output-json FILE', or compare the results folder itself");
    }
  }

  /** A summary's job entry as the result document the aggregator reads. */
  private static JsonNode document(JsonNode job) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("status", "success");
    doc.set("config", job.path("config").isObject() ? job.get("config") : doc.objectNode());
    doc.set("metrics", job.path("metrics").isObject() ? job.get("metrics") : doc.objectNode());
    doc.putObject("config_summary").set("job_id", job.get("job_id"));
    return doc;
  }

  private static CompareInputException notSummary(String label, Path file) {
    return new CompareInputException(
        label
            + ": "
            + Excerpt.of(file.toString())
            + " is neither a folder nor a summary JSON written by 'arbtune aggregate"
            + " --output-json' (an object with matched_jobs and top_by_pnl or top)");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
