package dev.arbtune.testing;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.VenueFiles;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Random valid {@code config} objects, as the raw maps {@link BacktestConfig#fromMap} reads: every
 * optional key sometimes given (and sometimes given as {@code null}), numbers of every type a
 * parser gives ({@link Integer}, {@link Long}, {@link Double}, {@link BigDecimal}), free text that
 * is sometimes not plain (quotes, backslashes, controls, DEL, non-ASCII), keys in random order.
 */
public final class Configs {

  private Configs() {}

  /** Staleness limits {@link VenueFiles} accepts, as a config may write them. */
  private static final List<String> STALENESS =
      List.of("5s", "250ms", "2m", "6h", "1d", "100us", "PT5S", "none", " 30s ", "NONE");

  /** Formats as a config may write them (the record keeps them stripped and in lower case). */
  private static final List<String> FORMATS;

  static {
    List<String> formats = new ArrayList<>(VenueFiles.FORMATS);
    formats.add(" Generic ");
    formats.add("BINANCE-BOOKTICKER");
    FORMATS = List.copyOf(formats);
  }

  /**
   * Names, tags and paths of {@code min} to {@code max} characters: mostly printable ASCII, now and
   * then with quotes, backslashes, controls, DEL or non-ASCII characters.
   */
  public static Gen<String> names(int min, int max) {
    return Gen.frequencyOf(
        Gen.w(6, Gen.strings(Gen.chars('a', 'z', "_./0123456789", ""), min, max)),
        Gen.w(3, Gen.strings(Gen.chars(' ', '~', "", ""), min, max)),
        Gen.w(
            1,
            Gen.strings(
                Gen.chars("ab/\"\\ \n\t\u0001\u001f\u007f\u00e9\u2028\ud83d\ude00"), min, max)));
  }

  /**
   * Configs of either kind, a {@code data_file} or venue files with every optional venue key, and
   * values up to the bounds the config allows (0 and 10,000 bps, the smallest positive double and
   * 10¹² USD, any {@code max_open_trades}, times from year 2 to 9998).
   */
  public static Gen<Map<String, Object>> extreme() {
    Gen<Map<String, Object>> input =
        Gen.frequencyOf(
            Gen.w(1, names(1, 30).filter(n -> !n.isBlank()).map(Configs::dataFile)),
            Gen.w(1, venueFiles()));
    return raw(
        input,
        Gen.doubles(0, BacktestConfig.MAX_BPS),
        Gen.doubles(Double.MIN_VALUE, BacktestConfig.MAX_USD),
        Gen.ints(1, Integer.MAX_VALUE),
        Gen.doubles(Double.MIN_VALUE, 1e300),
        Instant.parse("0002-01-01T00:00:00Z"),
        Instant.parse("9998-12-31T23:59:59.999999Z"));
  }

  /**
   * Configs reading {@code dataFile} that a backtest runs quickly: a window within {@code first}
   * and {@code last} (or none), at most 8 open trades, spreads and costs up to 60 bps.
   */
  public static Gen<Map<String, Object>> runnable(String dataFile, Instant first, Instant last) {
    return raw(
        Gen.just(dataFile).map(Configs::dataFile),
        Gen.decimals(0, 60, 3),
        Gen.oneOf(Gen.doubles(0.01, BacktestConfig.MAX_USD), Gen.decimals(1, 100_000, 2)),
        Gen.ints(1, 8),
        Gen.oneOf(Gen.doubles(1e-6, 1e6), Gen.decimals(0.01, 100, 2)),
        first,
        last);
  }

  private static Map<String, Object> dataFile(String name) {
    return Map.of(BacktestConfig.DATA_FILE, name);
  }

  /** The venue keys: both files, each optional key now set, now absent, now {@code null}. */
  private static Gen<Map<String, Object>> venueFiles() {
    Gen<String> files = names(1, 30).filter(n -> !n.isBlank());
    Gen<String> columns = names(1, 20).filter(n -> !n.isBlank());
    Gen<String> units = Gen.oneOf(Gen.of(EpochUnit.LABELS.toArray(String[]::new)));
    Gen<String> formats = Gen.of(FORMATS.toArray(String[]::new));
    Gen<String> staleness = Gen.of(STALENESS.toArray(String[]::new));
    return s -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(VenueFiles.VENUE_A, files.draw(s));
      m.put(VenueFiles.VENUE_B, files.draw(s));
      maybe(s, m, VenueFiles.FORMAT_A, formats);
      maybe(s, m, VenueFiles.FORMAT_B, formats);
      maybe(s, m, VenueFiles.TIME_COLUMN_A, columns);
      maybe(s, m, VenueFiles.TIME_COLUMN_B, columns);
      maybe(s, m, VenueFiles.TIME_UNIT_A, units);
      maybe(s, m, VenueFiles.TIME_UNIT_B, units);
      maybe(s, m, VenueFiles.MAX_STALENESS, staleness);
      maybe(s, m, VenueFiles.SORT_A, Gen.booleans());
      maybe(s, m, VenueFiles.SORT_B, Gen.booleans());
      return m;
    };
  }

  /** Puts {@code key}: a drawn value, {@code null}, or nothing. */
  private static void maybe(Gen.Source s, Map<String, Object> m, String key, Gen<?> values) {
    switch (s.random().nextInt(4)) {
      case 0 -> {}
      case 1 -> m.put(key, null);
      default -> m.put(key, values.draw(s));
    }
  }

  /** A number as a parser may give it: Double, Integer or Long when whole, BigDecimal. */
  private static Gen<Object> asParsed(Gen<Double> values) {
    return s -> {
      double d = values.draw(s);
      return switch (s.random().nextInt(4)) {
        case 0 -> d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE ? (Object) (int) d : d;
        case 1 -> d == Math.rint(d) && Math.abs(d) < 0x1p62 ? (Object) (long) d : d;
        case 2 -> new BigDecimal(Double.toString(d));
        default -> d;
      };
    };
  }

  private static Gen<Map<String, Object>> raw(
      Gen<Map<String, Object>> input,
      Gen<Double> bps,
      Gen<Double> usd,
      Gen<Integer> openTrades,
      Gen<Double> drawdownPct,
      Instant first,
      Instant last) {
    Gen<Object> bpsValues = asParsed(bps);
    Gen<Object> usdValues = asParsed(usd);
    Gen<Object> counts = asParsed(openTrades.map(Integer::doubleValue));
    Gen<Object> blocks =
        asParsed(
            Gen.ints(BacktestConfig.MIN_PNL_BLOCKS, BacktestConfig.MAX_PNL_BLOCKS)
                .map(Integer::doubleValue));
    Gen<Object> drawdowns = asParsed(drawdownPct);
    Gen<String> tags =
        Gen.oneOf(names(0, 24), Gen.just("t".repeat(BacktestConfig.MAX_STRING_CHARS)));
    Gen<String> units = Gen.of(EpochUnit.LABELS.toArray(String[]::new));
    long firstMicros = micros(first);
    long lastMicros = micros(last);
    return s -> {
      List<Map.Entry<String, Object>> entries = new ArrayList<>(input.draw(s).entrySet());
      Map<String, Object> m = new LinkedHashMap<>();
      maybe(s, m, BacktestConfig.MIN_SPREAD_BPS, bpsValues);
      maybe(s, m, BacktestConfig.TAKER_FEE_A_BPS, bpsValues);
      maybe(s, m, BacktestConfig.TAKER_FEE_B_BPS, bpsValues);
      maybe(s, m, BacktestConfig.SLIPPAGE_BPS, bpsValues);
      maybe(s, m, BacktestConfig.MAX_POSITION_USD, usdValues);
      maybe(s, m, BacktestConfig.MAX_OPEN_TRADES, counts);
      maybe(s, m, BacktestConfig.INITIAL_BALANCE_USD, usdValues);
      maybe(s, m, BacktestConfig.STOP_ON_DRAWDOWN_PCT, drawdowns);
      maybe(s, m, BacktestConfig.TAG, tags);
      maybe(s, m, BacktestConfig.TIME_UNIT, units);
      maybe(s, m, BacktestConfig.PNL_BLOCKS, blocks);
      // a value of null means the default for the keys that have one (not for the numbers)
      m.entrySet()
          .removeIf(
              e ->
                  e.getValue() == null
                      && !e.getKey().equals(BacktestConfig.STOP_ON_DRAWDOWN_PCT)
                      && !e.getKey().equals(BacktestConfig.TAG)
                      && !e.getKey().equals(BacktestConfig.TIME_UNIT));
      long a = Gen.longs(firstMicros, lastMicros - 1).draw(s);
      long b = Gen.longs(a + 1, lastMicros).draw(s);
      switch (s.random().nextInt(4)) {
        case 0 -> {}
        case 1 -> m.put(BacktestConfig.START_TIME, timeText(s, a));
        case 2 -> m.put(BacktestConfig.END_TIME, timeText(s, b));
        default -> {
          m.put(BacktestConfig.START_TIME, timeText(s, a));
          m.put(BacktestConfig.END_TIME, timeText(s, b));
        }
      }
      entries.addAll(m.entrySet());
      Collections.shuffle(entries, new java.util.Random(s.random().nextLong()));
      Map<String, Object> out = new LinkedHashMap<>();
      entries.forEach(e -> out.put(e.getKey(), e.getValue()));
      return out;
    };
  }

  private static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000L);
  }

  /**
   * The instant {@code micros} (plus a fraction of a microsecond, which the config drops) as an
   * ISO-8601 text: with Z, with an offset, or without a zone.
   */
  private static String timeText(Gen.Source s, long micros) {
    Instant t =
        Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000L),
            Math.floorMod(micros, 1_000_000L) * 1000L + s.random().nextInt(1000));
    return switch (s.random().nextInt(3)) {
      case 0 -> t.toString();
      case 1 -> t.atOffset(ZoneOffset.ofHours(s.random().nextInt(-12, 15))).toString();
      default -> LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString();
    };
  }
}
