package dev.arbtune.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesDiskCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HadoopQuotes} loading through a {@link QuotesDiskCache}. */
class HadoopQuotesDiskCacheTest {

  private static final String HEADER = "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n";

  @TempDir Path dir;

  private final List<String> warnings = new ArrayList<>();

  @AfterEach
  void tearDown() {
    HadoopQuotes.clear();
  }

  private Quotes load(Path cache, String dataFile) throws Exception {
    HadoopQuotes.clear(); // as a new executor JVM
    return new HadoopQuotes(
            new org.apache.hadoop.fs.Path(dir.resolve("data").toUri()),
            "data",
            new Configuration(),
            new QuotesDiskCache(cache, warnings::add))
        .load(dataFile, EpochUnit.AUTO);
  }

  @Test
  void theCacheFileIsKeyedByTheQualifiedPathLengthAndModificationTime() throws Exception {
    Path csv = Files.createDirectories(dir.resolve("data")).resolve("a.csv");
    Files.writeString(csv, HEADER + "1700000000000,1,2,3,4\n");
    Quotes first = load(dir.resolve("cache"), "a.csv");
    Path cacheFile;
    try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
      cacheFile = files.findFirst().orElseThrow();
    }
    String header =
        new String(Files.readAllBytes(cacheFile), java.nio.charset.StandardCharsets.UTF_8);

    FileTime mtime = Files.getLastModifiedTime(csv);
    Files.writeString(csv, HEADER + "1700000000000,5,6,7,8\n");
    Files.setLastModifiedTime(csv, mtime);
    Quotes second = load(dir.resolve("cache"), "a.csv");

    assertThat(first.source()).isEqualTo("data/a.csv");
    assertThat(second).as("read from the cache file").isEqualTo(first);
    assertThat(header)
        .contains("file:" + dir.resolve("data/a.csv") + "\n" + Files.size(csv) + "\n");
    assertThat(warnings).isEmpty();
  }

  @Test
  void anUnwritableFolderIsOneWarningAndTheCsvIsRead() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("a.csv"), HEADER + "1700000000000,1,2,3,4\n");
    Files.writeString(data.resolve("b.csv"), HEADER + "1700000000000,5,6,7,8\n");
    Path notAFolder = Files.writeString(dir.resolve("cache"), "not a folder");

    assertThat(load(notAFolder, "a.csv").bidA(0)).isEqualTo(1);
    assertThat(load(notAFolder, "b.csv").bidA(0)).isEqualTo(5);

    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("quotes cache folder", notAFolder.toString());
  }
}
