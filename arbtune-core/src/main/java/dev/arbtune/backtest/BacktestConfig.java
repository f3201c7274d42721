package dev.arbtune.backtest;

import dev.arbtune.io.Excerpt;
import dev.arbtune.result.DocumentLayout;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration of one backtest job: the {@code config} object of a result document and of a
 * plan line. Validated on construction, exactly as the runner validates it.
 *
 * @param dataFile CSV of two-venue quotes; {@code null} when the job names {@code venues} instead
 * @param minSpreadBps net spread needed to open a trade, after the entry costs {@link #costBps()}
 *     (one pair of fills; a round trip costs about twice that), in basis points; 0 to {@link
 *     #MAX_BPS}
 * @param takerFeeABps taker fee on venue A, bps of notional; 0 to {@link #MAX_BPS}
 * @param takerFeeBBps taker fee on venue B, bps of notional; 0 to {@link #MAX_BPS}
 * @param slippageBps slippage for a pair of legs, half on each leg, bps; 0 to {@link #MAX_BPS}
 * @param maxPositionUsd notional of one trade, USD; &gt; 0 and at most {@link #MAX_USD}
 * @param maxOpenTrades trades open at once; ≥ 1
 * @param initialBalanceUsd starting equity, USD; &gt; 0 and at most {@link #MAX_USD}
 * @param stopOnDrawdownPct stop the run at this drawdown, percent; &gt; 0, or {@code null} for
 *     never
 * @param tag free label, usually the session; may be {@code null}
 * @param startTime first quote used, inclusive; {@code null} for the start of the file (both times
 *     are kept to the microsecond, as quotes are: finer fractions are truncated)
 * @param endTime quotes from this instant on are not used; {@code null} for the end of the file
 * @param timeUnit the unit of the quotes file's epoch integers, {@link EpochUnit#AUTO} (the
 *     default) to read it from their magnitude
 * @param venues the two venue files joined into the job's quotes, instead of {@code dataFile};
 *     {@code null} for a job with a {@code data_file}
 * @param pnlBlocks how many equal-duration blocks the result document's {@code period_pnl} splits
 *     the job's window into, {@value #MIN_PNL_BLOCKS} to {@value #MAX_PNL_BLOCKS}
 */
public record BacktestConfig(
    String dataFile,
    double minSpreadBps,
    double takerFeeABps,
    double takerFeeBBps,
    double slippageBps,
    double maxPositionUsd,
    int maxOpenTrades,
    double initialBalanceUsd,
    Double stopOnDrawdownPct,
    String tag,
    Instant startTime,
    Instant endTime,
    EpochUnit timeUnit,
    VenueFiles venues,
    int pnlBlocks) {

  public static final String DATA_FILE = "data_file";
  public static final String MIN_SPREAD_BPS = "min_spread_bps";
  public static final String TAKER_FEE_A_BPS = "taker_fee_a_bps";
  public static final String TAKER_FEE_B_BPS = "taker_fee_b_bps";
  public static final String SLIPPAGE_BPS = "slippage_bps";
  public static final String MAX_POSITION_USD = "max_position_usd";
  public static final String MAX_OPEN_TRADES = "max_open_trades";
  public static final String INITIAL_BALANCE_USD = "initial_balance_usd";
  public static final String STOP_ON_DRAWDOWN_PCT = "stop_on_drawdown_pct";
  public static final String TAG = "tag";
  public static final String START_TIME = "start_time";
  public static final String END_TIME = "end_time";
  public static final String TIME_UNIT = "time_unit";
  public static final String PNL_BLOCKS = "pnl_blocks";

  /** Every config key the runner knows, in the order they are written. */
  public static final List<String> FIELDS =
      List.of(
          DATA_FILE,
          MIN_SPREAD_BPS,
          TAKER_FEE_A_BPS,
          TAKER_FEE_B_BPS,
          SLIPPAGE_BPS,
          MAX_POSITION_USD,
          MAX_OPEN_TRADES,
          INITIAL_BALANCE_USD,
          STOP_ON_DRAWDOWN_PCT,
          TAG,
          START_TIME,
          END_TIME,
          TIME_UNIT,
          PNL_BLOCKS);

  /**
   * {@link #FIELDS} and the venue keys ({@link VenueFiles#FIELDS}): every key a config may have.
   */
  public static final List<String> ALL_FIELDS =
      java.util.stream.Stream.concat(FIELDS.stream(), VenueFiles.FIELDS.stream()).toList();

  /** The keys whose values are numbers (the ones a parameter grid can vary). */
  public static final List<String> NUMERIC_FIELDS =
      List.of(
          MIN_SPREAD_BPS,
          TAKER_FEE_A_BPS,
          TAKER_FEE_B_BPS,
          SLIPPAGE_BPS,
          MAX_POSITION_USD,
          MAX_OPEN_TRADES,
          INITIAL_BALANCE_USD,
          STOP_ON_DRAWDOWN_PCT,
          PNL_BLOCKS);

  /** Defaults for every field but {@code data_file}, as in the seed's example document. */
  public static final double DEFAULT_MIN_SPREAD_BPS = 30.0;

  public static final double DEFAULT_TAKER_FEE_BPS = 5.0;
  public static final double DEFAULT_SLIPPAGE_BPS = 5.0;
  public static final double DEFAULT_MAX_POSITION_USD = 1000.0;
  public static final int DEFAULT_MAX_OPEN_TRADES = 1;
  public static final double DEFAULT_INITIAL_BALANCE_USD = 10000.0;

  /** Default {@code pnl_blocks}: the blocks of a document's {@code period_pnl}. */
  public static final int DEFAULT_PNL_BLOCKS = 16;

  /** Fewest {@code pnl_blocks}. */
  public static final int MIN_PNL_BLOCKS = 2;

  /** Most {@code pnl_blocks}. */
  public static final int MAX_PNL_BLOCKS = 64;

  /**
   * Largest {@code max_position_usd} and {@code initial_balance_usd}: 10¹² USD (a trillion), far
   * beyond any real account, and far enough below a double's range that PnL, fees and drawdown stay
   * finite for prices of ordinary magnitude.
   */
  public static final double MAX_USD = 1e12;

  /**
   * Largest {@code min_spread_bps}, {@code taker_fee_a_bps}, {@code taker_fee_b_bps} and {@code
   * slippage_bps}: 10,000 bps, that is 100% of the notional.
   */
  public static final double MAX_BPS = 10_000;

  /**
   * Longest {@code data_file}, in characters: 4096, Linux's PATH_MAX (no longer path can be
   * opened).
   */
  public static final int MAX_PATH_CHARS = 4096;

  /**
   * Longest value of the other free string fields ({@code tag}, {@code start_time}, {@code
   * end_time}), in characters.
   */
  public static final int MAX_STRING_CHARS = 256;

  /**
   * @throws ConfigException naming the first field that the runner would refuse
   */
  public BacktestConfig {
    Objects.requireNonNull(timeUnit, "timeUnit");
    startTime = toMicrosecond(startTime);
    endTime = toMicrosecond(endTime);
    if (venues != null && dataFile != null) {
      throw new ConfigException(
          DATA_FILE,
          "give either data_file or venue_a and venue_b (two venue files joined by the runner),"
              + " not both");
    }
    if (venues == null) {
      if (dataFile == null || dataFile.isBlank()) {
        throw new ConfigException(DATA_FILE, "is required (a path to a quotes CSV)");
      }
      requireLength(DATA_FILE, dataFile);
    }
    if (tag != null) {
      requireLength(TAG, tag);
    }
    requireBps(MIN_SPREAD_BPS, minSpreadBps);
    requireBps(TAKER_FEE_A_BPS, takerFeeABps);
    requireBps(TAKER_FEE_B_BPS, takerFeeBBps);
    requireBps(SLIPPAGE_BPS, slippageBps);
    requireUsd(MAX_POSITION_USD, maxPositionUsd);
    if (maxOpenTrades < 1) {
      throw new ConfigException(MAX_OPEN_TRADES, "must be at least 1, got " + maxOpenTrades);
    }
    requireUsd(INITIAL_BALANCE_USD, initialBalanceUsd);
    if (stopOnDrawdownPct != null) {
      requirePositive(STOP_ON_DRAWDOWN_PCT, stopOnDrawdownPct);
    }
    if (pnlBlocks < MIN_PNL_BLOCKS || pnlBlocks > MAX_PNL_BLOCKS) {
      throw new ConfigException(
          PNL_BLOCKS,
          "must be an integer from "
              + MIN_PNL_BLOCKS
              + " to "
              + MAX_PNL_BLOCKS
              + " (blocks of period_pnl), got "
              + pnlBlocks);
    }
    if (startTime != null && endTime != null && !startTime.isBefore(endTime)) {
      throw new ConfigException(
          END_TIME, "must be after start_time (" + startTime + "), got " + endTime);
    }
  }

  /**
   * A configuration reading the quotes file {@code dataFile}, with {@value #DEFAULT_PNL_BLOCKS}
   * {@code pnl_blocks}.
   *
   * @throws ConfigException naming the first field that the runner would refuse
   */
  public BacktestConfig(
      String dataFile,
      double minSpreadBps,
      double takerFeeABps,
      double takerFeeBBps,
      double slippageBps,
      double maxPositionUsd,
      int maxOpenTrades,
      double initialBalanceUsd,
      Double stopOnDrawdownPct,
      String tag,
      Instant startTime,
      Instant endTime,
      EpochUnit timeUnit) {
    this(
        dataFile,
        minSpreadBps,
        takerFeeABps,
        takerFeeBBps,
        slippageBps,
        maxPositionUsd,
        maxOpenTrades,
        initialBalanceUsd,
        stopOnDrawdownPct,
        tag,
        startTime,
        endTime,
        timeUnit,
        null,
        DEFAULT_PNL_BLOCKS);
  }

  /**
   * A configuration whose quotes file's epoch integers are read by magnitude ({@link
   * EpochUnit#AUTO}).
   *
   * @throws ConfigException naming the first field that the runner would refuse
   */
  public BacktestConfig(
      String dataFile,
      double minSpreadBps,
      double takerFeeABps,
      double takerFeeBBps,
      double slippageBps,
      double maxPositionUsd,
      int maxOpenTrades,
      double initialBalanceUsd,
      Double stopOnDrawdownPct,
      String tag,
      Instant startTime,
      Instant endTime) {
    this(
        dataFile,
        minSpreadBps,
        takerFeeABps,
        takerFeeBBps,
        slippageBps,
        maxPositionUsd,
        maxOpenTrades,
        initialBalanceUsd,
        stopOnDrawdownPct,
        tag,
        startTime,
        endTime,
        EpochUnit.AUTO);
  }

  private static Instant toMicrosecond(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
  }

  /** A configuration with every default, reading {@code dataFile}. */
  public static BacktestConfig defaults(String dataFile) {
    return new BacktestConfig(
        dataFile,
        DEFAULT_MIN_SPREAD_BPS,
        DEFAULT_TAKER_FEE_BPS,
        DEFAULT_TAKER_FEE_BPS,
        DEFAULT_SLIPPAGE_BPS,
        DEFAULT_MAX_POSITION_USD,
        DEFAULT_MAX_OPEN_TRADES,
        DEFAULT_INITIAL_BALANCE_USD,
        null,
        null,
        null,
        null);
  }

  /** The fields whose text is held to {@link #requireLength}. */
  private static final String[] TEXT_FIELDS = {DATA_FILE, TAG, START_TIME, END_TIME};

  /**
   * Reads a {@code config} object (from JSON or YAML). Missing fields take their defaults; {@code
   * data_file}, or instead both {@code venue_a} and {@code venue_b} ({@link VenueFiles}), is
   * required; an unknown key is an error that suggests the closest known one.
   *
   * @throws ConfigException naming the first field that is unknown, of the wrong type or out of
   *     range
   */
  public static BacktestConfig fromMap(Map<String, ?> map) {
    Objects.requireNonNull(map, "map");
    for (String key : map.keySet()) {
      if (!FIELDS.contains(key) && !VenueFiles.FIELDS.contains(key)) {
        throw new ConfigException(key, "unknown config field" + suggestion(key, ALL_FIELDS));
      }
    }
    for (String key : TEXT_FIELDS) {
      if (map.get(key) instanceof String s) {
        requireLength(key, s);
      }
    }
    Object data = map.get(DATA_FILE);
    if (data != null && !(data instanceof String)) {
      throw new ConfigException(DATA_FILE, "expected a string, got " + describe(data));
    }
    VenueFiles venues = null;
    if (VenueFiles.named(map)) {
      if (data != null
          && map.get(VenueFiles.VENUE_A) == null
          && map.get(VenueFiles.VENUE_B) == null) {
        String key =
            VenueFiles.FIELDS.stream().filter(k -> map.get(k) != null).findFirst().orElseThrow();
        throw new ConfigException(
            key, "applies to venue files (venue_a, venue_b) only, not to data_file; remove it");
      }
      if (data != null) {
        throw new ConfigException(
            DATA_FILE,
            "give either data_file or venue_a and venue_b (two venue files joined by the runner),"
                + " not both");
      }
      venues = VenueFiles.fromMap(map);
    }
    return new BacktestConfig(
        (String) data,
        number(map, MIN_SPREAD_BPS, DEFAULT_MIN_SPREAD_BPS),
        number(map, TAKER_FEE_A_BPS, DEFAULT_TAKER_FEE_BPS),
        number(map, TAKER_FEE_B_BPS, DEFAULT_TAKER_FEE_BPS),
        number(map, SLIPPAGE_BPS, DEFAULT_SLIPPAGE_BPS),
        number(map, MAX_POSITION_USD, DEFAULT_MAX_POSITION_USD),
        integer(map, MAX_OPEN_TRADES, DEFAULT_MAX_OPEN_TRADES),
        number(map, INITIAL_BALANCE_USD, DEFAULT_INITIAL_BALANCE_USD),
        map.get(STOP_ON_DRAWDOWN_PCT) == null ? null : number(map, STOP_ON_DRAWDOWN_PCT, 0),
        optionalString(map, TAG),
        instant(map, START_TIME),
        instant(map, END_TIME),
        timeUnit(map),
        venues,
        integer(map, PNL_BLOCKS, DEFAULT_PNL_BLOCKS));
  }

  /**
   * The config as written in result documents and plan lines: every field in {@link #FIELDS} order,
   * decimals as doubles, {@code max_open_trades} as an integer, {@code stop_on_drawdown_pct} and
   * {@code tag} as {@code null} when unset; {@code start_time} and {@code end_time} only when set,
   * {@code time_unit} only when not {@code auto} (so that documents of files read by magnitude are
   * as before), {@code pnl_blocks} only when not {@value #DEFAULT_PNL_BLOCKS}. A job naming venue
   * files has the venue keys ({@link VenueFiles#FIELDS}) where {@code data_file} would be.
   * Unmodifiable.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    // writeTo lays out the same members: keep the two in step (BacktestConfigLayoutTest)
    if (venues == null) {
      m.put(DATA_FILE, dataFile);
    } else {
      m.putAll(venues.toMap());
    }
    m.put(MIN_SPREAD_BPS, minSpreadBps);
    m.put(TAKER_FEE_A_BPS, takerFeeABps);
    m.put(TAKER_FEE_B_BPS, takerFeeBBps);
    m.put(SLIPPAGE_BPS, slippageBps);
    m.put(MAX_POSITION_USD, maxPositionUsd);
    m.put(MAX_OPEN_TRADES, maxOpenTrades);
    m.put(INITIAL_BALANCE_USD, initialBalanceUsd);
    m.put(STOP_ON_DRAWDOWN_PCT, stopOnDrawdownPct);
    m.put(TAG, tag);
    if (startTime != null) {
      m.put(START_TIME, startTime.toString());
    }
    if (endTime != null) {
      m.put(END_TIME, endTime.toString());
    }
    if (timeUnit != EpochUnit.AUTO) {
      m.put(TIME_UNIT, timeUnit.label());
    }
    if (pnlBlocks != DEFAULT_PNL_BLOCKS) {
      m.put(PNL_BLOCKS, pnlBlocks);
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * Lays out {@link #toMap()}'s members, in its order, as the members of the object being written
   * (a result document's {@code config}), without building the map.
   */
  public void writeTo(DocumentLayout out) {
    if (venues == null) {
      out.member(DATA_FILE, dataFile);
    } else {
      venues.writeTo(out);
    }
    out.member(MIN_SPREAD_BPS, minSpreadBps)
        .member(TAKER_FEE_A_BPS, takerFeeABps)
        .member(TAKER_FEE_B_BPS, takerFeeBBps)
        .member(SLIPPAGE_BPS, slippageBps)
        .member(MAX_POSITION_USD, maxPositionUsd)
        .member(MAX_OPEN_TRADES, maxOpenTrades)
        .member(INITIAL_BALANCE_USD, initialBalanceUsd)
        .member(STOP_ON_DRAWDOWN_PCT, stopOnDrawdownPct)
        .member(TAG, tag);
    if (startTime != null) {
      out.member(START_TIME, startTime.toString());
    }
    if (endTime != null) {
      out.member(END_TIME, endTime.toString());
    }
    if (timeUnit != EpochUnit.AUTO) {
      out.member(TIME_UNIT, timeUnit.label());
    }
    if (pnlBlocks != DEFAULT_PNL_BLOCKS) {
      out.member(PNL_BLOCKS, pnlBlocks);
    }
  }

  /**
   * The costs {@code c} of one pair of fills (one buy, one sell: the entry of a trade), in bps:
   * both taker fees plus the slippage (half on each fill). The opening rule compares the spread
   * with {@code c + min_spread_bps}. Closing pays about as much again, so a round trip costs about
   * {@code 2c}.
   */
  public double costBps() {
    return takerFeeABps + takerFeeBBps + slippageBps;
  }

  public Optional<Instant> start() {
    return Optional.ofNullable(startTime);
  }

  public Optional<Instant> end() {
    return Optional.ofNullable(endTime);
  }

  /**
   * {@code " (did you mean X?)"} for the candidate closest to {@code name} by edit distance, when
   * one is close enough to be a likely typo; otherwise the empty string.
   */
  public static String suggestion(String name, List<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = editDistance(name, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    if (best == null || bestDistance > Math.max(2, best.length() / 3)) {
      return "";
    }
    return " (did you mean " + best + "?)";
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static double number(Map<String, ?> map, String key, double fallback) {
    if (!map.containsKey(key)) {
      return fallback;
    }
    Object v = map.get(key);
    if (!(v instanceof Number n)) {
      throw new ConfigException(key, "expected a number, got " + describe(v));
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d)) {
      throw new ConfigException(key, "expected a finite number, got " + v);
    }
    return d;
  }

  private static int integer(Map<String, ?> map, String key, int fallback) {
    if (!map.containsKey(key)) {
      return fallback;
    }
    Object v = map.get(key);
    if (!(v instanceof Number n)) {
      throw new ConfigException(key, "expected an integer, got " + describe(v));
    }
    if (n instanceof Integer i) {
      return i;
    }
    BigDecimal d;
    try {
      d = new BigDecimal(n.toString());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "expected an integer, got " + v);
    }
    if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
      throw new ConfigException(key, "expected an integer, got " + v);
    }
    try {
      return d.intValueExact();
    } catch (ArithmeticException e) {
      throw new ConfigException(key, "out of range: " + v);
    }
  }

  private static String optionalString(Map<String, ?> map, String key) {
    Object v = map.get(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw new ConfigException(key, "expected a string, got " + describe(v));
  }

  private static EpochUnit timeUnit(Map<String, ?> map) {
    Object v = map.get(TIME_UNIT);
    if (v == null) {
      return EpochUnit.AUTO;
    }
    if (!(v instanceof String s)) {
      throw new ConfigException(
          TIME_UNIT,
          "expected one of " + String.join(", ", EpochUnit.LABELS) + ", got " + describe(v));
    }
    return EpochUnit.parse(s);
  }

  private static Instant instant(Map<String, ?> map, String key) {
    Object v = map.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new ConfigException(key, "expected an ISO-8601 timestamp string, got " + describe(v));
    }
    return parseInstant(key, s);
  }

  /**
   * Parses an ISO-8601 instant: {@code 2014-05-01T05:00:00Z}, with an offset ({@code +02:00}), or
   * without one (read as UTC).
   *
   * @throws ConfigException when {@code text} is not such a timestamp
   */
  public static Instant parseInstant(String key, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      // fall through to the more lenient forms
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      // fall through
    }
    try {
      return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new ConfigException(
          key,
          "expected an ISO-8601 timestamp such as 2014-05-01T05:00:00Z, got "
              + Excerpt.quoted(text));
    }
  }

  /**
   * Refuses a string longer than its field allows: {@link #MAX_PATH_CHARS} for {@code data_file},
   * {@link #MAX_STRING_CHARS} for the others; the message quotes an excerpt.
   */
  private static void requireLength(String key, String value) {
    requireLength(key, value, DATA_FILE.equals(key));
  }

  /** Refuses a string longer than a path ({@code path}) or a config string may be. */
  static void requireLength(String key, String value, boolean path) {
    int max = path ? MAX_PATH_CHARS : MAX_STRING_CHARS;
    if (value.length() > max) {
      throw new ConfigException(
          key,
          "has "
              + value.length()
              + " characters, more than the "
              + (path ? max + " (PATH_MAX) a path" : max + " a config string")
              + " may have: "
              + Excerpt.quoted(value));
    }
  }

  private static void requireAtLeastZero(String key, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new ConfigException(key, "must be a finite number >= 0, got " + value);
    }
  }

  private static void requireBps(String key, double value) {
    requireAtLeastZero(key, value);
    if (value > MAX_BPS) {
      throw new ConfigException(key, "must be at most 10000 (100%), got " + value);
    }
  }

  private static void requireUsd(String key, double value) {
    requirePositive(key, value);
    if (value > MAX_USD) {
      throw new ConfigException(key, "must be at most 1e12 (1,000,000,000,000 USD), got " + value);
    }
  }

  private static void requirePositive(String key, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new ConfigException(key, "must be a finite number > 0, got " + value);
    }
  }

  static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "the string " + Excerpt.quoted(s);
    }
    if (v instanceof Boolean b) {
      return b.toString();
    }
    if (v instanceof List) {
      return "a list";
    }
    if (v instanceof Map) {
      return "a mapping";
    }
    return v.toString();
  }
}
