package dev.arbtune.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds {@link DocumentLayout} to its reference: laid out member by member from the same maps, a
 * document has exactly the bytes of {@link PlainDocumentWriter#success} (itself held to Jackson by
 * {@link PlainDocumentWriterTest}), and is declined exactly when that declines.
 */
class DocumentLayoutTest {

  // ---------------------------------------------------------------------------------------------
  // A walker: the layout calls for a map's members, by value type

  /** Lays out {@code map}'s entries as members of the object begun last. */
  private static void members(DocumentLayout out, Map<String, ?> map) {
    map.forEach((key, value) -> member(out, key, value));
  }

  private static void member(DocumentLayout out, String key, Object value) {
    if (value instanceof Map<?, ?> map) {
      out.beginObject(key);
      @SuppressWarnings("unchecked")
      Map<String, ?> members = (Map<String, ?>) map;
      members(out, members);
      out.end();
    } else if (value instanceof List<?> list) {
      out.beginArray(key);
      list.forEach(item -> item(out, item));
      out.end();
    } else if (value == null) {
      out.member(key, (String) null);
    } else if (value instanceof String s) {
      out.member(key, s);
    } else if (value instanceof Double d) {
      // both number members: the boxed one and the primitive one
      if ((Double.hashCode(d) & 1) == 0) {
        out.member(key, d);
      } else {
        out.member(key, d.doubleValue());
      }
    } else if (value instanceof Integer || value instanceof Long) {
      out.member(key, ((Number) value).longValue());
    } else if (value instanceof Boolean b) {
      out.member(key, b.booleanValue());
    } else {
      throw new IllegalArgumentException("no member for " + value.getClass());
    }
  }

  /** The items an array may hold: strings, numbers and {@code null} (no boolean, no container). */
  private static void item(DocumentLayout out, Object value) {
    if (value == null) {
      out.item((String) null);
    } else if (value instanceof String s) {
      out.item(s);
    } else if (value instanceof Double d) {
      out.item(d.doubleValue());
    } else if (value instanceof Integer || value instanceof Long) {
      out.item(((Number) value).longValue());
    } else {
      throw new IllegalArgumentException("no item for " + value.getClass());
    }
  }

  /** The document of these maps, laid out as {@code JobDocument.plainBytes()} lays one out. */
  private static byte[] laidOut(
      String jobId,
      Map<String, ?> config,
      Map<String, ?> metrics,
      Map<String, ?> summary,
      Map<String, ?> extra) {
    DocumentLayout out = new DocumentLayout();
    out.beginObject("config");
    members(out, config);
    out.end().beginObject("metrics");
    members(out, metrics);
    out.end().beginObject("config_summary");
    if (jobId != null) {
      out.member("job_id", jobId);
    }
    members(out, summary);
    out.end();
    members(out, extra);
    return out.finish();
  }

  // ---------------------------------------------------------------------------------------------
  // Generators

  /** Keys: mostly plain, sometimes not ({@link PlainDocumentWriterTest#texts()}), rarely null. */
  private static Gen<String> keys() {
    return Gen.frequencyOf(
        Gen.w(40, PlainDocumentWriterTest.texts()), Gen.w(1, Gen.just((String) null)));
  }

  /** What an array may hold. */
  private static Gen<Object> items() {
    return Gen.frequencyOf(
        Gen.w(6, PlainDocumentWriterTest.anyDoubles()),
        Gen.w(3, Gen.ints()),
        Gen.w(2, Gen.longs()),
        Gen.w(2, Gen.just(null)),
        Gen.w(4, PlainDocumentWriterTest.texts()));
  }

  private static Gen<Object> scalars() {
    return Gen.frequencyOf(Gen.w(17, items()), Gen.w(2, Gen.booleans()));
  }

  private static Gen<Object> values(int depth) {
    if (depth == 0) {
      return scalars();
    }
    Gen<Object> inner = Gen.lazy(() -> values(depth - 1));
    return Gen.frequencyOf(
        Gen.w(10, scalars()),
        Gen.w(1, Gen.maps(keys(), inner, 4).map(m -> (Object) m)),
        Gen.w(1, items().list(0, 4).map(l -> (Object) l)));
  }

  /**
   * Objects nested 1 to {@link PlainDocumentWriter#MAX_DEPTH} + 3 deep (plain keys), the innermost
   * holding an empty object or array, a scalar or a small value: both sides of the depth limit
   * wherever the chain starts.
   */
  private static Gen<Object> chains() {
    Gen<String> plainKeys = Gen.strings(Gen.chars('a', 'z', "", ""), 1, 6);
    Gen<Object> innermost =
        Gen.oneOf(Gen.just(Map.of()), Gen.just(List.of()), scalars(), values(1));
    Gen<Integer> lengths = Gen.ints(1, PlainDocumentWriter.MAX_DEPTH + 3);
    return s -> {
      Object v = innermost.draw(s);
      for (int k = lengths.draw(s); k > 0; k--) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(plainKeys.draw(s), v);
        v = m;
      }
      return v;
    };
  }

  private static Gen<Map<String, Object>> objects() {
    return Gen.maps(keys(), Gen.frequencyOf(Gen.w(12, values(3)), Gen.w(1, chains())), 12);
  }

  static Stream<Arguments> anyDocumentIsLaidOutAsItsMapsAreWritten() {
    return Tries.of(
        3000,
        Gen.oneOf(Gen.just(null), PlainDocumentWriterTest.texts()),
        objects(),
        objects(),
        Gen.frequencyOf(Gen.w(3, Gen.just(Map.<String, Object>of())), Gen.w(1, objects())),
        Gen.frequencyOf(Gen.w(1, Gen.just(Map.<String, Object>of())), Gen.w(1, objects())));
  }

  private static final int[] OUTCOMES = new int[2];

  /**
   * Laid out from the maps, any document has the maps' writer's bytes, or is declined where that
   * declines; both happen often.
   */
  @PropertyTest
  @MethodSource
  void anyDocumentIsLaidOutAsItsMapsAreWritten(
      String jobId,
      Map<String, Object> config,
      Map<String, Object> metrics,
      Map<String, Object> summary,
      Map<String, Object> extra) {
    boolean laid =
        Layouts.assertLaidOutAsReference(
            laidOut(jobId, config, metrics, summary, extra),
            PlainDocumentWriter.success(jobId, config, metrics, summary, extra));
    Layouts.countOutcome(OUTCOMES, laid, 1000, 5);
  }

  // ---------------------------------------------------------------------------------------------
  // Examples

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void anEmptyConfigSummaryIsAnEmptyObject() {
    byte[] doc = laidOut(null, Map.of(), Map.of("m", 1), Map.of(), Map.of());

    assertThat(text(doc))
        .isEqualTo(
            "{\n"
                + "  \"status\": \"success\",\n"
                + "  \"config\": {},\n"
                + "  \"metrics\": {\n"
                + "    \"m\": 1\n"
                + "  },\n"
                + "  \"config_summary\": {}\n"
                + "}\n");
  }

  @Test
  void anEmptyArrayMemberIsAnEmptyArray() {
    DocumentLayout out = new DocumentLayout();
    out.beginObject("config").beginArray("xs").end().beginArray("ys").item(2).end().end();

    assertThat(text(out.finish()))
        .isEqualTo(
            "{\n"
                + "  \"status\": \"success\",\n"
                + "  \"config\": {\n"
                + "    \"xs\": [],\n"
                + "    \"ys\": [\n"
                + "      2\n"
                + "    ]\n"
                + "  }\n"
                + "}\n");
  }

  @Test
  void endWithoutAnOpenObjectOrArrayIsRefused() {
    DocumentLayout out = new DocumentLayout();
    assertThatThrownBy(out::end).isInstanceOf(IllegalStateException.class);

    out.beginObject("a").beginArray("b").end().end();
    assertThatThrownBy(out::end).isInstanceOf(IllegalStateException.class);

    // a declined document keeps count too
    DocumentLayout declined = new DocumentLayout().beginObject("caf\u00e9").end();
    assertThatThrownBy(declined::end).isInstanceOf(IllegalStateException.class);
    assertThat(declined.finish()).isNull();
  }

  @Test
  void finishWithAnOpenObjectOrArrayIsRefused() {
    assertThatThrownBy(() -> new DocumentLayout().beginObject("config").finish())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> new DocumentLayout().beginObject("config").beginArray("xs").end().finish())
        .isInstanceOf(IllegalStateException.class);
    // declined or not
    assertThatThrownBy(() -> new DocumentLayout().beginObject("x").member("t", "\n").finish())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void nestingIsLaidOutUpToTheDepthLimitAndDeclinedBeyond() {
    for (int depth = PlainDocumentWriter.MAX_DEPTH - 1;
        depth <= PlainDocumentWriter.MAX_DEPTH + 1;
        depth++) {
      Object v = List.of();
      for (int k = 1; k < depth; k++) {
        v = Map.of("k", v);
      }
      Map<String, Object> extra = Map.of("deep", v);
      byte[] reference = PlainDocumentWriter.success(null, Map.of(), Map.of(), Map.of(), extra);
      assertThat(reference == null)
          .as("depth %d declined", depth)
          .isEqualTo(depth > PlainDocumentWriter.MAX_DEPTH - 1);
      Layouts.assertLaidOutAsReference(
          laidOut(null, Map.of(), Map.of(), Map.of(), extra), reference);
    }
  }

  @Test
  void aMemberInsideAnArrayOrAnItemInsideAnObjectIsRefused() {
    assertThatThrownBy(() -> new DocumentLayout().item(1))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new DocumentLayout().beginObject("o").item("x"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new DocumentLayout().beginArray("xs").member("k", 1.0))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new DocumentLayout().beginArray("xs").beginObject("o"))
        .isInstanceOf(IllegalStateException.class);
  }
}
