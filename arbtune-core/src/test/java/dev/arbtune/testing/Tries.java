package dev.arbtune.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The tries of a property, as the arguments of a {@link PropertyTest}'s {@code @MethodSource}.
 *
 * <p>Everything is deterministic: the seeds derive from the name of the method that calls {@link
 * #of} (the {@code @MethodSource} factory), so every run draws the same cases. Try {@code i} draws
 * its parameters, in order, from a {@link Gen.Source} seeded with its own seed, shown in the
 * invocation's name and in a failure's message. To run one try again, pass its seed: {@code mvn -o
 * test -Dtest='SomeTest#someProperty' -Dtries.seed=0x...}.
 *
 * <p>The first tries, up to a quarter of them, combine the parameters' {@link Gen#edgeCases() edge
 * cases} (all combinations when there are that few, else a deterministic sample); a parameter
 * without edge cases is drawn from the try's seed in those tries too.
 */
public final class Tries {

  /** The system property that selects the one try with this seed ({@code 0x} and 16 digits). */
  public static final String SEED = "tries.seed";

  private Tries() {}

  /**
   * {@code tries} cases, each drawing one value from each of {@code params}.
   *
   * @return the arguments for a {@code @MethodSource}
   */
  public static Stream<Arguments> of(int tries, Gen<?>... params) {
    if (tries < 1 || params.length == 0) {
      throw new IllegalArgumentException("need at least one try and one parameter");
    }
    long base = fnv(caller());
    List<List<?>> edges = new ArrayList<>();
    long combos = 1;
    boolean anyEdges = false;
    for (Gen<?> p : params) {
      List<?> e = p.edgeCases();
      edges.add(e);
      anyEdges |= !e.isEmpty();
      combos = Math.min(Integer.MAX_VALUE, combos * Math.max(1, e.size()));
    }
    List<Long> edgeTries = new ArrayList<>();
    if (anyEdges) {
      int limit = Math.max(1, tries / 4);
      if (combos <= limit) {
        for (long c = 0; c < combos; c++) {
          edgeTries.add(c);
        }
      } else {
        SplittableRandom r = new SplittableRandom(base);
        TreeSet<Long> chosen = new TreeSet<>();
        while (chosen.size() < limit) {
          chosen.add(r.nextLong(combos));
        }
        edgeTries.addAll(chosen);
      }
    }
    String only = System.getProperty(SEED);
    Long wanted = only == null || only.isBlank() ? null : parseSeed(only.strip());
    return IntStream.range(0, tries)
        .filter(i -> wanted == null || seed(base, i) == wanted)
        .mapToObj(
            i -> {
              long seed = seed(base, i);
              Long combo = i < edgeTries.size() ? edgeTries.get(i) : null;
              Gen.Source source = new Gen.Source(seed);
              Object[] values = new Object[params.length];
              long rest = combo == null ? 0 : combo;
              for (int k = 0; k < params.length; k++) {
                List<?> e = edges.get(k);
                if (combo != null && !e.isEmpty()) {
                  values[k] = e.get((int) (rest % e.size()));
                  rest /= e.size();
                } else {
                  values[k] = params[k].draw(source);
                }
              }
              String label =
                  String.format(
                      Locale.ROOT,
                      "try %d/%d%s (seed 0x%016x)",
                      i + 1,
                      tries,
                      combo == null ? "" : ", edge cases",
                      seed);
              values[0] = Named.of(label + ": " + show(values[0]), values[0]);
              return Arguments.of(values);
            });
  }

  private static long seed(long base, int i) {
    long z = base + (i + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long parseSeed(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
  }

  private static String show(Object value) {
    String s;
    if (value instanceof byte[] b) {
      s = java.util.Arrays.toString(b);
    } else if (value instanceof String str) {
      s = '"' + str + '"';
    } else {
      s = String.valueOf(value);
    }
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  /** The calling class and method: the property's {@code @MethodSource} factory. */
  private static String caller() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .filter(f -> !f.getClassName().equals(Tries.class.getName()))
                    .findFirst()
                    .map(f -> f.getClassName() + "#" + f.getMethodName())
                    .orElseThrow());
  }

  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }

  /** Starts a failure's message with the name of the failing try (its seed and values). */
  public static final class NameTheCase implements TestExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) {
      AssertionError named =
          new AssertionError(context.getDisplayName() + "\n" + failure.getMessage(), failure);
      named.setStackTrace(failure.getStackTrace());
      throw named;
    }
  }
}
