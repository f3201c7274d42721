package dev.arbtune.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A file read ahead in batches by a thread gives what reading it directly gives: every row's time,
 * line, prices and their text, across batch boundaries, and an error at the row where it is (after
 * the rows before it).
 */
class PrefetchedVenueQuotesTest {

  @TempDir Path dir;

  static Stream<Arguments> readsWhatTheFileReads() {
    return Tries.of(30, Gen.longs());
  }

  @PropertyTest
  @MethodSource
  void readsWhatTheFileReads(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    int rows = r.nextInt(1, 3 * PrefetchedVenueQuotes.BATCH_ROWS);
    int bad = r.nextBoolean() ? r.nextInt(rows) : -1;
    StringBuilder csv =
        new StringBuilder(
            "exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount\n");
    long t = 1_700_000_000_000_000L;
    for (int i = 0; i < rows; i++) {
      t += r.nextInt(3) * 1000L;
      String bid = r.nextInt(20) == 0 ? "" : r.nextInt(1, 100_000) / 10.0 + "";
      String ask = i == bad ? "x1" : r.nextInt(20) == 0 ? "" : "\"" + r.nextInt(1, 1000) + "\"";
      csv.append("x,BTC,").append(t).append(',').append(t).append(",1,");
      csv.append(ask).append(',').append(bid).append(",2\n");
    }
    Path file = dir.resolve("b.csv");
    Files.writeString(file, csv);

    List<String> direct = read(VenueReaders.open(VenueInput.of(file)));
    List<String> ahead =
        read(new PrefetchedVenueQuotes(VenueReaders.open(VenueInput.of(file)), "test"));

    assertThat(ahead).isEqualTo(direct);
    assertThat(direct).hasSize(bad < 0 ? rows : bad + 1);
  }

  /** Every row as text (time, line, values, price text), then the error that ended it if any. */
  private static List<String> read(VenueQuotes quotes) throws IOException {
    List<String> rows = new ArrayList<>();
    try (quotes) {
      while (quotes.next()) {
        StringBuilder row = new StringBuilder();
        row.append(quotes.timeMicros()).append(' ').append(quotes.line()).append(' ');
        row.append(quotes.bid()).append(' ').append(quotes.ask()).append(' ');
        quotes.appendBid(row);
        row.append('|');
        quotes.appendAsk(row);
        byte[] text = new byte[64];
        int end = ((PriceText) quotes).copyPrices(text, 3);
        row.append('|')
            .append(new String(text, 3, end - 3, java.nio.charset.StandardCharsets.US_ASCII));
        rows.add(row.toString());
      }
    } catch (RuntimeException e) {
      rows.add("error: " + e.getMessage());
    }
    return rows;
  }

  @Test
  void closingBeforeTheEndStopsTheReadingThread() throws IOException {
    StringBuilder csv = new StringBuilder("timestamp,bid,ask\n");
    for (int i = 0; i < 20 * PrefetchedVenueQuotes.BATCH_ROWS; i++) {
      csv.append(1_700_000_000_000L + i).append(",1.5,2\n");
    }
    Path file = dir.resolve("a.csv");
    Files.writeString(file, csv);
    PrefetchedVenueQuotes quotes =
        new PrefetchedVenueQuotes(VenueReaders.open(VenueInput.of(file)), "arbtune-test-reader");

    assertThat(quotes.next()).isTrue();
    quotes.close();

    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(thread -> thread.getName().equals("arbtune-test-reader"));
  }
}
