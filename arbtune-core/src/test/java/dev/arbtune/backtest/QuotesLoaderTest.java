package dev.arbtune.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuotesLoaderTest {

  private static final String HEADER = "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n";

  @TempDir Path dir;

  private static Quotes parse(String csv) throws IOException {
    byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
    return QuotesLoader.load(new ByteArrayInputStream(bytes), "q.csv", bytes.length);
  }

  private static Quotes parse(String csv, EpochUnit unit) throws IOException {
    byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
    return QuotesLoader.load(new ByteArrayInputStream(bytes), "q.csv", bytes.length, unit);
  }

  /** An ISO-8601 instant in epoch microseconds, computed without the loader. */
  private static long micros(String iso) {
    Instant t = Instant.parse(iso);
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  @Test
  void readsRowsIntoColumns() throws IOException {
    Quotes q =
        parse(
            HEADER
                + "2014-05-01T05:00:02Z,1.38727,1.38729,1.38724,1.38736\n"
                + "2014-05-01T05:00:03Z,1.5,1.6,1.7,1.8\n");

    assertThat(q.size()).isEqualTo(2);
    assertThat(q.timestamp(0)).isEqualTo(micros("2014-05-01T05:00:02Z"));
    assertThat(q.bidA(0)).isEqualTo(1.38727);
    assertThat(q.askA(0)).isEqualTo(1.38729);
    assertThat(q.bidB(0)).isEqualTo(1.38724);
    assertThat(q.askB(0)).isEqualTo(1.38736);
    assertThat(q.askB(1)).isEqualTo(1.8);
    assertThat(q.columnBytes()).isEqualTo(2 * 40);
  }

  @Test
  void acceptsAnyColumnOrderExtraColumnsQuotesCrlfAndByteOrderMark() throws IOException {
    Quotes q =
        parse(
            "\uFEFFvenue,BEST_ASK_B,best_bid_b,\"best_ask_a\",best_bid_a,timestamp\r\n"
                + "x,4,3,\"2\",1,1700000000000\r\n"
                + "\r\n"
                + "\"y, z\", 8 ,7,6,5,1700000001000");

    assertThat(q.size()).isEqualTo(2);
    assertThat(new double[] {q.bidA(0), q.askA(0), q.bidB(0), q.askB(0)})
        .containsExactly(1, 2, 3, 4);
    assertThat(new double[] {q.bidA(1), q.askA(1), q.bidB(1), q.askB(1)})
        .containsExactly(5, 6, 7, 8);
    assertThat(q.timestamp(1)).isEqualTo(1_700_000_001_000_000L);
  }

  @Test
  void acceptsIsoTimestampsWithFractionsOffsetsAndNoZone() throws IOException {
    Quotes q =
        parse(
            HEADER
                + "2014-05-01T05:00:02.5Z,1,1,1,1\n"
                + "2014-05-01T07:00:03.123456+02:00,1,1,1,1\n"
                + "2014-05-01T05:00:04+00:00,1,1,1,1\n"
                + "2014-05-01T05:00:05,1,1,1,1\n");

    assertThat(q.timestamp(0)).isEqualTo(micros("2014-05-01T05:00:02.500Z"));
    assertThat(q.timestamp(1)).isEqualTo(micros("2014-05-01T05:00:03.123456Z"));
    assertThat(q.timestamp(2)).isEqualTo(micros("2014-05-01T05:00:04Z"));
    assertThat(q.timestamp(3)).isEqualTo(micros("2014-05-01T05:00:05Z"));
  }

  @Test
  void keepsNonPositiveAndCrossedPricesForTheBacktestToSkip() throws IOException {
    Quotes q = parse(HEADER + "1700000000000,0,-1,3,2\n");

    assertThat(q.bidA(0)).isZero();
    assertThat(q.askA(0)).isEqualTo(-1);
    assertThat(q.bidB(0)).isGreaterThan(q.askB(0));
  }

  @Test
  void malformedPriceNamesFileLineAndColumn() {
    assertThatThrownBy(() -> parse(HEADER + "1700000000000,1,1,1,1\n1700000001000,1,abc,1,1\n"))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessage("q.csv, line 3, column best_ask_a: expected a price, got \"abc\"")
        .satisfies(
            e -> {
              QuotesFormatException q = (QuotesFormatException) e;
              assertThat(q.line()).isEqualTo(3);
              assertThat(q.column()).isEqualTo("best_ask_a");
            });
  }

  @Test
  void refusesNanInfinityAndEmptyPrices() {
    assertThatThrownBy(() -> parse(HEADER + "1700000000000,NaN,1,1,1\n"))
        .hasMessageContaining("line 2, column best_bid_a: expected a price, got \"NaN\"");
    assertThatThrownBy(() -> parse(HEADER + "1700000000000,1,Infinity,1,1\n"))
        .hasMessageContaining("column best_ask_a");
    assertThatThrownBy(() -> parse(HEADER + "1700000000000,1,1,,1\n"))
        .hasMessageContaining("line 2, column best_bid_b: empty, expected a price");
    assertThatThrownBy(() -> parse(HEADER + "1700000000000,1,1,1,1e999\n"))
        .hasMessageContaining("column best_ask_b");
  }

  @Test
  void epochIntegersAreReadByMagnitudeAndKeptInMicroseconds() throws IOException {
    long micros = 1_700_000_000_123_456L;
    assertThat(parse(HEADER + "1700000000,1,1,1,1\n").timestamp(0))
        .isEqualTo(1_700_000_000_000_000L);
    assertThat(parse(HEADER + "1700000000123,1,1,1,1\n").timestamp(0))
        .isEqualTo(1_700_000_000_123_000L);
    assertThat(parse(HEADER + "1700000000123456,1,1,1,1\n").timestamp(0)).isEqualTo(micros);
    assertThat(parse(HEADER + "1700000000123456789,1,1,1,1\n").timestamp(0)).isEqualTo(micros);
    assertThat(parse(HEADER + "1700000000123456999,1,1,1,1\n").timestamp(0)).isEqualTo(micros);
  }

  @Test
  void theMagnitudeRangesStartAtTheirDocumentedBounds() throws IOException {
    // s [1e8, 1e11), ms [1e11, 1e14), us [1e14, 1e17), ns [1e17, 2^63): each from 1973-03-03.
    long first = 100_000_000_000_000L; // 1973-03-03T09:46:40Z in microseconds
    assertThat(parse(HEADER + "100000000,1,1,1,1\n").timestamp(0)).isEqualTo(first);
    assertThat(parse(HEADER + "99999999999,1,1,1,1\n").timestamp(0))
        .isEqualTo(99_999_999_999_000_000L);
    assertThat(parse(HEADER + "100000000000,1,1,1,1\n").timestamp(0)).isEqualTo(first);
    assertThat(parse(HEADER + "99999999999999,1,1,1,1\n").timestamp(0))
        .isEqualTo(99_999_999_999_999_000L);
    assertThat(parse(HEADER + "100000000000000,1,1,1,1\n").timestamp(0)).isEqualTo(first);
    assertThat(parse(HEADER + "99999999999999999,1,1,1,1\n").timestamp(0))
        .isEqualTo(99_999_999_999_999_999L);
    assertThat(parse(HEADER + "100000000000000000,1,1,1,1\n").timestamp(0)).isEqualTo(first);
    assertThat(parse(HEADER + "9223372036854775807,1,1,1,1\n").timestamp(0))
        .isEqualTo(9_223_372_036_854_775L);
    assertThat(EpochUnit.instant(first)).isEqualTo(Instant.parse("1973-03-03T09:46:40Z"));
  }

  @Test
  void epochIntegersBelowTheRangesOrBeyondALongAreRefused() {
    assertThatThrownBy(() -> parse(HEADER + "99999999,1,1,1,1\n"))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageStartingWith("q.csv, line 2, column timestamp: 99999999 is below 10^8")
        .hasMessageContaining("set time_unit");
    assertThatThrownBy(() -> parse(HEADER + "9223372036854775808,1,1,1,1\n"))
        .hasMessageStartingWith(
            "q.csv, line 2, column timestamp: \"9223372036854775808\" is out of range");
    assertThatThrownBy(() -> parse(HEADER + "123456789012345678901234,1,1,1,1\n"))
        .hasMessageContaining("line 2, column timestamp: \"123456789012345678901234\" is out");
  }

  @Test
  void aRowInAnotherUnitThanTheFirstIsAnErrorNamingItsLine() {
    assertThatThrownBy(
            () ->
                parse(
                    HEADER
                        + "1700000000000000,1,1,1,1\n"
                        + "1700000000500000,1,1,1,1\n"
                        + "1700000001000,1,1,1,1\n"))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessage(
            "q.csv, line 4, column timestamp: 1700000001000 is epoch milliseconds by its"
                + " magnitude, but the file's first timestamp (line 2) is epoch microseconds;"
                + " every row must use the same unit (or set time_unit to read all in one)");
    assertThatThrownBy(
            () -> parse(HEADER + "1640995200000,1,1,1,1\n1640995200,1,1,1,1\n1640995201,1,1,1,1\n"))
        .hasMessageStartingWith(
            "q.csv, line 3, column timestamp: 1640995200 is epoch seconds by its magnitude");
  }

  @Test
  void isoRowsMayMixWithEpochRowsOfOneUnit() throws IOException {
    Quotes q =
        parse(
            HEADER
                + "2023-11-14T22:13:20Z,1,1,1,1\n"
                + "1700000000500000,1,1,1,1\n"
                + "2023-11-14T22:13:20.750Z,1,1,1,1\n");

    assertThat(q.timestamp(1)).isEqualTo(1_700_000_000_500_000L);
    assertThat(q.timestamp(2)).isEqualTo(1_700_000_000_750_000L);
  }

  @Test
  void aGivenTimeUnitReadsEveryIntegerInItWhateverItsMagnitude() throws IOException {
    String csv = HEADER + "1000,1,1,1,1\n1700000000,1,1,1,1\n2023-11-14T22:13:21Z,1,1,1,1\n";

    Quotes seconds = parse(csv, EpochUnit.SECONDS);

    assertThat(seconds.timestamp(0)).isEqualTo(1_000_000_000L);
    assertThat(seconds.timestamp(1)).isEqualTo(1_700_000_000_000_000L);
    assertThat(seconds.timestamp(2)).isEqualTo(1_700_000_001_000_000L);
    assertThat(parse(HEADER + "1700000000123,1,1,1,1\n", EpochUnit.MICROSECONDS).timestamp(0))
        .isEqualTo(1_700_000_000_123L);
    assertThat(parse(HEADER + "1700000000123,1,1,1,1\n", EpochUnit.NANOSECONDS).timestamp(0))
        .isEqualTo(1_700_000_000L);
    assertThat(parse(HEADER + "17,1,1,1,1\n", EpochUnit.MILLISECONDS).timestamp(0))
        .isEqualTo(17_000L);
  }

  @Test
  void aGivenTimeUnitThatOverflowsMicrosecondsIsAnError() {
    assertThatThrownBy(() -> parse(HEADER + "1700000000000000,1,1,1,1\n", EpochUnit.SECONDS))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessage(
            "q.csv, line 2, column timestamp: \"1700000000000000\" as epoch seconds is out of"
                + " range: time is kept in epoch microseconds, which reach the year 294,247");
  }

  @Test
  void isoFractionsBeyondTheMicrosecondAreTruncated() throws IOException {
    Quotes q =
        parse(
            HEADER
                + "2014-05-01T05:00:02.123456789Z,1,1,1,1\n"
                + "2014-05-01T07:00:02.999999999+02:00,1,1,1,1\n"
                + "2014-05-01T05:00:03.0000009Z,1,1,1,1\n");

    assertThat(q.timestamp(0)).isEqualTo(micros("2014-05-01T05:00:02.123456Z"));
    assertThat(q.timestamp(1)).isEqualTo(micros("2014-05-01T05:00:02.999999Z"));
    assertThat(q.timestamp(2)).isEqualTo(micros("2014-05-01T05:00:03Z"));
  }

  @Test
  void byteOrderMarkBeforeTheTimestampColumnIsIgnored() throws IOException {
    Quotes q = parse("\uFEFF" + HEADER + "1700000000000,1,2,3,4\n");

    assertThat(q.size()).isEqualTo(1);
    assertThat(q.timestamp(0)).isEqualTo(1_700_000_000_000_000L);
  }

  @Test
  void pricesOfSeventeenAndEighteenDigitsParseExactlyAsDoubleParseDouble() throws IOException {
    // Beyond 2^53 the digits are no longer an exact double; dividing them would round twice.
    List<String> prices =
        new java.util.ArrayList<>(List.of("6349.8889721400388", "1.82693931383598227"));
    java.util.Random random = new java.util.Random(17);
    for (int i = 0; i < 500; i++) {
      int digits = 17 + random.nextInt(2);
      StringBuilder d = new StringBuilder().append((char) ('1' + random.nextInt(9)));
      for (int k = 1; k < digits; k++) {
        d.append((char) ('0' + random.nextInt(10)));
      }
      int fraction = random.nextInt(digits);
      prices.add(
          fraction == 0
              ? d.toString()
              : d.substring(0, digits - fraction) + "." + d.substring(digits - fraction));
    }
    StringBuilder csv = new StringBuilder(HEADER);
    for (String p : prices) {
      csv.append("1700000000000,").append(p).append(",1,1,1\n");
    }

    Quotes q = parse(csv.toString());

    for (int i = 0; i < prices.size(); i++) {
      assertThat(q.bidA(i)).as(prices.get(i)).isEqualTo(Double.parseDouble(prices.get(i)));
    }
  }

  @Test
  void malformedTimestampNamesLineAndColumn() {
    assertThatThrownBy(() -> parse(HEADER + "2014-05-01 05:00:02,1,1,1,1\n"))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageStartingWith("q.csv, line 2, column timestamp: expected an ISO-8601 timestamp");
    assertThatThrownBy(() -> parse(HEADER + "2014-02-30T00:00:00Z,1,1,1,1\n"))
        .hasMessageContaining("line 2, column timestamp");
  }

  @Test
  void shortRowNamesTheFieldCount() {
    assertThatThrownBy(() -> parse(HEADER + "1700000000000,1,1,1,1\n1700000001000,1,1\n"))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessage("q.csv, line 3: the row has 3 fields, but the header has 5");
  }

  @Test
  void rowWithAnUnquotedThousandsSeparatorIsAnErrorNamingTheLineAndTheCounts() {
    assertThatThrownBy(
            () ->
                parse(
                    HEADER
                        + "2022-12-13T00:01:00Z,17207.5,17207.6,17210,17210.5\n"
                        + "2022-12-13T00:02:00Z,17,207.5,17207.6,17210,17210.5\n"))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageStartingWith("q.csv, line 3: the row has 6 fields, but the header has 5")
        .hasMessageContaining("17,207.5")
        .hasMessageContaining("write prices with a decimal point and no separators")
        .satisfies(e -> assertThat(((QuotesFormatException) e).line()).isEqualTo(3));
  }

  @Test
  void theHintOfTheFieldCountErrorSuggestsNoQuotingForTheLoaderRefusesAQuotedSeparator() {
    // quoting keeps the field count but the price is still refused: the hint must not suggest it
    assertThatThrownBy(() -> parse(HEADER + "2022-12-13T00:02:00Z,\"17,207.5\",17207.6,17210,1\n"))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageContaining("best_bid_a");
    assertThatThrownBy(() -> parse(HEADER + "2022-12-13T00:02:00Z,17,207.5,17207.6,17210,1\n"))
        .message()
        .doesNotContain("quoted");
  }

  @Test
  void rowWithDecimalCommasIsAnError() {
    assertThatThrownBy(() -> parse(HEADER + "1700000000000,1,38727,1,38729,1,38724,1,38736\n"))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageStartingWith("q.csv, line 2: the row has 9 fields, but the header has 5");
  }

  @Test
  void rowMissingAnExtraColumnOfTheHeaderIsAnError() {
    String header = "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b,note\n";
    assertThatThrownBy(() -> parse(header + "1700000000000,1,2,3,4,x\n1700000001000,1,2,3,4\n"))
        .hasMessage("q.csv, line 3: the row has 5 fields, but the header has 6");
    assertThatThrownBy(() -> parse(header + "1700000000000,1,2,3,4,x,\n"))
        .hasMessageStartingWith("q.csv, line 2: the row has 7 fields, but the header has 6");
  }

  @Test
  void quotedCommasCountAsOneFieldAndExtraHeaderColumnsStayFine() throws IOException {
    Quotes q =
        parse(
            "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b,note,venue\n"
                + "1700000000000,1,2,3,4,\"a, b, \"\"c\"\"\",x\n"
                + "1700000001000,\"5\",6,7,8,,\"y,z\"\n");

    assertThat(q.size()).isEqualTo(2);
    assertThat(q.askB(1)).isEqualTo(8);
  }

  @Test
  void missingColumnListsWhatTheHeaderHas() {
    assertThatThrownBy(() -> parse("timestamp,best_bid_a,best_ask_a,best_bid_b\n1,1,1,1\n"))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("lacks best_ask_b")
        .hasMessageContaining("found: timestamp,best_bid_a,best_ask_a,best_bid_b");
  }

  @Test
  void rowsOutOfTimeOrderAreAnError() {
    assertThatThrownBy(() -> parse(HEADER + "1700000002000,1,1,1,1\n1700000001000,1,1,1,1\n"))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageContaining("line 3, column timestamp: rows must be in time order")
        .hasMessageContaining("line 2");
  }

  @Test
  void equalTimestampsAreAllowed() throws IOException {
    assertThat(parse(HEADER + "1700000001000,1,1,1,1\n1700000001000,2,2,2,2\n").size())
        .isEqualTo(2);
  }

  @Test
  void emptyFileAndHeaderOnlyAreErrors() {
    assertThatThrownBy(() -> parse("")).hasMessageContaining("empty file");
    assertThatThrownBy(() -> parse(HEADER + "\n\n")).hasMessageContaining("no quote rows");
  }

  @Test
  void unterminatedQuoteIsAnError() {
    assertThatThrownBy(() -> parse(HEADER + "\"1,1,1,1,1\n"))
        .hasMessageContaining("line 2, column timestamp: unterminated quoted field");
  }

  @Test
  void readsGzipByContentWhateverTheName() throws IOException {
    String csv = HEADER + "1700000001000,1,2,3,4\n1700000002000,5,6,7,8\n";
    Path plain = dir.resolve("q.csv");
    Path gz = dir.resolve("q.data");
    Files.writeString(plain, csv);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(csv.getBytes(StandardCharsets.UTF_8));
    }
    Files.write(gz, bytes.toByteArray());

    assertThat(QuotesLoader.load(gz)).isEqualTo(QuotesLoader.load(plain));
  }

  @Test
  void truncatedGzipIsAFormatError() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write((HEADER + "1700000001000,1,2,3,4\n".repeat(1000)).getBytes(StandardCharsets.UTF_8));
    }
    byte[] all = bytes.toByteArray();
    Path gz = dir.resolve("cut.csv.gz");
    Files.write(gz, java.util.Arrays.copyOf(all, all.length / 2));

    assertThatThrownBy(() -> QuotesLoader.load(gz))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageContaining("cut.csv.gz")
        .hasMessageContaining("gzip");
  }

  /** A named pipe at {@code name} that a daemon thread fills with {@code bytes} once. */
  private Path pipeOf(String name, byte[] bytes) throws Exception {
    Path pipe = dir.resolve(name);
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    Thread writer =
        new Thread(
            () -> {
              try {
                Files.write(pipe, bytes);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    writer.setDaemon(true);
    writer.start();
    return pipe;
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void aNamedPipeIsReadAsAStream() throws Exception {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 20_000; i++) { // more than a pipe's and a buffer's 64 KiB
      csv.append(1_700_000_000_000L + i).append(",1.5,1.6,1.7,1.8\n");
    }
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    Path plain = Files.write(dir.resolve("q.csv"), bytes);

    Quotes fromPipe = QuotesLoader.load(pipeOf("q.fifo", bytes));

    assertThat(fromPipe).isEqualTo(QuotesLoader.load(plain));
    assertThat(fromPipe.size()).isEqualTo(20_000);
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void aGzipFileThroughANamedPipeIsRead() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write((HEADER + "1700000001000,1,2,3,4\n").getBytes(StandardCharsets.UTF_8));
    }

    assertThat(QuotesLoader.load(pipeOf("q.csv.gz", bytes.toByteArray())).size()).isEqualTo(1);
  }

  @Test
  void everyGzipMemberIsReadFromAStreamThatHasNothingAvailableYet() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    GZIPOutputStream first = new GZIPOutputStream(bytes);
    first.write((HEADER + "1700000001000,1,2,3,4\n").getBytes(StandardCharsets.UTF_8));
    first.finish();
    GZIPOutputStream second = new GZIPOutputStream(bytes);
    second.write("1700000002000,5,6,7,8\n".getBytes(StandardCharsets.UTF_8));
    second.finish();
    byte[] all = bytes.toByteArray();
    // A pipe between two writes: available() is 0 (or, on a file channel, fails) though more
    // data will come; and it hands out at most 100 bytes a read.
    java.io.InputStream pipeLike =
        new java.io.FilterInputStream(new ByteArrayInputStream(all)) {
          @Override
          public int available() throws IOException {
            throw new IOException("Illegal seek");
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 100));
          }
        };

    Quotes q = QuotesLoader.load(pipeLike, "q.csv.gz", 0);

    assertThat(q.size()).isEqualTo(2);
    assertThat(q.askB(1)).isEqualTo(8);
  }

  @Test
  void missingFileIsNoSuchFile() {
    assertThatThrownBy(() -> QuotesLoader.load(dir.resolve("nope.csv")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void linesLongerThanTheBufferAreRead() throws IOException {
    String wide = "x".repeat(3 << 20);
    Quotes q =
        parse(
            "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b,note\n"
                + "1700000001000,1,2,3,4,"
                + wide
                + "\n1700000002000,1,2,3,4,y\n");

    assertThat(q.size()).isEqualTo(2);
  }

  @Test
  void realEurUsdMonthGzipHasTheDocumentedRowsAndMatchesTheSample() throws IOException {
    Quotes month = QuotesLoader.load(TestQuotes.EURUSD_MONTH_GZ);
    Quotes day = QuotesLoader.load(TestQuotes.EURUSD_SAMPLE);

    assertThat(month.size()).isEqualTo(325_660);
    assertThat(day.size()).isEqualTo(29_575);
    int from = month.firstIndexAtOrAfter(Instant.parse("2014-05-06T00:00:00Z"));
    assertThat(month.timestamp(from)).isEqualTo(day.timestamp(0));
    for (int i = 0; i < day.size(); i += 997) {
      assertThat(month.askB(from + i)).isEqualTo(day.askB(i));
      assertThat(month.bidA(from + i)).isEqualTo(day.bidA(i));
    }
  }

  @Test
  void realBtcFileHasGapsOfUpToNineteenMinutes() throws IOException {
    Quotes q = QuotesLoader.load(TestQuotes.BTC);
    long maxGap = 0;
    for (int i = 1; i < q.size(); i++) {
      maxGap = Math.max(maxGap, q.timestamp(i) - q.timestamp(i - 1));
    }

    assertThat(q.size()).isEqualTo(398);
    assertThat(maxGap).isEqualTo(19 * 60_000_000L);
  }

  /** Values of two decimals (as the old generator drew them) and of all 53 bits. */
  static Stream<Arguments> parsesDecimalsExactlyAsDoubleParseDouble() {
    return Tries.of(500, Gen.oneOf(Gen.decimals(0, 1e7, 2), Gen.doubles(0, 1e7)), Gen.ints());
  }

  @PropertyTest
  @MethodSource
  void parsesDecimalsExactlyAsDoubleParseDouble(double value, int digits) throws IOException {
    int places = Math.floorMod(digits, 12);
    String text =
        new java.math.BigDecimal(value)
            .setScale(places, java.math.RoundingMode.DOWN)
            .toPlainString();

    Quotes q = parse(HEADER + "1700000000000," + text + ",-" + text + ",1,1\n");

    assertThat(q.bidA(0)).isEqualTo(Double.parseDouble(text));
    assertThat(q.askA(0)).isEqualTo(-Double.parseDouble(text));
  }

  static Stream<Arguments> parsesTimestampsExactlyAsInstantParse() {
    return Tries.of(300, Gen.longs(100_000_000_000L, 9_000_000_000_000L));
  }

  @PropertyTest
  @MethodSource
  void parsesTimestampsExactlyAsInstantParse(long millis) throws IOException {
    Instant t = Instant.ofEpochMilli(millis);
    String iso = t.toString();

    Quotes q = parse(HEADER + iso + ",1,1,1,1\n" + millis + ",1,1,1,1\n");

    assertThat(List.of(q.timestamp(0), q.timestamp(1))).containsOnly(millis * 1000);
  }

  static Stream<Arguments> parsesMicrosecondTimestampsExactlyAsInstantParse() {
    return Tries.of(300, Gen.longs(100_000_000_000_000L, 9_000_000_000_000_000L));
  }

  @PropertyTest
  @MethodSource
  void parsesMicrosecondTimestampsExactlyAsInstantParse(long micros) throws IOException {
    String iso = EpochUnit.instant(micros).toString();

    Quotes q = parse(HEADER + iso + ",1,1,1,1\n" + micros + ",1,1,1,1\n");

    assertThat(List.of(q.timestamp(0), q.timestamp(1))).containsOnly(micros);
    assertThat(micros(iso)).isEqualTo(micros);
  }
}
