package dev.arbtune.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.QuotesDiskCache;
import dev.arbtune.spark.testing.Fixtures;
import dev.arbtune.spark.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SweepOptions#quotesCache()}: the executors load quotes through a local cache folder. */
class SparkSweepQuotesCacheTest {

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = TestSpark.session();
  }

  @AfterEach
  void forgetLoadedQuotes() {
    HadoopQuotes.clear();
  }

  /** Three jobs over {@code data/q.csv} (a copy of the EUR/USD sample); returns the plan. */
  private static Path writePlan(Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("data"));
    Files.copy(Fixtures.repoRoot().resolve("data/eurusd_sample.csv"), tmp.resolve("data/q.csv"));
    String lines =
        Fixtures.line("a", "q.csv", "a.json", "\"min_spread_bps\": 0.5")
            + "\n"
            + Fixtures.line("b", "q.csv", "b.json", "\"min_spread_bps\": 1")
            + "\n"
            + Fixtures.line("c", "q.csv", "c.json", "\"min_spread_bps\": 2")
            + "\n";
    return Files.writeString(tmp.resolve("plan.jsonl"), lines);
  }

  private static SweepSummary sweep(Path tmp, String out, String cache) throws Exception {
    HadoopQuotes.clear(); // as a new executor JVM: nothing held in memory
    return SparkSweep.run(
        spark,
        new SweepOptions(
            tmp.resolve("plan.jsonl").toString(),
            tmp.resolve(out).toString(),
            tmp.resolve("data").toString(),
            false,
            2,
            cache));
  }

  private static List<Path> cacheFiles(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    }
  }

  @Test
  void aSecondSweepReadsTheCacheAndAChangedSourceIsReadAgain(@TempDir Path tmp) throws Exception {
    writePlan(tmp);
    Path csv = tmp.resolve("data/q.csv");
    String cache = tmp.resolve("cache").toString();

    SweepSummary plain = sweep(tmp, "plain", null);
    SweepSummary first = sweep(tmp, "first", cache);

    Map<String, String> expected = Fixtures.filesWithoutRuntime(tmp.resolve("plain"));
    assertThat(plain.success()).isEqualTo(3);
    assertThat(first.success()).isEqualTo(3);
    assertThat(Fixtures.filesWithoutRuntime(tmp.resolve("first"))).isEqualTo(expected);
    List<Path> files = cacheFiles(tmp.resolve("cache"));
    assertThat(files).hasSize(1);
    assertThat(files.get(0).getFileName().toString()).endsWith(QuotesDiskCache.SUFFIX);
    assertThat(Files.size(files.get(0)))
        .isGreaterThan(QuotesDiskCache.BYTES_PER_ROW * 10L)
        .isLessThan(Files.size(csv));

    // Same length and modification time, but not a quotes file any more: only a sweep that does
    // not parse the source again still succeeds.
    FileTime mtime = Files.getLastModifiedTime(csv);
    Files.writeString(csv, "x".repeat((int) Files.size(csv)));
    Files.setLastModifiedTime(csv, mtime);
    SweepSummary second = sweep(tmp, "second", cache);

    assertThat(second.success()).isEqualTo(3);
    assertThat(Fixtures.filesWithoutRuntime(tmp.resolve("second"))).isEqualTo(expected);

    // Touched: the key changed, so the source is parsed again (and now fails).
    Files.setLastModifiedTime(csv, FileTime.fromMillis(mtime.toMillis() + 5000));
    SweepSummary third = sweep(tmp, "third", cache);

    assertThat(third.error()).isEqualTo(3);
    assertThat(Files.readString(tmp.resolve("third/a.json"))).contains("\"status\": \"error\"");
  }

  @Test
  void anUnwritableCacheFolderLeavesTheSweepAsWithoutIt(@TempDir Path tmp) throws Exception {
    writePlan(tmp);
    Path notAFolder = Files.writeString(tmp.resolve("cache"), "a file where the folder goes");

    sweep(tmp, "plain", null);
    SweepSummary cached = sweep(tmp, "cached", notAFolder.toString());

    assertThat(cached.success()).isEqualTo(3);
    assertThat(Fixtures.filesWithoutRuntime(tmp.resolve("cached")))
        .isEqualTo(Fixtures.filesWithoutRuntime(tmp.resolve("plain")));
    assertThat(Files.readString(notAFolder)).isEqualTo("a file where the folder goes");
  }
}
