package dev.arbtune.backtest;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the command line and session files give them: a whole number and a unit ({@code
 * 100us}, {@code 250ms}, {@code 5s}, {@code 2m}, {@code 6h}, {@code 1d}) or ISO-8601 ({@code PT5S},
 * {@code PT0.25S}). Shared by the join ({@code join.Durations}) and the configs that name venue
 * files ({@link VenueFiles#maxStaleness()}), which cannot import the join.
 */
public final class DurationText {

  private static final Pattern SHORT = Pattern.compile("(\\d+)(us|ms|s|m|h|d)");

  /** The word that means "no limit" where a limit is asked for. */
  public static final String NONE = "none";

  private DurationText() {}

  /**
   * {@code text} in microseconds (finer fractions of ISO-8601 durations truncated).
   *
   * @throws IllegalArgumentException naming the accepted forms when {@code text} is none of them,
   *     negative or too long to count in microseconds
   */
  public static long parseMicros(String text) {
    String t = text.strip();
    Matcher m = SHORT.matcher(t.toLowerCase(Locale.ROOT));
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        long unit =
            switch (m.group(2)) {
              case "us" -> 1L;
              case "ms" -> 1_000L;
              case "s" -> 1_000_000L;
              case "m" -> 60_000_000L;
              case "h" -> 3_600_000_000L;
              default -> 86_400_000_000L;
            };
        return notNone(Math.multiplyExact(n, unit));
      }
      if (t.length() > 1 && (t.charAt(0) == 'P' || t.charAt(0) == 'p')) {
        Duration d = Duration.parse(t);
        if (d.isNegative()) {
          throw invalid(text, "it is negative");
        }
        return notNone(
            Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000));
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw invalid(text, "it is too long");
    } catch (DateTimeParseException e) {
      // not ISO-8601 either: said below
    }
    if (t.startsWith("-")) {
      String rest = t.substring(1);
      if (SHORT.matcher(rest.toLowerCase(Locale.ROOT)).matches()
          || (rest.length() > 1 && (rest.charAt(0) == 'P' || rest.charAt(0) == 'p'))) {
        throw invalid(text, "it is negative");
      }
    }
    if (t.matches("\\d+")) {
      throw invalid(text, "it has no unit");
    }
    throw invalid(text, null);
  }

  /**
   * {@code text} in microseconds as {@link #parseMicros} reads it, or {@link Long#MAX_VALUE} for
   * {@value #NONE} (letter case ignored): a limit that never applies.
   */
  public static long parseLimitMicros(String text) {
    return text.strip().equalsIgnoreCase(NONE) ? Long.MAX_VALUE : parseMicros(text);
  }

  /** {@code micros}, unless it is {@link Long#MAX_VALUE}: that stands for {@value #NONE}. */
  private static long notNone(long micros) {
    if (micros == Long.MAX_VALUE) {
      throw new ArithmeticException("too long");
    }
    return micros;
  }

  private static IllegalArgumentException invalid(String text, String why) {
    String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
    return new IllegalArgumentException(
        "invalid duration '"
            + shown
            + "'"
            + (why == null ? "" : " (" + why + ")")
            + "; expected a whole number and a unit (us, ms, s, m, h, d), e.g. 5s or 250ms, or"
            + " ISO-8601 such as PT5S");
  }
}
