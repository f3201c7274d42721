package dev.arbtune.result;

import static dev.arbtune.result.PlainDocumentParserTest.assertSameMap;
import static dev.arbtune.result.PlainDocumentParserTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FlatJsonObject} as a {@link Map}: built by {@link PlainDocumentParser} from a document's
 * {@code config}, compared with the map Jackson builds from the same bytes.
 */
class FlatJsonObjectTest {

  private static final String CONFIG =
      "{\"data_file\":\"d.csv\",\"min_spread_bps\":30.0,\"max_open_trades\":2,"
          + "\"stop_on_drawdown_pct\":null,\"on\":true,\"off\":false,\"neg\":-0.0,"
          + "\"grid\":{\"a\":[1,2.50,{\"c\":null}],\"d\":\"x\"},\"e\":[],\"f\":{},"
          + "\"Aa\":\"aa\",\"BB\":\"bb\"}";

  /** The config object {@code json} as the fast path reads it. */
  private static Map<String, Object> flat(String json) {
    byte[] b = utf8("{\"config\":" + json + "}");
    ResultDocument doc = PlainDocumentParser.parse(b, 0, b.length);
    assertThat(doc).as("fast path declined %s", json).isNotNull();
    assertThat(doc.config()).isInstanceOf(FlatJsonObject.class);
    return doc.config();
  }

  @Test
  void keepsOnlyItsOwnObjectNotTheLargeFieldsAroundIt() throws ResultFormatException {
    // A document with a big trade log between config and metrics: kept jobs must not hold it.
    String config = "{\"tag\": \"t\", \"min_spread_bps\": 20.0}";
    String metrics = "{\"realized_pnl_usd\": 1.5}";
    String trades = "[" + "{\"pnl\": 1.25, \"side\": \"buy\"},".repeat(20_000) + "null]";
    byte[] b =
        utf8(
            "{\"status\": \"success\", \"config\": "
                + config
                + ", \"trades\": "
                + trades
                + ", \"metrics\": "
                + metrics
                + "}");

    ResultDocument doc = PlainDocumentParser.parse(b, 0, b.length);

    assertThat(doc).isNotNull();
    assertThat(((FlatJsonObject) doc.config()).retainedBytes()).isEqualTo(config.length());
    assertThat(((FlatJsonObject) doc.metrics()).retainedBytes()).isEqualTo(metrics.length());
    assertSameMap(jackson(config), doc.config(), "config");
    assertThat(doc.metrics()).containsEntry("realized_pnl_usd", new BigDecimal("1.5"));
  }

  /** The config object {@code json} as Jackson reads it. */
  private static Map<String, Object> jackson(String json) throws ResultFormatException {
    byte[] b = utf8("{\"config\":" + json + "}");
    return ResultReader.readWithJackson(b, 0, b.length).config();
  }

  @Test
  void holdsWhatJacksonReads() throws Exception {
    assertSameMap(jackson(CONFIG), flat(CONFIG), "config");
  }

  @Test
  void isUnmodifiable() {
    Map<String, Object> map = flat(CONFIG);
    List<Consumer<Map<String, Object>>> mutators =
        List.of(
            m -> m.put("x", 1L),
            m -> m.put("tag", "y"),
            m -> m.remove("Aa"),
            m -> m.remove("data_file"),
            Map::clear,
            m -> m.putAll(Map.of("x", 1L)),
            m -> m.entrySet().iterator().next().setValue("z"),
            m -> m.keySet().remove("data_file"),
            m -> m.values().clear(),
            m -> m.replaceAll((k, v) -> v),
            m -> m.computeIfAbsent("x", k -> 1L),
            m -> m.merge("max_open_trades", 1L, (a, b) -> a));
    for (int k = 0; k < mutators.size(); k++) {
      Consumer<Map<String, Object>> mutator = mutators.get(k);
      assertThatThrownBy(() -> mutator.accept(map), "mutator %d", k)
          .isInstanceOf(UnsupportedOperationException.class);
    }
    Iterator<Map.Entry<String, Object>> it = map.entrySet().iterator();
    it.next();
    assertThatThrownBy(it::remove).isInstanceOf(UnsupportedOperationException.class);
    assertThat(map).hasSize(12).containsEntry("max_open_trades", 2L);
  }

  /**
   * Known divergence (reported; fails until fixed): AbstractMap's mutators throw only when they
   * would change something, while Jackson's map (Collections.unmodifiableMap) and Map.of() always
   * throw.
   */
  @Test
  void mutatorsThrowEvenWhenTheyWouldChangeNothingAsJacksonsMapDoes() throws Exception {
    Map<String, Object> map = flat(CONFIG);
    Map<String, Object> reference = jackson(CONFIG);
    List<Consumer<Map<String, Object>>> mutators =
        List.of(
            m -> m.remove("missing"),
            m -> m.remove("data_file", "other"),
            m -> m.putAll(Map.of()),
            m -> m.putIfAbsent("data_file", "x"),
            m -> m.computeIfAbsent("data_file", k -> "x"),
            m -> m.computeIfPresent("missing", (k, v) -> v),
            m -> m.replace("missing", 1L),
            m -> m.replace("data_file", "other", "x"),
            m -> m.keySet().removeIf(k -> false),
            m -> m.values().remove("not a value"),
            m -> m.entrySet().retainAll(List.copyOf(m.entrySet())));
    List<Integer> notThrowing = new ArrayList<>();
    for (int k = 0; k < mutators.size(); k++) {
      Consumer<Map<String, Object>> mutator = mutators.get(k);
      assertThatThrownBy(() -> mutator.accept(reference), "Jackson's map, mutator %d", k)
          .isInstanceOf(UnsupportedOperationException.class);
      try {
        mutator.accept(map);
        notThrowing.add(k);
      } catch (UnsupportedOperationException expected) {
        // as it should
      }
    }
    assertThat(notThrowing).as("mutators (by index) that did not throw").isEmpty();
    assertSameMap(reference, map, "config after the attempts");
  }

  @Test
  void getAndContainsKeyOfMissingOrNonStringKeys() {
    Map<String, Object> map = flat(CONFIG);
    for (Object key :
        new Object[] {
          "missing",
          "",
          "data_fil",
          "data_file ",
          "DATA_FILE",
          1,
          2L,
          null,
          new StringBuilder("tag")
        }) {
      assertThat(map.get(key)).as("get(%s)", key).isNull();
      assertThat(map.containsKey(key)).as("containsKey(%s)", key).isFalse();
    }
    assertThat(map.containsKey("stop_on_drawdown_pct")).isTrue();
    assertThat(map.get("stop_on_drawdown_pct")).isNull();
    assertThat(map.getOrDefault("stop_on_drawdown_pct", "d")).isNull();
    assertThat(map.getOrDefault("missing", "d")).isEqualTo("d");
    assertThat(map.containsValue("d.csv")).isTrue();
    assertThat(map.containsValue(null)).isTrue();
    assertThat(map.containsValue("nope")).isFalse();
  }

  @Test
  void tellsApartKeysWithEqualHashCodes() {
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    assertThat("AaBB".hashCode()).isEqualTo("BBAa".hashCode());
    // Same hash and length as "Aa", characters outside ASCII.
    String twin = "\u0000\u0840";
    assertThat(twin.hashCode()).isEqualTo("Aa".hashCode());

    Map<String, Object> both = flat("{\"Aa\":1,\"BB\":2,\"AaBB\":3,\"BBAa\":4}");
    assertThat(both.get("Aa")).isEqualTo(1L);
    assertThat(both.get("BB")).isEqualTo(2L);
    assertThat(both.get("AaBB")).isEqualTo(3L);
    assertThat(both.get("BBAa")).isEqualTo(4L);
    assertThat(both.get(twin)).isNull();
    assertThat(both.containsKey("AaAa")).isFalse();

    Map<String, Object> one = flat("{\"Aa\":1}");
    assertThat(one.get("BB")).isNull();
    assertThat(one.containsKey("BB")).isFalse();
    assertThat(one.get(twin)).isNull();
  }

  @Test
  void equalsAndHashCodeAgreeWithALinkedHashMapBothWays() throws Exception {
    Map<String, Object> map = flat(CONFIG);
    Map<String, Object> copy = new LinkedHashMap<>(jackson(CONFIG));
    assertThat(map.equals(copy)).isTrue();
    assertThat(copy.equals(map)).isTrue();
    assertThat(map.hashCode()).isEqualTo(copy.hashCode());
    assertThat(map.toString()).isEqualTo(copy.toString());

    copy.put("min_spread_bps", new BigDecimal("30.00"));
    assertThat(map.equals(copy)).isFalse();
    assertThat(copy.equals(map)).isFalse();
    copy.put("min_spread_bps", new BigDecimal("30.0"));
    copy.put("extra", null);
    assertThat(map.equals(copy)).isFalse();
    assertThat(copy.equals(map)).isFalse();
    copy.remove("extra");
    copy.remove("stop_on_drawdown_pct");
    copy.put("stop_on_drawdown_pct2", null);
    assertThat(map.equals(copy)).isFalse();
    assertThat(copy.equals(map)).isFalse();
  }

  @Test
  void iteratesInDocumentOrderAndEndsWithNoSuchElement() {
    Map<String, Object> map = flat("{\"z\":1,\"a\":2,\"m\":3}");
    assertThat(new ArrayList<>(map.keySet())).containsExactly("z", "a", "m");
    assertThat(new ArrayList<>(map.values())).containsExactly(1L, 2L, 3L);
    Iterator<Map.Entry<String, Object>> it = map.entrySet().iterator();
    it.next();
    it.next();
    it.next();
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void serializesToAnEqualUnmodifiableMap() throws Exception {
    Map<String, Object> map = flat(CONFIG);
    Object back = roundTrip(map);
    assertThat(back).isInstanceOf(Map.class).isNotInstanceOf(FlatJsonObject.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) back;
    assertSameMap(map, copy, "deserialised config");
    assertThatThrownBy(() -> copy.put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void buildsNestedValuesAsJacksonDoes() throws Exception {
    Map<String, Object> map = flat(CONFIG);
    Map<String, Object> expected = jackson(CONFIG);
    for (String key : List.of("grid", "e", "f")) {
      assertThat(map.get(key)).isEqualTo(expected.get(key));
      assertThat(map.get(key).getClass()).isEqualTo(expected.get(key).getClass());
    }
    // Built again on each access, each time equal.
    assertThat(map.get("grid")).isEqualTo(map.get("grid"));
    @SuppressWarnings("unchecked")
    Map<String, Object> grid = (Map<String, Object>) map.get("grid");
    assertThatThrownBy(() -> grid.put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
    List<?> a = (List<?>) grid.get("a");
    assertThat(((BigDecimal) a.get(1)).scale()).isEqualTo(2);
    assertThatThrownBy(() -> a.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(map.get("neg")).isEqualTo(-0.0);
  }

  static Object roundTrip(Object o) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return in.readObject();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Any plain flat object: as Jackson reads it by iteration, lookup, equality both ways, hash code
   * and after serialisation; keys not in it (including ones with the same hash) are absent.
   */
  static Stream<Arguments> anyPlainObjectBehavesAsJacksonsMap() {
    return Tries.of(1000, plainObjects(), probeKeys());
  }

  @PropertyTest
  @MethodSource
  void anyPlainObjectBehavesAsJacksonsMap(Map<String, String> members, List<String> probes)
      throws Exception {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, String> e : members.entrySet()) {
      sb.append(sb.length() > 1 ? "," : "").append('"').append(e.getKey()).append("\":");
      sb.append(e.getValue());
    }
    String json = sb.append('}').toString();
    Map<String, Object> expected = jackson(json);
    if (members.isEmpty()) {
      byte[] b = utf8("{\"config\":" + json + "}");
      assertThat(PlainDocumentParser.parse(b, 0, b.length).config()).isEmpty();
      return;
    }
    Map<String, Object> map = flat(json);
    assertSameMap(expected, map, json);
    assertThat(new LinkedHashMap<>(expected)).isEqualTo(map);
    assertThat(map).isEqualTo(new LinkedHashMap<>(expected));
    for (String probe : probes) {
      assertThat(map.containsKey(probe))
          .as("containsKey(%s)", probe)
          .isEqualTo(members.containsKey(probe));
      assertThat(map.get(probe)).as("get(%s)", probe).isEqualTo(expected.get(probe));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> back = (Map<String, Object>) roundTrip(map);
    assertSameMap(expected, back, "deserialised " + json);
  }

  /** Printable ASCII but for the quote and the backslash. */
  static final Gen<Character> PLAIN_CHARS = Gen.chars(' ', '~', "", "\"\\");

  private static Gen<String> keys() {
    return Gen.frequencyOf(
        Gen.w(
            3,
            Gen.of(
                "Aa",
                "BB",
                "AaAa",
                "AaBB",
                "BBAa",
                "BBBB",
                "",
                " ",
                "a",
                "tag",
                "data_file",
                "\u007f")),
        Gen.w(2, Gen.strings(PLAIN_CHARS, 1, 12)));
  }

  static Gen<Map<String, String>> plainObjects() {
    Gen<String> leaves =
        Gen.oneOf(
            Gen.of(
                "null",
                "true",
                "false",
                "0",
                "-0",
                "-0.0",
                "0.0",
                "30.0",
                "30.00",
                "1E+2",
                "0e5",
                "-1.5e-7",
                "123456789012345678",
                "\"\"",
                "\"x y\"",
                "[]",
                "{}"),
            Gen.longs(-999_999_999_999_999_999L, 999_999_999_999_999_999L).map(String::valueOf),
            Gen.decimals(new BigDecimal("-1e6"), new BigDecimal("1e6"), 4)
                .map(BigDecimal::toPlainString),
            Gen.strings(PLAIN_CHARS, 0, 10).map(s -> "\"" + s + "\""));
    Gen<String> keys = keys();
    Gen<String> values =
        Gen.frequencyOf(
            Gen.w(6, leaves),
            Gen.w(1, leaves.list(0, 3).map(l -> "[" + String.join(",", l) + "]")),
            Gen.w(1, s -> "{\"" + keys.draw(s) + "\":" + leaves.draw(s) + "}"));
    return Gen.maps(keys, values, 8);
  }

  static Gen<List<String>> probeKeys() {
    return Gen.oneOf(keys(), Gen.of("\u0000\u0840", "Ab", "BA", "a\u0000")).list(0, 5);
  }
}
