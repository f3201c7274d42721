package dev.arbtune.compare;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.JobCollector;
import dev.arbtune.insights.ParamValue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The first pass over a side: for every config key of the ranked jobs, its distinct values (by
 * meaning: 30 and 30.0 are one value), up to {@link #MAX_VALUES} per key, and how many jobs carry
 * it. A job without a key has the value null for it.
 */
public final class KeyValues implements JobCollector<KeyValues> {

  /** Most distinct values kept per key; a key with more is never ignored as disjoint. */
  public static final int MAX_VALUES = 10_000;

  private final Map<String, Set<ParamValue>> values = new HashMap<>();
  private final Map<String, Long> carriers = new HashMap<>();
  private final Set<String> overflowing = new HashSet<>();
  private long jobs;

  @Override
  public void accept(AggregatedJobResult job) {
    jobs++;
    for (Map.Entry<String, Object> e : job.config().entrySet()) {
      String key = e.getKey();
      carriers.merge(key, 1L, Long::sum);
      if (!overflowing.contains(key)) {
        add(key, ParamValue.from(e.getValue()));
      }
    }
  }

  private void add(String key, ParamValue value) {
    Set<ParamValue> set = values.computeIfAbsent(key, k -> new HashSet<>());
    set.add(value);
    if (set.size() > MAX_VALUES) {
      overflowing.add(key);
      values.remove(key);
    }
  }

  @Override
  public void merge(KeyValues other) {
    jobs += other.jobs;
    other.carriers.forEach((k, n) -> carriers.merge(k, n, Long::sum));
    overflowing.addAll(other.overflowing);
    other.values.forEach(
        (k, set) -> {
          if (!overflowing.contains(k)) {
            for (ParamValue v : set) {
              add(k, v);
            }
          }
        });
    overflowing.forEach(values::remove);
  }

  /** The ranked jobs seen. */
  public long jobs() {
    return jobs;
  }

  /** Every key some ranked job carries, sorted. */
  public Set<String> keys() {
    return new TreeSet<>(carriers.keySet());
  }

  /**
   * The distinct values of {@code key} (null included when some job lacks it), or {@code null} when
   * there are more than {@link #MAX_VALUES}.
   */
  public Set<ParamValue> values(String key) {
    if (overflowing.contains(key)) {
      return null;
    }
    Set<ParamValue> set = new HashSet<>(values.getOrDefault(key, Set.of()));
    if (carriers.getOrDefault(key, 0L) < jobs) {
      set.add(ParamValue.NULL);
    }
    return set;
  }
}
