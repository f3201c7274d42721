package dev.arbtune.backtest;

import dev.arbtune.io.Excerpt;
import dev.arbtune.result.DocumentLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The two venue files of a job that names them instead of a {@code data_file}, and how to join
 * them, as plain values (the runner turns them into the join's inputs). See {@code docs/SESSION.md}
 * ("Venue files instead of data_file").
 *
 * @param venueA venue A's quote file, as given (relative paths are read from the data root)
 * @param venueB venue B's quote file, as given
 * @param formatA venue A's format: one of {@link #FORMATS}
 * @param formatB venue B's format: one of {@link #FORMATS}
 * @param timeColumnA venue A's time column, or {@code null} for its format's own
 * @param timeColumnB venue B's time column, or {@code null} for its format's own
 * @param timeUnitA the unit of venue A's epoch integers
 * @param timeUnitB the unit of venue B's epoch integers
 * @param maxStaleness the staleness limit as written ({@code 5s}, {@code 250ms}, {@code PT5S},
 *     {@code none})
 * @param sortA whether venue A's rows are sorted by time in memory instead of a row out of time
 *     order being an error
 * @param sortB the same for venue B
 */
public record VenueFiles(
    String venueA,
    String venueB,
    String formatA,
    String formatB,
    String timeColumnA,
    String timeColumnB,
    EpochUnit timeUnitA,
    EpochUnit timeUnitB,
    String maxStaleness,
    boolean sortA,
    boolean sortB) {

  public static final String VENUE_A = "venue_a";
  public static final String VENUE_B = "venue_b";
  public static final String FORMAT_A = "format_a";
  public static final String FORMAT_B = "format_b";
  public static final String TIME_COLUMN_A = "time_column_a";
  public static final String TIME_COLUMN_B = "time_column_b";
  public static final String TIME_UNIT_A = "time_unit_a";
  public static final String TIME_UNIT_B = "time_unit_b";
  public static final String MAX_STALENESS = "max_staleness";
  public static final String SORT_A = "sort_a";
  public static final String SORT_B = "sort_b";

  /** Every venue key, in the order a config writes them. */
  public static final List<String> FIELDS =
      List.of(
          VENUE_A,
          VENUE_B,
          FORMAT_A,
          FORMAT_B,
          TIME_COLUMN_A,
          TIME_COLUMN_B,
          TIME_UNIT_A,
          TIME_UNIT_B,
          MAX_STALENESS,
          SORT_A,
          SORT_B);

  /** The format names {@code format_a} and {@code format_b} accept (those of {@code join}). */
  public static final List<String> FORMATS =
      List.of("auto", "binance-bookticker", "tardis-quotes", "databento-bbo", "generic");

  /** The default staleness limit, as written. */
  public static final String DEFAULT_MAX_STALENESS = "5s";

  /** {@code max_staleness} that keeps every row. */
  public static final String NO_STALENESS_LIMIT = DurationText.NONE;

  /**
   * @throws ConfigException naming the first field that is wrong
   */
  public VenueFiles {
    requirePath(VENUE_A, venueA);
    requirePath(VENUE_B, venueB);
    formatA = format(FORMAT_A, formatA);
    formatB = format(FORMAT_B, formatB);
    requireColumn(TIME_COLUMN_A, timeColumnA);
    requireColumn(TIME_COLUMN_B, timeColumnB);
    Objects.requireNonNull(timeUnitA, "timeUnitA");
    Objects.requireNonNull(timeUnitB, "timeUnitB");
    maxStaleness = maxStaleness == null ? DEFAULT_MAX_STALENESS : maxStaleness.strip();
    stalenessMicros(maxStaleness);
  }

  /** The venue files read without sorting. */
  public VenueFiles(
      String venueA,
      String venueB,
      String formatA,
      String formatB,
      String timeColumnA,
      String timeColumnB,
      EpochUnit timeUnitA,
      EpochUnit timeUnitB,
      String maxStaleness) {
    this(
        venueA,
        venueB,
        formatA,
        formatB,
        timeColumnA,
        timeColumnB,
        timeUnitA,
        timeUnitB,
        maxStaleness,
        false,
        false);
  }

  /** The two files in the format recognised by header, times by magnitude, 5 s staleness. */
  public static VenueFiles of(String venueA, String venueB) {
    return new VenueFiles(
        venueA, venueB, "auto", "auto", null, null, EpochUnit.AUTO, EpochUnit.AUTO, null);
  }

  /** Whether {@code map} gives any venue key (with a non-null value). */
  static boolean named(Map<String, ?> map) {
    for (String k : FIELDS) {
      if (map.get(k) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads the venue keys of a {@code config} object; {@code venue_a} and {@code venue_b} are both
   * required.
   *
   * @throws ConfigException naming the field that is missing or wrong
   */
  static VenueFiles fromMap(Map<String, ?> map) {
    String a = string(map, VENUE_A);
    String b = string(map, VENUE_B);
    if (a == null || b == null) {
      String missing = a == null ? VENUE_A : VENUE_B;
      String given = a == null ? VENUE_B : VENUE_A;
      throw new ConfigException(
          missing,
          a == null && b == null
              ? "is required with "
                  + firstGiven(map)
                  + " (give venue_a and venue_b, the two venue files, instead of data_file)"
              : "is required with " + given + ": give both venue files");
    }
    return new VenueFiles(
        a,
        b,
        string(map, FORMAT_A),
        string(map, FORMAT_B),
        string(map, TIME_COLUMN_A),
        string(map, TIME_COLUMN_B),
        unit(map, TIME_UNIT_A),
        unit(map, TIME_UNIT_B),
        string(map, MAX_STALENESS),
        flag(map, SORT_A),
        flag(map, SORT_B));
  }

  private static String firstGiven(Map<String, ?> map) {
    return FIELDS.stream().filter(k -> map.get(k) != null).findFirst().orElse(MAX_STALENESS);
  }

  /** Lays out {@link #toMap()}'s members, in its order. */
  void writeTo(DocumentLayout out) {
    out.member(VENUE_A, venueA).member(VENUE_B, venueB);
    if (!formatA.equals("auto")) {
      out.member(FORMAT_A, formatA);
    }
    if (!formatB.equals("auto")) {
      out.member(FORMAT_B, formatB);
    }
    if (timeColumnA != null) {
      out.member(TIME_COLUMN_A, timeColumnA);
    }
    if (timeColumnB != null) {
      out.member(TIME_COLUMN_B, timeColumnB);
    }
    if (timeUnitA != EpochUnit.AUTO) {
      out.member(TIME_UNIT_A, timeUnitA.label());
    }
    if (timeUnitB != EpochUnit.AUTO) {
      out.member(TIME_UNIT_B, timeUnitB.label());
    }
    out.member(MAX_STALENESS, maxStaleness);
    if (sortA) {
      out.member(SORT_A, true);
    }
    if (sortB) {
      out.member(SORT_B, true);
    }
  }

  /**
   * The venue keys as a config writes them: {@code venue_a}, {@code venue_b}, then the format, time
   * column and unit keys only when they are not the defaults, then {@code max_staleness}.
   */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(VENUE_A, venueA);
    m.put(VENUE_B, venueB);
    if (!formatA.equals("auto")) {
      m.put(FORMAT_A, formatA);
    }
    if (!formatB.equals("auto")) {
      m.put(FORMAT_B, formatB);
    }
    if (timeColumnA != null) {
      m.put(TIME_COLUMN_A, timeColumnA);
    }
    if (timeColumnB != null) {
      m.put(TIME_COLUMN_B, timeColumnB);
    }
    if (timeUnitA != EpochUnit.AUTO) {
      m.put(TIME_UNIT_A, timeUnitA.label());
    }
    if (timeUnitB != EpochUnit.AUTO) {
      m.put(TIME_UNIT_B, timeUnitB.label());
    }
    m.put(MAX_STALENESS, maxStaleness);
    if (sortA) {
      m.put(SORT_A, true);
    }
    if (sortB) {
      m.put(SORT_B, true);
    }
    return m;
  }

  /** The staleness limit in microseconds; {@link Long#MAX_VALUE} for {@code none}. */
  public long maxStalenessMicros() {
    return stalenessMicros(maxStaleness);
  }

  /**
   * Parses a staleness limit: a whole number with a unit ({@code 250ms}, {@code 5s}, {@code 2m},
   * {@code 6h}, {@code 1d}, {@code 100us}), an ISO-8601 duration ({@code PT5S}), or {@code none}.
   *
   * @return microseconds, {@link Long#MAX_VALUE} for {@code none}
   * @throws ConfigException (field {@code max_staleness}) when {@code text} is none of these
   */
  public static long stalenessMicros(String text) {
    try {
      return DurationText.parseLimitMicros(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(MAX_STALENESS, e.getMessage() + ", or none");
    }
  }

  private static void requirePath(String key, String path) {
    if (path == null || path.isBlank()) {
      throw new ConfigException(key, "is required (a path to the venue's quote file)");
    }
    BacktestConfig.requireLength(key, path, true);
  }

  private static String format(String key, String text) {
    if (text == null) {
      return "auto";
    }
    String f = text.strip().toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(f)) {
      throw new ConfigException(
          key,
          "expected one of "
              + String.join(", ", FORMATS)
              + ", got "
              + Excerpt.quoted(text)
              + BacktestConfig.suggestion(f, FORMATS));
    }
    return f;
  }

  private static void requireColumn(String key, String column) {
    if (column != null && (column.isBlank() || column.length() > BacktestConfig.MAX_STRING_CHARS)) {
      throw new ConfigException(
          key, "expected a column name (at most 256 characters), got " + Excerpt.quoted(column));
    }
  }

  private static String string(Map<String, ?> map, String key) {
    Object v = map.get(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw new ConfigException(
        key,
        "expected a string, got "
            + BacktestConfig.describe(v)
            + (key.equals(MAX_STALENESS) ? " (write a duration with its unit, such as 5s)" : ""));
  }

  private static boolean flag(Map<String, ?> map, String key) {
    Object v = map.get(key);
    if (v == null || v instanceof Boolean) {
      return Boolean.TRUE.equals(v);
    }
    throw new ConfigException(key, "expected true or false, got " + BacktestConfig.describe(v));
  }

  private static EpochUnit unit(Map<String, ?> map, String key) {
    String s = string(map, key);
    if (s == null) {
      return EpochUnit.AUTO;
    }
    try {
      return EpochUnit.parse(s);
    } catch (ConfigException e) {
      throw new ConfigException(key, e.getMessage().substring(e.field().length() + 2));
    }
  }
}
