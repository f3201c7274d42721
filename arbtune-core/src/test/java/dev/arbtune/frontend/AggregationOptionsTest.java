package dev.arbtune.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.Order;
import dev.arbtune.testing.Docs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The shared ranking and filter options: parsing, validation, and the aggregator they make. */
class AggregationOptionsTest {

  @Command(name = "agg")
  static final class Agg {
    @Mixin AggregationOptions options;
  }

  @Command(name = "rank")
  static final class Rank {
    @Mixin RankingOptions options;
  }

  @TempDir Path dir;

  private static AggregationOptions parse(String... args) {
    Agg agg = new Agg();
    new CommandLine(agg).parseArgs(args);
    return agg.options;
  }

  private void write() throws IOException {
    Docs.write(dir, "a.json", Docs.success("a", 50, 20, 10));
    Docs.write(dir, "b.json", Docs.success("b", 40, 5, 10));
    Docs.write(dir, "c.json", Docs.success("c", 30, 5, 1));
    Docs.write(dir, "d.json", Docs.success("d", -10, 1, 12));
  }

  private List<String> ranked(String... args) throws IOException {
    AggregatedSummary s = parse(args).builder(dir).build().summarize();
    return s.topByPnl().stream().map(AggregatedJobResult::jobId).toList();
  }

  @Test
  void defaultsRankByPnlAndKeepTen() throws IOException {
    write();
    AggregationOptions o = parse();
    AggregatedSummary s = o.builder(dir).build().summarize();
    assertThat(s.topByPnl())
        .extracting(AggregatedJobResult::jobId)
        .containsExactly("a", "b", "c", "d");
    assertThat(s.filters()).isEmpty();
    assertThat(o.threadsGiven()).isFalse();
  }

  @Test
  void filtersAndRankingOptionsShapeTheRanking() throws IOException {
    write();
    assertThat(ranked("--max-drawdown-pct", "10")).containsExactly("b", "c", "d");
    assertThat(ranked("--min-trades", "10")).containsExactly("a", "b", "d");
    assertThat(ranked("--max-trades", "10")).containsExactly("a", "b", "c");
    assertThat(ranked("--profitable")).containsExactly("a", "b", "c");
    assertThat(ranked("--min-pnl", "35")).containsExactly("a", "b");
    assertThat(ranked("--filter", "total_trades>=10", "--filter", "max_drawdown_pct<10"))
        .containsExactly("b", "d");
    assertThat(ranked("--max-results", "2")).containsExactly("a", "b");
    assertThat(ranked("--max-results", "ALL")).hasSize(4);
    assertThat(ranked("--ascending")).containsExactly("d", "c", "b", "a");
    assertThat(ranked("--sort-by", "metrics.max_drawdown_pct", "--descending")).startsWith("a");
    assertThat(ranked("--tag", "sess001")).hasSize(4);
    assertThat(ranked("--tag", "other")).isEmpty();
  }

  @Test
  void theFiltersAppearInTheSummary() throws IOException {
    write();
    AggregatedSummary s =
        parse("--max-drawdown-pct", "10", "--min-trades", "2", "--min-win-rate", "0.1")
            .builder(dir)
            .build()
            .summarize();
    assertThat(s.filters())
        .containsEntry("max_drawdown_pct", 10.0)
        .containsEntry("min_trades", 2)
        .containsEntry("min_win_rate", 0.1);
    AggregatedSummary sorted =
        parse("--sort-by", "max_drawdown_pct").builder(dir).build().summarize();
    assertThat(sorted.ranking().metric()).isEqualTo("max_drawdown_pct");
    assertThat(sorted.ranking().order()).isEqualTo(Order.ASCENDING);
  }

  @Test
  void maxResultsReadsACountOrAllAndNothingElse() {
    assertThat(parse("--max-results", " all ").maxResults).isEqualTo(Integer.MAX_VALUE);
    assertThat(parse("--max-results", "7").maxResults).isEqualTo(7);
    assertThatThrownBy(() -> parse("--max-results", "many"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("expected a number of jobs or 'all', got \"many\"");
  }

  @Test
  void outOfRangeValuesAreUsageErrorsNamingTheOption() {
    assertThatThrownBy(() -> parse("--max-results", "-1").builder(dir))
        .isInstanceOf(ParameterException.class)
        .hasMessage("--max-results must be 0 or more, got -1");
    assertThatThrownBy(() -> parse("--threads", "0").builder(dir))
        .isInstanceOf(ParameterException.class)
        .hasMessageStartingWith("--threads must be between 1 and ");
    assertThatThrownBy(() -> parse("--ascending", "--descending").builder(dir))
        .hasMessage("--ascending and --descending cannot be used together");
    assertThatThrownBy(() -> parse("--sort-by", " ").builder(dir))
        .hasMessage("--sort-by needs a metric name");
    assertThatThrownBy(() -> parse("--max-drawdown-pct", "NaN").builder(dir))
        .hasMessage("--max-drawdown-pct must be a finite number, got NaN");
    assertThatThrownBy(() -> parse("--min-pnl", "Infinity").builder(dir))
        .hasMessage("--min-pnl must be a finite number, got Infinity");
    assertThatThrownBy(() -> parse("--filter", "win_rate ~ 3").builder(dir))
        .isInstanceOf(ParameterException.class);
    assertThat(parse("--threads", "3").threadsGiven()).isTrue();
  }

  @Test
  void anUnseenSortMetricIsAUsageErrorNamingIt() throws IOException {
    write();
    AggregationOptions o = parse("--sort-by", "pnl");
    assertThatThrownBy(() -> o.refusingUnseenFields(() -> o.builder(dir).build().summarize()))
        .isInstanceOf(ParameterException.class)
        .hasMessageStartingWith("--sort-by pnl");
  }

  @Test
  void aSweepRootIsReadThroughItsResultsFolder() throws IOException {
    StringWriter err = new StringWriter();
    assertThat(AggregationOptions.resultsFolder(dir, new PrintWriter(err))).isEqualTo(dir);
    assertThat(err.toString()).isEmpty();
    Files.createDirectories(dir.resolve("results"));
    Files.writeString(dir.resolve("jobs.jsonl"), "not a plan\n");
    assertThat(AggregationOptions.resultsFolder(dir, new PrintWriter(err))).isEqualTo(dir);
    Files.writeString(
        dir.resolve("jobs.jsonl"),
        "{\"job_id\":\"j1\",\"config\":{},\"output_json\":\"results/j1.json\"}\n");
    assertThat(AggregationOptions.resultsFolder(dir, new PrintWriter(err)))
        .isEqualTo(dir.resolve("results"));
    assertThat(err.toString())
        .isEqualTo(
            "[D39_AGG] Reading "
                + dir.resolve("results")
                + ": "
                + dir
                + " is a sweep's output root (its plan and own files are not jobs)"
                + System.lineSeparator());
  }

  /**
   * The ranking options alone (compare's, walkforward's) rank and filter as aggregate's do, and
   * have no --max-results: given, it is an unknown option.
   */
  @Test
  void theRankingOptionsAloneHaveNoMaxResults() throws IOException {
    write();
    assertThatThrownBy(() -> new CommandLine(new Rank()).parseArgs("--max-results", "2"))
        .isInstanceOf(UnmatchedArgumentException.class)
        .hasMessage("Unknown options: '--max-results', '2'");
    Rank rank = new Rank();
    new CommandLine(rank).parseArgs("--min-pnl", "35", "--ascending", "--threads", "2");
    assertThat(rank.options.builder(dir).build().summarize().topByPnl())
        .extracting(AggregatedJobResult::jobId)
        .containsExactly("b", "a");
    assertThat(rank.options.threadsGiven()).isTrue();
  }

  /**
   * --max-results comes first, as it always has; the help's Metrics section and the usage errors of
   * the ranking options (a mixin inside this mixin) are the command's.
   */
  @Test
  void theCommandGetsMaxResultsFirstTheMetricsAndTheUsageErrors() {
    CommandLine agg = new CommandLine(new Agg());
    assertThat(agg.getCommandSpec().options().get(0).longestName()).isEqualTo("--max-results");
    assertThat(agg.getCommandSpec().options().get(1).longestName()).isEqualTo("--sort-by");
    assertThat(agg.getUsageMessage()).contains("Metrics (");
    assertThatThrownBy(() -> parse("--threads", "0").builder(dir))
        .isInstanceOfSatisfying(
            ParameterException.class,
            e -> assertThat(e.getCommandLine().getCommandName()).isEqualTo("agg"));
    assertThatThrownBy(() -> parse("--max-results", "-1").requireEngineFields())
        .hasMessage("--max-results must be 0 or more, got -1");
  }
}
