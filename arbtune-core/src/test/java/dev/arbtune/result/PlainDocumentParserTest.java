package dev.arbtune.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds {@link PlainDocumentParser} to its promise: whatever it accepts reads exactly as {@link
 * ResultReader#readWithJackson} reads it (same values, same classes, same key order, same decimal
 * scales), it accepts the documents arbtune writes, and whatever it declines reads through {@link
 * ResultReader#read} exactly as Jackson alone reads it, errors included. The same holds when {@code
 * period_pnl} is read (for insights), and reading it changes nothing else: the same outcome, the
 * same document but for {@link ResultDocument#periodPnl()}.
 */
class PlainDocumentParserTest {

  private static final ResultReader READER = new ResultReader();

  static final String SAMPLE =
      """
      {
        "status": "success",
        "config": {
          "data_file": "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv",
          "min_spread_bps": 20.0,
          "max_open_trades": 2,
          "stop_on_drawdown_pct": null,
          "tag": "sess027"
        },
        "metrics": {
          "total_trades": 12,
          "realized_pnl_usd": 33.69,
          "max_drawdown_pct": 5.11,
          "win_rate": 0.789,
          "runtime_seconds": 0.125
        },
        "config_summary": {
          "job_id": "sess027_0222"
        }
      }
      """;

  // ---------------------------------------------------------------------------------------------
  // Comparison helpers (also used by FlatJsonObjectTest)

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** What a read gave: a document, or a description of its failure. */
  record Outcome(ResultDocument document, String failure) {}

  interface Read {
    ResultDocument read() throws ResultFormatException;
  }

  static Outcome outcome(Read read) {
    try {
      return new Outcome(read.read(), null);
    } catch (ResultFormatException e) {
      return new Outcome(
          null, e.kind() + " at " + e.line() + ":" + e.column() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      return new Outcome(null, "unexpected " + e);
    }
  }

  /**
   * Checks the promise for {@code length} bytes of {@code bytes} from {@code offset}: when the fast
   * path accepts them, Jackson reads the same document; and {@link ResultReader#read} has the same
   * outcome as Jackson alone. Returns whether the fast path accepted.
   */
  static boolean assertReadsLikeJackson(byte[] bytes, int offset, int length) {
    ResultDocument fast = PlainDocumentParser.parse(bytes, offset, length);
    Outcome jackson = outcome(() -> ResultReader.readWithJackson(bytes, offset, length));
    String shown = show(bytes, offset, length);
    if (fast != null) {
      assertThat(jackson.failure()).as("fast path accepted %s, but Jackson failed", shown).isNull();
      assertSameDocument(jackson.document(), fast, shown);
    }
    assertSameOutcome(jackson, outcome(() -> READER.read(bytes, offset, length)), shown);

    ResultDocument fastPnl = PlainDocumentParser.parse(bytes, offset, length, true);
    Outcome jacksonPnl = outcome(() -> ResultReader.readWithJackson(bytes, offset, length, true));
    if (fastPnl != null) {
      assertThat(jacksonPnl.failure())
          .as("fast path accepted %s with period_pnl, but Jackson failed", shown)
          .isNull();
      assertSameDocument(jacksonPnl.document(), fastPnl, shown);
    }
    assertSameOutcome(jacksonPnl, outcome(() -> READER.read(bytes, offset, length, true)), shown);
    assertThat(jacksonPnl.failure())
        .as("failure with period_pnl, %s", shown)
        .isEqualTo(jackson.failure());
    if (jackson.document() != null) {
      ResultDocument d = jacksonPnl.document();
      assertSameDocument(
          jackson.document(),
          new ResultDocument(
              d.status(),
              d.declaredJobId(),
              d.config(),
              d.metrics(),
              d.error(),
              d.summaryDocument()),
          shown);
      assertThat(jackson.document().periodPnl()).isNull();
    }
    return fast != null;
  }

  static boolean assertReadsLikeJackson(byte[] bytes) {
    return assertReadsLikeJackson(bytes, 0, bytes.length);
  }

  static void assertSameOutcome(Outcome expected, Outcome actual, String shown) {
    if (expected.document() != null && actual.document() != null) {
      assertSameDocument(expected.document(), actual.document(), shown);
    } else {
      assertThat(actual.failure()).as("outcome for %s", shown).isEqualTo(expected.failure());
    }
  }

  static void assertSameDocument(ResultDocument expected, ResultDocument actual, String shown) {
    try {
      assertThat(actual.status()).as("status of %s", shown).isEqualTo(expected.status());
      assertThat(actual.declaredJobId())
          .as("declaredJobId of %s", shown)
          .isEqualTo(expected.declaredJobId());
      assertThat(actual.error()).as("error of %s", shown).isEqualTo(expected.error());
      assertThat(actual.summaryDocument())
          .as("summaryDocument of %s", shown)
          .isEqualTo(expected.summaryDocument());
      assertSameMap(expected.config(), actual.config(), "config of " + shown);
      assertSameMap(expected.metrics(), actual.metrics(), "metrics of " + shown);
      assertThat(actual).as("document %s", shown).isEqualTo(expected);
      assertThat(actual.hashCode()).as("hash of %s", shown).isEqualTo(expected.hashCode());
    } catch (RuntimeException e) {
      throw new AssertionError(
          "reading the values of " + shown + " failed; Jackson gave " + expected, e);
    }
  }

  /**
   * Same entries in the same order (by iteration and by {@code get}), values of the same classes,
   * equal maps and hash codes.
   */
  static void assertSameMap(Map<?, ?> expected, Map<?, ?> actual, String path) {
    List<? extends Map.Entry<?, ?>> e = new ArrayList<>(expected.entrySet());
    List<? extends Map.Entry<?, ?>> a = new ArrayList<>(actual.entrySet());
    assertThat(a.stream().map(Map.Entry::getKey).toList())
        .as("keys in order, %s", path)
        .isEqualTo(e.stream().map(Map.Entry::getKey).toList());
    for (int k = 0; k < e.size(); k++) {
      Object key = e.get(k).getKey();
      assertSameValue(e.get(k).getValue(), a.get(k).getValue(), path + " / " + key);
      // By lookup too (another path through FlatJsonObject); compared shallowly, as the entry
      // was compared deeply just above.
      Object got = actual.get(key);
      assertThat(got).as("get(%s), %s", key, path).isEqualTo(expected.get(key));
      assertThat(got == null ? null : got.getClass())
          .as("class of get(%s), %s", key, path)
          .isEqualTo(expected.get(key) == null ? null : expected.get(key).getClass());
      assertThat(actual.containsKey(key)).as("containsKey, %s / %s", path, key).isTrue();
    }
    assertThat(actual.size()).as("size, %s", path).isEqualTo(expected.size());
    assertThat(actual).as(path).isEqualTo(expected);
    assertThat(expected).as(path).isEqualTo(actual);
    assertThat(actual.hashCode()).as("hash, %s", path).isEqualTo(expected.hashCode());
  }

  static void assertSameValue(Object expected, Object actual, String path) {
    if (expected == null || actual == null) {
      assertThat(actual).as(path).isEqualTo(expected);
      return;
    }
    assertThat(actual.getClass()).as("class, %s", path).isEqualTo(expected.getClass());
    if (expected instanceof Map<?, ?> m) {
      assertSameMap(m, (Map<?, ?>) actual, path);
    } else if (expected instanceof List<?> l) {
      List<?> al = (List<?>) actual;
      assertThat(al.size()).as("size, %s", path).isEqualTo(l.size());
      for (int k = 0; k < l.size(); k++) {
        assertSameValue(l.get(k), al.get(k), path + "[" + k + "]");
      }
    } else if (expected instanceof BigDecimal d) {
      assertThat(((BigDecimal) actual).scale()).as("scale, %s", path).isEqualTo(d.scale());
      assertThat(actual.toString()).as(path).isEqualTo(d.toString());
    }
    assertThat(actual).as(path).isEqualTo(expected);
  }

  static String show(byte[] bytes, int offset, int length) {
    StringBuilder sb = new StringBuilder("<");
    for (int k = offset; k < offset + Math.min(length, 400); k++) {
      int c = bytes[k] & 0xFF;
      if (c >= 0x20 && c < 0x7F) {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02X", c));
      }
    }
    return sb.append(length > 400 ? "...(" + length + " bytes)>" : ">").toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Examples: what it accepts

  private static ResultDocument accepted(String json) {
    byte[] b = utf8(json);
    ResultDocument fast = PlainDocumentParser.parse(b, 0, b.length);
    assertThat(fast).as("fast path declined %s", json).isNotNull();
    assertThat(assertReadsLikeJackson(b)).isTrue();
    return fast;
  }

  private static void declined(String json) {
    declined(utf8(json));
  }

  private static void declined(byte[] b) {
    assertThat(PlainDocumentParser.parse(b, 0, b.length))
        .as("fast path accepted %s", show(b, 0, b.length))
        .isNull();
    assertReadsLikeJackson(b);
  }

  /** The sample with {@code target} (which occurs exactly once) replaced. */
  private static String sampleWith(String target, String replacement) {
    int at = SAMPLE.indexOf(target);
    assertThat(at).as("%s in the sample", target).isNotNegative();
    assertThat(SAMPLE.indexOf(target, at + 1)).as("%s once in the sample", target).isNegative();
    return SAMPLE.substring(0, at) + replacement + SAMPLE.substring(at + target.length());
  }

  private static String compact(String pretty) {
    return pretty.replaceAll("\n *", "").replace("\": ", "\":");
  }

  @Test
  void acceptsTheSampleDocumentPrettyAndCompact() {
    ResultDocument pretty = accepted(SAMPLE);
    ResultDocument compact = accepted(compact(SAMPLE));
    assertThat(compact(SAMPLE)).doesNotContain("\n").contains("{\"status\":\"success\",");
    assertThat(compact).isEqualTo(pretty);
    assertThat(pretty.config()).isInstanceOf(FlatJsonObject.class);
    assertThat(pretty.metrics()).isInstanceOf(FlatJsonObject.class);
    assertThat(pretty.config().get("min_spread_bps")).isEqualTo(new BigDecimal("20.0"));
    assertThat(((BigDecimal) pretty.config().get("min_spread_bps")).scale()).isEqualTo(1);
    assertThat(pretty.declaredJobId()).isEqualTo("sess027_0222");
  }

  @Test
  void acceptsTheSampleWithCrLfTabsAndNoTrailingNewline() {
    accepted(SAMPLE.replace("\n", "\r\n"));
    accepted(SAMPLE.replace("  ", "\t"));
    accepted(SAMPLE.strip());
    accepted(" \t\r\n" + SAMPLE + "\n\n \t");
  }

  @Test
  void acceptsAnErrorDocument() {
    ResultDocument doc =
        accepted(
            """
            {
              "status": "error",
              "error": "FileNotFoundError: [Errno 2] No such file or directory: 'data/x.csv'",
              "config": {
                "data_file": "data/x.csv",
                "tag": "sess001"
              },
              "config_summary": {
                "job_id": "sess001_0033"
              }
            }
            """);
    assertThat(doc.error()).startsWith("FileNotFoundError: [Errno 2]");
    assertThat(doc.metrics()).isEmpty();
  }

  @Test
  void acceptsThePythonWrittenTestDocuments() throws IOException {
    for (String name : List.of("sess001_0001.json", "sess001_0033.json")) {
      try (InputStream in = getClass().getResourceAsStream("/python-written/" + name)) {
        byte[] b = Objects.requireNonNull(in, name).readAllBytes();
        assertThat(PlainDocumentParser.parse(b, 0, b.length)).as(name).isNotNull();
        assertThat(assertReadsLikeJackson(b)).isTrue();
      }
    }
  }

  @Test
  void acceptsEmptyObjectsAndUnknownFieldsOfAnyShape() {
    accepted("{}");
    accepted("{\"config\":{},\"metrics\":{}}");
    accepted(
        "{\"engine_version\":\"x\",\"extra\":[1,[2,{}],{\"a\":[]}],\"n\":null,"
            + "\"b\":true,\"f\":false,\"x\":-1.5e-3,\"status\":\"success\"}");
    accepted("{\"error\":5,\"status\":\"\"}");
    accepted("{\"error\":{\"message\":\"m\"}}");
  }

  @Test
  void readsNumbersWithTheClassesAndScalesJacksonGives() {
    ResultDocument doc =
        accepted(
            "{\"config\":{\"a\":-0,\"b\":-0.0,\"c\":0e5,\"d\":1E+2,\"e\":-0e0,\"f\":30.0,"
                + "\"g\":123456789012345678,\"h\":-123456789012345678,\"i\":0.000,\"j\":1e-7,"
                + "\"k\":-30.50,\"l\":0,\"m\":7,\"n\":1.5E-0,\"o\":2e+02}}");
    assertThat(doc.config().get("b")).isEqualTo(-0.0);
    assertThat(doc.config().get("e")).isEqualTo(-0.0);
    assertThat(doc.config().get("f").toString()).isEqualTo("30.0");
    assertThat(doc.config().get("g")).isEqualTo(123456789012345678L);
  }

  @Test
  void acceptsNumbersUpToSixtyFourCharactersAndIntegersUpToEighteenDigits() {
    String decimal64 = "-1." + "2".repeat(61);
    assertThat(decimal64).hasSize(64);
    accepted("{\"metrics\":{\"x\":" + decimal64 + "}}");
    accepted("{\"metrics\":{\"x\":" + "9".repeat(18) + ",\"y\":-" + "9".repeat(18) + "}}");
  }

  @Test
  void acceptsKeysWithEqualHashCodesAndPrintableAscii() {
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    ResultDocument doc = accepted("{\"config\":{\"Aa\":1,\"BB\":2,\"AaBB\":3,\"BBAa\":4}}");
    assertThat(doc.config().get("Aa")).isEqualTo(1L);
    assertThat(doc.config().get("BB")).isEqualTo(2L);
    accepted("{\"config\":{\" !#$%&'()*+,-./:;<=>?@[]^_`{|}~\u007f\":\"\u007f '\"}}");
  }

  @Test
  void readsConfigSummaryJobIdLikeJackson() {
    accepted("{\"config_summary\":{\"job_id\":\"\"}}");
    accepted("{\"config_summary\":{\"job_id\":7}}");
    accepted("{\"config_summary\":{\"job_id\":\"a\",\"job_id\":\"b\"}}");
    accepted("{\"config_summary\":{\"job_id\":\"a\",\"job_id\":null}}");
    accepted("{\"config_summary\":{\"x\":{\"job_id\":\"nested\"},\"y\":[1]}}");
    accepted("{\"config_summary\":{}}");
  }

  @Test
  void readsNestedValuesInConfigLikeJackson() {
    ResultDocument doc =
        accepted(
            "{\"config\":{\"grid\":{\"a\":[1,2.50,{\"c\":null,\"c\":-0.0}],\"d\":\"x\"},"
                + "\"e\":[],\"f\":{},\"g\":[[[[true]]]]}}");
    assertThat(doc.config().get("grid")).isInstanceOf(Map.class);
  }

  // ---------------------------------------------------------------------------------------------
  // Examples: what it declines (and then ResultReader.read gives exactly Jackson's outcome)

  @Test
  void declinesEscapesInAnyString() {
    declined(sampleWith("\"sess027\"", "\"sess\\u0030027\""));
    declined(sampleWith("\"sess027\"", "\"sess\\/027\""));
    declined(sampleWith("\"sess027\"", "\"sess\\\"027\""));
    declined(sampleWith("\"tag\"", "\"t\\u0061g\""));
    declined(sampleWith("\"success\"", "\"succ\\u0065ss\""));
    declined(sampleWith("\"sess027_0222\"", "\"sess027\\n0222\""));
    declined(sampleWith("\"status\"", "\"st\\u0061tus\""));
    declined(sampleWith("\"status\"", "\"x\":\"\\t\",\"status\""));
    declined(sampleWith("\"sess027\"", "\"bad\\escape\""));
  }

  @Test
  void declinesNonAsciiBytesAndControlCharacters() {
    declined(sampleWith("sess027\"", "séss027\""));
    declined(sampleWith("\"tag\"", "\"tä\""));
    declined(sampleWith("\"status\"", "\"€\":1,\"status\""));
    declined(sampleWith("sess027\"", "sess\t027\""));
    declined(sampleWith("sess027\"", "sess\u0001027\""));
    declined(sampleWith("sess027\"", "sess\u001f027\""));
    byte[] invalidUtf8 = utf8(sampleWith("sess027\"", "sessX027\""));
    invalidUtf8[SAMPLE.indexOf("sess027")] = (byte) 0xC3;
    declined(invalidUtf8);
    byte[] loneContinuation = utf8(SAMPLE);
    loneContinuation[SAMPLE.indexOf("sess027")] = (byte) 0x80;
    declined(loneContinuation);
  }

  @Test
  void declinesNonNumericNumbers() {
    for (String n : List.of("NaN", "Infinity", "-Infinity", "+Infinity", "-NaN", "nan")) {
      declined(sampleWith("33.69", n));
    }
  }

  @Test
  void declinesNumbersOutsideTheStrictGrammar() {
    for (String n :
        List.of(
            "01", "-01", "00", "1.", "1.e5", ".5", "-.5", "+1", "1e", "1e+", "1E-", "-", "--1",
            "1..2", "1.5.3", "0x10", "1_000", "2e", "0.0.0")) {
      declined(sampleWith(": 2,", ": " + n + ","));
    }
  }

  @Test
  void declinesIntegersOverEighteenDigitsAndNumbersOverSixtyFourCharacters() {
    declined(sampleWith(": 2,", ": " + "1".repeat(19) + ","));
    declined(sampleWith(": 2,", ": -" + "1".repeat(19) + ","));
    declined(sampleWith(": 2,", ": 9223372036854775808,"));
    declined(sampleWith(": 2,", ": 1." + "0".repeat(63) + ","));
    declined(sampleWith(": 2,", ": " + "1".repeat(1001) + ","));
    declined(sampleWith(": 2,", ": 0." + "1".repeat(1000) + ","));
  }

  @Test
  void declinesSyntaxErrors() {
    declined(sampleWith("\"tag\": \"sess027\"", "\"tag\": \"sess027\","));
    declined(sampleWith("\"job_id\": \"sess027_0222\"", "\"job_id\": \"sess027_0222\","));
    declined(sampleWith("\n}", ",\n}"));
    declined(sampleWith("\"max_open_trades\": 2,", "\"max_open_trades\": 2"));
    declined(sampleWith("\"max_open_trades\": 2,", "\"max_open_trades\" 2,"));
    declined(sampleWith("\"max_open_trades\": 2,", "max_open_trades: 2,"));
    declined(sampleWith("\"max_open_trades\": 2,", "'max_open_trades': 2,"));
    declined(sampleWith("\"sess027\"", "'sess027'"));
    declined(sampleWith("\"max_open_trades\": 2,", "/* c */ \"max_open_trades\": 2,"));
    declined(sampleWith("\"max_open_trades\": 2,", "\"max_open_trades\": 2, // c\n"));
    declined(sampleWith("null", "nul"));
    declined(sampleWith("null", "nulll"));
    declined(sampleWith("null", "None"));
    declined(sampleWith("null", "[1,]"));
    declined(sampleWith("null", "[1 2]"));
    declined(sampleWith("null", "{\"a\" 1}"));
    declined(sampleWith("\"status\"", "\"x\": truex, \"status\""));
    declined(sampleWith("\"status\"", "\"x\": [}, \"status\""));
    declined(sampleWith("\"status\"", "\"x\": \"a\" \"b\", \"status\""));
    declined(sampleWith("\"status\": ", "\"status\"\f: "));
    declined(sampleWith("\"status\": ", "\"status\":\u000b "));
  }

  @Test
  void declinesRepeatedKeysInConfigOrMetrics() {
    declined(sampleWith("\"tag\": \"sess027\"", "\"tag\": \"sess027\", \"tag\": \"other\""));
    declined(
        sampleWith("\"max_open_trades\": 2,", "\"max_open_trades\": 2, \"Aa\": 1, \"Aa\": 2,"));
    declined(sampleWith("\"total_trades\": 12,", "\"total_trades\": 12, \"total_trades\": 13,"));
    declined("{\"config\":{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"a\":6}}");
  }

  @Test
  void declinesRepeatedKnownTopLevelFields() {
    for (String repeat :
        List.of(
            "\"status\": \"error\"",
            "\"config\": {\"tag\": \"x\"}",
            "\"metrics\": {}",
            "\"config_summary\": {\"job_id\": \"x\"}",
            "\"error\": \"e\"")) {
      String doc = sampleWith("\"config_summary\"", repeat + ", \"config_summary\"");
      if (repeat.startsWith("\"error\"")) {
        doc = sampleWith("\"config_summary\"", repeat + ", " + repeat + ", \"config_summary\"");
      }
      declined(doc);
    }
  }

  @Test
  void declinesSummaryMarkers() {
    for (String marker : List.of("total_jobs", "top_by_pnl", "top", "rank", "job_id")) {
      declined(sampleWith("\"status\"", "\"" + marker + "\": 1, \"status\""));
    }
    declined("{\"total_jobs\":3,\"top_by_pnl\":[]}");
    declined("{\"rank\":1,\"job_id\":\"a\",\"config\":{}}");
  }

  @Test
  void declinesFieldsOfTheWrongType() {
    for (String v : List.of("null", "1", "true", "{}", "[]", "[\"success\"]")) {
      declined(sampleWith("\"success\"", v));
    }
    for (String v : List.of("null", "[]", "\"x\"", "1", "false")) {
      declined(sampleWith("\"config\": {", "\"config\": " + v + ", \"other\": {"));
      declined(sampleWith("\"metrics\": {", "\"metrics\": " + v + ", \"other\": {"));
      declined(sampleWith("\"config_summary\": {", "\"config_summary\": " + v + ", \"other\": {"));
    }
  }

  @Test
  void declinesNestingDeeperThanItReadsAndJacksonsLimitGivesJacksonsError() {
    boolean accepted33 = false;
    for (int depth = 1; depth <= 40; depth++) {
      String value = "[".repeat(depth) + "]".repeat(depth);
      boolean a = assertReadsLikeJackson(utf8("{\"config\":{\"x\":" + value + "}}"));
      boolean u = assertReadsLikeJackson(utf8("{\"x\":" + value + "}"));
      accepted33 |= depth > 33 && (a || u);
    }
    assertThat(accepted33).as("nesting deeper than 33 accepted").isFalse();
    declined("{\"config\":{\"x\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}}");
    declined("{\"x\":" + "[".repeat(300) + "]".repeat(300) + "}");
  }

  @Test
  void declinesTrailingContent() {
    for (String tail : List.of("x", "}", "{}", ",", "[]", "null", "\"s\"", "/**/", "\f")) {
      declined(SAMPLE + tail);
    }
    declined(SAMPLE + SAMPLE);
  }

  @Test
  void declinesEmptyBlankAndNonObjectInput() {
    for (String s : List.of("", " ", "\n\t\r ", "[]", "null", "\"success\"", "1", "[" + SAMPLE)) {
      declined(s);
    }
  }

  @Test
  void declinesAByteOrderMark() {
    declined("\uFEFF" + SAMPLE);
  }

  @Test
  void declinesEveryTruncationOfTheSample() {
    byte[] b = utf8(SAMPLE);
    int complete = SAMPLE.lastIndexOf('}') + 1;
    for (int length = 0; length < complete; length++) {
      assertThat(PlainDocumentParser.parse(b, 0, length)).as("first %d bytes", length).isNull();
      assertReadsLikeJackson(b, 0, length);
      assertReadsLikeJackson(Arrays.copyOf(b, length));
    }
    for (int length = complete; length <= b.length; length++) {
      assertThat(assertReadsLikeJackson(b, 0, length)).as("first %d bytes", length).isTrue();
    }
  }

  @Test
  void declinesEveryTruncationOfACompactDocument() {
    String compact = compact(SAMPLE).strip();
    byte[] b = utf8(compact);
    for (int length = 0; length < b.length; length++) {
      assertThat(PlainDocumentParser.parse(b, 0, length)).as("first %d bytes", length).isNull();
      assertReadsLikeJackson(b, 0, length);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Known divergences (reported to the lead; these fail until the main code is fixed)

  /**
   * A decimal whose exponent BigDecimal cannot hold: Jackson fails on it (today with a bare
   * NumberFormatException, which escapes ResultReader's contract), while the fast path accepts the
   * document and its map throws NumberFormatException when the value is read.
   */
  @Test
  void declinesDecimalsBigDecimalCannotHoldAndReadGivesAResultFormatException() {
    for (String n :
        List.of(
            "1e9999999999", "1e2147483648", "1e-2147483649", "0.1e-2147483647", "0e-2147483648")) {
      for (String doc :
          List.of(
              "{\"config\":{\"\":" + n + "}}",
              "{\"metrics\":{\"a\":-" + n + "}}",
              "{\"config\":{\"a\":[" + n + "]}}")) {
        byte[] b = utf8(doc);
        // A ResultFormatException, of whatever kind.
        assertThat(outcome(() -> READER.read(b)).failure())
            .as("read(%s)", doc)
            .isNotNull()
            .doesNotStartWith("unexpected");
        declined(doc);
      }
    }
  }

  /**
   * A key longer than Jackson's limit (StreamReadConstraints.maxNameLength, 50,000) outside config
   * and metrics, or nested in them: Jackson fails, the fast path accepts (and, for a nested key,
   * its map throws UncheckedIOException when the value is read).
   */
  @Test
  void readsObjectsOfUpTo256KeysAndLeavesLargerOnesToJackson() {
    // Larger ones would cost the repeated-key check quadratic time; Jackson reads them linearly.
    for (int n : new int[] {15, 16, 17, 255, 256}) {
      ResultDocument doc = accepted("{\"metrics\": " + objectOfKeys(n) + "}");
      assertThat(doc.metrics()).hasSize(n).containsEntry("k" + (n - 1), (long) (n - 1));
    }
    declined("{\"metrics\": " + objectOfKeys(257) + "}");
    declined("{\"config\": " + objectOfKeys(100_000) + "}");
  }

  private static String objectOfKeys(int n) {
    StringBuilder sb = new StringBuilder("{");
    for (int k = 0; k < n; k++) {
      sb.append(k == 0 ? "" : ", ").append("\"k").append(k).append("\": ").append(k);
    }
    return sb.append('}').toString();
  }

  @Test
  void declinesKeysLongerThanJacksonAllows() {
    String key = "k".repeat(50_001);
    declined("{\"" + key + "\":1}");
    declined("{\"config_summary\":{\"" + key + "\":1}}");
    declined("{\"x\":[{\"" + key + "\":1}]}");
    declined("{\"config\":{\"a\":{\"" + key + "\":1}}}");
    assertReadsLikeJackson(utf8("{\"" + "k".repeat(50_000) + "\":1}"));
  }

  // ---------------------------------------------------------------------------------------------
  // Offsets

  @Test
  void readsASliceLikeACopyAndKeepsItsOwnCopyOfTheBytes() {
    byte[] doc = utf8(SAMPLE.replace("\"tag\": \"sess027\"", "\"tag\": \"sess027\", \"n\": [1]"));
    byte[] buffer = new byte[doc.length + 20];
    Arrays.fill(buffer, (byte) '{');
    System.arraycopy(doc, 0, buffer, 7, doc.length);
    ResultDocument slice = PlainDocumentParser.parse(buffer, 7, doc.length);
    assertThat(slice).isNotNull();
    Arrays.fill(buffer, (byte) '9');
    assertSameDocument(PlainDocumentParser.parse(doc, 0, doc.length), slice, "the slice");
    assertSameDocument(
        outcome(() -> ResultReader.readWithJackson(doc, 0, doc.length)).document(),
        slice,
        "the slice");
  }

  @Test
  void keepsItsOwnCopyOfAWholeArray() throws Exception {
    byte[] doc = utf8(SAMPLE);
    ResultDocument read = READER.read(doc);
    Arrays.fill(doc, (byte) ' ');
    assertSameDocument(READER.read(utf8(SAMPLE)), read, "the sample");
  }

  @Test
  void errorPositionsOfADeclinedSliceAreRelativeToTheSlice() {
    byte[] doc = utf8(sampleWith("\"max_open_trades\": 2,", "\"max_open_trades\": 02,"));
    byte[] buffer = new byte[doc.length + 10];
    Arrays.fill(buffer, (byte) '\n');
    System.arraycopy(doc, 0, buffer, 5, doc.length);
    Outcome inSlice = outcome(() -> READER.read(buffer, 5, doc.length));
    assertThat(inSlice.failure()).isNotNull();
    assertSameOutcome(outcome(() -> READER.read(doc)), inSlice, "the slice");
  }

  // ---------------------------------------------------------------------------------------------
  // Properties

  /** How many documents the fast path accepted and declined, per property, to check coverage. */
  private static final Map<String, long[]> FAST_PATH =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static void countFastPath(String property, boolean accepted) {
    FAST_PATH.computeIfAbsent(property, k -> new long[2])[accepted ? 0 : 1]++;
  }

  /**
   * The generators' coverage, as the properties ran: enough documents accepted and declined by the
   * fast path (checked only when every try of the property ran).
   */
  @org.junit.jupiter.api.AfterAll
  static void generatorsCoveredBothPaths() {
    checkCoverage("anyJsonishDocumentReadsLikeJackson", 4000, 30, 15);
    checkCoverage("mutatedRealisticDocumentsReadLikeJackson", 4000, 5, 30);
  }

  private static void checkCoverage(
      String property, int tries, int minAcceptedPct, int minDeclinedPct) {
    long[] n = FAST_PATH.get(property);
    if (n == null || n[0] + n[1] != tries) {
      return;
    }
    assertThat(100.0 * n[0] / tries)
        .as("%s: %% accepted", property)
        .isGreaterThanOrEqualTo(minAcceptedPct);
    assertThat(100.0 * n[1] / tries)
        .as("%s: %% declined", property)
        .isGreaterThanOrEqualTo(minDeclinedPct);
  }

  static Stream<Arguments> anyJsonishDocumentReadsLikeJackson() {
    return Tries.of(4000, jsonishDocuments());
  }

  @PropertyTest
  @MethodSource
  void anyJsonishDocumentReadsLikeJackson(String doc) {
    boolean accepted = assertReadsLikeJackson(utf8(doc));
    countFastPath("anyJsonishDocumentReadsLikeJackson", accepted);
  }

  static Stream<Arguments> realisticDocumentsAreAcceptedAndReadLikeJackson() {
    return Tries.of(1000, realisticDocuments());
  }

  @PropertyTest
  @MethodSource
  void realisticDocumentsAreAcceptedAndReadLikeJackson(String doc) {
    byte[] b = utf8(doc);
    assertThat(PlainDocumentParser.parse(b, 0, b.length)).as("declined %s", doc).isNotNull();
    assertThat(assertReadsLikeJackson(b)).isTrue();
  }

  static Stream<Arguments> mutatedRealisticDocumentsReadLikeJackson() {
    return Tries.of(4000, realisticDocuments(), mutations());
  }

  @PropertyTest
  @MethodSource
  void mutatedRealisticDocumentsReadLikeJackson(String doc, List<Mutation> mutations) {
    byte[] b = utf8(doc);
    for (Mutation m : mutations) {
      b = m.apply(b);
    }
    boolean accepted = assertReadsLikeJackson(b);
    countFastPath("mutatedRealisticDocumentsReadLikeJackson", accepted);
  }

  static Stream<Arguments> aSliceReadsLikeACopyOfIt() {
    return Tries.of(1500, slicedDocuments(), junk(), junk(), junk());
  }

  @PropertyTest
  @MethodSource
  void aSliceReadsLikeACopyOfIt(String doc, byte[] before, byte[] after, byte[] overwrite) {
    byte[] copy = utf8(doc);
    byte[] buffer = new byte[before.length + copy.length + after.length];
    System.arraycopy(before, 0, buffer, 0, before.length);
    System.arraycopy(copy, 0, buffer, before.length, copy.length);
    System.arraycopy(after, 0, buffer, before.length + copy.length, after.length);
    int off = before.length;
    int len = copy.length;

    assertReadsLikeJackson(buffer, off, len);
    ResultDocument fromSlice = PlainDocumentParser.parse(buffer, off, len);
    ResultDocument fromCopy = PlainDocumentParser.parse(copy, 0, len);
    assertThat(fromSlice == null).as("declined %s", doc).isEqualTo(fromCopy == null);
    Outcome readSlice = outcome(() -> READER.read(buffer, off, len));
    assertSameOutcome(outcome(() -> READER.read(copy)), readSlice, doc);

    // The caller reuses its buffer: what was read from it must not change.
    for (int k = 0; k < buffer.length; k++) {
      buffer[k] = overwrite.length == 0 ? (byte) '"' : overwrite[k % overwrite.length];
    }
    Outcome jackson = outcome(() -> ResultReader.readWithJackson(copy, 0, len));
    if (fromSlice != null) {
      assertSameDocument(jackson.document(), fromSlice, doc);
    }
    assertSameOutcome(jackson, readSlice, doc);
  }

  // ---------------------------------------------------------------------------------------------
  // Generators: JSON-ish documents from a grammar that mixes valid and invalid pieces. Invalid
  // pieces are rare each (weight 1 against ~100), so that about half the documents are plain.

  /** Built once: building the grammar's generators costs more than drawing from them. */
  private static Gen<String> jsonish;

  static synchronized Gen<String> jsonishDocuments() {
    if (jsonish == null) {
      Gen<String> bom =
          Gen.frequencyOf(Gen.w(200, Gen.just("")), Gen.w(1, Gen.of("\uFEFF", "x", "[", "/*c*/")));
      Gen<String> top =
          Gen.frequencyOf(
              Gen.w(100, topObject()), Gen.w(1, Gen.of("{", "}", "")), Gen.w(1, anyValue(1)));
      Gen<String> trailer =
          Gen.frequencyOf(
              Gen.w(200, Gen.just("")),
              Gen.w(1, Gen.of("x", "}", "{}", ",", "]", "//c", "\"", "0")));
      jsonish =
          concat(bom, ws(), top, ws(), trailer)
              // Embedded edge cases would pick the rare invalid pieces far more often.
              .withoutEdgeCases();
    }
    return jsonish;
  }

  @SafeVarargs
  private static Gen<String> concat(Gen<String>... parts) {
    List<Gen<String>> list = new ArrayList<>(parts.length);
    for (Gen<String> p : parts) {
      list.add(p);
    }
    return s -> {
      StringBuilder sb = new StringBuilder();
      list.forEach(p -> sb.append(p.draw(s)));
      return sb.toString();
    };
  }

  private static Gen<String> rarely(Gen<String> usual, Gen<String> odd) {
    return Gen.frequencyOf(Gen.w(100, usual), Gen.w(1, odd));
  }

  /** A member of an object: its key (to tell repeats) and its text. */
  record Member(String key, String text) {}

  private static Gen<String> ws() {
    return rarely(
        Gen.frequencyOf(
            Gen.w(12, Gen.just("")),
            Gen.w(8, Gen.just(" ")),
            Gen.w(4, Gen.of("\n  ", "\n    ", "\n", "\r\n  ")),
            Gen.w(3, Gen.strings(Gen.chars(" \t\r\n"), 0, 5))),
        Gen.of("\f", "\u000b", "/*c*/", "//c\n", "#", "\u00a0"));
  }

  private static Gen<String> colon() {
    return rarely(Gen.just(":"), Gen.of("", "=", "::", ","));
  }

  private static Gen<String> separator() {
    return rarely(concat(ws(), Gen.just(","), ws()), Gen.of("", " ", ",,", ";", ", ,"));
  }

  private static Gen<String> close(String bracket) {
    return rarely(
        concat(ws(), Gen.just(bracket)),
        Gen.of("," + bracket, "", bracket.equals("}") ? "]" : "}"));
  }

  /**
   * How a key is written: mostly quoted, sometimes unquoted, single-quoted, unterminated or with an
   * escape.
   */
  private static String keyText(String name, int style) {
    return switch (style) {
      case 1 -> name;
      case 2 -> "'" + name + "'";
      case 3 -> "\"" + name;
      case 4 ->
          name.isEmpty()
              ? "\"\\n\""
              : "\"" + String.format("\\u%04x", (int) name.charAt(0)) + name.substring(1) + "\"";
      default -> "\"" + name + "\"";
    };
  }

  private static Gen<Member> member(Gen<String> keys, Gen<String> values) {
    Gen<Integer> styles = Gen.frequencyOf(Gen.w(100, Gen.just(0)), Gen.w(1, Gen.ints(1, 4)));
    Gen<String> ws1 = ws();
    Gen<String> colon = colon();
    Gen<String> ws2 = ws();
    return s -> {
      String key = keys.draw(s);
      int style = styles.draw(s);
      String w1 = ws1.draw(s);
      String c = colon.draw(s);
      String w2 = ws2.draw(s);
      String v = values.draw(s);
      return new Member(key, keyText(key, style) + w1 + c + w2 + v);
    };
  }

  /** An object of members, keys mostly unique; sometimes badly separated or closed. */
  private static Gen<String> objectOf(Gen<Member> members, int maxSize) {
    Gen<List<Member>> lists =
        Gen.frequencyOf(
            Gen.w(15, members.uniqueList(maxSize, Member::key)),
            Gen.w(1, members.list(0, maxSize)));
    Gen<List<String>> separators = separator().list(maxSize, maxSize);
    Gen<String> ws = ws();
    Gen<String> close = close("}");
    return s -> {
      List<Member> list = lists.draw(s);
      List<String> seps = separators.draw(s);
      String w = ws.draw(s);
      String end = close.draw(s);
      StringBuilder sb = new StringBuilder("{").append(w);
      for (int k = 0; k < list.size(); k++) {
        if (k > 0) {
          sb.append(seps.get(k - 1));
        }
        sb.append(list.get(k).text());
      }
      return sb.append(end).toString();
    };
  }

  private static Gen<String> arrayOf(Gen<String> values) {
    Gen<List<String>> lists = values.list(0, 4);
    Gen<List<String>> separators = separator().list(4, 4);
    Gen<String> ws = ws();
    Gen<String> close = close("]");
    return s -> {
      List<String> list = lists.draw(s);
      List<String> seps = separators.draw(s);
      String w = ws.draw(s);
      String end = close.draw(s);
      StringBuilder sb = new StringBuilder("[").append(w);
      for (int k = 0; k < list.size(); k++) {
        if (k > 0) {
          sb.append(seps.get(k - 1));
        }
        sb.append(list.get(k));
      }
      return sb.append(end).toString();
    };
  }

  private static Gen<String> topObject() {
    Gen<Member> members =
        Gen.frequencyOf(
            Gen.w(20, member(Gen.just("status"), statusValue())),
            Gen.w(20, member(Gen.just("config"), flatObjectValue())),
            Gen.w(20, member(Gen.just("metrics"), flatObjectValue())),
            Gen.w(12, member(Gen.just("config_summary"), configSummaryValue())),
            Gen.w(8, member(Gen.just("error"), errorValue())),
            Gen.w(8, member(Gen.just("period_pnl"), periodPnlValue())),
            Gen.w(
                8,
                member(
                    Gen.of(
                        "engine_version", "x", "", "Status", "configs", "config_summary_", "ERROR"),
                    anyValue(1))),
            Gen.w(
                1,
                member(Gen.of("total_jobs", "top_by_pnl", "top", "rank", "job_id"), anyValue(1))));
    return objectOf(members, 6);
  }

  /**
   * A {@code period_pnl}: mostly an object of its keys with arrays of strings and numbers of any
   * shape (lengths that match or not), sometimes any value.
   */
  private static Gen<String> periodPnlValue() {
    Gen<String> times =
        Gen.frequencyOf(
            Gen.w(10, Gen.of("\"2014-05-01T05:00:00Z\"", "\"2014-05-02T05:00:00Z\"")),
            Gen.w(3, plainString()),
            Gen.w(1, anyValue(3)));
    Gen<String> numbers = Gen.frequencyOf(Gen.w(10, number()), Gen.w(1, anyValue(3)));
    Gen<Member> members =
        Gen.frequencyOf(
            Gen.w(6, member(Gen.just("block_starts"), arrayOf(times))),
            Gen.w(4, member(Gen.just("end"), rarely(times, anyValue(2)))),
            Gen.w(6, member(Gen.just("pnl_usd"), arrayOf(numbers))),
            Gen.w(1, member(Gen.of("block_starts", "pnl_usd", "trades", "x"), anyValue(2))));
    return rarely(objectOf(members, 5), anyValue(1));
  }

  private static Gen<String> statusValue() {
    return rarely(
        Gen.frequencyOf(
            Gen.w(10, Gen.just("\"success\"")),
            Gen.w(3, Gen.just("\"error\"")),
            Gen.w(1, Gen.just("\"\"")),
            Gen.w(1, plainString())),
        anyValue(1));
  }

  private static Gen<String> errorValue() {
    return Gen.frequencyOf(Gen.w(20, plainString()), Gen.w(1, anyString()), Gen.w(1, anyValue(1)));
  }

  /** Printable ASCII but for the quote and the backslash. */
  private static final Gen<Character> PLAIN = Gen.chars(' ', '~', "", "\"\\");

  private static Gen<String> flatObjectValue() {
    Gen<String> keys =
        rarely(
            Gen.frequencyOf(
                Gen.w(
                    6,
                    Gen.of(
                        "a",
                        "b",
                        "tag",
                        "data_file",
                        "min_spread_bps",
                        "Aa",
                        "BB",
                        "AaAa",
                        "BBBB",
                        "AaBB",
                        "BBAa",
                        "",
                        " ",
                        "\u007f")),
                Gen.w(3, Gen.strings(PLAIN, 1, 10))),
            Gen.oneOf(Gen.ints(250, 260).map("k"::repeat), Gen.of("é", "a\tb", "a\\nb", "€uro")));
    return rarely(objectOf(member(keys, anyValue(1)), 6), anyValue(1));
  }

  private static Gen<String> configSummaryValue() {
    Gen<Member> members =
        Gen.frequencyOf(
            Gen.w(
                5,
                member(
                    Gen.just("job_id"),
                    Gen.frequencyOf(
                        Gen.w(6, plainString()),
                        Gen.w(1, Gen.just("\"\"")),
                        Gen.w(2, anyValue(2))))),
            Gen.w(2, member(Gen.of("n", "job", "tag", "JOB_ID"), anyValue(2))));
    return rarely(objectOf(members, 3), anyValue(1));
  }

  private static final int MAX_GENERATED_DEPTH = 4;

  /** Per depth: values of any kind, nested ones built lazily. */
  private static final List<Gen<String>> ANY_VALUES = new ArrayList<>();

  private static synchronized Gen<String> anyValue(int depth) {
    while (ANY_VALUES.size() <= depth) {
      ANY_VALUES.add(null);
    }
    if (ANY_VALUES.get(depth) == null) {
      ANY_VALUES.set(depth, newAnyValue(depth));
    }
    return ANY_VALUES.get(depth);
  }

  private static Gen<String> newAnyValue(int depth) {
    List<Gen.Weighted<String>> kinds = new ArrayList<>();
    kinds.add(Gen.w(8, number()));
    kinds.add(Gen.w(6, anyString()));
    kinds.add(
        Gen.w(
            4,
            rarely(
                Gen.of("true", "false", "null"),
                Gen.of("tru", "nul", "True", "NULL", "truex", "nullnull", "t"))));
    if (depth < MAX_GENERATED_DEPTH) {
      Gen<String> keys =
          rarely(
              Gen.of("a", "b", "c", "job_id", "status", "Aa", "BB"),
              Gen.of("é", "\\u0061", "k".repeat(300)));
      kinds.add(Gen.w(2, Gen.lazy(() -> objectOf(member(keys, anyValue(depth + 1)), 3))));
      kinds.add(Gen.w(2, Gen.lazy(() -> arrayOf(anyValue(depth + 1)))));
    }
    kinds.add(Gen.w(1, deepNesting()));
    return Gen.frequencyOf(kinds);
  }

  private static Gen<String> deepNesting() {
    Gen<Integer> depths = Gen.ints(1, 40);
    Gen<Boolean> arrays = Gen.of(true, false);
    return s -> {
      int n = depths.draw(s);
      return arrays.draw(s)
          ? "[".repeat(n) + "]".repeat(n)
          : "{\"a\":".repeat(n) + "1" + "}".repeat(n);
    };
  }

  private static Gen<String> plainString() {
    return Gen.strings(Gen.chars(' ', '~', "\u007f", "\"\\"), 0, 15).map(s -> "\"" + s + "\"");
  }

  private static Gen<String> anyString() {
    return Gen.frequencyOf(
        Gen.w(40, plainString()),
        Gen.w(
            1,
            Gen.of(
                "\"a\\nb\"",
                "\"\\u00e9\"",
                "\"\\\"\"",
                "\"\\/\"",
                "\"\\\\\"",
                "\"bad\\escape\"",
                "\"\\u12\"",
                "\"é\"",
                "\"€\"",
                "\"\uD83D\uDE00\"",
                "\"tab\tinside\"",
                "\"nl\ninside\"",
                "\"\u0001\"",
                "\"unterminated",
                "'single'")));
  }

  /** An exponent: {@code e} or {@code E}, a sign or none, {@code min} to {@code max} digits. */
  private static Gen<String> exponent(int min, int max) {
    Gen<String> e = Gen.of("e", "E");
    Gen<String> sign = Gen.of("", "+", "-");
    Gen<String> digits = Gen.digits(min, max);
    return s -> e.draw(s) + sign.draw(s) + digits.draw(s);
  }

  /** Numbers of many shapes: mostly valid, with exponents, long digit runs and broken ones. */
  private static Gen<String> number() {
    Gen<Integer> first = Gen.ints(1, 9);
    Gen<String> rest = Gen.digits(0, 19);
    Gen<String> nonZero = s -> first.draw(s) + rest.draw(s);
    Gen<String> intPart =
        Gen.frequencyOf(Gen.w(30, Gen.just("0")), Gen.w(60, nonZero), Gen.w(1, Gen.digits(0, 25)));
    Gen<String> frac =
        Gen.frequencyOf(
            Gen.w(40, Gen.just("")),
            Gen.w(50, Gen.digits(1, 8).map(d -> "." + d)),
            Gen.w(8, Gen.digits(30, 50).map(d -> "." + d)),
            Gen.w(1, Gen.just(".")));
    Gen<String> exp =
        Gen.frequencyOf(
            Gen.w(60, Gen.just("")),
            Gen.w(30, exponent(1, 3)),
            Gen.w(8, exponent(4, 9)),
            Gen.w(2, exponent(10, 12)),
            Gen.w(1, Gen.of("e", "E+", "e-")));
    Gen<String> sign =
        Gen.frequencyOf(Gen.w(60, Gen.just("")), Gen.w(30, Gen.just("-")), Gen.w(1, Gen.just("+")));
    Gen<String> composed = s -> sign.draw(s) + intPart.draw(s) + frac.draw(s) + exp.draw(s);
    Gen<String> edgy =
        Gen.of(
            "0",
            "-0",
            "-0.0",
            "0.0",
            "0e5",
            "0E-5",
            "-0e0",
            "1E+2",
            "1e-2",
            "30.0",
            "30.00",
            "123456789012345678",
            "-123456789012345678",
            "999999999999999999",
            "-1." + "2".repeat(61),
            "1e999999999",
            "1e-999999999",
            "-0.0e-999999999");
    Gen<String> broken =
        Gen.of(
            "1.",
            "1.e5",
            ".5",
            "-.5",
            "+1",
            "01",
            "-01",
            "00",
            "1e",
            "1e+",
            "1e-",
            "-",
            "--1",
            "1..2",
            "1.5.3",
            "NaN",
            "-NaN",
            "Infinity",
            "-Infinity",
            "+Infinity",
            "nan",
            "0x10",
            "1234567890123456789",
            "-1234567890123456789",
            "9223372036854775807",
            "9223372036854775808",
            "-1." + "2".repeat(62),
            "1" + "0".repeat(1000));
    return Gen.frequencyOf(Gen.w(60, composed), Gen.w(10, edgy), Gen.w(3, broken));
  }

  // ---------------------------------------------------------------------------------------------
  // Generators: realistic documents, their mutations, slices

  /** A number literal written as is. */
  record Raw(String text) {}

  static Gen<String> realisticDocuments() {
    return Gen.longs().map(PlainDocumentParserTest::realisticDocument);
  }

  static Gen<String> slicedDocuments() {
    return Gen.oneOf(realisticDocuments(), jsonishDocuments());
  }

  static Gen<byte[]> junk() {
    return Gen.bytes()
        .list(0, 12)
        .map(
            l -> {
              byte[] b = new byte[l.size()];
              for (int k = 0; k < b.length; k++) {
                b[k] = l.get(k);
              }
              return b;
            });
  }

  private static final String[] DATA_FILES = {
    "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv",
    "data/eurusd_fxcm_vs_oanda_1s_2014-05.csv"
  };

  private static final String[] ERROR_MESSAGES = {
    "FileNotFoundError: [Errno 2] No such file or directory: '%s'",
    "ValueError: no quotes in [start_time, end_time) of %s",
    "MemoryError: unable to allocate 1.21 GiB for quotes of %s",
    "data_file not found: %s"
  };

  /**
   * A document of the shapes arbtune, the seed and Python write (after DocumentFactory in
   * arbtune-bench): success or error, indent 2 or 4 or a tab, compact or Python's default
   * separators, LF or CRLF.
   */
  static String realisticDocument(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String tag = String.format("sess%03d", 1 + r.nextInt(999));
    String dataFile = DATA_FILES[r.nextInt(DATA_FILES.length)];
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("data_file", dataFile);
    config.put("min_spread_bps", fixed(10 + r.nextInt(500), 1));
    config.put("taker_fee_a_bps", fixed(r.nextInt(80), 1));
    config.put("taker_fee_b_bps", fixed(r.nextInt(80), 1));
    config.put("slippage_bps", fixed(r.nextInt(50), 1));
    config.put("max_position_usd", fixed(500L * (1 + r.nextInt(20)), r.nextInt(2)));
    config.put("max_open_trades", new Raw(Integer.toString(1 + r.nextInt(3))));
    config.put("initial_balance_usd", fixed(10_000L * (1 + r.nextInt(10)), r.nextInt(2)));
    config.put("stop_on_drawdown_pct", r.nextBoolean() ? null : fixed(10 + r.nextInt(20), 1));
    config.put("tag", tag);
    if (r.nextInt(4) == 0) {
      config.put("start_time", "2022-12-13T00:00:00Z");
      config.put("end_time", "2022-12-13T06:00:00Z");
    }
    if (r.nextInt(8) == 0) {
      config.put("grid", List.of(new Raw("1.0"), new Raw("2.5"), Map.of("k", "v")));
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    long total = r.nextInt(10) == 0 ? 0 : r.nextInt(5000);
    long open = Math.min(total, r.nextInt(3));
    metrics.put("total_trades", new Raw(Long.toString(total)));
    metrics.put("closed_trades", new Raw(Long.toString(total - open)));
    metrics.put("open_trades", new Raw(Long.toString(open)));
    metrics.put("final_balance_usd", decimal(r, 100_000));
    metrics.put("realized_pnl_usd", signedDecimal(r, 10_000));
    metrics.put("max_drawdown_pct", decimal(r, 100));
    metrics.put("win_rate", decimal(r, 1));
    metrics.put("avg_pnl_per_trade_usd", signedDecimal(r, 100));
    metrics.put("runtime_seconds", decimal(r, 10));
    if (r.nextBoolean()) {
      metrics.put("unrealized_pnl_usd", signedDecimal(r, 10));
      metrics.put("fees_paid_usd", decimal(r, 100));
      metrics.put("profit_factor", r.nextInt(5) == 0 ? null : decimal(r, 50));
      metrics.put("sharpe_per_trade", signedDecimal(r, 3));
      metrics.put("quotes_processed", new Raw(Long.toString(r.nextLong(1L << 40))));
      metrics.put("stopped_on_drawdown", r.nextBoolean());
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("job_id", String.format("%s_%04d", tag, 1 + r.nextInt(9999)));
    if (r.nextInt(10) == 0) {
      summary.put("n_params", new Raw("5"));
    }

    Map<String, Object> doc = new LinkedHashMap<>();
    boolean error = r.nextInt(6) == 0;
    if (error) {
      String message = String.format(ERROR_MESSAGES[r.nextInt(ERROR_MESSAGES.length)], dataFile);
      doc.put("status", "error");
      if (r.nextBoolean()) {
        doc.put("error", message);
        doc.put("config", config);
      } else {
        doc.put("config", config);
        doc.put("error", message);
      }
    } else {
      doc.put("status", "success");
      doc.put("config", config);
      doc.put("metrics", metrics);
    }
    doc.put("config_summary", summary);
    if (r.nextInt(10) == 0) {
      doc.put("engine_version", "arbtune-backtest 0.3." + r.nextInt(3));
    }
    if (!error) {
      periodPnl(new SplittableRandom(~seed), doc);
    }

    int layout = r.nextInt(7);
    String text =
        switch (layout) {
          case 0, 1, 2 -> write(doc, "  ", ",", ": ", 0);
          case 3 -> write(doc, "    ", ",", ": ", 0);
          case 4 -> write(doc, "\t", ",", ": ", 0);
          case 5 -> write(doc, null, ",", ":", 0);
          default -> write(doc, null, ", ", ": ", 0);
        };
    if (r.nextInt(5) == 0) {
      text = text.replace("\n", "\r\n");
    }
    return r.nextInt(4) == 0 ? text : text + "\n";
  }

  /**
   * Most of the time, a {@code period_pnl} as arbtune writes it (2 to 64 blocks; values of any
   * scale, as a double prints them); now and then one with a flaw (lengths that differ, a string
   * among the numbers).
   */
  private static void periodPnl(SplittableRandom r, Map<String, Object> doc) {
    if (r.nextInt(4) == 0) {
      return;
    }
    int blocks = 2 + r.nextInt(63);
    List<Object> starts = new ArrayList<>();
    List<Object> pnl = new ArrayList<>();
    List<Object> trades = new ArrayList<>();
    for (int k = 0; k < blocks; k++) {
      starts.add(java.time.Instant.ofEpochSecond(1_398_920_400L + 3600L * k).toString());
      pnl.add(r.nextInt(5) == 0 ? new Raw("0.0") : signedDecimal(r, r.nextInt(3) == 0 ? 1e6 : 50));
      trades.add(new Raw(Integer.toString(r.nextInt(9))));
    }
    switch (r.nextInt(12)) {
      case 0 -> pnl.remove(pnl.size() - 1);
      case 1 -> pnl.set(r.nextInt(blocks), "1.5");
      case 2 -> starts.set(r.nextInt(blocks), new Raw("7"));
      default -> {}
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("block_starts", starts);
    m.put("end", java.time.Instant.ofEpochSecond(1_398_920_400L + 3600L * blocks - 1).toString());
    m.put("pnl_usd", pnl);
    m.put("trades", trades);
    doc.put("period_pnl", m);
  }

  /** {@code unscaled} with {@code scale} digits after the point, as Python's round() prints. */
  private static Raw fixed(long unscaled, int scale) {
    return new Raw(BigDecimal.valueOf(unscaled, scale).toPlainString());
  }

  private static Raw signedDecimal(SplittableRandom r, double range) {
    if (r.nextInt(30) == 0) {
      return new Raw(r.nextBoolean() ? "-0.0" : "0.0");
    }
    Raw d = decimal(r, range);
    return r.nextBoolean() ? new Raw("-" + d.text()) : d;
  }

  /** A positive decimal as Python's repr, Java's Double.toString or a fixed number of places. */
  private static Raw decimal(SplittableRandom r, double range) {
    double v = r.nextDouble() * range * (r.nextInt(10) == 0 ? 1e-6 : 1);
    return switch (r.nextInt(3)) {
      case 0 -> new Raw(pythonRepr(v));
      case 1 -> new Raw(Double.toString(v));
      default ->
          new Raw(new BigDecimal(v).setScale(r.nextInt(7), RoundingMode.HALF_EVEN).toPlainString());
    };
  }

  /** Close to Python's repr of a float: {@code 1e-05}, {@code 1.5e+16}, {@code 0.125}. */
  private static String pythonRepr(double v) {
    String s = Double.toString(v);
    int e = s.indexOf('E');
    if (e < 0) {
      return s;
    }
    String mantissa = s.substring(0, e);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    int exponent = Integer.parseInt(s.substring(e + 1));
    return mantissa + String.format("e%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
  }

  /**
   * Writes {@code value} as JSON: one member per line with {@code indent} per level, or on one line
   * when {@code indent} is null.
   */
  private static String write(Object value, String indent, String comma, String colon, int level) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Raw raw) {
      return raw.text();
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    if (value instanceof String s) {
      return "\"" + s + "\"";
    }
    boolean isMap = value instanceof Map<?, ?>;
    List<String> items = new ArrayList<>();
    if (value instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        items.add(
            "\""
                + e.getKey()
                + "\""
                + colon
                + write(e.getValue(), indent, comma, colon, level + 1));
      }
    } else {
      for (Object o : (List<?>) value) {
        items.add(write(o, indent, comma, colon, level + 1));
      }
    }
    String open = isMap ? "{" : "[";
    String end = isMap ? "}" : "]";
    if (items.isEmpty()) {
      return open + end;
    }
    if (indent == null) {
      return open + String.join(comma, items) + end;
    }
    String inner = "\n" + indent.repeat(level + 1);
    return open + inner + String.join(comma + inner, items) + "\n" + indent.repeat(level) + end;
  }

  /** One edit of a document's bytes; positions are fractions of its length. */
  record Mutation(int kind, double at, double span, byte value) {
    byte[] apply(byte[] b) {
      int n = b.length;
      int p = (int) (at * n);
      return switch (kind) {
        case 0 -> { // insert a byte
          byte[] out = new byte[n + 1];
          System.arraycopy(b, 0, out, 0, p);
          out[p] = value;
          System.arraycopy(b, p, out, p + 1, n - p);
          yield out;
        }
        case 1 -> { // delete a byte
          if (n == 0) {
            yield b;
          }
          byte[] out = new byte[n - 1];
          System.arraycopy(b, 0, out, 0, p);
          System.arraycopy(b, p + 1, out, p, n - p - 1);
          yield out;
        }
        case 2 -> { // replace a byte
          if (n == 0) {
            yield b;
          }
          byte[] out = b.clone();
          out[p] = value;
          yield out;
        }
        case 3 -> { // duplicate a substring of up to 40 bytes
          int len = (int) (span * Math.min(40, n - p));
          byte[] out = new byte[n + len];
          System.arraycopy(b, 0, out, 0, p + len);
          System.arraycopy(b, p, out, p + len, n - p);
          yield out;
        }
        default -> Arrays.copyOf(b, p); // truncate
      };
    }
  }

  private static final byte[] INTERESTING_BYTES = utf8("{}[]:,\"\\ \n\t\r019-+.eEtnfa/'");

  static Gen<List<Mutation>> mutations() {
    Gen<Byte> bytes =
        Gen.frequencyOf(
            Gen.w(6, Gen.ints(0, INTERESTING_BYTES.length - 1).map(k -> INTERESTING_BYTES[k])),
            Gen.w(2, Gen.ints(0x01, 0x7F).map(Integer::byteValue)),
            // Not 0xFE/0xFF nor 0x00: those in the first four bytes are refused before either
            // parser runs (rejectNonUtf8Encodings).
            Gen.w(1, Gen.ints(0x80, 0xFD).map(Integer::byteValue)));
    Gen<Integer> kinds =
        Gen.frequencyOf(
            Gen.w(4, Gen.just(0)),
            Gen.w(3, Gen.just(1)),
            Gen.w(4, Gen.just(2)),
            Gen.w(2, Gen.just(3)),
            Gen.w(1, Gen.just(4)));
    Gen<Double> at = Gen.decimals(0, 0.999999, 6); // [0, 1)
    Gen<Double> span = Gen.decimals(0, 1, 3);
    Gen<Mutation> mutation =
        s -> new Mutation(kinds.draw(s), at.draw(s), span.draw(s), bytes.draw(s));
    return mutation.list(1, 3);
  }
}
