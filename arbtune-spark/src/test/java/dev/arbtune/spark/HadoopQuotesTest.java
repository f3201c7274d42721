package dev.arbtune.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.backtest.QuotesFormatException;
import dev.arbtune.backtest.QuotesTooLargeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopQuotesTest {

  private static final String HEADER = "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n";

  @TempDir Path dir;

  private HadoopQuotes quotes;

  @BeforeEach
  void setUp() {
    HadoopQuotes.clear();
    quotes =
        new HadoopQuotes(
            new org.apache.hadoop.fs.Path(dir.toUri()), dir.toString(), new Configuration());
  }

  @AfterEach
  void tearDown() {
    HadoopQuotes.clear();
  }

  @Test
  void loadsEachFileOnceForEveryTaskOfTheJvm() throws Exception {
    Files.writeString(dir.resolve("a.csv"), HEADER + "1700000000000,1,1,1,2\n");
    HadoopQuotes otherTask =
        new HadoopQuotes(
            new org.apache.hadoop.fs.Path(dir.toUri()), dir.toString(), new Configuration());

    Quotes first = quotes.load("a.csv");

    assertThat(first.askB(0)).isEqualTo(2);
    assertThat(otherTask.load("a.csv")).isSameAs(first);
    assertThat(HadoopQuotes.size()).isEqualTo(1);
  }

  @Test
  void aJobNamingVenueFilesIsAnErrorSayingToJoinFirst() {
    dev.arbtune.run.JobDocument doc =
        dev.arbtune.run.JobDocument.run(
            0,
            "v_1",
            dev.arbtune.backtest.BacktestConfig.fromMap(
                java.util.Map.of("venue_a", "a.csv", "venue_b", "b.csv")),
            quotes,
            null);
    assertThat(doc.error())
        .isEqualTo(
            "config.venue_a: this runner does not join venue files; join the venue files first"
                + " with arbtune join and give data_file");
  }

  @Test
  void aMalformedFileIsNamedAsGivenAndAMissingOneIsTriedAgain() throws Exception {
    Files.writeString(dir.resolve("bad.csv"), HEADER + "1700000000000,x,1,1,1\n");

    assertThatThrownBy(() -> quotes.load("bad.csv"))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageStartingWith(dir.resolve("bad.csv") + ", line 2, column best_bid_a");
    assertThatThrownBy(() -> quotes.load("later.csv")).isInstanceOf(NoSuchFileException.class);
    Files.writeString(dir.resolve("later.csv"), HEADER + "1700000000000,1,1,1,1\n");
    assertThat(quotes.load("later.csv").size()).isEqualTo(1);
  }

  @Test
  void aFileReadInAnotherTimeUnitIsAnotherEntry() throws Exception {
    Files.writeString(dir.resolve("u.csv"), HEADER + "1700000000000000,1,1,1,1\n");

    Quotes byMagnitude = quotes.load("u.csv");
    Quotes asNanos = quotes.load("u.csv", EpochUnit.NANOSECONDS);

    assertThat(byMagnitude.timestamp(0)).isEqualTo(1_700_000_000_000_000L);
    assertThat(asNanos.timestamp(0)).isEqualTo(1_700_000_000_000L);
    assertThat(quotes.load("u.csv", EpochUnit.AUTO)).isSameAs(byMagnitude);
    assertThat(HadoopQuotes.size()).isEqualTo(2);
  }

  /** A small cache: at most 1 MiB of quotes, in a process said to have a 4 MiB heap. */
  private HadoopQuotes withSmallHeap() {
    return new HadoopQuotes(
        new org.apache.hadoop.fs.Path(dir.toUri()),
        dir.toString(),
        new Configuration(),
        new QuotesCache(1 << 20, 4 << 20));
  }

  /** {@code rows} quote rows of 30 characters. */
  private static String rows(int rows) {
    StringBuilder sb = new StringBuilder(HEADER);
    for (int i = 0; i < rows; i++) {
      sb.append(1_700_000_000_000L + 1000L * i).append(",1.5,1.6,1.5,1.7\n");
    }
    return sb.toString();
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.US_ASCII));
    }
    return bytes.toByteArray();
  }

  @Test
  void aFileThatNeedsMoreThanTheHeapToLoadIsRefusedUnread() throws Exception {
    // 3 MB of rows that do not parse: loading needs about 6 MB, more than the 4 MB heap
    Files.writeString(dir.resolve("big.csv"), HEADER + "x,y,z,w,v\n".repeat(300_000));

    assertThatThrownBy(() -> withSmallHeap().load("big.csv"))
        .isInstanceOf(QuotesTooLargeException.class)
        .hasMessage(
            dir.resolve("big.csv")
                + " needs about 6 MB of memory to load (about twice its size; loaded, its quotes"
                + " and the fast engine's index take about 49 bytes a row), more than the 4 MB"
                + " this Java process may use");
  }

  @Test
  void aGzipFileIsSizedByTheTextItsTrailerRecords() throws Exception {
    // 3 MB of text in less than 512 kB of gzip: four times the file would fit, the text does not
    Files.write(dir.resolve("big.csv.gz"), gzip(rows(100_000)));
    assertThat(Files.size(dir.resolve("big.csv.gz"))).isLessThan(1 << 19);

    assertThatThrownBy(() -> withSmallHeap().load("big.csv.gz"))
        .isInstanceOf(QuotesTooLargeException.class)
        .hasMessage(
            dir.resolve("big.csv.gz")
                + " needs about 6 MB of memory to load (about twice its size; loaded, its quotes"
                + " and the fast engine's index take about 49 bytes a row), more than the 4 MB"
                + " this Java process may use");
  }

  @Test
  void aHeldFileIsNotSizedAgain() throws Exception {
    Files.writeString(dir.resolve("a.csv"), rows(10));
    HadoopQuotes small = withSmallHeap();
    Quotes first = small.load("a.csv");
    Files.delete(dir.resolve("a.csv")); // sizing it again would fail

    assertThat(small.load("a.csv")).isSameAs(first);
  }

  @Test
  void theEstimateIsTheCoresForTheSameFile() throws Exception {
    Files.writeString(dir.resolve("plain.csv"), rows(1000));
    Files.write(dir.resolve("one.csv.gz"), gzip(rows(1000)));
    // two members, the second empty: the trailer (0) does not tell the size, so four times it
    ByteArrayOutputStream two = new ByteArrayOutputStream();
    two.write(gzip(rows(1000)));
    two.write(gzip(""));
    Files.write(dir.resolve("two.csv.gz"), two.toByteArray());
    Files.write(dir.resolve("tiny.csv"), new byte[] {0x1f, (byte) 0x8b, 1});

    for (String name : List.of("plain.csv", "one.csv.gz", "two.csv.gz", "tiny.csv")) {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir.resolve(name).toUri());
      assertThat(HadoopQuotes.loadBytesEstimate(path, new Configuration()))
          .as(name)
          .isEqualTo(QuotesCache.loadBytesEstimate(dir.resolve(name)));
    }
    assertThat(QuotesCache.loadBytesEstimate(dir.resolve("two.csv.gz")))
        .isEqualTo(8 * Files.size(dir.resolve("two.csv.gz")));
  }
}
