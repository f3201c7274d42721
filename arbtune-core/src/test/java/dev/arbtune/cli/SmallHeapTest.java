package dev.arbtune.cli;

import static dev.arbtune.testing.Docs.success;
import static dev.arbtune.testing.Docs.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.result.ResultReader;
import dev.arbtune.testing.ChildCli;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the CLI in a child JVM with a small heap, on inputs that need more memory than it has: each
 * ends in error jobs with clear messages, never in an {@code OutOfMemoryError} or a stack trace.
 */
class SmallHeapTest {

  @TempDir Path tmp;

  /** What a child process gave: exit code, stdout, stderr. */
  record Child(int code, String out, String err) {}

  /** Runs {@code arbtune ARGS} in a JVM with {@code -Xmx<heap>}, as the launcher runs scans. */
  private Child arbtune(String heap, String... args) throws Exception {
    return java(List.of("-Xmx" + heap, "-XX:+UseSerialGC"), args);
  }

  /** Runs {@code arbtune ARGS} in a JVM with the options {@code jvm}. */
  private Child java(List<String> jvm, String... args) throws Exception {
    List<String> command = ChildCli.command(jvm, args);
    Path out = tmp.resolve("child.out");
    Path err = tmp.resolve("child.err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().remove("ARBTUNE_DEBUG");
    Process process = builder.start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the child finished").isTrue();
    return new Child(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static void assertNoStackTrace(String stderr) {
    assertThat(stderr)
        .doesNotContain("OutOfMemoryError")
        .doesNotContain("Exception in thread")
        .doesNotContainPattern("(?m)^\\s+at [a-z]");
  }

  /**
   * A valid result document of just under 8 MiB whose {@code config} has {@code keys} members, laid
   * out as Python's {@code json.dump(indent=2)} writes it.
   */
  private static void writeManyKeys(Path file, int keys) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("{\n  \"status\": \"success\",\n  \"config\": {\n");
      for (int k = 0; k < keys; k++) {
        w.write("    \"k" + k + "\": " + (k % 10) + ".5" + (k + 1 < keys ? ",\n" : "\n"));
      }
      w.write("  },\n  \"metrics\": {\"realized_pnl_usd\": 1.0, \"total_trades\": 3},\n");
      w.write("  \"config_summary\": {\"job_id\": \"many_keys\"}\n}\n");
    }
    assertThat(Files.size(file)).isBetween(6L << 20, (long) ResultReader.MAX_DOCUMENT_BYTES);
  }

  @Test
  void aggregateWithA64MegabyteHeapCountsADocumentOf400kKeysAsTooManyKeys() throws Exception {
    Path results = Files.createDirectories(tmp.resolve("results"));
    writeManyKeys(results.resolve("many_keys.json"), 400_000);
    write(results, "ok.json", success("ok", 10.0, 1.0, 5));
    Path summary = tmp.resolve("summary.json");

    Child c =
        arbtune(
            "64m",
            "aggregate",
            "--results-dir",
            results.toString(),
            "--output-json",
            summary.toString());

    assertThat(c.code()).as(c.err()).isZero();
    assertNoStackTrace(c.err());
    assertThat(c.err()).contains("many_keys.json: too-many-keys");
    JsonNode root = new ObjectMapper().readTree(summary.toFile());
    assertThat(root.get("total_jobs").asInt()).isEqualTo(2);
    assertThat(root.get("success_jobs").asInt()).isEqualTo(1);
    assertThat(root.get("error_jobs").asInt()).isEqualTo(1);
    assertThat(root.get("error_kinds").toString()).isEqualTo("{\"too-many-keys\":1}");
  }

  @Test
  void insightsWithASmallHeapCountADocumentOf330kConfigKeysAsTooManyKeys() throws Exception {
    Path results = Files.createDirectories(tmp.resolve("results"));
    writeManyKeys(results.resolve("many_keys.json"), 330_000);
    write(results, "a.json", success("a", 10.0, 1.0, 5, 30.0, 5.0));
    write(results, "b.json", success("b", 20.0, 1.0, 5, 40.0, 5.0));

    Child c =
        arbtune(
            "64m",
            "aggregate",
            "--results-dir",
            results.toString(),
            "--insights",
            "--format",
            "json");

    assertThat(c.code()).as(c.err()).isZero();
    assertNoStackTrace(c.err());
    JsonNode root = new ObjectMapper().readTree(c.out());
    assertThat(root.get("error_jobs").asInt()).isEqualTo(1);
    assertThat(root.get("error_kinds").toString()).isEqualTo("{\"too-many-keys\":1}");
    assertThat(root.has("insights")).isTrue();
  }

  /**
   * 100 documents with the same 10,000 config keys, each key with a value of its own in every
   * document: 1,000,000 distinct (key, value) pairs, more than insights could track in any heap.
   */
  @Test
  void insightsWithTheDocumentedHeapAnalyseTheFirst64Of10000VaryingParameters() throws Exception {
    Path results = Files.createDirectories(tmp.resolve("results"));
    for (int d = 0; d < 100; d++) {
      try (BufferedWriter w =
          Files.newBufferedWriter(results.resolve("d" + d + ".json"), StandardCharsets.UTF_8)) {
        w.write("{\"status\": \"success\", \"config\": {");
        for (int k = 0; k < 10_000; k++) {
          w.write(String.format("%s\"k%05d\": %d.25", k == 0 ? "" : ", ", k, d * 10_000 + k));
        }
        w.write("}, \"metrics\": {\"realized_pnl_usd\": " + (d % 7) + ".5},");
        w.write(" \"config_summary\": {\"job_id\": \"d" + d + "\"}}\n");
      }
    }
    Path summary = tmp.resolve("summary.json");

    Child c =
        arbtune(
            "128m",
            "aggregate",
            "--results-dir",
            results.toString(),
            "--insights",
            "--output-json",
            summary.toString());

    assertThat(c.code()).as(c.err()).isZero();
    assertNoStackTrace(c.err());
    assertThat(c.out())
        .contains("Parameter importance")
        .contains("  Not analysed: 9,936 more varying parameters beyond the 64 analysed (");
    JsonNode insights = new ObjectMapper().readTree(summary.toFile()).get("insights");
    assertThat(insights.get("parameters")).hasSize(64);
    assertThat(insights.get("parameters").get(0).get("name").asText()).startsWith("k000");
    assertThat(insights.get("not_analysed")).hasSize(9_936);
    assertThat(insights.get("not_analysed").get(0).get("name").asText()).isEqualTo("k00064");
  }

  private static final String HEADER = "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n";

  /** {@code rows} quote rows of about 42 characters, one second apart. */
  private static void writeRows(Writer w, int rows) throws IOException {
    w.write(HEADER);
    for (int i = 0; i < rows; i++) {
      w.write((1_700_000_000_000L + 1000L * i) + ",100.00,100.05,100.01,100.06\n");
    }
  }

  @Test
  void runWithA48MegabyteHeapMakesEveryJobThatCannotGetMemoryAnErrorJob() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    // 29 MB: loading needs about twice that, more than the heap, so it is refused unread.
    try (Writer w = Files.newBufferedWriter(data.resolve("plain.csv"))) {
      writeRows(w, 700_000);
    }
    // 55 MB of text in 3 MB of gzip, with an empty second member, so that the trailer does not
    // tell the size: the estimate (four times the file) fits, loading runs out of memory.
    try (OutputStream out = Files.newOutputStream(data.resolve("packed.csv.gz"))) {
      GZIPOutputStream first = new GZIPOutputStream(out, 1 << 16);
      Writer w = new BufferedWriter(new OutputStreamWriter(first, StandardCharsets.US_ASCII));
      writeRows(w, 1_300_000);
      w.flush();
      first.finish();
      new GZIPOutputStream(out).finish();
    }
    List<String> plan = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String file = i % 2 == 0 ? "plain.csv" : "packed.csv.gz";
      plan.add(
          String.format(
              "{\"job_id\": \"j%02d\", \"config\": {\"data_file\": \"%s\", \"min_spread_bps\": %d,"
                  + " \"tag\": \"t\"}, \"output_json\": \"s/j%02d.json\"}",
              i, file, i + 1, i));
    }
    Path planFile = Files.write(tmp.resolve("plan.jsonl"), plan);
    Path root = tmp.resolve("out");

    Child c =
        java(
            List.of("-Xmx48m"),
            "run",
            "--jobs",
            planFile.toString(),
            "--output-root",
            root.toString(),
            "--data-root",
            data.toString(),
            "--parallelism",
            "2");

    assertThat(c.code()).as(c.err()).isEqualTo(ExitCodes.INPUT);
    assertNoStackTrace(c.err());
    assertThat(c.err())
        .contains("  total:     24\n")
        .contains("  attempted: 24\n")
        .contains("  success:   0\n")
        .contains("  error:     24\n")
        .doesNotContain("not run");
    assertThat(c.err().lines().filter(l -> l.startsWith("[run] error: job ")))
        .hasSize(20)
        .allSatisfy(l -> assertThat(l).contains("ARBTUNE_JAVA_OPTS=-Xmx"));
    List<Path> documents;
    try (Stream<Path> files = Files.list(root.resolve("s"))) {
      documents = files.sorted().toList();
    }
    assertThat(documents).hasSize(24);
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < 24; i++) {
      JsonNode doc = json.readTree(root.resolve(String.format("s/j%02d.json", i)).toFile());
      assertThat(doc.get("status").asText()).isEqualTo("error");
      String error = doc.get("error").asText();
      assertThat(error)
          .startsWith("plan line " + (i + 1) + ": ")
          .contains("give Java a larger heap, e.g. ARBTUNE_JAVA_OPTS=-Xmx");
      if (i % 2 == 0) {
        assertThat(error)
            .containsPattern("data_file \\S*plain\\.csv needs about \\d+ MB of memory to load")
            .contains("more than the");
      } else {
        assertThat(error)
            .contains("ran out of memory loading data_file packed.csv.gz (the Java heap");
      }
    }
  }
}
