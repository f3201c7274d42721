package dev.arbtune.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.BacktestMetrics;
import dev.arbtune.backtest.PeriodPnl;
import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds {@link PlainDocumentWriter} to its promise: a document it lays out has exactly the bytes
 * that Jackson's {@link ResultWriter#success(java.io.Writer, String, Map, Map, Map, Map)} writes
 * (in UTF-8), over random documents of every value type, plain or not; it accepts the documents a
 * run writes; and {@link ResultWriter#writeSuccess} writes the reference bytes whichever path it
 * takes.
 */
class PlainDocumentWriterTest {

  @TempDir Path dir;

  /** Jackson's bytes of a document, or {@code null} when Jackson cannot write it. */
  private static byte[] reference(
      String jobId,
      Map<String, ?> config,
      Map<String, ?> metrics,
      Map<String, ?> summary,
      Map<String, ?> extra) {
    StringWriter out = new StringWriter();
    try {
      ResultWriter.success(out, jobId, config, metrics, summary, extra);
    } catch (IOException e) {
      return null;
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Checks the promise for one document; returns whether the fast path accepted it. */
  private static boolean assertWritesLikeJackson(
      String jobId,
      Map<String, ?> config,
      Map<String, ?> metrics,
      Map<String, ?> summary,
      Map<String, ?> extra) {
    byte[] fast = PlainDocumentWriter.success(jobId, config, metrics, summary, extra);
    if (fast == null) {
      return false;
    }
    byte[] jackson = reference(jobId, config, metrics, summary, extra);
    assertThat(jackson).as("Jackson failed where the fast path wrote").isNotNull();
    assertThat(new String(fast, StandardCharsets.UTF_8))
        .isEqualTo(new String(jackson, StandardCharsets.UTF_8));
    assertThat(fast).isEqualTo(jackson);
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Generators

  /** Mostly plain text, sometimes with quotes, backslashes, controls, DEL or non-ASCII. */
  static Gen<String> texts() {
    return Gen.frequencyOf(
        Gen.w(8, Gen.strings(Gen.chars('a', 'z', "_0123456789", ""), 0, 12)),
        Gen.w(3, Gen.strings(Gen.chars(' ', '~', "", ""), 0, 20)),
        Gen.w(
            1,
            Gen.strings(
                Gen.chars("ab\"\\/\n\t\u0001\u001f\u007f\u00e9\u2028\ud83d\ude00\ud800 "), 0, 8)));
  }

  static Gen<Double> anyDoubles() {
    return Gen.oneOf(
        Gen.doubles(-1e300, 1e300),
        Gen.doubles(-1e8, 1e8),
        // Every exponent, subnormals included: Double.toString's forms (1.0E-7, 2.0E-3, 1.0E23).
        Gen.longs().map(Double::longBitsToDouble),
        Gen.longs(-20_000_000, 20_000_000).map(Long::doubleValue),
        Gen.decimals(-10_000, 10_000, 6),
        Gen.of(
            -0.0,
            0.0,
            1e7,
            -1e7,
            9_999_999.0,
            1e-3,
            9.99e-4,
            1e21,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY));
  }

  private static Gen<Object> scalars() {
    return Gen.frequencyOf(
        Gen.w(6, anyDoubles()),
        Gen.w(3, Gen.ints()),
        Gen.w(2, Gen.longs()),
        Gen.w(2, Gen.booleans()),
        Gen.w(2, Gen.just(null)),
        Gen.w(4, texts()),
        // not plain: Jackson writes these
        Gen.w(
            1,
            Gen.of(
                new BigDecimal("1.50"),
                1.5f,
                (short) 3,
                Set.of("a"),
                new int[] {1, 2},
                Map.of(1, "non-string key"))));
  }

  private static Gen<Object> values(int depth) {
    if (depth == 0) {
      return scalars();
    }
    Gen<Object> inner = Gen.lazy(() -> values(depth - 1));
    return Gen.frequencyOf(
        Gen.w(10, scalars()),
        Gen.w(1, Gen.maps(texts(), inner, 4).map(m -> (Object) m)),
        Gen.w(1, inner.list(0, 4).map(l -> (Object) l)));
  }

  private static Gen<Map<String, Object>> objects() {
    return Gen.maps(texts(), values(3), 12);
  }

  static Stream<Arguments> anyDocumentWritesLikeJackson() {
    return Tries.of(
        4000,
        Gen.oneOf(Gen.just(null), texts()),
        objects(),
        objects(),
        Gen.frequencyOf(Gen.w(3, Gen.just(Map.<String, Object>of())), Gen.w(1, objects())),
        Gen.frequencyOf(Gen.w(1, Gen.just(Map.<String, Object>of())), Gen.w(1, objects())));
  }

  private static final int[] ACCEPTED = new int[2];

  /** Whatever the fast path writes, Jackson writes byte for byte; it writes a good share. */
  @PropertyTest
  @MethodSource
  void anyDocumentWritesLikeJackson(
      String jobId,
      Map<String, Object> config,
      Map<String, Object> metrics,
      Map<String, Object> summary,
      Map<String, Object> extra) {
    boolean accepted = assertWritesLikeJackson(jobId, config, metrics, summary, extra);
    synchronized (ACCEPTED) {
      ACCEPTED[accepted ? 0 : 1]++;
      int tries = ACCEPTED[0] + ACCEPTED[1];
      if (tries >= 1000) {
        // both paths are exercised: neither the fast path nor the decline is a rare case
        assertThat(100.0 * ACCEPTED[0] / tries).isGreaterThan(5);
        assertThat(100.0 * ACCEPTED[1] / tries).isGreaterThan(5);
      }
    }
  }

  static Stream<Arguments> aRunsDocumentsAreWrittenWithoutJackson() {
    return Tries.of(
        1000,
        Gen.decimals(0, 50, 2),
        Gen.doubles(-1e6, 1e6),
        Gen.doubles(0, 100),
        Gen.ints(0, 5000),
        Gen.longs(0, 1L << 40),
        Gen.ints(2, 64));
  }

  /** Documents as a run's jobs write them (config, metrics, period_pnl) take the fast path. */
  @PropertyTest
  @MethodSource
  void aRunsDocumentsAreWrittenWithoutJackson(
      double spread, double pnl, double pct, int trades, long startMicros, int blocks) {
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("data_file", "data/eurusd_sample.csv");
    raw.put("min_spread_bps", spread);
    raw.put("max_open_trades", 1 + trades % 64);
    raw.put("stop_on_drawdown_pct", trades % 2 == 0 ? null : pct + 0.5);
    raw.put("tag", "sess_\"q\"\\x");
    Map<String, Object> config = BacktestConfig.fromMap(raw).toMap();
    BacktestMetrics m =
        new BacktestMetrics(
            trades,
            trades,
            0,
            10_000 + pnl,
            pnl,
            pct,
            pct / 100,
            trades == 0 ? 0 : pnl / trades,
            0,
            Math.abs(pnl) / 7,
            trades % 3 == 0 ? null : pct,
            pct / 3,
            trades % 5 == 0 ? null : -pct,
            pct * 11,
            startMicros,
            startMicros / 2,
            trades % 2 == 0);
    long[] starts = new long[blocks];
    double[] blockPnl = new double[blocks];
    int[] counts = new int[blocks];
    for (int k = 0; k < blocks; k++) {
      starts[k] = startMicros + k * 1_234_567L;
      blockPnl[k] = k % 3 == 0 ? 0.0 : pnl / (k + 1);
      counts[k] = k % 4;
    }
    PeriodPnl periods = new PeriodPnl(starts, starts[blocks - 1] + 999, blockPnl, counts);

    assertThat(
            assertWritesLikeJackson(
                "sess_0001",
                config,
                m.toMap(pct / 1000),
                Map.of("joined_file", "joined/a.csv"),
                Map.of(PeriodPnl.KEY, periods.toMap())))
        .isTrue();
    assertThat(assertWritesLikeJackson(null, config, m.toMap(0.001), Map.of(), Map.of())).isTrue();
  }

  @Test
  void writeSuccessWritesJacksonsBytesOnBothPaths() throws IOException {
    Map<String, Object> plain = new LinkedHashMap<>();
    plain.put("x", 1.5);
    plain.put("y", List.of());
    Map<String, Object> notPlain = Map.of("name", "caf\u00e9", "z", new BigDecimal("2.50"));
    ResultWriter writer = new ResultWriter(false, "owner1");
    for (Map<String, Object> config : List.of(plain, notPlain)) {
      Path file = dir.resolve("d/x.json");
      writer.writeSuccess(file, "job", config, Map.of("m", 0.0), Map.of(), Map.of("e", plain));
      assertThat(Files.readAllBytes(file))
          .isEqualTo(reference("job", config, Map.of("m", 0.0), Map.of(), Map.of("e", plain)));
    }
    assertThat(PlainDocumentWriter.success("job", plain, Map.of(), Map.of(), Map.of())).isNotNull();
    assertThat(PlainDocumentWriter.success("job", notPlain, Map.of(), Map.of(), Map.of())).isNull();
    try (Stream<Path> files = Files.list(dir.resolve("d"))) {
      assertThat(files).containsExactly(dir.resolve("d/x.json"));
    }
  }

  static {
    // fail loudly rather than pass vacuously if the reference itself cannot write
    if (reference(null, Map.of(), Map.of(), Map.of(), Map.of()) == null) {
      throw new UncheckedIOException(new IOException("the reference writer failed"));
    }
  }
}
