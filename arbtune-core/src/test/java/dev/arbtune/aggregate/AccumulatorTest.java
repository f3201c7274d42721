package dev.arbtune.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.result.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one scanning thread keeps, and that merging threads does not change the summary. */
class AccumulatorTest {

  private static AggregatedJobResult ok(String id, Double pnl, long trades) {
    Map<String, Object> m = new java.util.HashMap<>();
    if (pnl != null) {
      m.put("realized_pnl_usd", pnl);
    }
    m.put("total_trades", trades);
    m.put("max_drawdown_pct", trades * 1.0);
    return new AggregatedJobResult(
        id, null, Map.of("n", trades), m, JobStatus.SUCCESS, id + ".json", 0, null);
  }

  private static AggregatedJobResult failed(String id, ErrorKind kind) {
    return new AggregatedJobResult(
        id,
        null,
        Map.of("n", 1L),
        Map.of("realized_pnl_usd", 5.0),
        JobStatus.ERROR,
        id + ".json",
        0,
        new JobError(kind, "broken " + id));
  }

  private static Accumulator accumulator(int maxResults, int maxErrors, boolean keepErrors) {
    return new Accumulator(
        Ranking.of(RankingSpec.PNL),
        List.of(JobFilter.minTrades(1)),
        maxResults,
        maxErrors,
        true,
        new Accumulator.Shared(10),
        TuningResultsAggregator.NoCollector.INSTANCE,
        null,
        keepErrors);
  }

  private static List<AggregatedJobResult> jobs() {
    List<AggregatedJobResult> jobs = new ArrayList<>();
    jobs.add(ok("a", 10.0, 3));
    jobs.add(ok("b", 30.0, 0)); // filtered out: no trades
    jobs.add(ok("c", 20.0, 5));
    jobs.add(ok("d", null, 2)); // no PnL: ranked as 0, warned about
    jobs.add(ok("e", -5.0, 1));
    jobs.add(failed("x", ErrorKind.MALFORMED_JSON));
    jobs.add(failed("y", ErrorKind.STATUS_ERROR));
    jobs.add(failed("z", ErrorKind.MALFORMED_JSON));
    return jobs;
  }

  @Test
  void countsRanksFiltersAndKeepsTheFirstErrors() {
    Accumulator a = accumulator(3, 2, false);
    jobs().forEach(a::job);
    a.skipped("notes.json");

    AggregatedSummary s = a.summary(Map.of(), List.of(), 100);

    assertThat(s.totalJobs()).isEqualTo(8);
    assertThat(s.successJobs()).isEqualTo(5);
    assertThat(s.errorJobs()).isEqualTo(3);
    assertThat(s.matchedJobs()).isEqualTo(4);
    assertThat(s.skippedFiles()).isEqualTo(1);
    assertThat(s.topByPnl()).extracting(AggregatedJobResult::jobId).containsExactly("c", "a", "d");
    assertThat(s.errorKinds())
        .containsExactly(
            Map.entry(ErrorKind.MALFORMED_JSON, 2L), Map.entry(ErrorKind.STATUS_ERROR, 1L));
    assertThat(s.errors()).extracting(ErrorReport::jobId).containsExactly("x", "y");
    assertThat(s.errorsTruncated()).isEqualTo(1);
    assertThat(s.warnings())
        .extracting(Warning::kind, Warning::subject)
        .containsExactly(org.assertj.core.api.Assertions.tuple(Warning.MISSING_PNL, "d.json"));
    // c (20, dd 5), a (10, dd 3), e (-5, dd 1): none dominates another; d (0, dd 2) is dominated
    // by nothing either: PnL 0 > -5 with dd 2 > 1, and below a's PnL with a lower drawdown.
    assertThat(s.paretoFront())
        .extracting(AggregatedJobResult::jobId)
        .containsExactly("c", "a", "d", "e");
    assertThat(s.errorJobRows()).isNull();
  }

  @Test
  void errorRowsKeepTheConfigButDropTheMetrics() {
    Accumulator a = accumulator(3, 2, true);
    jobs().forEach(a::job);

    AggregatedSummary s = a.summary(Map.of(), List.of(), 100);

    assertThat(s.errorJobRows())
        .extracting(AggregatedJobResult::jobId)
        .containsExactly("x", "y", "z");
    assertThat(s.errorJobRows()).allSatisfy(j -> assertThat(j.metrics()).isEmpty());
    assertThat(s.errorJobRows()).allSatisfy(j -> assertThat(j.config()).containsEntry("n", 1L));
  }

  @Test
  void mergingOrAbsorbingPartsGivesTheSameSummaryAsOneAccumulator() {
    List<AggregatedJobResult> jobs = jobs();
    Accumulator whole = accumulator(3, 2, true);
    jobs.forEach(whole::job);
    String expected = SummaryJson.toJson(whole.summary(Map.of(), List.of(), 100));

    Accumulator left = accumulator(3, 2, true);
    Accumulator right = accumulator(3, 2, true);
    Accumulator absorbed = accumulator(3, 2, true);
    for (int i = 0; i < jobs.size(); i++) {
      (i % 2 == 0 ? left : right).job(jobs.get(jobs.size() - 1 - i));
    }
    absorbed.absorb(left.state());
    absorbed.absorb(right.state());
    left.merge(right);

    assertThat(SummaryJson.toJson(left.summary(Map.of(), List.of(), 100))).isEqualTo(expected);
    assertThat(SummaryJson.toJson(absorbed.summary(Map.of(), List.of(), 100))).isEqualTo(expected);
  }

  @Test
  void warningsBeyondTheCapAreCountedNotListed() {
    Accumulator a = accumulator(3, 5, false);
    for (String id : List.of("p", "q", "r")) {
      a.job(ok(id, null, 1));
    }
    AggregatedSummary s = a.summary(Map.of(), List.of(), 2);
    assertThat(s.warnings()).extracting(Warning::subject).containsExactly("p.json", "q.json");
    assertThat(s.warningsTruncated()).isEqualTo(1);
  }

  @Test
  void duplicateIdsKeepTheSmallestIdsWithExactCounts() {
    Accumulator.Shared shared = new Accumulator.Shared(2);
    for (String id : List.of("c", "b", "a", "a", "c")) {
      shared.duplicate(id);
    }
    assertThat(shared.duplicateWarnings())
        .extracting(Warning::subject, Warning::message)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("a", "job_id \"a\" is claimed by 3 documents"),
            org.assertj.core.api.Assertions.tuple("b", "job_id \"b\" is claimed by 2 documents"));
    assertThat(shared.untoldDuplicateClaims()).isEqualTo(2);
  }

  @Test
  void aJobIdSeenTwiceIsADuplicate() {
    Accumulator a = accumulator(3, 2, false);
    a.job(ok("a", 1.0, 1));
    a.job(ok("a", 2.0, 1));
    a.job(ok("b", 2.0, 1));
    AggregatedSummary s = a.summary(Map.of(), List.of(), 10);
    assertThat(s.warnings())
        .extracting(Warning::kind, Warning::subject)
        .containsExactly(org.assertj.core.api.Assertions.tuple(Warning.DUPLICATE_JOB_ID, "a"));
  }
}
