package dev.arbtune.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class QuotesCacheTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  @Test
  void sharesOneInstanceAcrossSpellingsOfThePath() throws Exception {
    Path file =
        write(
            "d/q.csv",
            "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n1700000000000,1,1,1,1\n");
    QuotesCache cache = new QuotesCache();

    Quotes a = cache.get(file);
    Quotes b = cache.get(dir.resolve("d/../d/./q.csv"));

    assertThat(b).isSameAs(a);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void theTimeUnitIsPartOfTheKey() throws Exception {
    Path file =
        write(
            "u.csv",
            "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n1700000000000000,1,1,1,1\n");
    QuotesCache cache = new QuotesCache();

    Quotes byMagnitude = cache.get(file);
    Quotes asMicros = cache.get(file, EpochUnit.MICROSECONDS);
    Quotes asNanos = cache.get(file, EpochUnit.NANOSECONDS);

    assertThat(byMagnitude.timestamp(0)).isEqualTo(1_700_000_000_000_000L);
    assertThat(asMicros).isNotSameAs(byMagnitude).isEqualTo(byMagnitude);
    assertThat(asNanos.timestamp(0)).isEqualTo(1_700_000_000_000L);
    assertThat(cache.get(file, EpochUnit.AUTO)).isSameAs(byMagnitude);
    assertThat(cache.get(dir.resolve("./u.csv"), EpochUnit.NANOSECONDS)).isSameAs(asNanos);
    assertThat(cache.size()).isEqualTo(3);
  }

  @Test
  void concurrentRequestsGetTheSameInstance() throws Exception {
    Quotes expected = QuotesLoader.load(TestQuotes.EURUSD_SAMPLE);
    QuotesCache cache = new QuotesCache();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Quotes>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Callable<Quotes> task = () -> cache.get(TestQuotes.EURUSD_SAMPLE);
        results.add(pool.submit(task));
      }
      Quotes first = results.get(0).get();
      for (Future<Quotes> f : results) {
        assertThat(f.get()).isSameAs(first);
      }
      assertThat(first).isEqualTo(expected);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void malformedFileErrorNamesThePathAsRequested() throws Exception {
    write(
        "bad.csv",
        "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n1700000000000,x,1,1,1\n");
    QuotesCache cache = new QuotesCache();
    Path asked = dir.resolve("./bad.csv");

    assertThatThrownBy(() -> cache.get(asked))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageStartingWith(asked + ", line 2, column best_bid_a");
    assertThatThrownBy(() -> cache.get(dir.resolve("bad.csv")))
        .hasMessageStartingWith(dir.resolve("bad.csv") + ", line 2");
  }

  @Test
  void missingFileIsNoSuchFileAndNotRemembered() throws Exception {
    QuotesCache cache = new QuotesCache();
    Path later = dir.resolve("later.csv");

    assertThatThrownBy(() -> cache.get(later)).isInstanceOf(NoSuchFileException.class);
    write(
        "later.csv",
        "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n1700000000000,1,1,1,1\n");
    assertThat(cache.get(later).size()).isEqualTo(1);
  }

  /** A quotes file of one row whose ask on B is {@code askB} (to tell files apart). */
  private Path oneRow(String name, int askB) throws Exception {
    return write(
        name,
        "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n1700000000000,1,1,1,"
            + askB
            + "\n");
  }

  /**
   * A quotes file of 256 rows of about 50 characters whose ask on B is {@code askB} (to tell files
   * apart): large enough for the per-row figures to dominate (the fast engine's indexes have a
   * fixed part of about 150 bytes per file, which outweighs a one-row file's columns and text).
   */
  private Path smallFile(String name, int askB) throws Exception {
    StringBuilder csv =
        new StringBuilder("timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n");
    for (int i = 0; i < 256; i++) {
      csv.append(1_700_000_000_000L + i).append(",100.00001,100.00002,100.00001,").append(askB);
      csv.append(".000001\n");
    }
    return write(name, csv.toString());
  }

  @Test
  void theBudgetCountsTheFastEnginesIndexBesideTheColumnsBeforeAnyFastRun() throws Exception {
    Quotes a = QuotesLoader.load(smallFile("a.csv", 1));
    Quotes b = QuotesLoader.load(smallFile("b.csv", 2));
    long columns = a.columnBytes();
    long held = a.heldBytes();
    assertThat(held)
        .isEqualTo(columns + Quotes.engineIndexBytes(a.size()))
        .isGreaterThan(columns)
        .isLessThan(2 * columns);

    // Room for both files' columns, not for their columns and indexes: a is dropped for b.
    QuotesCache tight = new QuotesCache(2 * columns);
    assertThat(tight.get("a", "a.csv", () -> a)).isSameAs(a);
    assertThat(tight.get("b", "b.csv", () -> b)).isSameAs(b);
    assertThat(tight.size()).isEqualTo(1);
    assertThat(tight.bytesHeld()).isEqualTo(held);
    AtomicInteger loads = new AtomicInteger();
    tight.get(
        "a",
        "a.csv",
        () -> {
          loads.incrementAndGet();
          return a;
        });
    assertThat(loads).as("a was dropped: loaded again").hasValue(1);

    // Room for both with their indexes: both are kept.
    QuotesCache roomy = new QuotesCache(2 * held);
    roomy.get("a", "a.csv", () -> a);
    roomy.get("b", "b.csv", () -> b);
    assertThat(roomy.size()).isEqualTo(2);
    assertThat(roomy.bytesHeld()).isEqualTo(2 * held);
    assertThat(a.hasEngineIndex()).as("counted before any fast run built it").isFalse();
  }

  @Test
  void aDotDotAfterASymbolicLinkLeadsWhereTheLinkPoints() throws Exception {
    Path here = oneRow("d/q.csv", 1);
    Path there = oneRow("other/q.csv", 2);
    Files.createDirectories(dir.resolve("other/sub"));
    Files.createSymbolicLink(dir.resolve("d/link"), dir.resolve("other/sub"));
    QuotesCache cache = new QuotesCache();

    Quotes first = cache.get(here);
    Quotes viaLink = cache.get(dir.resolve("d/link/../q.csv"));

    assertThat(first.askB(0)).isEqualTo(1);
    assertThat(viaLink.askB(0)).as("d/link/.. is other/, not d/").isEqualTo(2);
    assertThat(viaLink).isSameAs(cache.get(there));
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void dropsTheLeastRecentlyUsedFileBeyondTheBudget() throws Exception {
    Path a = smallFile("a.csv", 1);
    Path b = smallFile("b.csv", 2);
    Path c = smallFile("c.csv", 3);
    long oneFile = QuotesLoader.load(a).heldBytes();
    // Room for two files, or for one and the load of another.
    QuotesCache cache = new QuotesCache(oneFile + QuotesCache.loadBytesEstimate(c));

    Quotes firstA = cache.get(a);
    Quotes firstB = cache.get(b);
    assertThat(cache.get(a)).isSameAs(firstA); // a is now used more recently than b
    cache.get(c);

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.bytesHeld()).isEqualTo(2 * oneFile);
    assertThat(cache.get(a)).as("kept").isSameAs(firstA);
    Quotes againB = cache.get(b);
    assertThat(againB).as("dropped, then loaded again").isNotSameAs(firstB).isEqualTo(firstB);
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void aFileLargerThanTheBudgetIsLoadedAndDroppedForTheNextOne() throws Exception {
    Path a = oneRow("a.csv", 1);
    Path b = oneRow("b.csv", 2);
    QuotesCache cache = new QuotesCache(0);

    Quotes firstA = cache.get(a);
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.get(a)).isSameAs(firstA);
    cache.get(b);

    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.bytesHeld()).isEqualTo(firstA.heldBytes());
    assertThat(cache.get(a)).isNotSameAs(firstA).isEqualTo(firstA);
  }

  @Test
  void filesFromElsewhereShareTheRulesUnderKeysOfTheirOwn() throws Exception {
    // As a Spark executor uses it: qualified Hadoop paths as keys, a loader that reads them.
    Quotes one = QuotesLoader.load(oneRow("a.csv", 1));
    long oneFile = one.heldBytes();
    QuotesCache cache = new QuotesCache(oneFile);
    AtomicInteger loads = new AtomicInteger();
    QuotesCache.Loader loader =
        () -> {
          loads.incrementAndGet();
          return one;
        };

    assertThat(cache.get("hdfs://nn/data/a.csv", "data/a.csv", loader)).isSameAs(one);
    assertThat(cache.get("hdfs://nn/data/a.csv", "data/a.csv", loader)).isSameAs(one);
    assertThat(loads).as("loaded once").hasValue(1);

    cache.get("hdfs://nn/data/b.csv", "data/b.csv", loader); // over the budget: a is dropped
    assertThat(cache.size()).isEqualTo(1);
    cache.get("hdfs://nn/data/a.csv", "data/a.csv", loader);
    assertThat(loads).as("a loaded again").hasValue(3);
  }

  @Test
  void aMalformedFileFromElsewhereIsRememberedAnUnreadableOneIsNot() throws Exception {
    QuotesCache cache = new QuotesCache();
    AtomicInteger loads = new AtomicInteger();
    Path bad =
        write(
            "bad.csv",
            "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n1700000000000,x,1,1,1\n");
    QuotesCache.Loader malformed =
        () -> {
          loads.incrementAndGet();
          return QuotesLoader.load(bad);
        };
    QuotesCache.Loader unreadable =
        () -> {
          loads.incrementAndGet();
          throw new java.io.IOException("connection reset");
        };

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> cache.get("hdfs://nn/bad.csv", "in/bad.csv", malformed))
          .isInstanceOf(QuotesFormatException.class)
          .hasMessageStartingWith("in/bad.csv, line 2, column best_bid_a");
    }
    assertThat(loads).as("malformed: parsed once").hasValue(1);
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> cache.get("hdfs://nn/gone.csv", "in/gone.csv", unreadable))
          .hasMessage("connection reset");
    }
    assertThat(loads).as("unreadable: tried again").hasValue(3);
  }

  @Test
  void loadingCountsTwiceTheFileInTheBudgetBeforeTheFileIsRead() throws Exception {
    Path a = smallFile("a.csv", 1);
    Path b = smallFile("b.csv", 2);
    long oneFile = QuotesLoader.load(a).heldBytes();
    assertThat(QuotesCache.loadBytesEstimate(b))
        .isEqualTo(2 * Files.size(b))
        .isGreaterThan(oneFile);
    // Both files fit once loaded, but a and the load of b do not: a is dropped first.
    QuotesCache cache = new QuotesCache(2 * oneFile);

    Quotes firstA = cache.get(a);
    cache.get(b);

    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.bytesHeld()).isEqualTo(oneFile);
    assertThat(cache.get(a)).isNotSameAs(firstA).isEqualTo(firstA);
  }

  @Test
  void aFileThatNeedsMoreThanTheHeapToLoadIsRefusedUnread() throws Exception {
    // Malformed, and never parsed: the refusal comes first.
    Path big =
        write(
            "big.csv",
            "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n1700000000000,x,1,1,1\n");
    long need = 2 * Files.size(big);
    QuotesCache cache = new QuotesCache(1 << 20, need - 1);
    Path asked = dir.resolve("./big.csv");

    for (Path name : java.util.List.of(asked, big)) {
      assertThatThrownBy(() -> cache.get(name))
          .isInstanceOfSatisfying(
              QuotesTooLargeException.class,
              e -> {
                assertThat(e.file()).isEqualTo(name.toString());
                assertThat(e.neededBytes()).isEqualTo(need);
                assertThat(e.heapBytes()).isEqualTo(need - 1);
              })
          .hasMessage(
              name
                  + " needs about 1 MB of memory to load (about twice its size; loaded, its quotes"
                  + " and the fast engine's index take about 49 bytes a row), more than the 1 MB"
                  + " this Java process may use");
    }
    assertThat(cache.size()).isZero();
    assertThat(cache.bytesHeld()).isZero();
    assertThatThrownBy(() -> new QuotesCache(1 << 20, need).get(big))
        .as("an estimate that fits: the file is read")
        .isInstanceOf(QuotesFormatException.class);
  }

  @Test
  void theEstimateOfAGzipFileIsItsRecordedSizeOrFourTimesTheFile() throws Exception {
    byte[] text = new byte[100_000];
    java.util.Arrays.fill(text, (byte) '1');
    Path single = dir.resolve("single.csv.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(single))) {
      out.write(text);
    }
    assertThat(QuotesCache.loadBytesEstimate(single)).isEqualTo(2 * 100_000);

    // Two members: the trailer records only the last one's size (here 0).
    Path two = dir.resolve("two.csv.gz");
    try (var out = Files.newOutputStream(two)) {
      var first = new java.util.zip.GZIPOutputStream(out);
      first.write(text);
      first.finish();
      new java.util.zip.GZIPOutputStream(out).finish();
    }
    assertThat(QuotesCache.loadBytesEstimate(two)).isEqualTo(2 * 4 * Files.size(two));
  }

  @Test
  void theTrailerOfATruncatedGzipFileIsNotBelievedBeyondWhatDeflateCanReach() throws Exception {
    byte[] text = new byte[100_000];
    new java.util.Random(1).nextBytes(text); // incompressible: a cut ends inside the data
    byte[] cut =
        dev.arbtune.testing.Gzip.cutWhereTheTrailerSaysGiB(dev.arbtune.testing.Gzip.of(text));
    Path file = Files.write(dir.resolve("cut.csv.gz"), cut);

    assertThat(QuotesCache.loadBytesEstimate(file)).isEqualTo(2 * 4 * (long) cut.length);
  }

  @Test
  void theEstimateOfAPipeIsUnknownAndItIsNotOpened() throws Exception {
    Path pipe = dir.resolve("pipe.csv");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    assertThat(QuotesCache.loadBytesEstimate(pipe)).isEqualTo(-1);
  }

  /** A named pipe at {@code name} that a daemon thread fills with {@code text} once. */
  private Path pipeOf(String name, String text) throws Exception {
    Path pipe = dir.resolve(name);
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    Thread writer =
        new Thread(
            () -> {
              try {
                Files.writeString(pipe, text);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    writer.setDaemon(true);
    writer.start();
    return pipe;
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void aPipeIsReadOnceAndKeptWhateverTheBudget() throws Exception {
    Path pipe =
        pipeOf(
            "q.fifo",
            "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n1700000000000,1,1,1,7\n");
    Path other = oneRow("other.csv", 2);
    QuotesCache cache = new QuotesCache(0); // keeps only the file loaded last, but for pipes

    Quotes first = cache.get(pipe);
    cache.get(other);
    cache.get(other);

    assertThat(first.askB(0)).isEqualTo(7);
    assertThat(cache.get(pipe)).as("not read again: the pipe has nothing more").isSameAs(first);
    assertThat(cache.get(dir.resolve("./q.fifo"))).isSameAs(first);
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void aMalformedPipeIsRememberedWhateverTheBudget() throws Exception {
    Path pipe = pipeOf("bad.fifo", "no,header\n");
    Path other = oneRow("other.csv", 2);
    QuotesCache cache = new QuotesCache(0);

    assertThatThrownBy(() -> cache.get(pipe)).isInstanceOf(QuotesFormatException.class);
    cache.get(other);

    assertThatThrownBy(() -> cache.get(pipe))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageContaining("bad.fifo");
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void aPipeWithoutARealPathIsReadByItsName() throws Exception {
    // What <(zcat q.csv.gz) gives: /dev/fd/N, a link to "pipe:[inode]", which names no file.
    // Linux only, as the project's machines and CI are: fail rather than skip elsewhere
    assertThat(Path.of("/proc/self/fdinfo")).as("Linux /proc").isDirectory();
    java.util.Set<String> before = pipeFds();
    java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
    try {
      String readEnd = null;
      for (String fd : pipeFds()) {
        if (!before.contains(fd) && readOnly(fd)) {
          readEnd = fd;
        }
      }
      assertThat(readEnd).isNotNull();
      Path byName = Path.of("/proc/self/fd", readEnd);
      Thread writer =
          new Thread(
              () -> {
                try (var sink = pipe.sink()) {
                  sink.write(
                      java.nio.ByteBuffer.wrap(
                          "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n1700000000000,1,1,1,5\n"
                              .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      writer.setDaemon(true);
      writer.start();
      QuotesCache cache = new QuotesCache();

      Quotes q = cache.get(byName);

      assertThat(q.askB(0)).isEqualTo(5);
      assertThat(cache.get(byName)).isSameAs(q);
    } finally {
      pipe.source().close();
      pipe.sink().close();
    }
  }

  /** The numbers of this process's open file descriptors that are pipes. */
  private static java.util.Set<String> pipeFds() throws Exception {
    java.util.Set<String> fds = new java.util.HashSet<>();
    try (var list = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) list::iterator) {
        try {
          if (Files.readSymbolicLink(fd).toString().startsWith("pipe:")) {
            fds.add(fd.getFileName().toString());
          }
        } catch (java.io.IOException e) {
          // closed meanwhile (the listing's own descriptor)
        }
      }
    }
    return fds;
  }

  /** Whether descriptor {@code fd} was opened for reading only (a pipe's read end). */
  private static boolean readOnly(String fd) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", fd))) {
      if (line.startsWith("flags:")) {
        return (Integer.parseInt(line.substring(6).trim(), 8) & 3) == 0;
      }
    }
    return false;
  }

  @Test
  void loadsThatTogetherExceedTheBudgetRunOneAfterTheOther() throws Exception {
    Quotes one = QuotesLoader.load(oneRow("a.csv", 1));
    QuotesCache cache = new QuotesCache(1000);
    java.util.concurrent.CountDownLatch aStarted = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch aMayEnd = new java.util.concurrent.CountDownLatch(1);
    AtomicInteger bLoads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Quotes> a =
          pool.submit(
              () ->
                  cache.get(
                      "a",
                      "a.csv",
                      600,
                      () -> {
                        aStarted.countDown();
                        try {
                          aMayEnd.await();
                        } catch (InterruptedException e) {
                          throw new java.io.InterruptedIOException();
                        }
                        return one;
                      }));
      aStarted.await();
      Thread[] bThread = new Thread[1];
      Future<Quotes> b =
          pool.submit(
              () -> {
                bThread[0] = Thread.currentThread();
                return cache.get(
                    "b",
                    "b.csv",
                    600,
                    () -> {
                      bLoads.incrementAndGet();
                      return one;
                    });
              });
      while (bThread[0] == null || bThread[0].getState() != Thread.State.WAITING) {
        Thread.onSpinWait(); // b waits for its turn: a's 600 and b's 600 exceed 1000
      }
      assertThat(bLoads).as("b not started while a loads").hasValue(0);
      assertThat(cache.bytesHeld()).isEqualTo(600);

      aMayEnd.countDown();

      assertThat(a.get()).isSameAs(one);
      assertThat(b.get()).isSameAs(one);
      assertThat(bLoads).hasValue(1);
      assertThat(cache.bytesHeld()).isEqualTo(2 * one.heldBytes());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theDefaultBudgetIsHalfTheHeapAndANegativeOneIsRefused() {
    assertThat(new QuotesCache().budgetBytes())
        .isEqualTo(QuotesCache.defaultBudgetBytes())
        .isEqualTo(Runtime.getRuntime().maxMemory() / 2);
    assertThatThrownBy(() -> new QuotesCache(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new QuotesCache(0).heapBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
    assertThatThrownBy(() -> new QuotesCache(0, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withADiskCacheTheBudgetCountsTheSameColumnsAndDropsTheSameWay() throws Exception {
    Path a = smallFile("a.csv", 1);
    Path b = smallFile("b.csv", 2);
    Path c = smallFile("c.csv", 3);
    long oneFile = QuotesLoader.load(a).heldBytes();
    List<String> warnings = new ArrayList<>();
    QuotesDiskCache disk = new QuotesDiskCache(dir.resolve("cache"), warnings::add);
    new QuotesCache(0, disk).get(a); // writes a's cache file
    QuotesCache cache = new QuotesCache(oneFile + QuotesCache.loadBytesEstimate(c), disk);

    Quotes firstA = cache.get(a); // from the cache file
    assertThat(cache.bytesHeld()).isEqualTo(oneFile);
    Quotes firstB = cache.get(b); // from the CSV, then written
    assertThat(cache.get(a)).isSameAs(firstA);
    cache.get(c);

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.bytesHeld()).isEqualTo(2 * oneFile);
    assertThat(cache.get(a)).isSameAs(firstA);
    assertThat(cache.get(b)).isNotSameAs(firstB).isEqualTo(firstB);
    assertThat(cache.bytesHeld()).isEqualTo(2 * oneFile);
    try (var files = Files.list(dir.resolve("cache"))) {
      assertThat(files.count()).isEqualTo(3);
    }
    assertThat(warnings).isEmpty();
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void aPipeIsNotCachedOnDisk() throws Exception {
    Path pipe =
        pipeOf(
            "q.fifo",
            "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n1700000000000,1,1,1,7\n");
    List<String> warnings = new ArrayList<>();
    QuotesCache cache =
        new QuotesCache(0, new QuotesDiskCache(dir.resolve("cache"), warnings::add));

    Quotes q = cache.get(pipe);

    assertThat(q.askB(0)).isEqualTo(7);
    assertThat(cache.get(pipe)).isSameAs(q);
    assertThat(dir.resolve("cache")).doesNotExist();
    assertThat(warnings).isEmpty();
  }
}
