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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

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

  @Property
  void fixedTextParsesBackToTheSameDoubleWithoutTrailingZeros(
      @ForAll @LongRange(min = -99_999_999_999L, max = 99_999_999_999L) long units,
      @ForAll @IntRange(min = 0, max = 4) int scale) {
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
