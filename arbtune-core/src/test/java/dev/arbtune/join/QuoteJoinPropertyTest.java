package dev.arbtune.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesLoader;
import dev.arbtune.join.ListVenueQuotes.Quote;
import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine against {@link ReferenceJoin}, a simple as-of join by map lookups, on random venue
 * streams: duplicate times within and across venues, empty sides, empty venues, venues that start
 * far apart, staleness 0, small, random and none, event and grid mode, with and without ages. The
 * output text, every count and each venue's stats must be equal; the output loads through the
 * engine's {@link QuotesLoader} to the same times and prices.
 */
class QuoteJoinPropertyTest {

  private static final long T0 = 1_400_000_000_000_000L;

  private static final String[] PRICES = {"1.5", "2", "100.25", "0.00001", "17207.5", "3", "2.0"};

  static Stream<Arguments> theEngineJoinsAsTheReferenceDoes() {
    return Tries.of(1500, Gen.longs());
  }

  @PropertyTest
  @MethodSource
  void theEngineJoinsAsTheReferenceDoes(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    long unit = new long[] {1, 1, 1_000, 1_000_000}[r.nextInt(4)];
    List<Quote> a = venue(r, unit, T0);
    List<Quote> b = venue(r, unit, r.nextInt(4) == 0 ? T0 + 1_000 * unit : T0);
    long staleness =
        switch (r.nextInt(4)) {
          case 0 -> 0;
          case 1 -> r.nextLong(1, 4) * unit;
          case 2 -> r.nextLong(0, 40) * unit;
          default -> Long.MAX_VALUE;
        };
    long grid = r.nextBoolean() ? 0 : new long[] {1, 3, 7, 1000}[r.nextInt(4)] * unit;
    JoinOptions options = new JoinOptions(staleness, grid, r.nextBoolean());
    ReferenceJoin.Expected want = ReferenceJoin.join(a, b, options);

    StringWriter out = new StringWriter();
    JoinStats stats =
        QuoteJoin.join(
            new ListVenueQuotes("a.csv", a), new ListVenueQuotes("b.csv", b), options, out);

    assertThat(out.toString()).isEqualTo(want.text());
    assertThat(stats.rowsOut()).isEqualTo(want.rowsOut());
    assertThat(stats.droppedStale()).isEqualTo(want.stale());
    assertThat(stats.staleA()).isEqualTo(want.staleA());
    assertThat(stats.staleB()).isEqualTo(want.staleB());
    assertThat(stats.droppedOneSided()).isEqualTo(want.oneSided());
    assertThat(stats.beforeBothQuoted()).isEqualTo(want.beforeBoth());
    assertThat(stats.a()).isEqualTo(ReferenceJoin.stats("a.csv", a));
    assertThat(stats.b()).isEqualTo(ReferenceJoin.stats("b.csv", b));
    if (want.rowsOut() > 0) {
      assertThat(stats.firstRow()).isEqualTo(EpochUnit.instant(want.rowTimes().get(0)));
      assertThat(stats.lastRow())
          .isEqualTo(EpochUnit.instant(want.rowTimes().get(want.rowTimes().size() - 1)));
      assertLoads(out.toString(), want.rowTimes());
    } else {
      assertThat(stats.firstRow()).isNull();
    }
  }

  @TempDir Path dir;

  static Stream<Arguments> joiningFilesWritesWhatTheReferenceDoes() {
    return Tries.of(300, Gen.longs());
  }

  /**
   * Venue files (Tardis quotes, prices sometimes quoted or padded) joined into a file (sometimes
   * gzip-compressed): the output bytes, prices copied from the files' text, are the reference's.
   */
  @PropertyTest
  @MethodSource
  void joiningFilesWritesWhatTheReferenceDoes(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    long unit = new long[] {1, 1_000, 1_000_000}[r.nextInt(3)];
    List<Quote> a = nonEmpty(venue(r, unit, T0));
    List<Quote> b = nonEmpty(venue(r, unit, T0 + r.nextLong(0, 3) * unit));
    long staleness = r.nextBoolean() ? Long.MAX_VALUE : r.nextLong(0, 40) * unit;
    JoinOptions options = new JoinOptions(staleness, 0, r.nextBoolean());
    ReferenceJoin.Expected want = ReferenceJoin.join(a, b, options);
    Path out = dir.resolve(r.nextBoolean() ? "joined.csv.gz" : "joined.csv");

    JoinStats stats =
        QuoteJoin.join(tardisFile(r, "a.csv", a), tardisFile(r, "b.csv", b), options, out);

    byte[] bytes = Files.readAllBytes(out);
    if (out.toString().endsWith(".gz")) {
      bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
    }
    assertThat(new String(bytes, StandardCharsets.US_ASCII)).isEqualTo(want.text());
    assertThat(stats.rowsOut()).isEqualTo(want.rowsOut());
    assertThat(stats.droppedOneSided()).isEqualTo(want.oneSided());
  }

  private static List<Quote> nonEmpty(List<Quote> quotes) {
    return quotes.isEmpty() ? List.of(new Quote(T0, "1.5", "2")) : quotes;
  }

  /** {@code quotes} written as a Tardis quotes file; an empty price is an empty side. */
  private VenueInput tardisFile(SplittableRandom r, String name, List<Quote> quotes)
      throws IOException {
    StringBuilder csv =
        new StringBuilder(
            "exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount\n");
    for (Quote q : quotes) {
      csv.append("x,BTC,")
          .append(q.time())
          .append(',')
          .append(q.time())
          .append(",1,")
          .append(field(r, q.ask()))
          .append(',')
          .append(field(r, q.bid()))
          .append(",2\n");
    }
    Path file = dir.resolve(name);
    Files.writeString(file, csv);
    return new VenueInput(file, VenueFormat.TARDIS_QUOTES, null, EpochUnit.MICROSECONDS, false);
  }

  private static String field(SplittableRandom r, String price) {
    return switch (r.nextInt(4)) {
      case 0 -> '"' + price + '"';
      case 1 -> " " + price + " ";
      default -> price;
    };
  }

  /** The output loads through the backtest's loader to the rows' times and prices. */
  private static void assertLoads(String csv, List<Long> times) throws IOException {
    byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
    Quotes q = QuotesLoader.load(new ByteArrayInputStream(bytes), "joined.csv", bytes.length);
    assertThat(q.size()).isEqualTo(times.size());
    String[] lines = csv.split("\n");
    for (int i = 0; i < q.size(); i++) {
      String[] f = lines[i + 1].split(",");
      assertThat(q.timestamp(i)).isEqualTo(times.get(i));
      assertThat(new double[] {q.bidA(i), q.askA(i), q.bidB(i), q.askB(i)})
          .containsExactly(
              Double.parseDouble(f[1]),
              Double.parseDouble(f[2]),
              Double.parseDouble(f[3]),
              Double.parseDouble(f[4]));
    }
  }

  /**
   * A venue of 0 to 40 quotes from {@code start}: steps of 0 (a duplicate time), small or large
   * multiples of {@code unit}; prices from a few decimals, crossed and locked ones included, an
   * empty side now and then.
   */
  private static List<Quote> venue(SplittableRandom r, long unit, long start) {
    int n = r.nextInt(8) == 0 ? 0 : r.nextInt(1, 41);
    List<Quote> quotes = new ArrayList<>(n);
    long t = start + r.nextLong(0, 5) * unit + (unit > 1 && r.nextInt(4) == 0 ? r.nextInt(999) : 0);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        t +=
            switch (r.nextInt(5)) {
              case 0 -> 0;
              case 1, 2 -> r.nextLong(1, 4) * unit;
              case 3 -> r.nextLong(1, 12) * unit;
              default -> r.nextLong(1, 100) * unit;
            };
      }
      quotes.add(new Quote(t, price(r), price(r)));
    }
    return quotes;
  }

  private static String price(SplittableRandom r) {
    return r.nextInt(15) == 0 ? "" : PRICES[r.nextInt(PRICES.length)];
  }
}
