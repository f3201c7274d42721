package dev.arbtune.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParetoFrontTest {

  private static AggregatedJobResult job(String id, Double pnl, Double dd) {
    Map<String, Object> m = new HashMap<>();
    if (pnl != null) {
      m.put("realized_pnl_usd", new BigDecimal(pnl.toString()));
    }
    if (dd != null) {
      m.put("max_drawdown_pct", new BigDecimal(dd.toString()));
    }
    return new AggregatedJobResult(id, null, Map.of(), m, JobStatus.SUCCESS, id + ".json", 0, null);
  }

  /** The O(n^2) definition: a job is on the front when no job dominates it. */
  private static List<AggregatedJobResult> bruteForce(List<AggregatedJobResult> jobs) {
    List<AggregatedJobResult> placed = new ArrayList<>();
    for (AggregatedJobResult j : jobs) {
      if (j.metric("max_drawdown_pct").isPresent()) {
        placed.add(j);
      }
    }
    List<AggregatedJobResult> front = new ArrayList<>();
    for (AggregatedJobResult a : placed) {
      boolean dominated = false;
      for (AggregatedJobResult b : placed) {
        double pa = Ranking.pnl(a);
        double pb = Ranking.pnl(b);
        double da = a.metric("max_drawdown_pct").getAsDouble();
        double db = b.metric("max_drawdown_pct").getAsDouble();
        if (pb >= pa && db <= da && (pb > pa || db < da)) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        front.add(a);
      }
    }
    front.sort(
        Comparator.comparingDouble((AggregatedJobResult j) -> -Ranking.pnl(j))
            .thenComparing(AggregatedJobResult::jobId)
            .thenComparing(AggregatedJobResult::source));
    return front;
  }

  @Test
  void keepsOnlyUndominatedJobsHighestPnlFirst() {
    ParetoFront f = new ParetoFront();
    f.add(job("a", 100.0, 10.0));
    f.add(job("b", 80.0, 5.0));
    f.add(job("c", 90.0, 12.0)); // dominated by a
    f.add(job("d", 50.0, 5.0)); // dominated by b
    f.add(job("e", 20.0, 1.0));
    f.add(job("f", 100.0, 10.0)); // equal to a: both stay
    f.add(job("g", null, 0.5)); // PnL counts as 0, lowest drawdown: on the front
    f.add(job("h", 500.0, null)); // no drawdown: cannot be placed
    assertThat(f.jobs())
        .extracting(AggregatedJobResult::jobId)
        .containsExactly("a", "f", "b", "e", "g");
  }

  static Gen<List<AggregatedJobResult>> jobs() {
    Gen<Double> pnl = Gen.ints(-20, 20).map(i -> i * 10.0);
    Gen<Double> dd = Gen.oneOf(Gen.ints(0, 15).map(i -> i * 1.0), Gen.just(null));
    Gen<Double> maybePnl = Gen.oneOf(pnl, pnl, pnl, Gen.just(null));
    Gen<Integer> n = Gen.ints(0, 99);
    Gen<AggregatedJobResult> job = s -> job("j" + n.draw(s), maybePnl.draw(s), dd.draw(s));
    return job.uniqueList(60, AggregatedJobResult::jobId);
  }

  static Stream<Arguments> equalsTheBruteForceFrontInAnyInsertionOrderAndAfterMerging() {
    return Tries.of(300, jobs());
  }

  @PropertyTest
  @MethodSource
  void equalsTheBruteForceFrontInAnyInsertionOrderAndAfterMerging(List<AggregatedJobResult> jobs) {
    ParetoFront whole = new ParetoFront();
    jobs.forEach(whole::add);
    List<AggregatedJobResult> expected = bruteForce(jobs);
    assertThat(whole.jobs()).isEqualTo(expected);

    ParetoFront left = new ParetoFront();
    ParetoFront right = new ParetoFront();
    for (int i = 0; i < jobs.size(); i++) {
      (i % 2 == 0 ? left : right).add(jobs.get(jobs.size() - 1 - i));
    }
    left.addAll(right);
    assertThat(left.jobs()).isEqualTo(expected);
  }

  @Test
  void tiedJobsCostOnePointAndAreListedUpToTheLimit() {
    ParetoFront left = new ParetoFront();
    ParetoFront right = new ParetoFront();
    for (int i = 0; i < 2_500; i++) {
      (i % 2 == 0 ? left : right).add(job(String.format("t%05d", 2_499 - i), 0.0, 0.0));
    }
    right.add(job("loser", -1.0, 0.0)); // dominated by the tied point
    left.addAll(right);
    assertThat(left.size()).isEqualTo(2_500);
    assertThat(left.points()).hasSize(1);
    List<AggregatedJobResult> listed = left.jobs();
    assertThat(listed).hasSize(ParetoFront.MAX_LISTED);
    assertThat(listed.get(0).jobId()).isEqualTo("t00000");
    assertThat(listed.get(ParetoFront.MAX_LISTED - 1).jobId()).isEqualTo("t00999");
    assertThat(listed).isSortedAccordingTo(ParetoFront.TIES);
  }
}
