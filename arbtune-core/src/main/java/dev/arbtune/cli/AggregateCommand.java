package dev.arbtune.cli;

import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.SummaryCsv;
import dev.arbtune.aggregate.SummaryJson;
import dev.arbtune.aggregate.SummaryMarkdown;
import dev.arbtune.aggregate.SummaryText;
import dev.arbtune.aggregate.SweepRoots;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.frontend.AggregationOptions;
import dev.arbtune.frontend.MaxErrorsOption;
import dev.arbtune.frontend.ParetoOption;
import dev.arbtune.frontend.StrictOption;
import dev.arbtune.frontend.UserInputException;
import dev.arbtune.frontend.VersionProvider;
import dev.arbtune.insights.InsightsText;
import dev.arbtune.io.AtomicFiles;
import dev.arbtune.io.IoMessages;
import dev.arbtune.io.OutputTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
          + " job with its reason (too-large: over 8 MiB; too-many-keys: a config or metrics"
          + " object of more than 10,000 values, keys and array elements, nested ones counted);"
          + " aggregation always goes on. Summary files written by"
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
      description =
          "Folder of result documents (*.json, *.jsonl), scanned recursively; for a sweep's output"
              + " root (jobs.jsonl beside results/), its results/ folder.")
  Path resultsDir;

  @Mixin AggregationOptions selection;

  @Mixin ParetoOption pareto;

  @Option(
      names = "--insights",
      description = {
        "Also show which parameters matter and whether the top jobs are real: PnL by parameter"
            + " value (sensitivity), share of PnL variance explained (importance), the grid"
            + " neighbours of the top jobs (spike or plateau), the deflated Sharpe ratio, the"
            + " probability of backtest overfitting (from the documents' period_pnl), and the"
            + " Pareto front (implies --pareto). Text: a block after the summary; JSON: an"
            + " 'insights' object. See docs/INSIGHTS.md."
      })
  boolean insights;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "What to print on stdout: text (the seed's layout, see --columns), json (the summary document), csv"
              + " (one row per ranked job), jsonl (one ranked job per line), markdown. Default:"
              + " ${DEFAULT-VALUE}.")
  Format format;

  @Option(
      names = "--columns",
      paramLabel = "COLUMNS",
      defaultValue = "varied",
      description = {
        "What each ranked line of the text layout shows: varied (the seed's fields, then closed="
            + " when some listed job closed a different number of trades than it opened, and after"
            + " min_spread_bps and slippage_bps every other config key that varies among the listed"
            + " jobs, sorted by name; the keys with one value in every listed job follow once, on a"
            + " 'Fixed (all N listed):' line; values over 32 characters are shortened around '...')"
            + " or seed (exactly the seed's layout: trades= counts the trades opened, then"
            + " min_spread_bps and slippage_bps). The Markdown tables and the HTML report always"
            + " show the varied keys. Default: ${DEFAULT-VALUE}."
      })
  SummaryText.Columns columns;

  @Option(
      names = "--output-json",
      paramLabel = "FILE",
      description =
          "Also write the summary as JSON to FILE (parent folders are created; a file, or the"
              + " target of a symbolic link, is replaced atomically; a pipe or device is written in"
              + " place). - writes it to stdout instead of the --format summary. Refused when FILE"
              + " is a result document of --results-dir or a sweep's own file (its jobs.jsonl,"
              + " inputs.json, session.yaml or data file; its summary.json may be replaced), or"
              + " named as a lock (.arbtune.lock, .arbtune-sweep.lock) or temporary file"
              + " (.arbtune-*.tmp); see 'Output paths' in the README.")
  Path outputJson;

  @Option(
      names = "--output-csv",
      paramLabel = "FILE",
      description =
          "Also write the ranked jobs as CSV to FILE (same columns as --format csv), by the rules"
              + " of --output-json.")
  Path outputCsv;

  @Option(
      names = "--include-errors",
      description =
          "Also list every error job in the csv, jsonl and markdown tables (and --output-csv),"
              + " after the ranked jobs: columns status (success or error), error_kind and error"
              + " (empty for success jobs); an error row has no rank and no metrics, and its"
              + " config when the document had one. Every error job is listed (they are all held"
              + " in memory); with --max-results all, one row per job.")
  boolean includeErrors;

  @Mixin StrictOption strict;

  @Mixin MaxErrorsOption maxErrors;

  @Option(
      names = {"-q", "--quiet"},
      description =
          "No progress line and no error/warning summary on stderr; the [D39_AGG] lines naming"
              + " the folder read (for a sweep's output root) and each file written stay, for"
              + " scripts.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    refuseWalkforwardRoot(resultsDir);
    OutputTarget jsonTarget = Outputs.resolve("--output-json", outputJson);
    OutputTarget csvTarget = Outputs.resolve("--output-csv", outputCsv);
    List<OutputTarget> outputs = Arrays.asList(jsonTarget, csvTarget);
    Outputs.refuseFormatWithStdout(spec, outputs);
    Outputs.refuseOverlaps(outputs, SweepRoots.resultsOf(resultsDir).orElse(resultsDir));
    if (includeErrors
        && csvTarget == null
        && (Outputs.anyOnStdout(outputs) || format == Format.TEXT || format == Format.JSON)) {
      throw selection.usage(
          "--include-errors adds rows to tables: give --format csv, jsonl or markdown, or"
              + " --output-csv");
    }
    TuningResultsAggregator aggregator = configure();
    AggregationRun.Outcome outcome =
        selection.refusingUnseenFields(
            () -> AggregationRun.run(aggregator, insights, quiet, "Aggregating"));
    AggregatedSummary summary = outcome.summary();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Outputs.anyOnStdout(outputs)) {
      switch (format) {
        case TEXT -> {
          out.print(SummaryText.format(summary, columns));
          if (outcome.insights() != null) {
            out.print(InsightsText.format(outcome.insights()));
          }
        }
        case JSON -> AggregationRun.writeJson(outcome, out);
        case CSV -> SummaryCsv.write(summary, out);
        case JSONL -> SummaryJson.writeJsonLines(summary, out);
        case MARKDOWN -> out.print(SummaryMarkdown.format(summary, 20));
      }
      out.flush();
    }
    if (!quiet) {
      err.print(SummaryText.diagnostics(summary, DIAGNOSTIC_LINES));
    }
    if (jsonTarget != null) {
      jsonTarget.write(out, w -> AggregationRun.writeJson(outcome, w), true);
      err.println("[D39_AGG] Summary written to: " + jsonTarget);
    }
    if (csvTarget != null) {
      csvTarget.write(out, w -> SummaryCsv.write(summary, w), true);
      err.println("[D39_AGG] CSV written to: " + csvTarget);
    }
    err.flush();
    return strict.exitCode(summary);
  }

  /**
   * Refuses a walk-forward's output root: its documents are every window's train jobs and the
   * winners' test runs, and its record files are no jobs.
   */
  private static void refuseWalkforwardRoot(Path dir) {
    if (dir != null && SweepRoots.isWalkforwardRoot(dir)) {
      Path window = dir.resolve("train").resolve(SweepRoots.RESULTS_FOLDER).resolve("w001");
      throw new UserInputException(
          dir
              + " is a walk-forward's output root (it holds walkforward.json), whose documents mix"
              + " every window's train and test runs: aggregate one window's train jobs instead"
              + " (e.g. --results-dir "
              + window
              + "), or read "
              + dir.resolve("walkforward.json")
              + " or run `arbtune report --results-dir "
              + dir
              + "`");
    }
  }

  private TuningResultsAggregator configure() {
    int errorsListed = maxErrors.value();
    Path dir = AggregationOptions.resultsFolder(resultsDir, spec.commandLine().getErr());
    return selection
        .builder(dir)
        .pareto(pareto.requested() || insights)
        .maxErrors(errorsListed)
        .keepErrorJobs(includeErrors)
        .build();
  }

  /**
   * Writes a file of arbtune's own choosing (a sweep's summary) atomically; a failure names the
   * file and the cause.
   */
  static void write(Path file, AtomicFiles.WriterBody body) throws IOException {
    try {
      AtomicFiles.writeText(file, body);
    } catch (IOException e) {
      throw new IOException(IoMessages.cannotWrite(file, e), e);
    }
  }
}
