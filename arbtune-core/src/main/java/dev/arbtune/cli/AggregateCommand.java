package dev.arbtune.cli;

import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.FilterExpression;
import dev.arbtune.aggregate.JobFilter;
import dev.arbtune.aggregate.Order;
import dev.arbtune.aggregate.RankingSpec;
import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.SummaryCsv;
import dev.arbtune.aggregate.SummaryJson;
import dev.arbtune.aggregate.SummaryMarkdown;
import dev.arbtune.aggregate.SummaryText;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code arbtune aggregate}: count, filter and rank a folder of result documents. */
@Command(
    name = "aggregate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Scan a folder of per-job result files and print how many succeeded, how many failed and"
          + " why, and the best configurations.",
      "",
      "Every *.json file is one job and every non-blank line of a *.jsonl file is one job,"
          + " found recursively. A file or line that cannot be read or parsed counts as an error"
          + " job with its reason; aggregation always goes on. Summary files written by"
          + " --output-json are skipped. Nothing is written into the results folder.",
      "",
      "Output: the summary in --format (default: the seed's text layout) on stdout; errors,"
          + " warnings and progress on stderr.",
      ""
    })
final class AggregateCommand implements Callable<Integer> {

  /** Output formats for stdout. */
  enum Format {
    TEXT,
    JSON,
    CSV,
    JSONL,
    MARKDOWN
  }

  /** How many errors and warnings the stderr block lists. */
  static final int DIAGNOSTIC_LINES = 5;

  @Spec CommandSpec spec;

  @Option(
      names = "--results-dir",
      required = true,
      paramLabel = "DIR",
      description = "Folder of result documents (*.json, *.jsonl), scanned recursively.")
  Path resultsDir;

  @Option(
      names = "--max-results",
      paramLabel = "N",
      defaultValue = "10",
      description = "How many ranked jobs to show (default: ${DEFAULT-VALUE}).")
  int maxResults;

  @Option(
      names = "--sort-by",
      paramLabel = "METRIC",
      defaultValue = "realized_pnl_usd",
      description = {
        "Metric to rank by (default: ${DEFAULT-VALUE}). Known metrics rank in their better"
            + " direction: PnL, win_rate, final_balance_usd, avg_pnl_per_trade_usd,"
            + " total_trades, profit_factor, sharpe_per_trade highest first; max_drawdown_pct,"
            + " runtime_seconds, fees_paid_usd lowest first; others highest first.",
        "A missing PnL counts as 0; any other missing metric ranks last."
      })
  String sortBy;

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
            + " then config). A job without the field fails.",
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
      names = "--pareto",
      description =
          "Also list the Pareto front: jobs that no other job beats on both realized PnL (higher)"
              + " and max drawdown (lower).")
  boolean pareto;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "What to print on stdout: text (the seed's layout), json (the summary document), csv"
              + " (one row per ranked job), jsonl (one ranked job per line), markdown. Default:"
              + " ${DEFAULT-VALUE}.")
  Format format;

  @Option(
      names = "--output-json",
      paramLabel = "FILE",
      description =
          "Also write the summary as JSON to FILE (parent folders are created; the file is"
              + " replaced atomically).")
  Path outputJson;

  @Option(
      names = "--output-csv",
      paramLabel = "FILE",
      description = "Also write the ranked jobs as CSV to FILE (same columns as --format csv).")
  Path outputCsv;

  @Option(
      names = "--strict",
      description = "Exit with 3 when any error job or warning was found (for pipelines).")
  boolean strict;

  @Option(
      names = "--max-errors",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "How many errors and warnings the JSON summary lists (default: ${DEFAULT-VALUE}).")
  int maxErrors;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Threads that read and parse (default: the number of processors).")
  Integer threads;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress line and no error/warning summary on stderr.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    TuningResultsAggregator aggregator = configure();
    ScanProgress progress = new ScanProgress();
    AggregatedSummary summary;
    try (ScanProgressDisplay display =
        !quiet && ScanProgressDisplay.interactive()
            ? ScanProgressDisplay.start("Aggregating", progress)
            : ScanProgressDisplay.none()) {
      summary = aggregator.summarize(progress);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    switch (format) {
      case TEXT -> out.print(SummaryText.format(summary));
      case JSON -> SummaryJson.write(summary, out);
      case CSV -> SummaryCsv.write(summary, out);
      case JSONL -> SummaryJson.writeJsonLines(summary, out);
      case MARKDOWN -> out.print(SummaryMarkdown.format(summary, 20));
    }
    out.flush();
    if (!quiet) {
      err.print(SummaryText.diagnostics(summary, DIAGNOSTIC_LINES));
    }
    if (outputJson != null) {
      write(outputJson, w -> SummaryJson.write(summary, w));
      err.println("[D39_AGG] Summary written to: " + outputJson);
    }
    if (outputCsv != null) {
      write(outputCsv, w -> SummaryCsv.write(summary, w));
      err.println("[D39_AGG] CSV written to: " + outputCsv);
    }
    err.flush();
    return strict && summary.hasProblems() ? ExitCodes.STRICT : ExitCodes.OK;
  }

  private TuningResultsAggregator configure() {
    if (maxResults < 0) {
      throw usage("--max-results must be 0 or more, got " + maxResults);
    }
    if (maxErrors < 0) {
      throw usage("--max-errors must be 0 or more, got " + maxErrors);
    }
    if (threads != null && threads < 1) {
      throw usage("--threads must be 1 or more, got " + threads);
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
            .maxResults(maxResults)
            .maxDrawdownPct(maxDrawdownPct)
            .minTrades(minTrades)
            .ranking(ranking)
            .pareto(pareto)
            .maxErrors(maxErrors);
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
    return b.build();
  }

  private void requireFinite(String option, Double value) {
    if (value != null && !Double.isFinite(value)) {
      throw usage(option + " must be a finite number, got " + value);
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static void write(Path file, AtomicFiles.WriterBody body) throws IOException {
    try {
      AtomicFiles.writeText(file, body);
    } catch (IOException e) {
      throw new IOException("cannot write " + file + ": " + e, e);
    }
  }
}
