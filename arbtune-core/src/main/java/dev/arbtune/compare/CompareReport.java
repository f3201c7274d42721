package dev.arbtune.compare;

import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.RankingSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@code arbtune compare} prints: the two sides' summaries (counts, warnings), the
 * ranking, the matching rule, the comparison, the rows shown and the configs of the listed jobs.
 *
 * @param pathA A as given
 * @param pathB B as given
 * @param summaryA A's summary (counts and warnings; no ranked list)
 * @param summaryB B's summary
 * @param ranking the ranking both sides use
 * @param rule the matching rule
 * @param comparison the comparison
 * @param rows indexes of the shared jobs shown (all, or with {@code --diff-only} the changed ones)
 * @param moversUp shared indexes of the biggest movers up, biggest first
 * @param moversDown shared indexes of the biggest movers down, biggest first
 * @param configsA configs of A's listed jobs
 * @param configsB configs of B's listed jobs
 * @param diffOnly whether unchanged rows are hidden
 */
public record CompareReport(
    Path pathA,
    Path pathB,
    AggregatedSummary summaryA,
    AggregatedSummary summaryB,
    RankingSpec ranking,
    MatchRule rule,
    Comparison comparison,
    int[] rows,
    int[] moversUp,
    int[] moversDown,
    Configs configsA,
    Configs configsB,
    boolean diffOnly) {

  public CompareReport {
    Objects.requireNonNull(comparison, "comparison");
    Objects.requireNonNull(rule, "rule");
  }

  /** The verdict line: {@code winner unchanged; top-10 overlap 8/10; Kendall tau 0.81}. */
  public String verdict() {
    Comparison c = comparison;
    StringBuilder sb = new StringBuilder();
    if (c.winnerChanged()) {
      Integer old = c.oldWinnerRank();
      sb.append("winner changed (A's winner is ")
          .append(old == null ? "not ranked in B" : "#" + old + " in B")
          .append(')');
    } else {
      sb.append("winner unchanged");
    }
    sb.append("; top-")
        .append(c.topK())
        .append(" overlap ")
        .append(c.topKShared())
        .append('/')
        .append(c.topK());
    sb.append("; Kendall tau ").append(number(c.kendallTau()));
    sb.append("; Spearman rho ").append(number(c.spearmanRho()));
    sb.append("; RBO ").append(number(c.rbo()));
    return sb.toString();
  }

  /** Every warning: A's and B's aggregate warnings, then the duplicate configs. */
  public List<String> warnings() {
    List<String> out = new ArrayList<>();
    summaryA.warnings().forEach(w -> out.add("A: " + w.message()));
    summaryB.warnings().forEach(w -> out.add("B: " + w.message()));
    out.addAll(comparison.duplicates());
    long unlisted = comparison.duplicateCount() - comparison.duplicates().size();
    if (unlisted > 0) {
      out.add(unlisted + " more jobs share a matched config with a better-ranked job");
    }
    return out;
  }

  /** The config of A's job at index {@code r}. */
  public Map<String, Object> configA(int r) {
    return configsA.of(comparison.a().jobIds()[r]);
  }

  /** The config of B's job at index {@code r}. */
  public Map<String, Object> configB(int r) {
    return configsB.of(comparison.b().jobIds()[r]);
  }

  /** A statistic with two decimals, or {@code n/a}. */
  static String number(Double x) {
    return x == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f", x);
  }
}
