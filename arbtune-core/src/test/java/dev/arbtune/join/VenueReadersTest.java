package dev.arbtune.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.QuotesFormatException;
import dev.arbtune.testing.Gzip;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VenueReadersTest {

  /** A Binance USD-M futures bookTicker daily dump (data.binance.vision), as published. */
  static final String BINANCE =
      "update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time,"
          + "event_time\n"
          + "3785411218434,42283.10,6.853,42283.20,0.575,1704067200005,1704067200010\n"
          + "3785411218502,42283.10,6.854,42283.20,0.575,1704067200005,1704067200011\n"
          + "3785411218733,42283.00,1.201,42283.10,2.412,1704067200061,1704067200064\n";

  /** A Tardis.dev quotes CSV (binance-futures): epoch microseconds, an empty side. */
  static final String TARDIS =
      "exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount\n"
          + "binance-futures,BTCUSDT,1704067200005000,1704067200007412,0.575,42283.2,42283.1,6.853\n"
          + "binance-futures,BTCUSDT,1704067200061000,1704067200063120,,,42283,1.201\n";

  /** A Databento MBP-1 CSV in its default encoding: prices in units of 1e-9, times in ns. */
  static final String DATABENTO =
      "ts_recv,ts_event,rtype,publisher_id,instrument_id,action,side,depth,price,size,flags,"
          + "ts_in_delta,sequence,bid_px_00,ask_px_00,bid_sz_00,ask_sz_00,bid_ct_00,ask_ct_00,"
          + "symbol\n"
          + "1704153600000123456,1704153600000001234,1,1,5602,A,B,0,4776250000000,3,130,17512,"
          + "1202,4776250000000,4776500000000,12,9,4,3,ESH4\n"
          + "1704153600002345678,1704153600002222222,1,1,5602,C,A,0,4776500000000,9,130,16420,"
          + "1203,4776250000000,9223372036854775807,12,0,4,0,ESH4\n";

  /** The same book exported with pretty_px and pretty_ts. */
  static final String DATABENTO_PRETTY =
      "ts_recv,ts_event,rtype,publisher_id,instrument_id,action,side,depth,price,size,flags,"
          + "ts_in_delta,sequence,bid_px_00,ask_px_00,bid_sz_00,ask_sz_00,bid_ct_00,ask_ct_00,"
          + "symbol\n"
          + "2024-01-02T00:00:00.000123456Z,2024-01-02T00:00:00.000001234Z,1,1,5602,A,B,0,"
          + "4776.250000000,3,130,17512,1202,4776.250000000,4776.500000000,12,9,4,3,ESH4\n"
          + "2024-01-02T00:00:00.002345678Z,2024-01-02T00:00:00.002222222Z,1,1,5602,C,A,0,"
          + "4776.500000000,9,130,16420,1203,4776.250000000,,12,0,4,0,ESH4\n";

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return write(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private Path write(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }

  /** One quote as read: time, bid, ask, their text, line. */
  record Row(long time, double bid, double ask, String bidText, String askText, long line) {}

  static List<Row> readAll(VenueQuotes q) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (q) {
      while (q.next()) {
        StringBuilder b = new StringBuilder();
        StringBuilder a = new StringBuilder();
        q.appendBid(b);
        q.appendAsk(a);
        rows.add(new Row(q.timeMicros(), q.bid(), q.ask(), b.toString(), a.toString(), q.line()));
      }
    }
    return rows;
  }

  private List<Row> read(VenueInput input) throws IOException {
    return readAll(VenueReaders.open(input));
  }

  private static long micros(String iso) {
    return EpochUnit.micros(Instant.parse(iso));
  }

  private VenueInput input(Path file, VenueFormat format, String time, EpochUnit unit) {
    return new VenueInput(file, format, time, unit, false);
  }

  @Test
  void readsABinanceBookTickerDumpByTransactionTime() throws IOException {
    Path file = write("BTCUSDT-bookTicker-2024-01-01.csv", BINANCE);
    try (VenueQuotes q = VenueReaders.open(VenueInput.of(file))) {
      assertThat(q.format()).isEqualTo(VenueFormat.BINANCE_BOOKTICKER);
      assertThat(q.source()).isEqualTo(file.toString());
    }
    List<Row> rows = read(VenueInput.of(file));
    assertThat(rows)
        .containsExactly(
            new Row(
                micros("2024-01-01T00:00:00.005Z"), 42283.1, 42283.2, "42283.10", "42283.20", 2),
            new Row(
                micros("2024-01-01T00:00:00.005Z"), 42283.1, 42283.2, "42283.10", "42283.20", 3),
            new Row(
                micros("2024-01-01T00:00:00.061Z"), 42283.0, 42283.1, "42283.00", "42283.10", 4));
  }

  @Test
  void readsATardisQuotesFileWithAnEmptySideAsNaN() throws IOException {
    Path file = write("binance-futures_quotes_2024-01-01_BTCUSDT.csv", TARDIS);
    try (VenueQuotes q = VenueReaders.open(VenueInput.of(file))) {
      assertThat(q.format()).isEqualTo(VenueFormat.TARDIS_QUOTES);
    }
    List<Row> rows = read(VenueInput.of(file));
    assertThat(rows.get(0))
        .isEqualTo(
            new Row(micros("2024-01-01T00:00:00.005Z"), 42283.1, 42283.2, "42283.1", "42283.2", 2));
    Row oneSided = rows.get(1);
    assertThat(oneSided.time()).isEqualTo(micros("2024-01-01T00:00:00.061Z"));
    assertThat(oneSided.bid()).isEqualTo(42283.0);
    assertThat(oneSided.bidText()).isEqualTo("42283");
    assertThat(oneSided.ask()).isNaN();
    assertThat(oneSided.askText()).isEmpty();
  }

  @Test
  void readsDatabentoIntegerPricesAsExactDecimalsAndUndefAsAnEmptySide() throws IOException {
    Path file = write("glbx-mdp3-20240102.mbp-1.csv", DATABENTO);
    try (VenueQuotes q = VenueReaders.open(VenueInput.of(file))) {
      assertThat(q.format()).isEqualTo(VenueFormat.DATABENTO_BBO);
    }
    List<Row> rows = read(VenueInput.of(file));
    // ts_event 1704153600000001234 ns, truncated to the microsecond.
    assertThat(rows.get(0))
        .isEqualTo(
            new Row(
                micros("2024-01-02T00:00:00.000001Z"), 4776.25, 4776.5, "4776.25", "4776.5", 2));
    assertThat(rows.get(1).time()).isEqualTo(micros("2024-01-02T00:00:00.002222Z"));
    assertThat(rows.get(1).bidText()).isEqualTo("4776.25");
    assertThat(rows.get(1).ask()).isNaN();
  }

  @Test
  void readsDatabentoPrettyPricesAndTimesVerbatim() throws IOException {
    Path file = write("glbx-mdp3-20240102.mbp-1.pretty.csv", DATABENTO_PRETTY);
    List<Row> rows = read(VenueInput.of(file));
    assertThat(rows.get(0))
        .isEqualTo(
            new Row(
                micros("2024-01-02T00:00:00.000001Z"),
                4776.25,
                4776.5,
                "4776.250000000",
                "4776.500000000",
                2));
    assertThat(rows.get(1).time()).isEqualTo(micros("2024-01-02T00:00:00.002222Z"));
    assertThat(rows.get(1).ask()).isNaN();
  }

  @Test
  void databentoIntegersOfEveryScaleAreWrittenPlainWithoutTrailingZeros() {
    StringBuilder out = new StringBuilder();
    for (long v :
        new long[] {17207500000000L, 1, -1_500_000_000L, 0, 1_000_000_000L, 123_456_789_012L}) {
      CsvVenueQuotes.appendNanoUnits(out, v);
      out.append(' ');
    }
    assertThat(out.toString()).isEqualTo("17207.5 0.000000001 -1.5 0 1 123.456789012 ");
  }

  @Test
  void aDatabentoPriceOfTheOtherKindThanTheFirstIsAnErrorNamingTheLine() throws IOException {
    String header = "ts_event,bid_px_00,ask_px_00\n";
    Path mixed =
        write(
            "mixed.csv",
            header
                + "1704153600000001234,4776250000000,4776500000000\n"
                + "1704153600000001235,4776.25,4776500000000\n");
    assertThatThrownBy(() -> read(VenueInput.of(mixed)))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageStartingWith(mixed + ", line 3, column bid_px_00: ")
        .hasMessageContaining("first price (line 2)");
    // An empty side and UNDEF_PRICE decide nothing: the first real price does.
    Path undefFirst =
        write(
            "undef-first.csv",
            header
                + "1704153600000001234,,9223372036854775807\n"
                + "1704153600000001235,4776.25,4776.5\n");
    assertThat(read(VenueInput.of(undefFirst)).get(1).bidText()).isEqualTo("4776.25");
  }

  @Test
  void genericColumnsInAnyOrderWithOthersIgnoredAndQuotedFields() throws IOException {
    Path file =
        write(
            "mine.csv",
            "\uFEFFAsk,venue,TimeStamp,Bid\r\n"
                + "\"1.38729\",\"fx, one\",2014-05-01T05:00:02.25Z,1.38727\r\n"
                + "\r\n"
                + "1.5, x ,2014-05-01T07:00:02.25+02:00, 1.4 \r\n");
    List<Row> rows = read(VenueInput.of(file));
    assertThat(rows)
        .containsExactly(
            new Row(micros("2014-05-01T05:00:02.250Z"), 1.38727, 1.38729, "1.38727", "1.38729", 2),
            new Row(micros("2014-05-01T05:00:02.250Z"), 1.4, 1.5, "1.4", "1.5", 4));
  }

  @Test
  void readsGzipByItsMagicBytesWhateverTheName() throws IOException {
    Path file = write("quotes.csv", Gzip.of(BINANCE.getBytes(StandardCharsets.UTF_8)));
    assertThat(read(VenueInput.of(file)))
        .isEqualTo(read(VenueInput.of(write("plain.csv", BINANCE))));
  }

  @Test
  void aGzipFileCutShortIsAnErrorNamingTheFile() throws IOException {
    byte[] gzip = Gzip.of(BINANCE.repeat(50).getBytes(StandardCharsets.UTF_8));
    Path file = write("cut.csv.gz", java.util.Arrays.copyOf(gzip, gzip.length - 100));
    assertThatThrownBy(() -> read(VenueInput.of(file)))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessage(
            file
                + ": the gzip data ends too early (the file is truncated or still being"
                + " written)");
  }

  @Test
  void aFormatGivenWhoseColumnTheHeaderLacksIsAnError() throws IOException {
    Path file = write("g.csv", "timestamp,bid,ask\n1704067200,1,2\n");
    assertThatThrownBy(() -> read(input(file, VenueFormat.TARDIS_QUOTES, null, EpochUnit.AUTO)))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessage(
            file
                + ", line 1: the header lacks bid_price, which the tardis-quotes format reads;"
                + " found: \"timestamp,bid,ask\"");
  }

  @Test
  void aTimeColumnGivenReplacesTheFormatsOwn() throws IOException {
    Path file = write("b.csv", BINANCE);
    List<Row> rows =
        read(input(file, VenueFormat.AUTO, "Event_Time", EpochUnit.AUTO)); // letter case ignored
    assertThat(rows.get(1).time()).isEqualTo(micros("2024-01-01T00:00:00.011Z"));
    // Given by the user, the time column need not be the format's: a generic file with "time".
    Path mine = write("mine.csv", "time,bid,ask\n1704067200,1,2\n");
    assertThat(read(input(mine, VenueFormat.AUTO, "time", EpochUnit.AUTO)).get(0).time())
        .isEqualTo(micros("2024-01-01T00:00:00Z"));
    assertThatThrownBy(() -> read(input(file, VenueFormat.AUTO, "exchange_time", EpochUnit.AUTO)))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageContaining("with the time column exchange_time");
    assertThatThrownBy(
            () -> read(input(file, VenueFormat.BINANCE_BOOKTICKER, "ts", EpochUnit.AUTO)))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessage(
            file
                + ", line 1: the header lacks ts, the time column given; found: \""
                + BINANCE.substring(0, BINANCE.indexOf('\n'))
                + "\"");
  }

  @Test
  void aFormatGivenNeedsOnlyItsTimeBidAndAskColumns() throws IOException {
    Path file = write("t.csv", "symbol,ask_price,timestamp,bid_price\nX,2,1704067200000000,1\n");
    try (VenueQuotes q =
        VenueReaders.open(input(file, VenueFormat.TARDIS_QUOTES, null, EpochUnit.AUTO))) {
      assertThat(q.next()).isTrue();
      assertThat(q.format()).isEqualTo(VenueFormat.TARDIS_QUOTES);
      assertThat(q.bid()).isEqualTo(1.0);
    }
    // Not recognised without all of the Tardis columns.
    assertThatThrownBy(() -> read(VenueInput.of(file))).hasMessageContaining("no known format");
  }

  @Test
  void aTimeUnitGivenReadsEveryIntegerInIt() throws IOException {
    Path file = write("g.csv", "timestamp,bid,ask\n1704067200,1,2\n1704067200000,1,2\n");
    List<Row> rows = read(input(file, VenueFormat.GENERIC, null, EpochUnit.MILLISECONDS));
    assertThat(rows.get(0).time()).isEqualTo(1_704_067_200_000L);
    assertThat(rows.get(1).time()).isEqualTo(1_704_067_200_000_000L);
  }

  @Test
  void unitsByMagnitudeSecondsToNanoseconds() throws IOException {
    for (String t :
        List.of("1704067200", "1704067200000", "1704067200000000", "1704067200000000999")) {
      Path file = write("u" + t.length() + ".csv", "timestamp,bid,ask\n" + t + ",1,2\n");
      assertThat(read(VenueInput.of(file)).get(0).time()).isEqualTo(1_704_067_200_000_000L);
    }
  }

  @Test
  void mixedUnitsAreAnErrorNamingTheLine() throws IOException {
    Path file = write("g.csv", "timestamp,bid,ask\n1704067200000,1,2\n1704067200000000,1,2\n");
    assertThatThrownBy(() -> read(VenueInput.of(file)))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessage(
            file
                + ", line 3, column timestamp: 1704067200000000 is epoch microseconds by its"
                + " magnitude, but the file's first timestamp (line 2) is epoch milliseconds;"
                + " every row must use the same unit (or set --time-unit to read all in one)");
  }

  @Test
  void anEmptyFileIsAnErrorListingTheFormats() throws IOException {
    Path file = write("empty.csv", "");
    assertThatThrownBy(() -> VenueReaders.open(VenueInput.of(file)))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageStartingWith(file + ": empty file; expected the header of binance-bookticker")
        .hasMessageContaining("generic (timestamp,bid,ask");
  }

  @Test
  void aHeaderWithoutRowsIsAnError() throws IOException {
    Path file = write("header.csv", "timestamp,bid,ask\n\n");
    try (VenueQuotes q = VenueReaders.open(VenueInput.of(file))) {
      assertThatThrownBy(q::next)
          .isInstanceOf(QuotesFormatException.class)
          .hasMessage(file + ": no quote rows after the header");
    }
    VenueInput sorted = new VenueInput(file, VenueFormat.AUTO, null, EpochUnit.AUTO, true);
    assertThatThrownBy(() -> VenueReaders.open(sorted))
        .hasMessage(file + ": no quote rows after the header");
  }

  @Test
  void anUnknownHeaderIsAnErrorListingTheExpectedOnes() throws IOException {
    Path file = write("odd.csv", "time,best_bid,best_ask\n1,2,3\n");
    assertThatThrownBy(() -> VenueReaders.open(VenueInput.of(file)))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessage(
            file
                + ", line 1: the header is of no known format; expected the header of"
                + " binance-bookticker (update_id,best_bid_price,best_bid_qty,best_ask_price,"
                + "best_ask_qty,transaction_time,event_time), tardis-quotes (exchange,symbol,"
                + "timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount),"
                + " databento-bbo (ts_event,bid_px_00,ask_px_00 among its columns) or generic"
                + " (timestamp,bid,ask in any order, other columns ignored), found:"
                + " \"time,best_bid,best_ask\"");
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    assertThatThrownBy(() -> VenueReaders.open(VenueInput.of(dir.resolve("nope.csv"))))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aRowEarlierThanTheOneBeforeIsAnErrorThatSaysToSort() throws IOException {
    Path file =
        write(
            "g.csv",
            "timestamp,bid,ask\n1704067200001,1,2\n1704067200000,1,2\n1704067200002,1,2\n");
    assertThatThrownBy(() -> read(VenueInput.of(file)))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessage(
            file
                + ", line 3, column timestamp: rows must be in time order, but this one"
                + " (2024-01-01T00:00:00Z) is earlier than line 2 (2024-01-01T00:00:00.001Z);"
                + " sort the file by time, or let arbtune join --sort sort it (in memory)");
  }

  @Test
  void sortKeepsRowsOfEqualTimeInFileOrder() throws IOException {
    Path file =
        write(
            "g.csv",
            "timestamp,bid,ask\n"
                + "1704067200003,3.0,3.5\n"
                + "1704067200001,1.0,1.5\n"
                + "1704067200003,3.1,3.6\n"
                + "1704067200002,2.0,2.5\n"
                + "1704067200001,1.1,1.6\n"
                + "1704067200003,3.2,3.7\n");
    List<Row> rows = read(new VenueInput(file, VenueFormat.AUTO, null, EpochUnit.AUTO, true));
    assertThat(rows.stream().map(Row::bidText).toList())
        .containsExactly("1.0", "1.1", "2.0", "3.0", "3.1", "3.2");
    assertThat(rows.stream().map(Row::askText).toList())
        .containsExactly("1.5", "1.6", "2.5", "3.5", "3.6", "3.7");
    assertThat(rows.stream().map(Row::line).toList()).containsExactly(3L, 6L, 5L, 2L, 4L, 7L);
    assertThat(rows.get(0).time()).isEqualTo(1_704_067_200_001_000L);
  }

  @Test
  void stableOrderIsAStableSortOfTheTimes() {
    long[] times = {5, 1, 5, 0, 1, 5, 2, 0};
    assertThat(SortedVenueQuotes.stableOrder(times, times.length))
        .containsExactly(3, 7, 1, 4, 6, 0, 2, 5);
  }

  @Test
  void sortReadsTardisAndDatabentoSidesAsTheStreamDoes() throws IOException {
    for (String content : List.of(TARDIS, DATABENTO, DATABENTO_PRETTY, BINANCE)) {
      Path file = write("f.csv", content);
      VenueInput sorted = new VenueInput(file, VenueFormat.AUTO, null, EpochUnit.AUTO, true);
      assertThat(read(sorted)).isEqualTo(read(VenueInput.of(file)));
    }
  }

  @Test
  void nanInfinityAndNonNumbersAreErrorsNamingFileLineAndColumn() throws IOException {
    for (String bad : List.of("NaN", "Infinity", "-inf", "1e999", "1.2.3", "abc")) {
      Path file = write("g.csv", "timestamp,bid,ask\n1704067200,1,2\n1704067201," + bad + ",2\n");
      assertThatThrownBy(() -> read(VenueInput.of(file)))
          .as(bad)
          .isInstanceOf(QuotesFormatException.class)
          .hasMessage(file + ", line 3, column bid: expected a price, got \"" + bad + "\"");
    }
    Path tardis = write("t.csv", TARDIS.replace(",42283,", ",NaN,"));
    assertThatThrownBy(() -> read(VenueInput.of(tardis)))
        .hasMessage(tardis + ", line 3, column bid_price: expected a price, got \"NaN\"");
    Path databento = write("d.csv", DATABENTO.replace(",9223372036854775807,", ",x1,"));
    assertThatThrownBy(() -> read(VenueInput.of(databento)))
        .hasMessage(databento + ", line 3, column ask_px_00: expected a price, got \"x1\"");
  }

  @Test
  void anEmptyPriceIsAnErrorInGenericAndBinanceFiles() throws IOException {
    Path generic = write("g.csv", "timestamp,bid,ask\n1704067200,,2\n");
    assertThatThrownBy(() -> read(VenueInput.of(generic)))
        .hasMessage(generic + ", line 2, column bid: empty, expected a price");
    Path binance =
        write(
            "b.csv",
            BINANCE.replace(
                ",42283.20,0.575,1704067200005,1704067200011",
                ",,0.575,1704067200005,1704067200011"));
    assertThatThrownBy(() -> read(VenueInput.of(binance)))
        .hasMessage(binance + ", line 3, column best_ask_price: empty, expected a price");
  }

  @Test
  void aBadTimeIsAnErrorNamingTheTimeColumn() throws IOException {
    Path file = write("b.csv", BINANCE.replace("1704067200061,", "yesterday,"));
    assertThatThrownBy(() -> read(VenueInput.of(file)))
        .hasMessage(
            file
                + ", line 4, column transaction_time: expected an ISO-8601 timestamp such as"
                + " 2014-05-01T05:00:02Z or an epoch integer, got \"yesterday\"");
  }

  @Test
  void aRowWithTheWrongNumberOfFieldsIsAnError() throws IOException {
    Path more = write("g.csv", "timestamp,bid,ask\n1704067200,17,207.5,17207.6\n");
    assertThatThrownBy(() -> read(VenueInput.of(more)))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageStartingWith(more + ", line 2: the row has 4 fields, but the header has 3;");
    Path fewer = write("h.csv", "timestamp,bid,ask,venue\n1704067200,1,2,x\n1704067201,1,2\n");
    assertThatThrownBy(() -> read(VenueInput.of(fewer)))
        .hasMessage(fewer + ", line 3: the row has 3 fields, but the header has 4");
  }

  @Test
  void theTimeColumnCannotBeAPriceColumn() throws IOException {
    Path file = write("g.csv", "timestamp,bid,ask\n1704067200,1,2\n");
    assertThatThrownBy(() -> read(input(file, VenueFormat.AUTO, "bid", EpochUnit.AUTO)))
        .hasMessage(
            file + ", line 1, column bid: the time column cannot be the bid or the ask column");
  }

  @Test
  void aColumnNamedTwiceIsAnError() throws IOException {
    Path file = write("g.csv", "timestamp,bid,ask,BID\n1704067200,1,2,3\n");
    assertThatThrownBy(() -> read(VenueInput.of(file)))
        .hasMessage(file + ", line 1, column bid: the header names it twice");
  }
}
