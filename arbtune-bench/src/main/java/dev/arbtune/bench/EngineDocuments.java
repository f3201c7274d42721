package dev.arbtune.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.frontend.UserInputException;
import dev.arbtune.frontend.VersionProvider;
import dev.arbtune.result.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The result documents of one {@code arbtune run} output root: their trade statistics, and whether
 * they equal another root's documents once {@code runtime_seconds} is removed (the two engines'
 * documents must). {@code bench/engines.sh} runs it after each sweep.
 */
@Command(
    name = "EngineDocuments",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Read every *.json document under --root and print key=value lines: documents, errors"
          + " (documents whose status is not success), trades_mean (mean metrics.total_trades),"
          + " no_trade_share (share of success documents with no trade), trades_max,"
          + " holding_seconds_mean (mean metrics.avg_holding_seconds of the documents with a"
          + " closed trade). With"
          + " --same-as DIR, also compare each document with the one at the same relative path"
          + " under DIR byte for byte, the runtime_seconds member removed from both: identical,"
          + " differing (key order and layout count),"
          + " missing (in DIR); exits 1 unless every document is identical and DIR has no"
          + " other document."
    })
public final class EngineDocuments implements Callable<Integer> {

  /** How many differing paths are named on stderr. */
  static final int SHOWN = 5;

  private static final ObjectMapper MAPPER = new ObjectMapper(Json.factory());

  private static final Pattern RUNTIME = Pattern.compile("\"runtime_seconds\"\\s*:\\s*[0-9.eE+-]+");

  @Spec CommandSpec spec;

  @Option(
      names = "--root",
      required = true,
      paramLabel = "DIR",
      description = "Output root of a run.")
  Path root;

  @Option(
      names = "--same-as",
      paramLabel = "DIR",
      description = "Another run's output root to compare with.")
  Path other;

  public static void main(String[] args) {
    ToolRunner.main(new EngineDocuments(), args);
  }

  @Override
  public Integer call() throws IOException {
    List<Path> docs = documents(root);
    if (docs.isEmpty()) {
      throw new UserInputException(root + ": no result document (*.json) in it");
    }
    long errors = 0;
    long success = 0;
    long trades = 0;
    long none = 0;
    long max = 0;
    long closing = 0;
    double holding = 0;
    long identical = 0;
    long missing = 0;
    List<String> differing = new ArrayList<>();
    for (Path rel : docs) {
      JsonNode doc = read(root.resolve(rel));
      if (!"success".equals(doc.path("status").asText())) {
        errors++;
      } else {
        long t = doc.path("metrics").path("total_trades").asLong();
        success++;
        trades += t;
        none += t == 0 ? 1 : 0;
        max = Math.max(max, t);
        if (doc.path("metrics").path("closed_trades").asLong() > 0) {
          closing++;
          holding += doc.path("metrics").path("avg_holding_seconds").asDouble();
        }
      }
      if (other != null) {
        Path twin = other.resolve(rel);
        if (!Files.isRegularFile(twin)) {
          missing++;
        } else if (withoutRuntime(root.resolve(rel)).equals(withoutRuntime(twin))) {
          identical++;
        } else {
          differing.add(rel.toString());
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("documents=" + docs.size());
    out.println("errors=" + errors);
    out.printf(Locale.ROOT, "trades_mean=%.4f%n", success == 0 ? 0.0 : trades / (double) success);
    out.printf(Locale.ROOT, "no_trade_share=%.4f%n", success == 0 ? 0.0 : none / (double) success);
    out.println("trades_max=" + max);
    out.printf(Locale.ROOT, "holding_seconds_mean=%.3f%n", closing == 0 ? 0.0 : holding / closing);
    if (other == null) {
      return 0;
    }
    long extra = documents(other).size() - (docs.size() - missing);
    out.println("identical=" + identical);
    out.println("differing=" + differing.size());
    out.println("missing=" + missing);
    out.println("extra=" + extra);
    PrintWriter err = spec.commandLine().getErr();
    for (String rel : differing.subList(0, Math.min(SHOWN, differing.size()))) {
      err.println("EngineDocuments: " + rel + " differs between " + root + " and " + other);
    }
    return differing.isEmpty() && missing == 0 && extra == 0 ? 0 : 1;
  }

  /** The {@code *.json} files under {@code dir}, relative to it, sorted. */
  static List<Path> documents(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
          .map(dir::relativize)
          .sorted()
          .toList();
    }
  }

  private static JsonNode read(Path file) throws IOException {
    try {
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UserInputException(file + ": is not a readable JSON document", e);
    }
  }

  /**
   * The bytes of the document {@code file} (one char per byte) without its {@code
   * "runtime_seconds": value} member, the only text that may differ between the engines' documents:
   * any other difference, key order and layout included, is a difference.
   */
  static String withoutRuntime(Path file) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    return RUNTIME.matcher(text).replaceAll("");
  }
}
