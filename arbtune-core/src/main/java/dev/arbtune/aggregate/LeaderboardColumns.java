package dev.arbtune.aggregate;

import dev.arbtune.result.Metric;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Which config keys a leaderboard (text, Markdown, the HTML report) shows on each job's line and
 * which it lists once as fixed, for one list of jobs (the ranked jobs, or the Pareto front shown).
 *
 * <ul>
 *   <li>{@link #shown}: the seed's {@code min_spread_bps} and {@code slippage_bps} first (always,
 *       as the seed's layout has them), then every other key whose value is not the same in every
 *       listed job (a key that some listed jobs lack counts as varying), sorted by name.
 *   <li>{@link #fixed}: every other key that every listed job has with the same value, sorted by
 *       name, with its value as {@link #value} prints it. "Fixed" means the same in every listed
 *       job, not necessarily in the whole session.
 *   <li>{@link #closedDiffers}: whether some listed job has a {@code closed_trades} metric that
 *       differs from its {@code total_trades} (trades opened): the text layout shows {@code
 *       closed=} only then.
 * </ul>
 *
 * <p>{@code tag} is neither shown nor fixed: it names the session, not a parameter. Values are
 * compared by their printed form ({@code 30} and {@code 30.0} are the same value) and by kind (the
 * number 3 and the text "3" differ).
 *
 * @param shown the keys shown per job, the seed's two first
 * @param fixed the keys with one value in every listed job, and that value, sorted by key
 * @param closedDiffers whether some listed job closed fewer (or more) trades than it opened
 */
public record LeaderboardColumns(
    List<String> shown, Map<String, String> fixed, boolean closedDiffers) {

  /** The config keys the seed's layout shows on each line, in its order. */
  public static final List<String> SEED_PARAMETERS = List.of("min_spread_bps", "slippage_bps");

  /** The longest value shown, in characters; longer ones keep their start and end around "...". */
  public static final int MAX_VALUE = 32;

  /** The config key that names the session, never shown as a parameter. */
  static final String TAG = "tag";

  public LeaderboardColumns {
    shown = List.copyOf(shown);
    fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
  }

  /** The columns of {@code jobs}; for no job, the seed's two and nothing fixed. */
  public static LeaderboardColumns of(List<AggregatedJobResult> jobs) {
    Objects.requireNonNull(jobs, "jobs");
    TreeSet<String> keys = new TreeSet<>();
    jobs.forEach(j -> keys.addAll(j.config().keySet()));
    keys.removeAll(SEED_PARAMETERS);
    keys.remove(TAG);
    List<String> shown = new ArrayList<>(SEED_PARAMETERS);
    Map<String, String> fixed = new LinkedHashMap<>();
    for (String k : keys) {
      if (sameEverywhere(jobs, k)) {
        fixed.put(k, value(jobs.get(0).config(), k));
      } else {
        shown.add(k);
      }
    }
    boolean closedDiffers = false;
    for (AggregatedJobResult j : jobs) {
      if (j.metrics().containsKey(Metric.CLOSED_TRADES.key())
          && !identity(j.metrics(), Metric.CLOSED_TRADES.key())
              .equals(identity(j.metrics(), Metric.TOTAL_TRADES.key()))) {
        closedDiffers = true;
        break;
      }
    }
    return new LeaderboardColumns(shown, fixed, closedDiffers);
  }

  /** Whether every job has {@code key} with the same value. */
  private static boolean sameEverywhere(List<AggregatedJobResult> jobs, String key) {
    String first = identity(jobs.get(0).config(), key);
    if (first == null) {
      return false;
    }
    for (AggregatedJobResult j : jobs) {
      if (!first.equals(identity(j.config(), key))) {
        return false;
      }
    }
    return true;
  }

  /** The value's kind and printed form, or {@code null} when the key is missing. */
  private static String identity(Map<String, Object> map, String key) {
    if (!map.containsKey(key)) {
      return null;
    }
    Object v = map.get(key);
    String kind = v instanceof Number ? "n" : v instanceof String ? "s" : "o";
    return kind + ':' + JsonNumbers.display(v);
  }

  /** Whether only the seed's two are shown and nothing is fixed: the seed's layout holds. */
  public boolean seedOnly() {
    return shown.equals(SEED_PARAMETERS) && fixed.isEmpty();
  }

  /** The keys shown per job after the seed's two. */
  public List<String> extra() {
    return shown.subList(SEED_PARAMETERS.size(), shown.size());
  }

  /**
   * The line that lists the fixed keys, without indent or newline: {@code Fixed (all 10 listed):
   * max_open_trades=3 taker_fee_a_bps=5}; {@code null} when nothing is fixed.
   *
   * @param listed how many jobs the list holds
   */
  public String fixedLine(int listed) {
    if (fixed.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder(fixedLabel(listed)).append(':');
    String sep = " ";
    for (Map.Entry<String, String> e : fixed.entrySet()) {
      sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = "  ";
    }
    return sb.toString();
  }

  /** {@code Fixed (all 10 listed)}, {@code Fixed (the 1 listed)}. */
  public static String fixedLabel(int listed) {
    return listed == 1 ? "Fixed (the 1 listed)" : "Fixed (all " + listed + " listed)";
  }

  /**
   * A config value as leaderboards print it: whole numbers without {@code .0}, other values as
   * written, at most {@link #MAX_VALUE} characters (see {@link #abbreviate}); {@code N/A} when the
   * key is missing.
   */
  public static String value(Map<String, Object> config, String key) {
    return config.containsKey(key)
        ? abbreviate(JsonNumbers.display(config.get(key)), MAX_VALUE)
        : "N/A";
  }

  /**
   * {@code s} when at most {@code max} characters long, else its start and end around {@code ...}
   * (as the report's chart labels shorten values), never splitting a surrogate pair.
   */
  public static String abbreviate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int keep = max - 3;
    int head = keep / 2;
    if (head > 0 && Character.isHighSurrogate(s.charAt(head - 1))) {
      head--; // never split a surrogate pair
    }
    int tail = s.length() - (keep - head);
    if (Character.isLowSurrogate(s.charAt(tail))) {
      tail++;
    }
    return s.substring(0, head) + "..." + s.substring(tail);
  }
}
