package dev.arbtune.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link QuotesDiskCache#load(QuotesDiskCache.Source, String, EpochUnit)}: a non-local source. */
class QuotesDiskCacheSourceTest {

  private static final String HEADER = "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n";

  @TempDir Path dir;

  private final List<String> warnings = new ArrayList<>();

  /** A source in memory that counts how often it is opened; its text and identity can change. */
  private static final class Remote implements QuotesDiskCache.Source {
    String text;
    QuotesDiskCache.Identity identity;
    QuotesDiskCache.Identity afterRead;
    int opened;

    Remote(String text, Instant modified) {
      this.text = text;
      this.identity = new QuotesDiskCache.Identity("hdfs://nn/q.csv", text.length(), modified);
    }

    @Override
    public QuotesDiskCache.Identity identity() {
      return identity;
    }

    @Override
    public InputStream open() {
      opened++;
      if (afterRead != null) {
        identity = afterRead;
      }
      return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private QuotesDiskCache disk() {
    return new QuotesDiskCache(dir.resolve("cache"), warnings::add);
  }

  private long cacheFiles() throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
      return files.count();
    }
  }

  @Test
  void aLaterLoadOfTheSameIdentityReadsTheCacheFileNotTheStream() throws Exception {
    Remote remote = new Remote(HEADER + "1700000000000,1,2,3,4\n", Instant.ofEpochMilli(5));
    Quotes first = disk().load(remote, "q.csv", EpochUnit.AUTO);

    remote.text = HEADER + "1700000000000,5,6,7,8\n"; // same length: the key cannot see it
    Quotes second = disk().load(remote, "q.csv", EpochUnit.AUTO);

    assertThat(first.bidA(0)).isEqualTo(1);
    assertThat(first.source()).isEqualTo("q.csv");
    assertThat(second).isEqualTo(first);
    assertThat(remote.opened).isEqualTo(1);
    assertThat(cacheFiles()).isEqualTo(1);
    assertThat(warnings).isEmpty();
  }

  @Test
  void aChangedModificationTimeOrUnitIsReadAgain() throws Exception {
    Remote remote = new Remote(HEADER + "1700000000000000,1,2,3,4\n", Instant.ofEpochMilli(5));
    disk().load(remote, "q.csv", EpochUnit.AUTO);

    remote.text = HEADER + "1700000000000000,5,6,7,8\n";
    remote.identity = new QuotesDiskCache.Identity("hdfs://nn/q.csv", 42, Instant.ofEpochMilli(6));
    assertThat(disk().load(remote, "q.csv", EpochUnit.AUTO).bidA(0)).isEqualTo(5);
    assertThat(disk().load(remote, "q.csv", EpochUnit.AUTO).bidA(0)).isEqualTo(5);
    assertThat(remote.opened).isEqualTo(2);

    disk().load(remote, "q.csv", EpochUnit.MICROSECONDS);
    assertThat(remote.opened).isEqualTo(3);
  }

  @Test
  void aSourceThatChangesWhileReadIsNotCached() throws Exception {
    Remote remote = new Remote(HEADER + "1700000000000,1,2,3,4\n", Instant.ofEpochMilli(5));
    remote.afterRead = new QuotesDiskCache.Identity("hdfs://nn/q.csv", 99, Instant.ofEpochMilli(9));

    disk().load(remote, "q.csv", EpochUnit.AUTO);

    assertThat(Files.exists(dir.resolve("cache"))).isFalse();
  }
}
