package dev.arbtune.cli;

import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.SummaryJson;
import dev.arbtune.aggregate.SummaryText;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
    description = {
      "Scan a folder of per-job result files (*.json, recursively) and print how many succeeded,"
          + " how many failed, and the best configurations by realized PnL.",
      "",
      "A file that cannot be read or parsed counts as an error job; aggregation always"
          + " goes on. Nothing is written into the results folder."
    })
final class AggregateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--results-dir",
      required = true,
      paramLabel = "DIR",
      description = "Folder of result documents, scanned recursively for *.json.")
  Path resultsDir;

  @Option(
      names = "--max-results",
      paramLabel = "N",
      defaultValue = "10",
      description = "How many ranked jobs to show (default: ${DEFAULT-VALUE}).")
  int maxResults;

  @Option(
      names = "--max-drawdown-pct",
      paramLabel = "PCT",
      description =
          "Keep only jobs whose metrics.max_drawdown_pct is at most PCT; jobs without it are"
              + " dropped.")
  Double maxDrawdownPct;

  @Option(
      names = "--min-trades",
      paramLabel = "N",
      description = "Keep only jobs with at least N metrics.total_trades (missing counts as 0).")
  Integer minTrades;

  @Option(
      names = "--output-json",
      paramLabel = "FILE",
      description =
          "Also write the summary as JSON to FILE (parent folders are created; the file is"
              + " replaced atomically).")
  Path outputJson;

  @Override
  public Integer call() throws IOException {
    if (maxResults < 0) {
      throw new ParameterException(
          spec.commandLine(), "--max-results must be 0 or more, got " + maxResults);
    }
    if (maxDrawdownPct != null && !Double.isFinite(maxDrawdownPct)) {
      throw new ParameterException(
          spec.commandLine(), "--max-drawdown-pct must be a finite number, got " + maxDrawdownPct);
    }
    AggregatedSummary summary =
        TuningResultsAggregator.builder(resultsDir)
            .maxResults(maxResults)
            .maxDrawdownPct(maxDrawdownPct)
            .minTrades(minTrades)
            .build()
            .summarize();
    PrintWriter out = spec.commandLine().getOut();
    out.print(SummaryText.format(summary));
    out.flush();
    if (outputJson != null) {
      try {
        AtomicFiles.writeText(outputJson, w -> SummaryJson.write(summary, w));
      } catch (IOException e) {
        throw new IOException("cannot write " + outputJson + ": " + e, e);
      }
      spec.commandLine().getErr().println("[D39_AGG] Summary written to: " + outputJson);
    }
    return ExitCodes.OK;
  }
}
