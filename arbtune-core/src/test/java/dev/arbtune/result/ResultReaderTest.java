package dev.arbtune.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultReaderTest {

  private final ResultReader reader = new ResultReader();

  private ResultDocument read(String json) throws ResultFormatException {
    return reader.read(json.getBytes(StandardCharsets.UTF_8));
  }

  private ResultFormatException failure(byte[] bytes) {
    try {
      reader.read(bytes);
    } catch (ResultFormatException e) {
      return e;
    }
    throw new AssertionError("expected a ResultFormatException for " + new String(bytes));
  }

  private ResultFormatException failure(String json) {
    return failure(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheSeedDocument() throws Exception {
    ResultDocument doc =
        read(
            """
            {"status": "success",
             "config": {"data_file": "d.csv", "min_spread_bps": 30.0, "max_open_trades": 1,
                        "stop_on_drawdown_pct": null, "tag": "sess001"},
             "metrics": {"total_trades": 10, "realized_pnl_usd": 1000.0},
             "config_summary": {"job_id": "sess001_0001"}}
            """);
    assertThat(doc.isSuccess()).isTrue();
    assertThat(doc.declaredJobId()).isEqualTo("sess001_0001");
    assertThat(doc.tag()).isEqualTo("sess001");
    assertThat(doc.error()).isNull();
  }

  @Test
  void keepsKeyOrderIntegersDecimalsAndNulls() throws Exception {
    ResultDocument doc =
        read(
            "{\"status\":\"success\",\"config\":{\"z\":1,\"a\":30.0,\"m\":null,\"big\":123456789012345678901234567890,\"e\":1.5e3,\"s\":\"x\",\"b\":true,\"l\":[1,2.50]}}");
    Map<String, Object> config = doc.config();
    assertThat(config.keySet()).containsExactly("z", "a", "m", "big", "e", "s", "b", "l");
    assertThat(config.get("z")).isEqualTo(1L);
    assertThat(config.get("a")).isEqualTo(new BigDecimal("30.0"));
    assertThat(config).containsEntry("m", null);
    assertThat(config.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(config.get("e")).isEqualTo(new BigDecimal("1.5e3"));
    assertThat(config.get("b")).isEqualTo(Boolean.TRUE);
    assertThat(config.get("l")).isEqualTo(List.of(1L, new BigDecimal("2.50")));
  }

  @Test
  void returnsUnmodifiableMaps() throws Exception {
    ResultDocument doc = read("{\"status\":\"success\",\"config\":{\"a\":1}}");
    assertThatThrownBy(() -> doc.config().put("b", 2))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void acceptsPythonNanAndInfinity() throws Exception {
    ResultDocument doc =
        read("{\"status\":\"success\",\"metrics\":{\"a\":NaN,\"b\":Infinity,\"c\":-Infinity}}");
    assertThat((Double) doc.metrics().get("a")).isNaN();
    assertThat(doc.metrics().get("b")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(doc.metrics().get("c")).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void acceptsUtf8ByteOrderMark() throws Exception {
    byte[] json = "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[json.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(json, 0, withBom, 3, json.length);
    assertThat(reader.read(withBom).isSuccess()).isTrue();
    assertThat(reader.read(new ByteArrayInputStream(withBom)).isSuccess()).isTrue();
  }

  @Test
  void missingPartsAreEmptyOrNull() throws Exception {
    ResultDocument doc = read("{\"config_summary\": {\"job_id\": \"\"}}");
    assertThat(doc.status()).isNull();
    assertThat(doc.isSuccess()).isFalse();
    assertThat(doc.declaredJobId()).isNull();
    assertThat(doc.config()).isEmpty();
    assertThat(doc.metrics()).isEmpty();
    assertThat(doc.tag()).isNull();
  }

  @Test
  void keepsTheDocumentsOwnErrorMessage() throws Exception {
    ResultDocument doc = read("{\"status\":\"error\",\"error\":\"data_file not found\"}");
    assertThat(doc.isSuccess()).isFalse();
    assertThat(doc.error()).isEqualTo("data_file not found");
  }

  @Test
  void ignoresUnknownKeysAnywhere() throws Exception {
    ResultDocument doc =
        read(
            "{\"extra\":{\"deep\":[1,{\"x\":2}]},\"status\":\"success\",\"config_summary\":{\"job_id\":\"j\",\"other\":[]},\"more\":null}");
    assertThat(doc.isSuccess()).isTrue();
    assertThat(doc.declaredJobId()).isEqualTo("j");
  }

  @Test
  void nonStringTagIsIgnored() throws Exception {
    assertThat(read("{\"config\":{\"tag\":5}}").tag()).isNull();
  }

  @Test
  void emptyFileIsEmpty() {
    assertThat(failure("").kind()).isEqualTo(ErrorKind.EMPTY);
    assertThat(failure("  \n\t ").kind()).isEqualTo(ErrorKind.EMPTY);
  }

  @Test
  void truncatedJsonIsMalformedWithPosition() {
    ResultFormatException e = failure("{\n  \"status\": \"success\",\n  \"metrics\": {\"a\": 1");
    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_JSON);
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.describe()).startsWith("line 3, column ");
  }

  @Test
  void invalidJsonIsMalformed() {
    ResultFormatException e = failure("{ invalid json }");
    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_JSON);
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isEqualTo(3);
    assertThat(e.getMessage()).contains("Unexpected character");
  }

  @Test
  void nonObjectTopLevelValuesAreNotAnObject() {
    assertThat(failure("[1, 2]").getMessage()).contains("an array");
    assertThat(failure("[1, 2]").kind()).isEqualTo(ErrorKind.NOT_AN_OBJECT);
    assertThat(failure("42").kind()).isEqualTo(ErrorKind.NOT_AN_OBJECT);
    assertThat(failure("null").kind()).isEqualTo(ErrorKind.NOT_AN_OBJECT);
    assertThat(failure("\"success\"").kind()).isEqualTo(ErrorKind.NOT_AN_OBJECT);
  }

  @Test
  void trailingGarbageIsMalformed() {
    assertThat(failure("{\"status\":\"success\"} xyz").kind()).isEqualTo(ErrorKind.MALFORMED_JSON);
    ResultFormatException twoDocs = failure("{\"status\":\"success\"}\n{}");
    assertThat(twoDocs.kind()).isEqualTo(ErrorKind.MALFORMED_JSON);
    assertThat(twoDocs.line()).isEqualTo(2);
    assertThat(twoDocs.getMessage()).contains("after the end of the document");
  }

  @Test
  void invalidUtf8IsRefused() {
    byte[] bytes =
        "{\"status\":\"success\",\"config\":{\"tag\":\"x\"}}".getBytes(StandardCharsets.UTF_8);
    bytes[bytes.length - 4] = (byte) 0xFF;
    ResultFormatException e = failure(bytes);
    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_JSON);
    assertThat(e.getMessage()).containsIgnoringCase("UTF-8");
  }

  @Test
  void utf16IsNotUtf8() {
    byte[] utf16 = "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_16);
    assertThat(failure(utf16).kind()).isEqualTo(ErrorKind.NOT_UTF8);
    byte[] utf16le = "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_16LE);
    assertThat(failure(utf16le).kind()).isEqualTo(ErrorKind.NOT_UTF8);
  }

  @Test
  void absurdNestingFailsFastWithoutStackOverflow() {
    char[] brackets = new char[100_000];
    Arrays.fill(brackets, '[');
    ResultFormatException e = failure(new String(brackets));
    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_AN_OBJECT);
    ResultFormatException nested = failure("{\"config\":" + new String(brackets));
    assertThat(nested.kind()).isEqualTo(ErrorKind.MALFORMED_JSON);
    assertThat(nested.getMessage()).isEqualTo("the values are nested deeper than 256 levels");
  }

  @Test
  void numberWithThousandsOfDigitsIsRefused() {
    String digits = "9".repeat(5000);
    ResultFormatException e =
        failure("{\"status\":\"success\",\"metrics\":{\"realized_pnl_usd\":" + digits + "}}");
    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_JSON);
    assertThat(e.getMessage()).containsIgnoringCase("number");
  }

  @Test
  void parserLimitsAreSentencesWithTheirPlaceAndWithoutJavaNames() {
    ResultFormatException key =
        failure("{\"status\":\"success\",\n\"config\":{\"" + "k".repeat(60_000) + "\":1}}");
    ResultFormatException number =
        failure("{\"status\":\"success\",\"metrics\":{\"x\":1." + "9".repeat(5000) + "}}");
    ResultFormatException nesting = failure("{\"config\":" + "{\"a\":".repeat(300));

    assertThat(key.kind()).isEqualTo(ErrorKind.MALFORMED_JSON);
    assertThat(key.getMessage()).isEqualTo("a key is longer than 50,000 characters");
    assertThat(key.line()).isEqualTo(2);
    assertThat(key.column()).isPositive();
    assertThat(number.getMessage()).isEqualTo("a number is longer than 1,000 characters");
    assertThat(number.line()).isEqualTo(1);
    assertThat(nesting.getMessage()).isEqualTo("the values are nested deeper than 256 levels");
    assertThat(nesting.describe()).startsWith("line 1, column ");
    for (ResultFormatException e : List.of(key, number, nesting)) {
      assertThat(e.describe()).doesNotContain("StreamReadConstraints").doesNotContain("`");
    }
  }

  @Test
  void jacksonsTokenNamesAreSaidInWords() {
    ResultFormatException e = failure("{\"status\":\"succ");

    assertThat(e.describe()).isEqualTo("line 1, column 16: Unexpected end-of-input in a string");
  }

  @Test
  void configOrMetricsOfTheWrongTypeAreInvalidFields() {
    assertThat(failure("{\"status\":\"success\",\"config\":[1]}"))
        .satisfies(e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_FIELD))
        .satisfies(
            e ->
                assertThat(e.getMessage()).isEqualTo("\"config\" is an array, expected an object"));
    assertThat(failure("{\"status\":\"success\",\"metrics\":\"none\"}").kind())
        .isEqualTo(ErrorKind.INVALID_FIELD);
    assertThat(failure("{\"status\":\"success\",\"metrics\":null}").kind())
        .isEqualTo(ErrorKind.INVALID_FIELD);
    assertThat(failure("{\"status\":true}").getMessage()).contains("\"status\" is a boolean");
  }

  @Test
  void lastDuplicateKeyWinsAsInPython() throws Exception {
    ResultDocument doc = read("{\"status\":\"error\",\"status\":\"success\"}");
    assertThat(doc.isSuccess()).isTrue();
    Map<String, Object> config = read("{\"config\":{\"a\":1,\"b\":2,\"a\":3}}").config();
    assertThat(config).containsExactly(Map.entry("a", 3L), Map.entry("b", 2L));
  }

  @Test
  void parserMessagesPointAtOtherPlacesByLineAndColumnNotBySource() {
    ResultFormatException e = failure("{\n  \"config\": {\"a\": 1,\n  \"b\": 2");
    assertThat(e.getMessage())
        .contains("start marker at line 2, column 13")
        .doesNotContain("Source")
        .doesNotContain("REDACTED");
  }

  @Test
  void documentsOverTheSizeLimitAreRefusedUnread() throws Exception {
    byte[] big = new byte[ResultReader.MAX_DOCUMENT_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    ResultFormatException e = failure(big);
    assertThat(e.kind()).isEqualTo(ErrorKind.TOO_LARGE);
    assertThat(e.getMessage())
        .isEqualTo("8,388,609 bytes, more than the 8 MiB a result document may have; not read");
    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(big)))
        .isInstanceOf(ResultFormatException.class)
        .hasMessage("more than the 8 MiB a result document may have; not read");
    byte[] fits = java.util.Arrays.copyOf(big, ResultReader.MAX_DOCUMENT_BYTES);
    fits[fits.length - 1] = '}';
    assertThat(reader.read(fits).isSuccess()).isFalse();
  }

  /** A document whose {@code field} object has {@code members} members {@code "kN": N}. */
  private static byte[] withMembers(String field, int members) {
    StringBuilder json = new StringBuilder("{\"status\": \"success\", \"" + field + "\": {");
    for (int k = 0; k < members; k++) {
      json.append(k == 0 ? "" : ", ").append("\"k").append(k).append("\": ").append(k);
    }
    return json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A document whose {@code field} object has one member, an array of {@code elements} zeros. */
  private static byte[] withArray(String field, int elements) {
    StringBuilder json = new StringBuilder("{\"" + field + "\": {\"grid\": [");
    for (int k = 0; k < elements; k++) {
      json.append(k == 0 ? "0" : ",0");
    }
    return json.append("]}, \"status\": \"success\"}").toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void configAndMetricsOverTheValueLimitAreTooManyKeysErrors() throws Exception {
    int limit = ResultReader.MAX_OBJECT_VALUES;
    assertThat(limit).isEqualTo(10_000);
    for (String field : List.of("config", "metrics")) {
      ResultDocument fits = reader.read(withMembers(field, limit));
      assertThat(fits.isSuccess()).isTrue();
      assertThat(field.equals("config") ? fits.config() : fits.metrics()).hasSize(limit);

      ResultFormatException e = failure(withMembers(field, limit + 1));
      assertThat(e.kind()).isEqualTo(ErrorKind.TOO_MANY_KEYS);
      assertThat(e.kind().label()).isEqualTo("too-many-keys");
      assertThat(e.getMessage())
          .isEqualTo(
              "\""
                  + field
                  + "\" has more than 10,000 values (keys and array elements, nested ones"
                  + " counted); not read");
      assertThat(e.line()).isEqualTo(1);
      assertThat(e.column()).as("where the 10,001st value starts").isGreaterThan(100_000);
    }
  }

  @Test
  void nestedValuesCountTowardsTheLimitOnTheFastPathAsWithJackson() throws Exception {
    int limit = ResultReader.MAX_OBJECT_VALUES;
    // One member and limit - 1 elements: limit values, read by the fast path.
    byte[] fits = withArray("config", limit - 1);
    assertThat(PlainDocumentParserTest.assertReadsLikeJackson(fits)).isTrue();
    assertThat((List<?>) reader.read(fits).config().get("grid")).hasSize(limit - 1);
    // One more element: the fast path declines, and Jackson refuses the document.
    for (String field : List.of("config", "metrics")) {
      byte[] over = withArray(field, limit);
      assertThat(PlainDocumentParserTest.assertReadsLikeJackson(over)).isFalse();
      assertThat(failure(over).kind()).isEqualTo(ErrorKind.TOO_MANY_KEYS);
    }
  }

  @Test
  void otherFieldsMayHoldAnyNumberOfKeys() throws Exception {
    byte[] many = withMembers("extra", 3 * ResultReader.MAX_OBJECT_VALUES);
    assertThat(reader.read(many).isSuccess()).isTrue();
    byte[] array = withArray("config_summary", 3 * ResultReader.MAX_OBJECT_VALUES);
    assertThat(reader.read(array).isSuccess()).isTrue();
  }

  @Test
  void negativeZeroKeepsItsSign() throws Exception {
    ResultDocument doc = read("{\"metrics\": {\"a\": -0.0, \"b\": 0.0, \"c\": -0}}");
    assertThat(doc.metrics().get("a")).isEqualTo(-0.0);
    assertThat(doc.metrics().get("b")).isEqualTo(new BigDecimal("0.0"));
    assertThat(doc.metrics().get("c")).isEqualTo(0L);
    assertThat(Json.compactWriter().writeValueAsString(doc.metrics()))
        .isEqualTo("{\"a\":-0.0,\"b\":0.0,\"c\":0}");
  }

  @Test
  void rankedListLinesWrittenByTheAggregatorAreSummaryDocuments() throws Exception {
    assertThat(
            read("{\"rank\": 1, \"job_id\": \"a\", \"status\": \"success\", \"metrics\": {}}")
                .summaryDocument())
        .isTrue();
    assertThat(read("{\"rank\": 1, \"status\": \"success\"}").summaryDocument()).isFalse();
    assertThat(read("{\"job_id\": \"a\", \"status\": \"success\"}").summaryDocument()).isFalse();
  }
}
