package dev.arbtune.aggregate;

import static dev.arbtune.testing.Docs.success;
import static dev.arbtune.testing.Docs.withMetrics;
import static dev.arbtune.testing.Docs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typos refused, zero-trade jobs in the top warned about, error jobs kept as rows. */
class FieldCheckTest {

  private static final List<String> METRICS =
      List.of("total_trades", "realized_pnl_usd", "unrealized_pnl_usd", "win_rate");
  private static final List<String> CONFIG = List.of("min_spread_bps", "slippage_bps");

  @TempDir Path dir;

  private TuningResultsAggregator.Builder checked() {
    return TuningResultsAggregator.builder(dir).refuseUnseenFields(METRICS, CONFIG);
  }

  private void session() {
    for (int i = 0; i < 5; i++) {
      write(dir, "s" + i + ".json", success("s" + i, i, 1, i + 1));
    }
  }

  @Test
  void aSortMetricNoSuccessDocumentCarriesIsRefusedWithSuggestions() {
    session();
    UnknownFieldException e =
        catchThrowableOfType(
            () -> checked().ranking(RankingSpec.by("realised_pnl_usd")).build().summarize(),
            UnknownFieldException.class);
    assertThat(e.use()).isEqualTo(UnknownFieldException.Use.SORT);
    assertThat(e.reason())
        .isEqualTo("no success document (of 5 read) has metrics.realised_pnl_usd");
    assertThat(e.suggestions()).containsExactly("realized_pnl_usd", "unrealized_pnl_usd");
    assertThat(e.describe("--sort-by realised_pnl_usd"))
        .isEqualTo(
            "--sort-by realised_pnl_usd: no success document (of 5 read) has"
                + " metrics.realised_pnl_usd; did you mean realized_pnl_usd or unrealized_pnl_usd?");
  }

  @Test
  void aShortNameSuggestsTheNamesThatContainIt() {
    session();
    UnknownFieldException e =
        catchThrowableOfType(
            () -> checked().ranking(RankingSpec.by("pnl")).build().summarize(),
            UnknownFieldException.class);
    assertThat(e.suggestions()).containsExactly("realized_pnl_usd", "unrealized_pnl_usd");
  }

  @Test
  void aNameInTheOtherPlaceIsSaidSo() {
    session();
    UnknownFieldException sortByConfig =
        catchThrowableOfType(
            () -> checked().ranking(RankingSpec.by("slippage_bps")).build().summarize(),
            UnknownFieldException.class);
    assertThat(sortByConfig.reason())
        .startsWith(
            "no success document (of 5 read) has metrics.slippage_bps; slippage_bps is a config"
                + " key, and --sort-by ranks by a metric (keep some of its values with --filter"
                + " 'config.slippage_bps == VALUE')");
    UnknownFieldException prefixed =
        catchThrowableOfType(
            () -> checked().ranking(RankingSpec.by("config.min_spread_bps")).build().summarize(),
            UnknownFieldException.class);
    assertThat(prefixed.reason()).contains("min_spread_bps is a config key");
    UnknownFieldException metricsPrefix =
        catchThrowableOfType(
            () -> checked().ranking(RankingSpec.by("metrics.win_rate")).build().summarize(),
            UnknownFieldException.class);
    assertThat(metricsPrefix.suggestions()).startsWith("win_rate");
    UnknownFieldException filterAsMetric =
        catchThrowableOfType(
            () ->
                checked()
                    .filter(
                        JobFilter.expression(FilterExpression.parse("metrics.slippage_bps < 1")))
                    .build()
                    .summarize(),
            UnknownFieldException.class);
    assertThat(filterAsMetric.suggestions()).startsWith("config.slippage_bps");
    UnknownFieldException filterAsConfig =
        catchThrowableOfType(
            () ->
                checked()
                    .filter(JobFilter.expression(FilterExpression.parse("config.win_rate > 0")))
                    .build()
                    .summarize(),
            UnknownFieldException.class);
    assertThat(filterAsConfig.suggestions()).startsWith("metrics.win_rate");
    // Before any job runs (sweep), a config key given to --sort-by is said so too.
    FieldCheck early = FieldCheck.of(RankingSpec.by("min_spread_bps"), List.of(), METRICS, CONFIG);
    assertThatThrownBy(early::requireKnown)
        .isInstanceOf(UnknownFieldException.class)
        .hasMessageContaining("min_spread_bps is a config key");
  }

  @Test
  void aFilterFieldIsCheckedInItsScope() throws IOException {
    session();
    UnknownFieldException e =
        catchThrowableOfType(
            () ->
                checked()
                    .filter(JobFilter.expression(FilterExpression.parse("win_rat > 0.5")))
                    .build()
                    .summarize(),
            UnknownFieldException.class);
    assertThat(e.use()).isEqualTo(UnknownFieldException.Use.FILTER);
    assertThat(e.request()).isEqualTo("win_rat > 0.5");
    assertThat(e.reason()).contains("has win_rat in metrics or config");
    assertThat(e.suggestions()).containsExactly("win_rate");
    UnknownFieldException c =
        catchThrowableOfType(
            () ->
                checked()
                    .filter(JobFilter.expression(FilterExpression.parse("config.slipage_bps < 1")))
                    .build()
                    .summarize(),
            UnknownFieldException.class);
    assertThat(c.suggestions()).containsExactly("config.slippage_bps");
    // A config key is not a metric: metrics.slippage_bps is refused although config has it.
    assertThatThrownBy(
            () ->
                checked()
                    .filter(
                        JobFilter.expression(FilterExpression.parse("metrics.slippage_bps < 1")))
                    .build()
                    .summarize())
        .isInstanceOf(UnknownFieldException.class);
    // The same names, spelt right, pass.
    assertThat(
            checked()
                .filter(JobFilter.expression(FilterExpression.parse("win_rate > 0.1")))
                .filter(JobFilter.expression(FilterExpression.parse("config.slippage_bps < 9")))
                .ranking(RankingSpec.by("win_rate"))
                .build()
                .summarize()
                .matchedJobs())
        .isEqualTo(5);
  }

  @Test
  void aMetricOnlySomeDocumentsCarryIsAcceptedOnceSeen() throws IOException {
    session();
    write(dir, "custom.json", withMetrics("c", "{\"realized_pnl_usd\": 1, \"my_score\": 7}"));
    AggregatedSummary s =
        checked()
            .ranking(RankingSpec.by("my_score"))
            .filter(JobFilter.expression(FilterExpression.parse("my_score >= 1")))
            .threads(3)
            .build()
            .summarize();
    assertThat(s.topByPnl()).extracting(AggregatedJobResult::jobId).containsExactly("c");
  }

  @Test
  void withoutSuccessDocumentsNothingIsRefused() throws IOException {
    write(dir, "broken.json", "{ nope");
    AggregatedSummary s = checked().ranking(RankingSpec.by("pnl")).build().summarize();
    assertThat(s.successJobs()).isZero();
    assertThat(s.topByPnl()).isEmpty();
  }

  @Test
  void withoutTheOptionTheLibraryStillRanksByAMissingMetric() throws IOException {
    session();
    assertThat(
            TuningResultsAggregator.builder(dir)
                .ranking(RankingSpec.by("pnl"))
                .build()
                .summarize()
                .topByPnl())
        .hasSize(5);
  }

  @Test
  void theMessageIsTheSameWhateverTheThreadsAndForPartialSummaries() throws Exception {
    for (int i = 0; i < 40; i++) {
      write(dir, "d" + i + ".json", withMetrics("d" + i, "{\"m_" + i + "\": 1}"));
    }
    String one = message(checked().ranking(RankingSpec.by("m_x")).threads(1).build());
    assertThat(one).contains("did you mean");
    assertThat(message(checked().ranking(RankingSpec.by("m_x")).threads(4).build())).isEqualTo(one);
    TuningResultsAggregator aggregator = checked().ranking(RankingSpec.by("m_x")).build();
    List<AggregatedJobResult> jobs = aggregator.loadResults();
    PartialSummary a = aggregator.newPartial();
    PartialSummary b = aggregator.newPartial();
    for (int i = 0; i < jobs.size(); i++) {
      (i % 2 == 0 ? b : a).job(jobs.get(i));
    }
    a.merge(b);
    assertThatThrownBy(() -> a.summary(new DuplicateJobIds(a.maxErrors()), List.of()))
        .isInstanceOf(UnknownFieldException.class)
        .hasMessage(
            new UnknownFieldException(
                    UnknownFieldException.Use.SORT,
                    "m_x",
                    "no success document (of 40 read) has metrics.m_x",
                    messageSuggestions(aggregator))
                .getMessage());
  }

  private static List<String> messageSuggestions(TuningResultsAggregator aggregator) {
    try {
      aggregator.summarize();
    } catch (UnknownFieldException e) {
      return e.suggestions();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new AssertionError("not refused");
  }

  private static String message(TuningResultsAggregator aggregator) {
    return catchThrowableOfType(aggregator::summarize, UnknownFieldException.class).getMessage();
  }

  @Test
  void engineFieldsAreCheckedBeforeAnyDocumentExists() {
    assertThatThrownBy(() -> checked().ranking(RankingSpec.by("pnl")).build().requireEngineFields())
        .isInstanceOf(UnknownFieldException.class)
        .hasMessageContaining("arbtune's backtests write no metric pnl")
        .hasMessageContaining("did you mean realized_pnl_usd");
    checked().ranking(RankingSpec.by("win_rate")).build().requireEngineFields();
  }

  @Test
  void zeroTradeJobsInTheTopAreAnAdvisoryWarning() throws IOException {
    write(dir, "a.json", success("a", 5, 1, 3));
    write(dir, "z1.json", success("z1", 0, 0, 0));
    write(dir, "z2.json", success("z2", 0, 0, 0));
    write(dir, "loss.json", success("loss", -4, 1, 2));
    AggregatedSummary s = TuningResultsAggregator.builder(dir).maxResults(3).build().summarize();
    assertThat(s.warnings())
        .extracting(Warning::kind, Warning::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Warning.ZERO_TRADE_TOP,
                "2 of the 3 listed top jobs made no trade (total_trades 0): they rank by a PnL of 0,"
                    + " not by what they did; --min-trades 1 ranks only jobs that traded"));
    assertThat(s.hasProblems()).isFalse();
    // Capped warnings never hide it nor count it as truncated.
    AggregatedSummary capped =
        TuningResultsAggregator.builder(dir).maxResults(3).maxErrors(0).build().summarize();
    assertThat(capped.warnings()).extracting(Warning::kind).containsExactly(Warning.ZERO_TRADE_TOP);
    assertThat(capped.warningsTruncated()).isZero();
    assertThat(capped.hasProblems()).isFalse();
    // Below the top, or filtered out: no warning.
    assertThat(TuningResultsAggregator.builder(dir).maxResults(1).build().summarize().warnings())
        .isEmpty();
    assertThat(TuningResultsAggregator.builder(dir).minTrades(1).build().summarize().warnings())
        .isEmpty();
  }

  @Test
  void zeroTradeWarningNamesTheMetricRankedByWhenItIsNotPnl() throws IOException {
    write(dir, "a.json", success("a", 5, 1, 3));
    write(dir, "z1.json", success("z1", 0, 0, 0));
    // Lowest drawdown first: the job that never traded (drawdown 0) tops the list.
    AggregatedSummary s =
        TuningResultsAggregator.builder(dir)
            .maxResults(1)
            .ranking(RankingSpec.by("max_drawdown_pct"))
            .build()
            .summarize();
    assertThat(s.warnings())
        .extracting(Warning::message)
        .containsExactly(
            "1 of the 1 listed top jobs made no trade (total_trades 0): their max_drawdown_pct"
                + " comes from no trade at all; --min-trades 1 ranks only jobs that traded");
  }

  @Test
  void errorJobsAreAllKeptAsRowsWhenAskedBeyondTheErrorListCap() throws IOException {
    session();
    write(dir, "e1.json", "{ broken");
    write(
        dir,
        "e2.json",
        "{\"status\": \"error\", \"error\": \"boom\", \"config\": {\"min_spread_bps\": 3},"
            + " \"config_summary\": {\"job_id\": \"e2\"}}");
    write(dir, "e0.jsonl", "{ bad\n{ worse\n");
    AggregatedSummary s =
        TuningResultsAggregator.builder(dir)
            .maxErrors(1)
            .keepErrorJobs(true)
            .threads(2)
            .build()
            .summarize();
    assertThat(s.errors()).hasSize(1);
    assertThat(s.errorJobRows())
        .extracting(AggregatedJobResult::location)
        .containsExactly("e0.jsonl:1", "e0.jsonl:2", "e1.json", "e2.json");
    assertThat(s.errorJobRows().get(3).config()).containsEntry("min_spread_bps", 3L);
    assertThat(TuningResultsAggregator.builder(dir).build().summarize().errorJobRows()).isNull();
  }
}
