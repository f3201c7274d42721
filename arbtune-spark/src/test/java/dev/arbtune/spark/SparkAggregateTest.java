package dev.arbtune.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.FilterExpression;
import dev.arbtune.aggregate.JobFilter;
import dev.arbtune.aggregate.Order;
import dev.arbtune.aggregate.RankingSpec;
import dev.arbtune.aggregate.SummaryJson;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.result.ErrorKind;
import dev.arbtune.spark.testing.Fixtures;
import dev.arbtune.spark.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkAggregateTest {

  private static SparkSession spark;
  @TempDir static Path tmp;
  private static Path results;

  @BeforeAll
  static void setUp() throws IOException {
    spark = TestSpark.session();
    results = Fixtures.brokenResults(tmp);
  }

  /** The core aggregator's JSON and the Spark aggregate's, for the same settings. */
  private static void assertSameSummary(TuningResultsAggregator.Builder settings, int partitions)
      throws IOException {
    TuningResultsAggregator aggregator = settings.threads(2).build();
    String expected = SummaryJson.toJson(aggregator.summarize());
    AggregatedSummary actual =
        SparkAggregate.summarize(spark, results.toString(), aggregator, partitions);
    assertThat(SummaryJson.toJson(actual)).isEqualTo(expected);
  }

  @Test
  void givesTheCoreSummaryOfAFolderWithBrokenFiles() throws IOException {
    TuningResultsAggregator aggregator = TuningResultsAggregator.of(results);
    AggregatedSummary core = aggregator.summarize();

    AggregatedSummary spark =
        SparkAggregate.summarize(SparkAggregateTest.spark, results.toString(), aggregator, 0);

    assertThat(SummaryJson.toJson(spark)).isEqualTo(SummaryJson.toJson(core));
    // The fixture really holds what it claims: every kind of error, skipped summaries, warnings.
    assertThat(core.errorKinds().keySet())
        .contains(
            ErrorKind.EMPTY,
            ErrorKind.MALFORMED_JSON,
            ErrorKind.NOT_UTF8,
            ErrorKind.NOT_AN_OBJECT,
            ErrorKind.INVALID_METRIC,
            ErrorKind.STATUS_ERROR);
    assertThat(core.skippedFiles()).isEqualTo(2);
    assertThat(core.warnings())
        .extracting(w -> w.kind())
        .contains("duplicate-job-id", "missing-pnl");
    assertThat(core.topByPnl())
        .extracting(j -> j.jobId())
        .contains("hidden", "under", "inner", "jl_1");
  }

  @Test
  void givesTheCoreSummaryWithFiltersAndAParetoFront() throws IOException {
    assertSameSummary(
        TuningResultsAggregator.builder(results)
            .maxResults(5)
            .maxDrawdownPct(15.0)
            .minTrades(1)
            .filter(JobFilter.expression(FilterExpression.parse("win_rate >= 0.3")))
            .filter(JobFilter.minPnl(-100))
            .pareto(true),
        0);
  }

  @Test
  void givesTheCoreSummaryRankedByAnotherMetric() throws IOException {
    assertSameSummary(
        TuningResultsAggregator.builder(results)
            .ranking(RankingSpec.by("max_drawdown_pct"))
            .maxResults(7),
        5);
    assertSameSummary(
        TuningResultsAggregator.builder(results)
            .ranking(new RankingSpec("total_trades", Order.ASCENDING))
            .filter(JobFilter.tag("sess001")),
        1);
  }

  @Test
  void truncatesErrorsAndWarningsAsTheCoreDoes() throws IOException {
    assertSameSummary(TuningResultsAggregator.builder(results).maxErrors(2).maxResults(3), 3);
    assertSameSummary(TuningResultsAggregator.builder(results).maxErrors(0).maxResults(0), 2);
  }

  @Test
  void anEmptyFolderHasNoJobs() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    AggregatedSummary s =
        SparkAggregate.summarize(spark, empty.toString(), TuningResultsAggregator.of(empty), 0);
    assertThat(s.totalJobs()).isZero();
    assertThat(SummaryJson.toJson(s))
        .isEqualTo(SummaryJson.toJson(TuningResultsAggregator.of(empty).summarize()));
  }

  @Test
  void aMissingFolderOrAFileIsReported() {
    TuningResultsAggregator any = TuningResultsAggregator.of(results);
    assertThatThrownBy(
            () -> SparkAggregate.summarize(spark, tmp.resolve("nope").toString(), any, 0))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("results directory not found");
    assertThatThrownBy(
            () ->
                SparkAggregate.summarize(spark, results.resolve("failed.json").toString(), any, 0))
        .isInstanceOf(NotDirectoryException.class);
  }
}
