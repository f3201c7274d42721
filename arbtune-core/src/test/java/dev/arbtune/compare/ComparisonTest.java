package dev.arbtune.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Comparison} on hand-made rankings (match ids, best first). */
class ComparisonTest {

  /** A ranking of the given match ids, best first, with metric = -rank. */
  private static RankedJobs.Ranked ranked(String prefix, long... ids) {
    double[] keys = new double[ids.length];
    double[] values = new double[ids.length];
    String[] jobs = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      keys[i] = i + 1;
      values[i] = -(i + 1);
      jobs[i] = prefix + i;
    }
    return new RankedJobs.Ranked(List.of("realized_pnl_usd"), ids, keys, values, jobs);
  }

  @Test
  void sameRankingIsUnchangedWithFullOverlapAndPerfectStatistics() {
    Comparison c = Comparison.of(ranked("a", 1, 2, 3, 4), ranked("b", 1, 2, 3, 4), 3);
    assertThat(c.winnerChanged()).isFalse();
    assertThat(c.oldWinnerRank()).isEqualTo(1);
    assertThat(c.topKShared()).isEqualTo(3);
    assertThat(c.topKOverlap()).isEqualTo(1.0);
    assertThat(c.kendallTau()).isEqualTo(1.0);
    assertThat(c.spearmanRho()).isEqualTo(1.0);
    assertThat(c.rbo()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(c.shared()).isEqualTo(4);
  }

  @Test
  void winnerChangeReportsTheOldWinnersRankInB() {
    Comparison c = Comparison.of(ranked("a", 1, 2, 3, 4), ranked("b", 2, 3, 1, 4), 2);
    assertThat(c.winnerChanged()).isTrue();
    assertThat(c.oldWinnerRank()).isEqualTo(3);
    assertThat(c.topKShared()).isEqualTo(1); // {1,2} and {2,3}
    assertThat(c.topKOverlap()).isEqualTo(0.5);
  }

  @Test
  void oldWinnerAbsentFromBIsNull() {
    Comparison c = Comparison.of(ranked("a", 9, 2, 3), ranked("b", 2, 3, 5), 10);
    assertThat(c.oldWinnerRank()).isNull();
    assertThat(c.onlyA()).containsExactly(0);
    assertThat(c.onlyB()).containsExactly(2);
    assertThat(c.shared()).isEqualTo(2);
  }

  @Test
  void fewerThanKJobsStillDividesByKAndSaysSo() {
    Comparison c = Comparison.of(ranked("a", 1, 2, 3), ranked("b", 3, 2, 1), 10);
    assertThat(c.topKShared()).isEqualTo(3);
    assertThat(c.topKOverlap()).isEqualTo(0.3);
    assertThat(c.notes())
        .anyMatch(n -> n.startsWith("A has 3 ranked jobs, fewer than --top-k 10"))
        .anyMatch(n -> n.startsWith("B has 3 ranked jobs"));
  }

  @Test
  void duplicatesOfOneSideWarnNamingBothAndTheBetterRankedIsCompared() {
    Comparison c = Comparison.of(ranked("a", 1, 2, 1, 3), ranked("b", 3, 1, 2), 3);
    assertThat(c.duplicateCount()).isEqualTo(1);
    assertThat(c.duplicates())
        .containsExactly(
            "A: jobs a0 (rank 1) and a2 (rank 3) have the same matched config; a0 is compared");
    assertThat(c.shared()).isEqualTo(3);
    assertThat(c.sharedA()).containsExactly(0, 1, 3);
    assertThat(c.sharedB()).containsExactly(1, 2, 0);
    assertThat(c.onlyA()).isEmpty();
  }

  @Test
  void statisticsOverFewerThanTwoSharedJobsAreNullWithAReason() {
    Comparison c = Comparison.of(ranked("a", 1, 2), ranked("b", 1, 5), 1);
    assertThat(c.kendallTau()).isNull();
    assertThat(c.spearmanRho()).isNull();
    assertThat(c.notes()).anyMatch(n -> n.contains("need 2 shared jobs, there are 1"));
  }

  @Test
  void refusesKBelowOneAndEmptySides() {
    assertThatThrownBy(() -> Comparison.of(ranked("a", 1), ranked("b", 1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Comparison.of(ranked("a"), ranked("b", 1), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
