package dev.arbtune.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Shared helpers of the run tests: the real data, plan lines, comparing output folders. */
final class RunFixtures {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private RunFixtures() {}

  /** The repository root (holding data/). */
  static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("data/eurusd_sample.csv"))) {
        return p;
      }
    }
    throw new IllegalStateException("data/eurusd_sample.csv not found");
  }

  /** A plan line whose config sets {@code data_file} and the given extra fields. */
  static String line(String jobId, String dataFile, String output, String extraConfig) {
    return "{\"job_id\": \""
        + jobId
        + "\", \"config\": {\"data_file\": \""
        + dataFile
        + "\""
        + (extraConfig.isEmpty() ? "" : ", " + extraConfig)
        + "}, \"output_json\": \""
        + output
        + "\"}";
  }

  /**
   * Every file under {@code root} (hidden ones too, but for the session lock file) by relative
   * path, with documents parsed.
   */
  static Map<String, JsonNode> documentsWithoutRuntime(Path root) {
    Map<String, JsonNode> docs = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f :
          (Iterable<Path>)
              files
                      .filter(Files::isRegularFile)
                      .filter(f -> !f.equals(root.resolve(OutputRootLock.FILE_NAME)))
                  ::iterator) {
        JsonNode node = MAPPER.readTree(f.toFile());
        if (node.path("metrics") instanceof ObjectNode metrics) {
          metrics.remove("runtime_seconds");
        }
        docs.put(root.relativize(f).toString(), node);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }
}
