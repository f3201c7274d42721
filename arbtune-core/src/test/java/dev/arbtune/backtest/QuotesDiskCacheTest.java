package dev.arbtune.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuotesDiskCacheTest {

  private static final String HEADER = "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n";

  @TempDir Path dir;

  private final List<String> warnings = new ArrayList<>();

  private QuotesDiskCache disk() {
    return new QuotesDiskCache(dir.resolve("cache"), warnings::add);
  }

  /** The cache files in the cache folder (none when it does not exist). */
  private List<Path> cacheFiles() throws Exception {
    Path folder = dir.resolve("cache");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted().toList();
    }
  }

  private Path onlyCacheFile() throws Exception {
    List<Path> files = cacheFiles();
    assertThat(files).hasSize(1);
    assertThat(files.get(0).getFileName().toString()).endsWith(QuotesDiskCache.SUFFIX);
    return files.get(0);
  }

  private static final double[] EXTREMES = {
    Double.MAX_VALUE,
    -Double.MAX_VALUE,
    Double.MIN_VALUE,
    -Double.MIN_VALUE,
    Double.MIN_NORMAL,
    0.0,
    -0.0,
    1e-300,
    1.7976931348623157e308,
    123456789.123456789,
    0.1,
    1.38727
  };

  /**
   * A random quotes CSV: epoch microseconds (or ISO times with six fraction digits), some repeated,
   * and prices that are ordinary decimals, extremes or any finite bit pattern.
   */
  private static String randomCsv(Random r, int rows, boolean iso) {
    StringBuilder sb = new StringBuilder(HEADER);
    long t = 1_000_000_000_000_000L + (r.nextLong() & ((1L << 50) - 1));
    for (int i = 0; i < rows; i++) {
      t += r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(2_000_000);
      sb.append(iso ? EpochUnit.instant(t).toString() : Long.toString(t));
      for (int k = 0; k < 4; k++) {
        sb.append(',').append(randomPrice(r));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String randomPrice(Random r) {
    switch (r.nextInt(4)) {
      case 0:
        return Double.toString(EXTREMES[r.nextInt(EXTREMES.length)]);
      case 1:
        double bits;
        do {
          bits = Double.longBitsToDouble(r.nextLong());
        } while (!Double.isFinite(bits));
        return Double.toString(bits);
      default:
        return String.format(java.util.Locale.ROOT, "%.5f", 1 + r.nextDouble());
    }
  }

  static Stream<Arguments> everyColumnIsBitIdenticalToTheCsvLoad() {
    return Tries.of(40, Gen.longs(), Gen.ints(1, 3000), Gen.booleans());
  }

  @PropertyTest
  @MethodSource
  void everyColumnIsBitIdenticalToTheCsvLoad(long seed, int rows, boolean iso) throws Exception {
    Path csv = Files.writeString(dir.resolve("q.csv"), randomCsv(new Random(seed), rows, iso));
    Quotes expected = QuotesLoader.load(csv);

    Quotes written = disk().load(csv, EpochUnit.AUTO);
    Quotes mapped = disk().load(csv, EpochUnit.AUTO);

    onlyCacheFile();
    assertThat(written).isEqualTo(expected); // Arrays.equals: bit by bit, -0.0 is not 0.0
    assertThat(mapped).isEqualTo(expected);
    assertThat(mapped.source()).isEqualTo(csv.toString());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(Double.doubleToRawLongBits(mapped.bidA(i)))
          .isEqualTo(Double.doubleToRawLongBits(expected.bidA(i)));
    }
    assertThat(warnings).isEmpty();
  }

  /**
   * Replaces {@code csv}'s content by {@code text} of the same length, keeping its modification
   * time: what the key cannot see, so a load that returns the old quotes read the cache file.
   */
  private static void replaceKeepingKey(Path csv, String text) throws Exception {
    FileTime mtime = Files.getLastModifiedTime(csv);
    assertThat(text.length()).isEqualTo(Files.size(csv));
    Files.writeString(csv, text);
    Files.setLastModifiedTime(csv, mtime);
  }

  @Test
  void aLaterLoadReadsTheCacheFileNotTheCsv() throws Exception {
    Path csv = Files.writeString(dir.resolve("q.csv"), HEADER + "1700000000000,1,2,3,4\n");
    Quotes first = disk().load(csv, EpochUnit.AUTO);

    replaceKeepingKey(csv, HEADER + "1700000000000,5,6,7,8\n");

    assertThat(disk().load(csv, EpochUnit.AUTO)).isEqualTo(first);
  }

  @Test
  void touchingTheFileChangingItsSizeOrTheUnitIsAnotherKey() throws Exception {
    Path csv = Files.writeString(dir.resolve("q.csv"), HEADER + "1700000000000000,1,2,3,4\n");
    disk().load(csv, EpochUnit.AUTO);
    Path cacheFile = onlyCacheFile();

    // touched: same size, new modification time
    Files.writeString(csv, HEADER + "1700000000000000,5,6,7,8\n");
    Files.setLastModifiedTime(
        csv, FileTime.fromMillis(Files.getLastModifiedTime(csv).toMillis() + 5000));
    assertThat(disk().load(csv, EpochUnit.AUTO).bidA(0)).isEqualTo(5);
    assertThat(onlyCacheFile()).as("rewritten in place, not beside").isEqualTo(cacheFile);
    assertThat(disk().load(csv, EpochUnit.AUTO).bidA(0)).isEqualTo(5);

    // another size, same modification time
    FileTime mtime = Files.getLastModifiedTime(csv);
    Files.writeString(csv, HEADER + "1700000000000000,9.5,6,7,8\n");
    Files.setLastModifiedTime(csv, mtime);
    assertThat(disk().load(csv, EpochUnit.AUTO).bidA(0)).isEqualTo(9.5);
    assertThat(disk().load(csv, EpochUnit.AUTO).bidA(0)).isEqualTo(9.5);

    // another unit: another cache file, other timestamps
    Quotes nanos = disk().load(csv, EpochUnit.NANOSECONDS);
    assertThat(nanos.timestamp(0)).isEqualTo(1_700_000_000_000L);
    assertThat(disk().load(csv, EpochUnit.NANOSECONDS)).isEqualTo(nanos);
    assertThat(disk().load(csv, EpochUnit.AUTO).timestamp(0)).isEqualTo(1_700_000_000_000_000L);
    assertThat(cacheFiles()).hasSize(2);
  }

  /** Ways a cache file can be damaged, each applied to a valid one's bytes. */
  private enum Damage {
    EMPTY,
    CUT_IN_THE_HEADER,
    CUT_BY_ONE_BYTE,
    ONE_BYTE_LONGER,
    A_PRICE_BIT_FLIPPED,
    A_TIMESTAMP_BIT_FLIPPED,
    A_KEY_BYTE_CHANGED,
    ANOTHER_FORMAT_VERSION,
    THE_ROW_COUNT_CHANGED,
    NOT_A_CACHE_FILE;

    byte[] apply(byte[] valid) {
      byte[] b = valid.clone();
      switch (this) {
        case EMPTY:
          return new byte[0];
        case CUT_IN_THE_HEADER:
          return java.util.Arrays.copyOf(b, 20);
        case CUT_BY_ONE_BYTE:
          return java.util.Arrays.copyOf(b, b.length - 1);
        case ONE_BYTE_LONGER:
          return java.util.Arrays.copyOf(b, b.length + 1);
        case A_PRICE_BIT_FLIPPED:
          b[b.length - 3] ^= 0x10;
          return b;
        case A_TIMESTAMP_BIT_FLIPPED:
          b[b.length - 40 * 3 + 1] ^= 0x01; // in the first row's timestamp (3 rows)
          return b;
        case A_KEY_BYTE_CHANGED:
          b[40] ^= 0x01;
          return b;
        case ANOTHER_FORMAT_VERSION:
          b[8] = (byte) (QuotesDiskCache.FORMAT_VERSION + 1);
          return b;
        case THE_ROW_COUNT_CHANGED:
          b[16] = 2;
          return b;
        default:
          return "timestamp,best_bid_a\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Damage.class)
  void aDamagedCacheFileIsIgnoredAndRewritten(Damage damage) throws Exception {
    Path csv =
        Files.writeString(
            dir.resolve("q.csv"),
            HEADER
                + "1700000000000000,1,2,3,4\n1700000000000001,1.5,2,3,4\n"
                + "1700000000000002,1.25,2,3,4\n");
    Quotes expected = QuotesLoader.load(csv);
    disk().load(csv, EpochUnit.AUTO);
    Path cacheFile = onlyCacheFile();
    byte[] valid = Files.readAllBytes(cacheFile);
    Files.write(cacheFile, damage.apply(valid));

    assertThat(disk().load(csv, EpochUnit.AUTO)).isEqualTo(expected);

    assertThat(Files.readAllBytes(cacheFile)).as("rewritten").isEqualTo(valid);
    assertThat(cacheFiles()).hasSize(1);
    assertThat(warnings).isEmpty();
  }

  @Test
  void concurrentWritersAllGetTheQuotesAndLeaveOneWholeFile() throws Exception {
    Path csv = Files.writeString(dir.resolve("q.csv"), randomCsv(new Random(7), 50_000, false));
    Quotes expected = QuotesLoader.load(csv);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Quotes>>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  List<Quotes> loads = new ArrayList<>();
                  for (int k = 0; k < 5; k++) {
                    loads.add(disk().load(csv, EpochUnit.AUTO)); // a session of its own each
                  }
                  return loads;
                }));
      }
      start.countDown();
      for (Future<List<Quotes>> f : results) {
        assertThat(f.get()).allSatisfy(q -> assertThat(q).isEqualTo(expected));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(cacheFiles()).as("no temporary file left").hasSize(1);
    onlyCacheFile();
    replaceKeepingKey(csv, randomCsv(new Random(7), 50_000, false).replace(',', ';'));
    assertThat(disk().load(csv, EpochUnit.AUTO)).as("read from the cache file").isEqualTo(expected);
    assertThat(warnings).isEmpty();
  }

  @Test
  void anUnwritableFolderGivesOneWarningAndTheCsvIsRead() throws Exception {
    Files.writeString(dir.resolve("cache"), "a file where the folder should be");
    Path a = Files.writeString(dir.resolve("a.csv"), HEADER + "1700000000000,1,2,3,4\n");
    Path b = Files.writeString(dir.resolve("b.csv"), HEADER + "1700000000000,5,6,7,8\n");
    QuotesDiskCache disk = disk();

    assertThat(disk.load(a, EpochUnit.AUTO)).isEqualTo(QuotesLoader.load(a));
    assertThat(disk.load(b, EpochUnit.AUTO)).isEqualTo(QuotesLoader.load(b));
    assertThat(disk.load(a, EpochUnit.AUTO)).isEqualTo(QuotesLoader.load(a));

    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .contains("quotes cache folder", dir.resolve("cache").toString(), "read from the CSV")
        .doesNotContain("Exception");
  }

  @Test
  void aMalformedCsvFailsAsWithoutTheCacheAndIsNotCached() throws Exception {
    Path csv = Files.writeString(dir.resolve("bad.csv"), HEADER + "1700000000000,1,x,3,4\n");
    String expected = null;
    try {
      QuotesLoader.load(csv);
    } catch (QuotesFormatException e) {
      expected = e.getMessage();
    }
    assertThat(expected).isNotNull();

    assertThatThrownBy(() -> disk().load(csv, EpochUnit.AUTO))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessage(expected);
    assertThat(cacheFiles()).isEmpty();
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    assertThatThrownBy(() -> disk().load(dir.resolve("none.csv"), EpochUnit.AUTO))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
  }
}
