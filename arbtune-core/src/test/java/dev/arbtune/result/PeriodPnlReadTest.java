package dev.arbtune.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Reading {@code period_pnl} for insights ({@link ResultReader#read(byte[], int, int, boolean)}):
 * both paths (the fast one and Jackson's) give the same {@link BlockPnl}, values become exact
 * micro-dollars, an unusable object never makes the document an error, and nothing is read unless
 * asked for.
 */
class PeriodPnlReadTest {

  private static final ResultReader READER = new ResultReader();

  private static final String STARTS =
      "[\"2014-05-01T05:00:00Z\", \"2014-05-01T06:00:00Z\", \"2014-05-01T07:00:00Z\"]";

  private static String doc(String periodPnl) {
    return "{\"status\": \"success\", \"config\": {\"a\": 1},"
        + " \"metrics\": {\"realized_pnl_usd\": 9.5, \"total_trades\": 3},"
        + " \"config_summary\": {\"job_id\": \"j1\"}, \"period_pnl\": "
        + periodPnl
        + "}";
  }

  private static String periodPnl(String pnl) {
    return "{\"block_starts\": "
        + STARTS
        + ", \"end\": \"2014-05-01T07:59:59Z\", \"pnl_usd\": "
        + pnl
        + ", \"trades\": [1, 1, 1]}";
  }

  /**
   * Reads {@code json} with period_pnl by both paths (the fast path must accept it unless {@code
   * jacksonOnly}) and checks that they agree and that the rest of the document is as without it.
   */
  private static BlockPnl read(String json, boolean jacksonOnly) throws ResultFormatException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    ResultDocument jackson = ResultReader.readWithJackson(b, 0, b.length, true);
    ResultDocument fast = PlainDocumentParser.parse(b, 0, b.length, true);
    if (jacksonOnly) {
      assertThat(fast).as("fast path declines %s", json).isNull();
    } else {
      assertThat(fast).as("fast path accepts %s", json).isNotNull();
      assertThat(fast).isEqualTo(jackson);
      assertThat(fast.periodPnl()).isEqualTo(jackson.periodPnl());
    }
    ResultDocument read = READER.read(b, 0, b.length, true);
    assertThat(read).isEqualTo(jackson);
    assertThat(read.isSuccess()).isTrue();
    ResultDocument without = READER.read(b);
    assertThat(without.periodPnl()).isNull();
    assertThat(
            new ResultDocument(
                read.status(),
                read.declaredJobId(),
                read.config(),
                read.metrics(),
                read.error(),
                read.summaryDocument()))
        .isEqualTo(without);
    return read.periodPnl();
  }

  private static BlockPnl read(String json) throws ResultFormatException {
    return read(json, false);
  }

  @Test
  void readsBoundariesAsTextAndPnlAsExactMicroDollars() throws ResultFormatException {
    BlockPnl p = read(doc(periodPnl("[12.5, -3.0, 0]")));
    assertThat(p.usable()).isTrue();
    assertThat(p.blocks()).isEqualTo(3);
    assertThat(p.boundaries())
        .isEqualTo(
            "2014-05-01T05:00:00Z\n2014-05-01T06:00:00Z\n2014-05-01T07:00:00Z\n"
                + "2014-05-01T07:59:59Z");
    assertThat(p.firstBlockStart()).isEqualTo("2014-05-01T05:00:00Z");
    assertThat(p.micros()).containsExactly(12_500_000L, -3_000_000L, 0L);
  }

  @Test
  void roundsBeyondSixDecimalsHalfEvenAndReadsExponentsExactly() throws ResultFormatException {
    BlockPnl p = read(doc(periodPnl("[0.1234565, 0.1234575, -0.0000005]")));
    assertThat(p.micros()).containsExactly(123_456L, 123_458L, 0L);
    p = read(doc(periodPnl("[1.5E2, 1e-6, -2.5e-1]")));
    assertThat(p.micros()).containsExactly(150_000_000L, 1L, -250_000L);
    p = read(doc(periodPnl("[123456789012.123456, -0.0, 1234567890123]")));
    assertThat(p.micros())
        .containsExactly(123_456_789_012_123_456L, 0L, 1_234_567_890_123_000_000L);
    p = read(doc(periodPnl("[0.1, 0.01, 100.000001]")));
    assertThat(p.micros()).containsExactly(100_000L, 10_000L, 100_000_001L);
  }

  @Test
  void valuesBeyondALongSaturateAndTinyOnesAreZero() throws ResultFormatException {
    BlockPnl p = read(doc(periodPnl("[1e999999999, -1e30, 1e-999999999]")));
    assertThat(p.micros()).containsExactly(Long.MAX_VALUE, Long.MIN_VALUE, 0L);
    assertThat(BlockPnl.micros(new BigDecimal("9223372036854.775807"))).isEqualTo(Long.MAX_VALUE);
    assertThat(BlockPnl.micros(new BigDecimal("9223372036854.775808"))).isEqualTo(Long.MAX_VALUE);
    assertThat(BlockPnl.micros(new BigDecimal("-9223372036854.775807"))).isEqualTo(-Long.MAX_VALUE);
    assertThat(BlockPnl.micros(new BigDecimal("0.0000005"))).isZero();
    assertThat(BlockPnl.micros(new BigDecimal("0.0000015"))).isEqualTo(2);
  }

  @Test
  void escapedTextIsReadByJacksonAsTheSameTimestamps() throws ResultFormatException {
    String escaped =
        periodPnl("[1, 2, 3]")
            .replace("\"2014-05-01T05:00:00Z\"", "\"2014-05-01T05:00:00\\u005a\"");
    BlockPnl p = read(doc(escaped), true);
    assertThat(p).isEqualTo(read(doc(periodPnl("[1, 2, 3]"))));
  }

  @Test
  void theLastRepeatedKeyCounts() throws ResultFormatException {
    BlockPnl p =
        read(
            doc(
                "{\"pnl_usd\": \"x\", \"block_starts\": 5, \"block_starts\": "
                    + STARTS
                    + ", \"end\": 1, \"end\": \"E\", \"pnl_usd\": [1, 2, 3]}"));
    assertThat(p.usable()).isTrue();
    assertThat(p.micros()).containsExactly(1_000_000L, 2_000_000L, 3_000_000L);
    assertThat(p.boundaries()).endsWith("\nE");
    // A repeated period_pnl: the fast path leaves it to Jackson, where the last one counts.
    BlockPnl last =
        read(
            "{\"status\": \"success\", \"period_pnl\": 7, \"period_pnl\": "
                + periodPnl("[4, 5, 6]")
                + "}",
            true);
    assertThat(last.micros()).containsExactly(4_000_000L, 5_000_000L, 6_000_000L);
  }

  @Test
  void anUnusablePeriodPnlLeavesTheJobASuccessAndSaysWhy() throws ResultFormatException {
    assertUnusable("[1, 2, 3]", "\"period_pnl\" is not an object");
    assertUnusable("null", "\"period_pnl\" is not an object");
    assertUnusable("\"x\"", "\"period_pnl\" is not an object");
    assertUnusable("{}", "\"period_pnl\" has no \"block_starts\"");
    assertUnusable(
        "{\"block_starts\": \"a\", \"end\": \"e\", \"pnl_usd\": [1]}",
        "\"period_pnl.block_starts\" is not an array of timestamp strings");
    assertUnusable(
        "{\"block_starts\": [\"a\", 2], \"end\": \"e\", \"pnl_usd\": [1, 2]}",
        "\"period_pnl.block_starts\" is not an array of timestamp strings");
    assertUnusable(
        "{\"block_starts\": [\"a\"], \"end\": \"e\", \"pnl_usd\": [1]}",
        "\"period_pnl\" has 1 blocks; 2 to 64 are read");
    assertUnusable(
        "{\"block_starts\": " + STARTS + ", \"pnl_usd\": [1, 2, 3]}",
        "\"period_pnl\" has no \"end\"");
    assertUnusable(
        "{\"block_starts\": " + STARTS + ", \"end\": [\"e\"], \"pnl_usd\": [1, 2, 3]}",
        "\"period_pnl.end\" is not a timestamp string");
    assertUnusable(
        "{\"block_starts\": " + STARTS + ", \"end\": \"e\"}", "\"period_pnl\" has no \"pnl_usd\"");
    assertUnusable(periodPnl("[1, \"2\", 3]"), "\"period_pnl.pnl_usd\" is not an array of numbers");
    assertUnusable(periodPnl("[1, null, 3]"), "\"period_pnl.pnl_usd\" is not an array of numbers");
    assertUnusable(periodPnl("{\"a\": 1}"), "\"period_pnl.pnl_usd\" is not an array of numbers");
    assertUnusable(periodPnl("[1, 2]"), "\"period_pnl.pnl_usd\" has 2 values for 3 blocks");
    assertUnusable(periodPnl("[1, 2, 3, 4]"), "\"period_pnl.pnl_usd\" has 4 values for 3 blocks");
    StringBuilder many = new StringBuilder("{\"block_starts\": [");
    StringBuilder pnl = new StringBuilder("[");
    for (int k = 0; k < 65; k++) {
      many.append(k == 0 ? "\"" : ", \"").append(k).append('"');
      pnl.append(k == 0 ? "" : ", ").append(k);
    }
    assertUnusable(
        many + "], \"end\": \"e\", \"pnl_usd\": " + pnl + "]}",
        "\"period_pnl\" has 65 blocks; 2 to 64 are read");
  }

  @Test
  void controlCharactersAndNonNumbersOnlyJacksonReadsAreUnusableToo() throws ResultFormatException {
    BlockPnl p =
        read(
            doc(periodPnl("[1, 2, 3]").replace("\"2014-05-01T05:00:00Z\"", "\"2014-05-01\\n\"")),
            true);
    assertThat(p.problem())
        .isEqualTo("\"period_pnl.block_starts\" is not an array of timestamp strings");
    p = read(doc(periodPnl("[1, NaN, 3]")), true);
    assertThat(p.problem()).isEqualTo("\"period_pnl.pnl_usd\" is not an array of numbers");
    p = read(doc(periodPnl("[1, 1e9999999999, 3]")), true);
    assertThat(p.problem()).isEqualTo("\"period_pnl.pnl_usd\" is not an array of numbers");
  }

  private static void assertUnusable(String periodPnl, String problem)
      throws ResultFormatException {
    BlockPnl p = read(doc(periodPnl));
    assertThat(p.usable()).as(periodPnl).isFalse();
    assertThat(p.problem()).as(periodPnl).isEqualTo(problem);
    assertThat(p.blocks()).isZero();
  }

  @Test
  void notReadUnlessAskedForAndAbsentReadsAsNull() throws ResultFormatException {
    byte[] b = doc(periodPnl("[1, 2, 3]")).getBytes(StandardCharsets.UTF_8);
    assertThat(READER.read(b).periodPnl()).isNull();
    assertThat(PlainDocumentParser.parse(b, 0, b.length).periodPnl()).isNull();
    assertThat(ResultReader.readWithJackson(b, 0, b.length).periodPnl()).isNull();
    byte[] none = PlainDocumentParserTest.SAMPLE.getBytes(StandardCharsets.UTF_8);
    assertThat(READER.read(none, 0, none.length, true).periodPnl()).isNull();
    assertThat(ResultReader.readWithJackson(none, 0, none.length, true).periodPnl()).isNull();
  }

  @Test
  void anErrorDocumentStaysAnErrorOfTheSameKindWhateverItsPeriodPnl() {
    String json = "{\"status\": \"success\", \"period_pnl\": " + periodPnl("[1, 2, 3") + "}";
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    PlainDocumentParserTest.Outcome with =
        PlainDocumentParserTest.outcome(() -> READER.read(b, 0, b.length, true));
    PlainDocumentParserTest.Outcome without = PlainDocumentParserTest.outcome(() -> READER.read(b));
    assertThat(with.failure()).isNotNull().isEqualTo(without.failure());
  }
}
