package dev.arbtune.bench.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.bench.gen.PyJson.Fixed;
import dev.arbtune.bench.gen.PyJson.Layout;
import dev.arbtune.bench.gen.PyJson.Raw;
import dev.arbtune.result.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PyJsonTest {

  /** A document with every kind of value; {@code asDoubles} gives Jackson's equivalent. */
  private static Map<String, Object> sample(boolean asDoubles) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("data_file", "data/x.csv");
    config.put("min_spread_bps", number(300, 1, asDoubles));
    config.put("max_open_trades", 3L);
    config.put("stop_on_drawdown_pct", null);
    config.put("flag", true);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("realized_pnl_usd", number(-30358, 2, asDoubles));
    metrics.put("win_rate", number(3024, 4, asDoubles));
    metrics.put("final_balance_usd", number(1_100_000, 2, asDoubles));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("status", "success");
    doc.put("config", config);
    doc.put("metrics", metrics);
    doc.put("empty", Map.of());
    doc.put("list", List.of(1L, "two", number(5, 1, asDoubles)));
    doc.put("none", List.of());
    return doc;
  }

  private static Object number(long units, int scale, boolean asDouble) {
    Fixed f = new Fixed(units, scale);
    return asDouble ? (Object) f.toDouble() : f;
  }

  @Test
  void prettyLayoutEqualsArbtunesPythonStyleWriter() throws Exception {
    String expected = Json.prettyWriter().writeValueAsString(sample(true));
    assertThat(PyJson.write(sample(false), Layout.PRETTY)).isEqualTo(expected);
  }

  @Test
  void compactLayoutEqualsJacksonsCompactWriter() throws Exception {
    String expected = Json.compactWriter().writeValueAsString(sample(true));
    assertThat(PyJson.write(sample(false), Layout.COMPACT)).isEqualTo(expected);
  }

  @Test
  void pythonReprUsesSingleQuotesNoneTrueAndNan() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("status", "success");
    doc.put("stop", null);
    doc.put("ok", true);
    doc.put("pnl", new Raw("NaN"));
    doc.put("x", new Fixed(105, 1));
    assertThat(PyJson.write(doc, Layout.PYTHON_REPR))
        .isEqualTo("{'status': 'success', 'stop': None, 'ok': True, 'pnl': nan, 'x': 10.5}");
  }

  @Test
  void rawTextIsWrittenAsIsInJson() {
    assertThat(PyJson.write(Map.of("pnl", new Raw("NaN")), Layout.COMPACT))
        .isEqualTo("{\"pnl\":NaN}");
  }

  @Test
  void escapesStringsLikePythonsJsonModule() {
    assertThat(PyJson.write("a\"b\\c\nd\te\u0001é", Layout.COMPACT))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\\u00e9\"");
  }

  @Test
  void fixedWritesPythonReprOfTheFloat() {
    assertThat(new Fixed(100, 1).text()).isEqualTo("10.0");
    assertThat(new Fixed(1000, 0).text()).isEqualTo("1000.0");
    assertThat(new Fixed(3024, 4).text()).isEqualTo("0.3024");
    assertThat(new Fixed(-30358, 2).text()).isEqualTo("-303.58");
    assertThat(new Fixed(-5, 2).text()).isEqualTo("-0.05");
    assertThat(new Fixed(10_000, 4).text()).isEqualTo("1.0");
    assertThat(new Fixed(0, 3).text()).isEqualTo("0.0");
    assertThat(new Fixed(1, 4).text()).isEqualTo("0.0001");
  }

  @Test
  void fixedRejectsScalesOutsideZeroToFour() {
    assertThatThrownBy(() -> new Fixed(1, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Fixed(1, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  private static final long MAX_UNITS = 99_999_999_999L;

  /**
   * 1000 cases, drawn from a fixed seed (each case names its values): first every scale with the
   * edge units (the bounds, the values next to them, 0, ±1, ±2), then random units, half uniform
   * over the range and half with a uniformly drawn number of bits (so that short ones come often).
   */
  static Stream<Arguments> fixedTextParsesBackToTheSameDoubleWithoutTrailingZeros() {
    long[] edges = {
      0, 1, -1, 2, -2, -MAX_UNITS, -MAX_UNITS + 1, MAX_UNITS - 1, MAX_UNITS, 10, -10, 100_000
    };
    SplittableRandom r = new SplittableRandom(0x5EED_F1ED);
    return IntStream.range(0, 1000)
        .mapToObj(
            i -> {
              if (i < edges.length * 5) {
                return Arguments.of(edges[i / 5], i % 5);
              }
              long units =
                  r.nextBoolean()
                      ? r.nextLong(-MAX_UNITS, MAX_UNITS + 1)
                      : (r.nextBoolean() ? 1 : -1) * (r.nextLong(MAX_UNITS + 1) >>> r.nextInt(37));
              return Arguments.of(units, r.nextInt(5));
            });
  }

  @ParameterizedTest(name = "units {0}, scale {1}")
  @MethodSource
  void fixedTextParsesBackToTheSameDoubleWithoutTrailingZeros(long units, int scale) {
    Fixed f = new Fixed(units, scale);
    String text = f.text();
    assertThat(Double.parseDouble(text)).isEqualTo(units / Math.pow(10, scale));
    String fraction = text.substring(text.indexOf('.') + 1);
    assertThat(fraction.length() == 1 || !fraction.endsWith("0")).as(text).isTrue();
  }

  @Test
  void rejectsValuesItCannotWrite() {
    List<Object> unsupported = new ArrayList<>(Arrays.asList(new Object()));
    assertThatThrownBy(() -> PyJson.write(unsupported, Layout.COMPACT))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
