package dev.arbtune.aggregate;

import static dev.arbtune.testing.Docs.success;
import static dev.arbtune.testing.Docs.withMetrics;
import static dev.arbtune.testing.Docs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartialSummaryTest {

  @TempDir Path dir;

  @BeforeEach
  void writeResults() {
    for (int i = 0; i < 40; i++) {
      write(dir, "s_" + i + ".json", success("s_" + i, (i * 37 % 23) - 7.5, i % 9, i % 6));
    }
    write(dir, "a/dup1.json", success("dup", 5.0, 1.0, 3));
    write(dir, "b/dup2.json", success("dup", 5.0, 1.0, 3));
    write(dir, "b/dup3.json", success("dup", 5.0, 1.0, 3));
    write(dir, "b/s_3.json", success("s_3", 1.0, 1.0, 1));
    write(dir, "empty.json", "");
    write(dir, "broken.json", "{\"status\": \"success\", \"metrics\": {");
    write(dir, "nopnl.json", withMetrics("nopnl", "{\"total_trades\": 3}"));
    write(dir, "nopnl2.json", withMetrics("nopnl2", "{\"total_trades\": 1}"));
    write(dir, "failed.json", "{\"status\": \"error\", \"error\": \"boom\"}");
    write(dir, "lines.jsonl", withMetrics("l1", "{\"realized_pnl_usd\": 3}") + "\n\n{oops\n");
  }

  /** The jobs of {@link #dir} split over {@code parts} partial summaries, each sent over a wire. */
  private static AggregatedSummary distributed(TuningResultsAggregator aggregator, int parts)
      throws Exception {
    List<AggregatedJobResult> jobs = aggregator.loadResults();
    List<PartialSummary> partials = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      partials.add(roundTrip(aggregator.newPartial()));
    }
    Map<String, Long> claims = new TreeMap<>();
    for (int i = 0; i < jobs.size(); i++) {
      partials.get(i % parts).job(jobs.get(i));
      claims.merge(jobs.get(i).jobId(), 1L, Long::sum);
    }
    PartialSummary total = roundTrip(partials.get(0));
    for (PartialSummary p : partials.subList(1, parts)) {
      total.merge(roundTrip(p));
    }
    DuplicateJobIds duplicates = new DuplicateJobIds(total.maxErrors());
    claims.forEach(duplicates::add);
    return total.summary(duplicates, List.of());
  }

  private static PartialSummary roundTrip(PartialSummary p) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(p);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (PartialSummary) in.readObject();
    }
  }

  @Test
  void mergedPartsGiveTheAggregatorsSummary() throws Exception {
    TuningResultsAggregator aggregator = TuningResultsAggregator.builder(dir).pareto(true).build();

    AggregatedSummary summary = distributed(aggregator, 3);

    assertThat(SummaryJson.toJson(summary)).isEqualTo(SummaryJson.toJson(aggregator.summarize()));
    assertThat(summary.warnings())
        .extracting(Warning::message)
        .contains(
            "job_id \"dup\" is claimed by 3 documents", "job_id \"s_3\" is claimed by 2 documents");
  }

  @Test
  void filtersAndRankingTravelWithThePartsAndLimitsTruncateAlike() throws Exception {
    TuningResultsAggregator aggregator =
        TuningResultsAggregator.builder(dir)
            .maxResults(4)
            .maxDrawdownPct(6.0)
            .minTrades(1)
            .filter(JobFilter.expression(FilterExpression.parse("config.slippage_bps <= 5")))
            .filter(JobFilter.tag("sess001"))
            .filter(JobFilter.minPnl(-5))
            .filter(JobFilter.maxTrades(4))
            .filter(JobFilter.minWinRate(0.1))
            .ranking(RankingSpec.by("max_drawdown_pct"))
            .maxErrors(1)
            .build();

    AggregatedSummary summary = distributed(aggregator, 4);

    assertThat(SummaryJson.toJson(summary)).isEqualTo(SummaryJson.toJson(aggregator.summarize()));
    assertThat(summary.errorsTruncated()).isPositive();
    assertThat(summary.warningsTruncated()).isPositive();
  }

  @Test
  void countsSkippedSummaryDocuments() {
    PartialSummary p = TuningResultsAggregator.of(dir).newPartial();
    p.skipped("summary.json");

    AggregatedSummary s = p.summary(new DuplicateJobIds(1000), List.of());

    assertThat(s.skippedFiles()).isEqualTo(1);
    assertThat(s.totalJobs()).isZero();
  }

  @Test
  void refusesToMergeTheSummariesOfDifferentAggregations() {
    PartialSummary a = TuningResultsAggregator.of(dir).newPartial();
    PartialSummary b = TuningResultsAggregator.builder(dir).maxResults(3).build().newPartial();

    assertThatThrownBy(() -> a.merge(b)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void needsDuplicatesListedUpToItsOwnLimit() {
    PartialSummary p = TuningResultsAggregator.of(dir).newPartial();

    assertThatThrownBy(() -> p.summary(new DuplicateJobIds(5), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1000");
  }

  @Test
  void walkWarningsAreListedWithTheOthers() throws IOException {
    PartialSummary p = TuningResultsAggregator.of(dir).newPartial();
    Warning walk =
        new Warning(Warning.UNREADABLE_DIRECTORY, "x", "cannot list x: permission denied");

    assertThat(p.summary(new DuplicateJobIds(1000), List.of(walk)).warnings())
        .containsExactly(walk);
  }
}
