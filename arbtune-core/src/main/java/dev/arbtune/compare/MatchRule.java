package dev.arbtune.compare;

import dev.arbtune.insights.Hashing;
import dev.arbtune.insights.ParamValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which config keys identify a job across the two sides. By default every key of the ranked jobs
 * except {@link #NEVER_MATCHED} and the keys whose values on A and on B have nothing in common
 * (compared by meaning, a missing key being null), such as a fee doubled in every job; with {@code
 * --match-keys}, exactly the keys given.
 *
 * @param matched the keys matched on, sorted
 * @param varied the matched keys with more than one value on a side (what {@link #describe} shows)
 * @param ignored each ignored key with the reason, sorted by key
 */
public record MatchRule(List<String> matched, List<String> varied, Map<String, String> ignored) {

  /** Keys that describe a run rather than a configuration: never matched by default. */
  public static final List<String> NEVER_MATCHED =
      List.of("data_file", "tag", "start_time", "end_time");

  /** How many values of an ignored key its reason lists. */
  private static final int VALUES_SHOWN = 5;

  public MatchRule {
    matched = List.copyOf(matched);
    varied = List.copyOf(varied);
    ignored = Collections.unmodifiableMap(new LinkedHashMap<>(ignored));
  }

  /** The default rule for the key values of A and B. */
  public static MatchRule derive(KeyValues a, KeyValues b) {
    Set<String> keys = new TreeSet<>(a.keys());
    keys.addAll(b.keys());
    List<String> matched = new ArrayList<>();
    Map<String, String> ignored = new LinkedHashMap<>();
    for (String key : keys) {
      if (NEVER_MATCHED.contains(key)) {
        ignored.put(key, "describes the run, not the configuration");
        continue;
      }
      Set<ParamValue> va = a.values(key);
      Set<ParamValue> vb = b.values(key);
      if (va != null && vb != null && Collections.disjoint(va, vb)) {
        ignored.put(key, "no value in common: A " + show(va) + ", B " + show(vb));
      } else {
        matched.add(key);
      }
    }
    return new MatchRule(matched, varied(matched, a, b), ignored);
  }

  /** The keys of {@code keys} with more than one value on A or on B. */
  private static List<String> varied(List<String> keys, KeyValues a, KeyValues b) {
    List<String> out = new ArrayList<>();
    for (String key : keys) {
      Set<ParamValue> va = a.values(key);
      Set<ParamValue> vb = b.values(key);
      if (va == null || vb == null || va.size() > 1 || vb.size() > 1) {
        out.add(key);
      }
    }
    return out;
  }

  /**
   * Exactly {@code keys}.
   *
   * @throws IllegalArgumentException naming the unknown keys and the known ones, when a key is
   *     carried by no ranked job of either side
   */
  public static MatchRule exactly(List<String> keys, KeyValues a, KeyValues b) {
    Set<String> known = new TreeSet<>(a.keys());
    known.addAll(b.keys());
    List<String> unknown = keys.stream().filter(k -> !known.contains(k)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "--match-keys: no ranked job of either side has the config key"
              + (unknown.size() == 1 ? " " : "s ")
              + String.join(", ", unknown)
              + "; the keys are: "
              + String.join(", ", known));
    }
    Map<String, String> ignored = new LinkedHashMap<>();
    for (String key : known) {
      if (!keys.contains(key)) {
        ignored.put(key, "not in --match-keys");
      }
    }
    List<String> matched = new ArrayList<>(new TreeSet<>(keys));
    return new MatchRule(matched, varied(matched, a, b), ignored);
  }

  /** The 64-bit id of a config under this rule: equal for configs that match. */
  public long id(Map<String, Object> config) {
    Objects.requireNonNull(config, "config");
    long h = 0x6a09e667f3bcc909L;
    for (String key : matched) {
      h += Hashing.entry(key, ParamValue.from(config.get(key)));
    }
    return h;
  }

  /**
   * The varied matched keys of {@code config} (all matched keys when none varies), in order, as
   * {@code key=value} text.
   */
  public String describe(Map<String, Object> config) {
    return (varied.isEmpty() ? matched : varied)
        .stream()
            .map(k -> k + "=" + ParamValue.from(config.get(k)).display())
            .collect(Collectors.joining(" "));
  }

  private static String show(Set<ParamValue> values) {
    List<String> shown =
        values.stream().sorted().limit(VALUES_SHOWN).map(ParamValue::display).toList();
    String text = String.join("/", shown);
    return values.size() > VALUES_SHOWN ? text + "/... (" + values.size() + " values)" : text;
  }
}
