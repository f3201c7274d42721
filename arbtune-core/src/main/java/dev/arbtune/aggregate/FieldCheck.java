package dev.arbtune.aggregate;

import dev.arbtune.io.Excerpt;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The fields a user named to rank or filter by, checked against the success documents: a field that
 * no success document carries (while at least one was read) is refused with an {@link
 * UnknownFieldException} naming the closest names seen in the documents or known to the engine.
 *
 * <p>Only names the user typed are checked: the ranking metric (unless it is the seed's {@code
 * realized_pnl_usd}, which counts as 0 when missing and has its own warning) and the fields of
 * {@code --filter} expressions. The seed's filters and the shortcuts ({@code --min-trades}, {@code
 * --min-win-rate}, ...) name fixed fields and are not checked. A field counts as carried when its
 * key is present, whatever its value ({@code "sharpe_per_trade": null} included).
 *
 * <p>The cost while scanning is a few map lookups per document until every field has been seen; the
 * names for suggestions come from the first {@value #SAMPLE} success documents by location, kept
 * only while some field is still unseen.
 */
final class FieldCheck implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Success documents whose key names feed the suggestions. */
  static final int SAMPLE = 16;

  /** Most suggestions offered. */
  static final int MAX_SUGGESTIONS = 3;

  /** One field asked for. */
  record Field(
      UnknownFieldException.Use use, String request, FilterExpression.Scope scope, String name)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    boolean carriedBy(AggregatedJobResult job) {
      return switch (scope) {
        case METRICS -> job.metrics().containsKey(name);
        case CONFIG -> job.config().containsKey(name);
        case ANY -> job.metrics().containsKey(name) || job.config().containsKey(name);
      };
    }

    /** {@code metrics.pnl}, {@code config.x} or {@code x in metrics or config}. */
    String where() {
      return switch (scope) {
        case METRICS -> "metrics." + name;
        case CONFIG -> "config." + name;
        case ANY -> name + " in metrics or config";
      };
    }
  }

  static final Comparator<AggregatedJobResult> BY_LOCATION =
      Comparator.comparing(AggregatedJobResult::source)
          .thenComparingInt(AggregatedJobResult::line)
          .thenComparing(AggregatedJobResult::jobId);

  private final List<Field> fields;
  private final List<String> knownMetrics;
  private final List<String> knownConfig;

  private FieldCheck(List<Field> fields, List<String> knownMetrics, List<String> knownConfig) {
    this.fields = List.copyOf(fields);
    this.knownMetrics = List.copyOf(knownMetrics);
    this.knownConfig = List.copyOf(knownConfig);
  }

  /**
   * The check of what {@code ranking} and {@code filters} name; {@code null} when they name nothing
   * to check.
   */
  static FieldCheck of(
      RankingSpec ranking,
      List<JobFilter> filters,
      List<String> knownMetrics,
      List<String> knownConfig) {
    List<Field> fields = new ArrayList<>();
    if (!Ranking.PNL_METRIC.equals(ranking.metric())) {
      fields.add(
          new Field(
              UnknownFieldException.Use.SORT,
              ranking.metric(),
              FilterExpression.Scope.METRICS,
              ranking.metric()));
    }
    for (JobFilter f : filters) {
      f.filterExpression()
          .ifPresent(
              e ->
                  fields.add(
                      new Field(
                          UnknownFieldException.Use.FILTER, e.toString(), e.scope(), e.field())));
    }
    return fields.isEmpty() ? null : new FieldCheck(fields, knownMetrics, knownConfig);
  }

  /**
   * Refuses a field that is not among the names arbtune's own engine writes: for commands that know
   * the documents will come from it, before any job runs.
   *
   * @throws UnknownFieldException for the first such field
   */
  void requireKnown() {
    for (Field f : fields) {
      boolean known =
          switch (f.scope()) {
            case METRICS -> knownMetrics.contains(f.name());
            case CONFIG -> knownConfig.contains(f.name());
            case ANY -> knownMetrics.contains(f.name()) || knownConfig.contains(f.name());
          };
      if (!known) {
        String what =
            switch (f.scope()) {
              case METRICS -> "write no metric " + f.name();
              case CONFIG -> "write no config key " + f.name();
              case ANY -> "write neither a metric nor a config key " + f.name();
            };
        throw refusal(f, "arbtune's backtests " + what, List.of(), false);
      }
    }
  }

  Tracker tracker() {
    return new Tracker();
  }

  /** What one scanning thread saw. Not thread-safe; {@link #merge} at the end. */
  final class Tracker {
    private final boolean[] seen = new boolean[fields.size()];
    private int unseen = fields.size();
    private final BoundedBest<AggregatedJobResult> sample = new BoundedBest<>(SAMPLE, BY_LOCATION);

    /** Notes the fields {@code job}, a success job, carries. */
    void see(AggregatedJobResult job) {
      if (unseen == 0) {
        return; // nothing can be refused any more: no cost per document
      }
      for (int i = 0; i < seen.length; i++) {
        if (!seen[i] && fields.get(i).carriedBy(job)) {
          seen[i] = true;
          unseen--;
        }
      }
      sample.add(job);
    }

    void merge(Tracker other) {
      absorb(other.seen, other.sample.sorted());
    }

    void absorb(boolean[] otherSeen, List<AggregatedJobResult> otherSample) {
      for (int i = 0; i < seen.length; i++) {
        if (otherSeen[i] && !seen[i]) {
          seen[i] = true;
          unseen--;
        }
      }
      if (unseen > 0) {
        otherSample.forEach(sample::add);
      }
    }

    boolean[] seen() {
      return seen.clone();
    }

    List<AggregatedJobResult> sample() {
      return sample.sorted();
    }

    /**
     * @throws UnknownFieldException for the first field no success document carries, when {@code
     *     successJobs > 0}
     */
    void check(long successJobs) {
      if (successJobs == 0 || unseen == 0) {
        return;
      }
      for (int i = 0; i < seen.length; i++) {
        if (!seen[i]) {
          Field f = fields.get(i);
          String reason = "no success document (of " + successJobs + " read) has " + f.where();
          throw refusal(f, reason, sample.sorted(), true);
        }
      }
    }
  }

  /**
   * The refusal of {@code f}: its suggestions, led by the same name in the other place when it is
   * there (a config key given to {@code --sort-by} or as {@code metrics.X}, a metric given as
   * {@code config.X}); with {@code listSeen}, the names seen when nothing is close enough to
   * suggest.
   */
  private UnknownFieldException refusal(
      Field f, String reason, List<AggregatedJobResult> sample, boolean listSeen) {
    List<String> suggestions = new ArrayList<>(suggestions(f, candidates(f, sample)));
    String bare = f.name();
    for (String prefix : List.of("config.", "metrics.")) {
      if (f.scope() == FilterExpression.Scope.METRICS && bare.startsWith(prefix)) {
        bare = bare.substring(prefix.length()); // --sort-by config.x: the prefix is not a scope
      }
    }
    TreeSet<String> config = new TreeSet<>(knownConfig);
    TreeSet<String> metrics = new TreeSet<>(knownMetrics);
    sample.forEach(j -> config.addAll(j.config().keySet()));
    sample.forEach(j -> metrics.addAll(j.metrics().keySet()));
    if (f.scope() == FilterExpression.Scope.METRICS && config.contains(bare)) {
      if (f.use() == UnknownFieldException.Use.SORT) {
        reason +=
            "; "
                + bare
                + " is a config key, and --sort-by ranks by a metric (keep some of its values with"
                + " --filter 'config."
                + bare
                + " == VALUE')";
      } else {
        suggestions.remove("config." + bare);
        suggestions.add(0, "config." + bare);
      }
    } else if (f.scope() == FilterExpression.Scope.METRICS && !bare.equals(f.name())) {
      if (metrics.contains(bare)) {
        suggestions.remove(bare);
        suggestions.add(0, bare);
      }
    } else if (f.scope() == FilterExpression.Scope.CONFIG && metrics.contains(bare)) {
      suggestions.remove("metrics." + bare);
      suggestions.add(0, "metrics." + bare);
    }
    if (suggestions.size() > MAX_SUGGESTIONS) {
      suggestions = new ArrayList<>(suggestions.subList(0, MAX_SUGGESTIONS));
    }
    if (listSeen && suggestions.isEmpty()) {
      reason += "; names seen include " + seenNames(f, sample);
    }
    return new UnknownFieldException(f.use(), f.request(), reason, suggestions);
  }

  /** Most names listed when none is close enough to suggest. */
  static final int NAMES_LISTED = 8;

  /** The first {@value #NAMES_LISTED} names, by name, that the sampled documents carry. */
  private static String seenNames(Field f, List<AggregatedJobResult> sample) {
    TreeSet<String> names = new TreeSet<>();
    for (AggregatedJobResult j : sample) {
      if (f.scope() != FilterExpression.Scope.CONFIG) {
        names.addAll(j.metrics().keySet());
      }
      if (f.scope() != FilterExpression.Scope.METRICS) {
        names.addAll(j.config().keySet());
      }
    }
    List<String> shown = new ArrayList<>();
    for (String n : names) {
      if (shown.size() == NAMES_LISTED) {
        shown.add("...");
        break;
      }
      shown.add(Excerpt.of(n));
    }
    return String.join(", ", shown);
  }

  /** The names a field could have meant: those seen in {@code sample} and those of the engine. */
  private TreeSet<String> candidates(Field f, List<AggregatedJobResult> sample) {
    TreeSet<String> names = new TreeSet<>();
    boolean metrics = f.scope() != FilterExpression.Scope.CONFIG;
    boolean config = f.scope() != FilterExpression.Scope.METRICS;
    if (metrics) {
      names.addAll(knownMetrics);
      sample.forEach(j -> names.addAll(j.metrics().keySet()));
    }
    if (config) {
      names.addAll(knownConfig);
      sample.forEach(j -> names.addAll(j.config().keySet()));
    }
    return names;
  }

  /**
   * Up to {@value #MAX_SUGGESTIONS} names closest to the field's, written with its prefix: names
   * that contain it or that it contains come first, then the others close enough by edit distance
   * to be a likely typo; ties by name.
   */
  static List<String> suggestions(Field f, TreeSet<String> candidates) {
    String name = f.name().toLowerCase(Locale.ROOT);
    record Scored(String candidate, int group, int distance) {}
    List<Scored> scored = new ArrayList<>();
    for (String c : candidates) {
      if (c.equals(f.name())) {
        continue;
      }
      String lower = c.toLowerCase(Locale.ROOT);
      int d = editDistance(name, lower);
      boolean contains = lower.contains(name) || name.contains(lower);
      if (contains && Math.min(name.length(), lower.length()) >= 2) {
        scored.add(new Scored(c, 0, d));
      } else if (d <= Math.max(2, name.length() / 3)) {
        scored.add(new Scored(c, 1, d));
      }
    }
    scored.sort(
        Comparator.comparingInt(Scored::distance)
            .thenComparingInt(Scored::group)
            .thenComparing(Scored::candidate));
    String prefix =
        switch (f.scope()) {
          case METRICS -> f.use() == UnknownFieldException.Use.SORT ? "" : "metrics.";
          case CONFIG -> "config.";
          case ANY -> "";
        };
    List<String> out = new ArrayList<>();
    for (Scored s : scored) {
      if (out.size() == MAX_SUGGESTIONS) {
        break;
      }
      out.add(prefix + s.candidate());
    }
    return out;
  }

  /** The Levenshtein distance. */
  static int editDistance(String a, String b) {
    Objects.requireNonNull(a);
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
}
