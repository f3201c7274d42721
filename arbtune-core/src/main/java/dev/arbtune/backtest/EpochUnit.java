package dev.arbtune.backtest;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The unit of the epoch integers in a quotes file's {@code timestamp} column: the {@code time_unit}
 * config field. ISO-8601 timestamps carry their own unit and are read the same whatever it is.
 *
 * <p>{@link #AUTO} (the default) reads each integer's unit from its magnitude. Each unit has a
 * range of magnitudes, chosen so that every one covers the dates from 1973-03-03T09:46:40Z on (and,
 * but for nanoseconds, until the year 5138):
 *
 * <table>
 *   <caption>The magnitude rule</caption>
 *   <tr><th>unit</th><th>value v</th><th>digits (today)</th><th>dates</th></tr>
 *   <tr><td>seconds</td><td>10⁸ ≤ v &lt; 10¹¹</td><td>9–11 (10)</td><td>1973 – 5138</td></tr>
 *   <tr><td>milliseconds</td><td>10¹¹ ≤ v &lt; 10¹⁴</td><td>12–14 (13)</td><td>1973 – 5138</td></tr>
 *   <tr><td>microseconds</td><td>10¹⁴ ≤ v &lt; 10¹⁷</td><td>15–17 (16)</td><td>1973 – 5138</td></tr>
 *   <tr><td>nanoseconds</td><td>10¹⁷ ≤ v ≤ 2⁶³−1</td><td>18–19 (19)</td><td>1973 – 2262</td></tr>
 * </table>
 *
 * A value below 10⁸ is refused (set {@code time_unit}); the first epoch row fixes the unit of the
 * file, and a later row of another magnitude is an error naming its line. With any other setting
 * every integer is read in that unit, whatever its magnitude.
 *
 * <p>The engine keeps time in epoch microseconds: nanoseconds are truncated to the microsecond, and
 * a value that does not fit in microseconds (beyond about ±292,000 years) is an error.
 */
public enum EpochUnit {
  /** The unit of each integer read from its magnitude, one unit per file. */
  AUTO("auto", 0, 0, 0),
  /** Epoch seconds. */
  SECONDS("s", 1_000_000, 100_000_000L, 100_000_000_000L),
  /** Epoch milliseconds. */
  MILLISECONDS("ms", 1_000, 100_000_000_000L, 100_000_000_000_000L),
  /** Epoch microseconds, the engine's own unit. */
  MICROSECONDS("us", 1, 100_000_000_000_000L, 100_000_000_000_000_000L),
  /** Epoch nanoseconds (truncated to the microsecond). */
  NANOSECONDS("ns", -1_000, 100_000_000_000_000_000L, Long.MAX_VALUE);

  /** The names {@code time_unit} accepts, in order. */
  public static final List<String> LABELS = Arrays.stream(values()).map(EpochUnit::label).toList();

  /** Common spellings that are not accepted, and the name to write instead. */
  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("sec", "s"),
          Map.entry("secs", "s"),
          Map.entry("second", "s"),
          Map.entry("seconds", "s"),
          Map.entry("milli", "ms"),
          Map.entry("millis", "ms"),
          Map.entry("millisecond", "ms"),
          Map.entry("milliseconds", "ms"),
          Map.entry("µs", "us"),
          Map.entry("μs", "us"),
          Map.entry("micro", "us"),
          Map.entry("micros", "us"),
          Map.entry("microsecond", "us"),
          Map.entry("microseconds", "us"),
          Map.entry("nano", "ns"),
          Map.entry("nanos", "ns"),
          Map.entry("nanosecond", "ns"),
          Map.entry("nanoseconds", "ns"));

  private final String label;

  /** Microseconds per unit, or (negative) minus the units per microsecond. */
  private final long scale;

  private final long lowest;
  private final long highest;

  EpochUnit(String label, long scale, long lowest, long highest) {
    this.label = label;
    this.scale = scale;
    this.lowest = lowest;
    this.highest = highest;
  }

  /** The name in configs: {@code auto}, {@code s}, {@code ms}, {@code us} or {@code ns}. */
  public String label() {
    return label;
  }

  /** {@code epoch seconds}, {@code epoch milliseconds}, ... as messages name the unit. */
  public String description() {
    return this == AUTO ? "read by magnitude" : "epoch " + name().toLowerCase(Locale.ROOT);
  }

  /**
   * The unit {@code time_unit: text} names.
   *
   * @throws ConfigException (field {@code time_unit}) when {@code text} names none
   */
  public static EpochUnit parse(String text) {
    for (EpochUnit u : values()) {
      if (u.label.equals(text)) {
        return u;
      }
    }
    String lower = text.strip().toLowerCase(Locale.ROOT);
    String hint = ALIASES.get(lower);
    if (hint == null && LABELS.contains(lower)) {
      hint = lower;
    }
    String suggestion =
        hint != null
            ? " (did you mean " + hint + "?)"
            : BacktestConfig.suggestion(lower, LABELS.subList(1, LABELS.size()));
    String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
    throw new ConfigException(
        BacktestConfig.TIME_UNIT,
        "expected one of " + String.join(", ", LABELS) + ", got \"" + shown + "\"" + suggestion);
  }

  /**
   * The unit whose magnitude range (see the class comment) holds {@code value}, or {@code null}
   * when it is below 10⁸ (or negative).
   */
  public static EpochUnit ofMagnitude(long value) {
    if (value < SECONDS.lowest) {
      return null;
    }
    if (value < MILLISECONDS.lowest) {
      return SECONDS;
    }
    if (value < MICROSECONDS.lowest) {
      return MILLISECONDS;
    }
    return value < NANOSECONDS.lowest ? MICROSECONDS : NANOSECONDS;
  }

  /** Whether {@code value} is within this unit's magnitude range ({@link #AUTO}: never). */
  boolean holdsMagnitude(long value) {
    return this != AUTO && value >= lowest && (value < highest || this == NANOSECONDS);
  }

  /**
   * {@code value} of this unit in epoch microseconds, nanoseconds truncated toward the past.
   *
   * @throws ArithmeticException when it does not fit in a long
   * @throws IllegalStateException for {@link #AUTO}, which is no unit
   */
  public long toMicros(long value) {
    if (this == AUTO) {
      throw new IllegalStateException("auto is no unit");
    }
    return scale > 0 ? Math.multiplyExact(value, scale) : Math.floorDiv(value, -scale);
  }

  /**
   * {@code instant} in epoch microseconds, finer fractions truncated toward the past.
   *
   * @throws ArithmeticException when it does not fit in a long (beyond about ±292,000 years)
   */
  public static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }

  /** The instant {@code micros} epoch microseconds stand for. */
  public static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }
}
