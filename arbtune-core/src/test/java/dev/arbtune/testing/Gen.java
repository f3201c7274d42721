package dev.arbtune.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A generator of test values from a seeded {@link Source}: the same seed gives the same values.
 * Used by {@link Tries} to feed {@link PropertyTest} methods.
 *
 * <p>Like the property-testing libraries, the number generators lean towards their edge cases
 * (bounds, 0, ±1) and towards small magnitudes, and mix their edge cases in while drawing (one draw
 * in {@value #EDGE_ODDS}) unless {@link #withoutEdgeCases()} turns that off for a whole tree. A
 * generator's {@link #edgeCases()} are what {@link Tries} combines into whole edge-case tries.
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
public interface Gen<T> {

  /** One draw in this many picks an edge case, where a generator has some. */
  int EDGE_ODDS = 20;

  /** The next value. */
  T draw(Source source);

  /** Values worth trying as they are (bounds, 0, empties); none by default. */
  default List<T> edgeCases() {
    return List.of();
  }

  /** The random source of one try, and whether nested generators mix in their edge cases. */
  final class Source {
    private final SplittableRandom random;
    private boolean edgeCases = true;

    /** A source seeded with {@code seed}. */
    public Source(long seed) {
      this.random = new SplittableRandom(seed);
    }

    /** The random numbers. */
    public SplittableRandom random() {
      return random;
    }

    /** Whether this draw should pick one of {@code edges} (never when they are empty). */
    boolean edgeCase(List<?> edges) {
      return edgeCases && !edges.isEmpty() && random.nextInt(EDGE_ODDS) == 0;
    }

    <T> T pick(List<T> values) {
      return values.get(random.nextInt(values.size()));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Combinators

  /** The values of this generator through {@code f}; edge cases mapped too. */
  default <U> Gen<U> map(Function<? super T, ? extends U> f) {
    Gen<T> self = this;
    List<U> edges = new ArrayList<>();
    for (T e : edgeCases()) {
      edges.add(f.apply(e));
    }
    return withEdges(s -> f.apply(self.draw(s)), edges);
  }

  /** Only the values that pass {@code keep} (drawn again until one does, up to 10,000 times). */
  default Gen<T> filter(Predicate<? super T> keep) {
    Gen<T> self = this;
    List<T> edges = new ArrayList<>(edgeCases());
    edges.removeIf(e -> !keep.test(e));
    return withEdges(
        s -> {
          for (int i = 0; i < 10_000; i++) {
            T v = self.draw(s);
            if (keep.test(v)) {
              return v;
            }
          }
          throw new IllegalStateException("the filter rejected 10,000 values in a row");
        },
        edges);
  }

  /** This generator with no edge cases mixed in anywhere below it. */
  default Gen<T> withoutEdgeCases() {
    Gen<T> self = this;
    return s -> {
      boolean before = s.edgeCases;
      s.edgeCases = false;
      try {
        return self.draw(s);
      } finally {
        s.edgeCases = before;
      }
    };
  }

  /** Lists of {@code min} to {@code max} values; the shortest ones are edge cases. */
  default Gen<List<T>> list(int min, int max) {
    Gen<T> self = this;
    Gen<Integer> sizes = sizes(min, max);
    List<List<T>> edges = new ArrayList<>();
    if (min == 0) {
      edges.add(List.of());
    }
    if (min <= 1 && max >= 1) {
      edgeCases().forEach(e -> edges.add(List.of(e)));
    }
    return withEdges(
        s -> {
          int n = sizes.draw(s);
          List<T> out = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            out.add(self.draw(s));
          }
          return out;
        },
        edges);
  }

  /**
   * Lists of up to {@code max} values with distinct {@code key}s: a drawn value whose key is taken
   * is drawn again (a list may come out shorter when the keys run out).
   */
  default Gen<List<T>> uniqueList(int max, Function<? super T, ?> key) {
    Gen<T> self = this;
    Gen<Integer> sizes = sizes(0, max);
    return withEdges(
        s -> {
          int n = sizes.draw(s);
          List<T> out = new ArrayList<>(n);
          Set<Object> seen = new HashSet<>();
          for (int attempt = 0; out.size() < n && attempt < 10 * n + 10; attempt++) {
            T v = self.draw(s);
            if (seen.add(key.apply(v))) {
              out.add(v);
            }
          }
          return out;
        },
        List.of(List.of()));
  }

  /** A generator of {@code draw} with the given edge cases. */
  static <T> Gen<T> withEdges(Gen<T> draw, List<T> edges) {
    List<T> kept = java.util.Collections.unmodifiableList(new ArrayList<>(edges));
    return new Gen<>() {
      @Override
      public T draw(Source s) {
        return s.edgeCase(kept) ? s.pick(kept) : draw.draw(s);
      }

      @Override
      public List<T> edgeCases() {
        return kept;
      }
    };
  }

  /** Always {@code value} (which may be {@code null}). */
  static <T> Gen<T> just(T value) {
    return s -> value;
  }

  /** One of {@code values}, each as likely; {@code null} allowed. */
  @SafeVarargs
  static <T> Gen<T> of(T... values) {
    List<T> list = new ArrayList<>(values.length);
    for (T v : values) {
      list.add(v);
    }
    return s -> s.pick(list);
  }

  /** A value of one of {@code gens}, each as likely. */
  @SafeVarargs
  static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    List<Gen<? extends T>> list = new ArrayList<>(gens.length);
    for (Gen<? extends T> g : gens) {
      list.add(Objects.requireNonNull(g));
    }
    List<T> edges = new ArrayList<>();
    list.forEach(g -> edges.addAll(g.edgeCases()));
    return withEdges(s -> s.pick(list).draw(s), edges);
  }

  /** A weight and a generator, for {@link #frequencyOf}. */
  record Weighted<T>(int weight, Gen<? extends T> gen) {
    public Weighted {
      if (weight <= 0) {
        throw new IllegalArgumentException("weight must be positive");
      }
      Objects.requireNonNull(gen, "gen");
    }
  }

  /** A {@link Weighted} generator. */
  static <T> Weighted<T> w(int weight, Gen<? extends T> gen) {
    return new Weighted<>(weight, gen);
  }

  /** A value of one of the generators, chosen in proportion to their weights. */
  @SafeVarargs
  static <T> Gen<T> frequencyOf(Weighted<T>... choices) {
    List<Weighted<T>> list = new ArrayList<>(choices.length);
    for (Weighted<T> c : choices) {
      list.add(c);
    }
    return frequencyOf(list);
  }

  /** A value of one of the generators, chosen in proportion to their weights. */
  static <T> Gen<T> frequencyOf(List<Weighted<T>> choices) {
    List<Weighted<T>> list = List.copyOf(choices);
    int total = list.stream().mapToInt(Weighted::weight).sum();
    return s -> {
      int r = s.random().nextInt(total);
      for (Weighted<T> c : list) {
        r -= c.weight();
        if (r < 0) {
          return c.gen().draw(s);
        }
      }
      throw new AssertionError("unreachable");
    };
  }

  /** A generator built on first use (for recursive grammars). */
  static <T> Gen<T> lazy(Supplier<Gen<T>> make) {
    return new Gen<>() {
      private Gen<T> gen;

      @Override
      public T draw(Source s) {
        if (gen == null) {
          gen = make.get();
        }
        return gen.draw(s);
      }
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Numbers

  /** {@code true} or {@code false}. */
  static Gen<Boolean> booleans() {
    return withEdges(s -> s.random().nextBoolean(), List.of(false, true));
  }

  /** Any long. */
  static Gen<Long> longs() {
    return longs(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * Longs from {@code min} to {@code max} inclusive: half of the draws uniform, half near the value
   * closest to 0 with a magnitude whose bit length is uniform (so that small values come often);
   * edge cases are the bounds, the values next to them, and 0, ±1, ±2 when in range.
   */
  static Gen<Long> longs(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException("min > max");
    }
    Set<Long> edges = new LinkedHashSet<>();
    for (long v : new long[] {0, 1, -1, 2, -2}) {
      if (v >= min && v <= max) {
        edges.add(v);
      }
    }
    edges.add(min);
    edges.add(min == max ? min : min + 1);
    edges.add(max == min ? max : max - 1);
    edges.add(max);
    long target = Math.max(min, Math.min(max, 0));
    return withEdges(
        s -> {
          SplittableRandom r = s.random();
          if (r.nextBoolean()) {
            long offset = (r.nextLong() >>> 1) >>> r.nextInt(63);
            boolean up = r.nextBoolean();
            long v = up ? target + offset : target - offset;
            boolean overflow = up ? v < target : v > target;
            if (!overflow && v >= min && v <= max) {
              return v;
            }
          }
          if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return r.nextLong();
          }
          return max < Long.MAX_VALUE ? r.nextLong(min, max + 1) : r.nextLong(min - 1, max) + 1;
        },
        List.copyOf(edges));
  }

  /** Ints from {@code min} to {@code max} inclusive, drawn as {@link #longs(long, long)}. */
  static Gen<Integer> ints(int min, int max) {
    return longs(min, max).map(Long::intValue);
  }

  /** Any int. */
  static Gen<Integer> ints() {
    return ints(Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** Any byte. */
  static Gen<Byte> bytes() {
    return ints(Byte.MIN_VALUE, Byte.MAX_VALUE).map(Integer::byteValue);
  }

  /**
   * Decimals from {@code min} to {@code max} with exactly {@code scale} fraction digits (as the
   * property-testing libraries draw "doubles of scale N"), as {@link BigDecimal}s.
   */
  static Gen<BigDecimal> decimals(BigDecimal min, BigDecimal max, int scale) {
    long lo =
        min.movePointRight(scale).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    long hi = max.movePointRight(scale).setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
    return longs(lo, hi).map(units -> BigDecimal.valueOf(units, scale));
  }

  /** {@link #decimals(BigDecimal, BigDecimal, int)} as doubles. */
  static Gen<Double> decimals(double min, double max, int scale) {
    return decimals(BigDecimal.valueOf(min), BigDecimal.valueOf(max), scale)
        .map(BigDecimal::doubleValue);
  }

  /**
   * Finite doubles from {@code min} to {@code max} with all their bits: a third uniform, a third
   * with a uniformly drawn binary exponent (so that tiny, subnormal and huge magnitudes come up), a
   * third rounded to two decimals; edge cases are the bounds and 0, ±0.01, ±1 when in range.
   */
  static Gen<Double> doubles(double min, double max) {
    if (!(min <= max) || !Double.isFinite(min) || !Double.isFinite(max)) {
      throw new IllegalArgumentException("bad range");
    }
    Set<Double> edges = new LinkedHashSet<>();
    for (double v : new double[] {0.0, 0.01, -0.01, 1.0, -1.0}) {
      if (v >= min && v <= max) {
        edges.add(v);
      }
    }
    edges.add(min);
    edges.add(max);
    return withEdges(
        s -> {
          SplittableRandom r = s.random();
          double v;
          switch (r.nextInt(3)) {
            case 0 -> {
              double t = r.nextDouble();
              v = min * (1 - t) + max * t;
            }
            case 1 -> {
              double magnitude =
                  Math.scalb(1.0 + r.nextDouble(), r.nextInt(Double.MIN_EXPONENT - 52, 1024));
              v = r.nextBoolean() ? magnitude : -magnitude;
            }
            default -> {
              double t = r.nextDouble();
              double x = min * (1 - t) + max * t;
              v = Math.abs(x) < 1e15 ? Math.round(x * 100) / 100.0 : x;
            }
          }
          if (!(v >= min && v <= max) || !Double.isFinite(v)) {
            double t = r.nextDouble();
            v = min * (1 - t) + max * t;
          }
          return Math.max(min, Math.min(max, v));
        },
        List.copyOf(edges));
  }

  // ---------------------------------------------------------------------------------------------
  // Text

  /** Characters from {@code first} to {@code last}, plus {@code extra}, minus {@code excluded}. */
  static Gen<Character> chars(char first, char last, String extra, String excluded) {
    StringBuilder sb = new StringBuilder();
    for (char c = first; c <= last; c++) {
      if (excluded.indexOf(c) < 0) {
        sb.append(c);
      }
    }
    sb.append(extra);
    return chars(sb.toString());
  }

  /** One of the characters of {@code alphabet}; the first and last are edge cases. */
  static Gen<Character> chars(String alphabet) {
    char[] cs = alphabet.toCharArray();
    return withEdges(s -> cs[s.random().nextInt(cs.length)], List.of(cs[0], cs[cs.length - 1]));
  }

  /** Strings of {@code min} to {@code max} characters of {@code chars}; the shortest are edges. */
  static Gen<String> strings(Gen<Character> chars, int min, int max) {
    return chars
        .list(min, max)
        .map(
            l -> {
              StringBuilder sb = new StringBuilder(l.size());
              l.forEach(sb::append);
              return sb.toString();
            });
  }

  /** Strings of ASCII digits. */
  static Gen<String> digits(int min, int max) {
    return strings(chars("0123456789"), min, max);
  }

  /** Sizes from {@code min} to {@code max}, each as likely; {@code min} and {@code max} edges. */
  private static Gen<Integer> sizes(int min, int max) {
    if (min < 0 || min > max) {
      throw new IllegalArgumentException("bad sizes " + min + ".." + max);
    }
    return withEdges(s -> s.random().nextInt(min, max + 1), List.of(min, Math.min(max, min + 1)));
  }

  /** Maps of up to {@code max} entries with keys of {@code keys}; the empty map is an edge case. */
  static <K, V> Gen<Map<K, V>> maps(Gen<K> keys, Gen<V> values, int max) {
    Gen<Integer> sizes = sizes(0, max);
    return withEdges(
        s -> {
          int n = sizes.draw(s);
          Map<K, V> out = new LinkedHashMap<>();
          for (int attempt = 0; out.size() < n && attempt < 10 * n + 10; attempt++) {
            K k = keys.draw(s);
            if (!out.containsKey(k)) {
              out.put(k, values.draw(s));
            }
          }
          return out;
        },
        List.of(Map.of()));
  }
}
