package dev.arbtune.frontend;

import dev.arbtune.aggregate.FilterExpression;
import dev.arbtune.aggregate.JobFilter;
import dev.arbtune.aggregate.Order;
import dev.arbtune.aggregate.Ranking;
import dev.arbtune.aggregate.RankingSpec;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.aggregate.UnknownFieldException;
import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.io.Excerpt;
import dev.arbtune.result.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that choose and rank jobs: the ranking, the filters and the threads. Commands that
 * rank every job that passes the filters, or take rank 1 ({@code compare}, {@code walkforward}),
 * use it as a picocli {@code @Mixin}; commands that show a number of ranked jobs use {@link
 * AggregationOptions}, which adds {@code --max-results}.
 */
public final class RankingOptions {

  CommandSpec mixee;

  /** The command this mixin belongs to; its help gets the {@code Metrics:} section. */
  @Spec(Spec.Target.MIXEE)
  void mixee(CommandSpec spec) {
    this.mixee = spec;
    MetricHelp.addTo(spec);
  }

  @Option(
      names = "--sort-by",
      paramLabel = "METRIC",
      description = {
        "Metric to rank by (default: ${DEFAULT-VALUE}). Known metrics rank in their better"
            + " direction, listed under Metrics below; others highest first.",
        "A missing PnL counts as 0; any other missing metric ranks last. A metric that no"
            + " success document carries is a usage error (exit 2) naming the closest names."
      })
  String sortBy = Ranking.PNL_METRIC;

  @Option(names = "--ascending", description = "Rank the lowest value first.")
  boolean ascending;

  @Option(names = "--descending", description = "Rank the highest value first.")
  boolean descending;

  @Option(
      names = "--filter",
      paramLabel = "EXPR",
      description = {
        "Keep jobs for which FIELD OP NUMBER holds; repeatable, all must hold. OP is one of"
            + " < <= > >= == !=; FIELD is metrics.NAME, config.NAME, or NAME (metrics first,"
            + " then config; the metrics are listed under Metrics below). A job without the field"
            + " fails; a field that no success document carries is a usage error (exit 2) naming"
            + " the closest names.",
        "Example: --filter 'win_rate>=0.6' --filter 'config.slippage_bps<=5'"
      })
  List<String> filterExpressions = new ArrayList<>();

  @Option(
      names = "--max-drawdown-pct",
      paramLabel = "PCT",
      description = "Keep jobs whose max_drawdown_pct is at most PCT; jobs without it are dropped.")
  Double maxDrawdownPct;

  @Option(
      names = "--min-trades",
      paramLabel = "N",
      description = "Keep jobs with at least N total_trades (missing counts as 0).")
  Integer minTrades;

  @Option(
      names = "--max-trades",
      paramLabel = "N",
      description = "Keep jobs with at most N total_trades (missing counts as 0).")
  Integer maxTrades;

  @Option(
      names = "--min-win-rate",
      paramLabel = "X",
      description = "Keep jobs whose win_rate is at least X (a fraction, e.g. 0.6).")
  Double minWinRate;

  @Option(
      names = "--min-pnl",
      paramLabel = "USD",
      description = "Keep jobs whose realized_pnl_usd is at least USD (missing counts as 0).")
  Double minPnl;

  @Option(names = "--profitable", description = "Keep jobs whose realized_pnl_usd is above 0.")
  boolean profitable;

  @Option(names = "--tag", paramLabel = "TAG", description = "Keep jobs whose config.tag is TAG.")
  String tag;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Threads that read and parse, 1 to 256 (default: the number of processors); they also"
              + " bound the insights' PBO computation; the output never depends on it.")
  Integer threads;

  /**
   * An aggregator of {@code resultsDir} configured from these options (its {@code maxResults} is
   * the library's default: set it when the command shows a number of jobs).
   *
   * @throws ParameterException (a usage error) when an option value is out of range
   */
  public TuningResultsAggregator.Builder builder(Path resultsDir) {
    if (threads != null && (threads < 1 || threads > TuningResultsAggregator.MAX_THREADS)) {
      throw usage(
          "--threads must be between 1 and "
              + TuningResultsAggregator.MAX_THREADS
              + ", got "
              + threads);
    }
    if (ascending && descending) {
      throw usage("--ascending and --descending cannot be used together");
    }
    if (sortBy.isBlank()) {
      throw usage("--sort-by needs a metric name");
    }
    requireFinite("--max-drawdown-pct", maxDrawdownPct);
    requireFinite("--min-win-rate", minWinRate);
    requireFinite("--min-pnl", minPnl);
    String metric = sortBy.startsWith("metrics.") ? sortBy.substring(8) : sortBy;
    RankingSpec ranking =
        ascending
            ? new RankingSpec(metric, Order.ASCENDING)
            : descending ? new RankingSpec(metric, Order.DESCENDING) : RankingSpec.by(metric);
    TuningResultsAggregator.Builder b =
        TuningResultsAggregator.builder(resultsDir)
            .maxDrawdownPct(maxDrawdownPct)
            .minTrades(minTrades)
            .ranking(ranking)
            .refuseUnseenFields(Metric.keys(), BacktestConfig.ALL_FIELDS);
    if (threads != null) {
      b.threads(threads);
    }
    if (minWinRate != null) {
      b.filter(JobFilter.minWinRate(minWinRate));
    }
    if (minPnl != null) {
      b.filter(JobFilter.minPnl(minPnl));
    }
    if (maxTrades != null) {
      b.filter(JobFilter.maxTrades(maxTrades));
    }
    if (profitable) {
      b.filter(JobFilter.profitable());
    }
    if (tag != null) {
      b.filter(JobFilter.tag(tag));
    }
    for (String text : filterExpressions) {
      try {
        b.filter(JobFilter.expression(FilterExpression.parse(text)));
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
    }
    return b;
  }

  private void requireFinite(String option, Double value) {
    if (value != null && !Double.isFinite(value)) {
      throw usage(option + " must be a finite number, got " + value);
    }
  }

  /** A scan that may refuse a field nobody carries. */
  @FunctionalInterface
  public interface Scan<T> {
    /** Runs the scan. */
    T run() throws IOException;
  }

  /**
   * Runs {@code scan}; a ranking or filter field that no success document carries ({@link
   * UnknownFieldException}) becomes a usage error naming the option, the field and the closest
   * names.
   */
  public <T> T refusingUnseenFields(Scan<T> scan) throws IOException {
    try {
      return scan.run();
    } catch (UnknownFieldException e) {
      throw unknownField(e);
    }
  }

  /**
   * For commands whose documents will all come from arbtune's own engine ({@code sweep}): refuses,
   * before anything runs, a ranking metric or filter field that the engine never writes.
   *
   * @throws ParameterException (a usage error) naming the option, the field and the closest names
   */
  public void requireEngineFields() {
    try {
      builder(Path.of("")).build().requireEngineFields();
    } catch (UnknownFieldException e) {
      throw unknownField(e);
    }
  }

  /** The usage error for {@code e}: {@code --sort-by pnl: ...; did you mean ...?}. */
  ParameterException unknownField(UnknownFieldException e) {
    String subject =
        e.use() == UnknownFieldException.Use.SORT
            ? "--sort-by " + Excerpt.of(sortBy)
            : "--filter '" + Excerpt.of(e.request()) + "'";
    return usage(e.describe(subject));
  }

  /** Whether {@code --threads} was given. */
  public boolean threadsGiven() {
    return threads != null;
  }

  /** A usage error of the command this mixin belongs to. */
  public ParameterException usage(String message) {
    return new ParameterException(mixee.commandLine(), message);
  }
}
