package dev.arbtune.bench.gen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.bench.testing.Tools;
import dev.arbtune.result.ResultFormatException;
import dev.arbtune.result.ResultReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultDirGeneratorTest {

  @TempDir Path tmp;

  private static Tools.Result generate(String... args) {
    return Tools.run(new ResultDirGenerator(), args);
  }

  /** Every file under {@code root} by relative path, with its content. */
  private static Map<String, String> contents(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      Map<String, String> all = new TreeMap<>();
      for (Path p : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        all.put(root.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
      }
      return all;
    }
  }

  private static long jsonFilesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).count();
    }
  }

  @Test
  void writesCountDocumentsInFoldersOfAtMostFilesPerDir() throws IOException {
    Path out = tmp.resolve("results");
    Tools.Result r = generate("--out", out.toString(), "--count", "250", "--files-per-dir", "100");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.number("documents")).isEqualTo(250);
    assertThat(r.value("reused")).isEqualTo("false");
    assertThat(jsonFilesIn(out.resolve("sess001"))).isEqualTo(100);
    assertThat(jsonFilesIn(out.resolve("sess002"))).isEqualTo(100);
    assertThat(jsonFilesIn(out.resolve("sess003"))).isEqualTo(50);
    assertThat(out.resolve("sess003/sess003_0050.json")).exists();
    assertThat(out.resolve("sess001/runner.log")).exists();
    assertThat(out.resolve(GenerationMarker.NAME)).exists();
  }

  @Test
  void countsItPrintsAreWhatTheCoreAggregatorFinds() throws IOException {
    Path out = tmp.resolve("results");
    Tools.Result r =
        generate("--out", out.toString(), "--count", "400", "--broken-fraction", "0.3");
    AggregatedSummary summary = TuningResultsAggregator.of(out).summarize();
    assertThat(summary.totalJobs()).isEqualTo(400);
    assertThat(r.number("expected_error_jobs")).isBetween(80L, 160L);
    assertThat(summary.errorJobs()).isEqualTo(r.number("expected_error_jobs"));
    assertThat(summary.successJobs()).isEqualTo(r.number("expected_success_jobs"));
    long byKind = 0;
    for (BrokenKind k : BrokenKind.values()) {
      assertThat(r.number("broken." + k.key())).as(k.key()).isPositive();
      byKind += r.number("broken." + k.key());
    }
    assertThat(byKind).isEqualTo(r.number("broken"));
  }

  @Test
  void outputDependsOnTheSeedButNotOnTheThreadCount() throws IOException {
    Path one = tmp.resolve("one");
    Path many = tmp.resolve("many");
    Path other = tmp.resolve("other");
    String[] common = {"--count", "180", "--files-per-dir", "50", "--broken-fraction", "0.2"};
    generate(concat(common, "--out", one.toString(), "--threads", "1"));
    generate(concat(common, "--out", many.toString(), "--threads", "4"));
    generate(concat(common, "--out", other.toString(), "--seed", "7"));
    Map<String, String> a = contents(one);
    assertThat(a).hasSize(180 + 4 + 1);
    assertThat(contents(many)).isEqualTo(a);
    Map<String, String> c = contents(other);
    assertThat(c.keySet()).isEqualTo(a.keySet());
    assertThat(c).isNotEqualTo(a);
  }

  private static String[] concat(String[] a, String... b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }

  @Test
  void reusesOutputWithTheSameSettingsAndReplacesItForOthers() throws IOException {
    Path out = tmp.resolve("results");
    generate("--out", out.toString(), "--count", "120");
    Path sentinel = out.resolve("sess001/sentinel.txt");
    Files.writeString(sentinel, "left by the test");

    Tools.Result same = generate("--out", out.toString(), "--count", "120", "--threads", "3");
    assertThat(same.exitCode()).isZero();
    assertThat(same.value("reused")).isEqualTo("true");
    assertThat(same.number("documents")).isEqualTo(120);
    assertThat(sentinel).exists();

    Tools.Result other = generate("--out", out.toString(), "--count", "80");
    assertThat(other.exitCode()).as(other.err()).isZero();
    assertThat(other.value("reused")).isEqualTo("false");
    assertThat(sentinel).doesNotExist();
    assertThat(jsonFilesIn(out.resolve("sess001"))).isEqualTo(80);
  }

  @Test
  void regeneratesWhenTheMarkerSaysAnEarlierRunWasInterrupted() throws IOException {
    Path out = tmp.resolve("results");
    generate("--out", out.toString(), "--count", "20");
    Path marker = out.resolve(GenerationMarker.NAME);
    Files.writeString(marker, Files.readString(marker).replace("complete=true", "complete=false"));
    Tools.Result r = generate("--out", out.toString(), "--count", "20");
    assertThat(r.value("reused")).isEqualTo("false");
    assertThat(Files.readString(marker)).contains("complete=true");
  }

  @Test
  void refusesToWriteIntoAFolderItDidNotFill() throws IOException {
    Path out = tmp.resolve("precious");
    Files.createDirectories(out);
    Files.writeString(out.resolve("notes.json"), "{}");
    Tools.Result r = generate("--out", out.toString(), "--count", "10");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains(out.toString()).contains("marker");
    assertThat(r.out()).isEmpty();
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files).containsExactly(out.resolve("notes.json"));
    }
  }

  @Test
  void writesOneJsonLinesFileWithBrokenLines() throws IOException {
    Path out = tmp.resolve("sub/results.jsonl");
    Tools.Result r =
        generate(
            "--out", out.toString(), "--count", "2000", "--jsonl", "--broken-fraction", "0.05");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2000);
    assertThat(Files.size(out)).isEqualTo(r.number("bytes"));
    ResultReader reader = new ResultReader();
    long errors = 0;
    for (String line : lines) {
      try {
        errors += reader.read(line.getBytes(StandardCharsets.UTF_8)).isSuccess() ? 0 : 1;
      } catch (ResultFormatException e) {
        errors++;
      }
    }
    long nan = r.number("broken.nan_pnl");
    assertThat(errors + nan).isEqualTo(r.number("expected_error_jobs"));
    assertThat(r.number("broken.empty")).isZero();
    assertThat(out.resolveSibling("results.jsonl" + GenerationMarker.NAME)).exists();

    Tools.Result again =
        generate(
            "--out", out.toString(), "--count", "2000", "--jsonl", "--broken-fraction", "0.05");
    assertThat(again.value("reused")).isEqualTo("true");
  }

  @Test
  void rejectsSettingsOutOfRangeAsUsageErrors() {
    Path out = tmp.resolve("x");
    Tools.Result fraction =
        generate("--out", out.toString(), "--count", "10", "--broken-fraction", "1.5");
    assertThat(fraction.exitCode()).isEqualTo(2);
    assertThat(fraction.err()).contains("--broken-fraction must be between 0 and 1, got 1.5");
    Tools.Result count = generate("--out", out.toString(), "--count", "-1");
    assertThat(count.exitCode()).isEqualTo(2);
    assertThat(count.err()).contains("--count");
    assertThat(out).doesNotExist();
  }

  @Test
  void helpExplainsEveryOption() {
    Tools.Result r = generate("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains(
            "--out",
            "--count",
            "--seed",
            "--broken-fraction",
            "--jsonl",
            "--files-per-dir",
            "--threads",
            "Exit codes");
  }
}
