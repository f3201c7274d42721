package dev.arbtune.spark.cli;

import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.SummaryJson;
import dev.arbtune.aggregate.SummaryText;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.frontend.AggregationOptions;
import dev.arbtune.frontend.MaxErrorsOption;
import dev.arbtune.frontend.ParetoOption;
import dev.arbtune.frontend.StrictOption;
import dev.arbtune.frontend.VersionProvider;
import dev.arbtune.spark.SparkAggregate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aggregate}: the core aggregator's summary of a results folder, computed by Spark. */
@Command(
    name = "aggregate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Count, filter and rank a folder of result documents over the Spark cluster: the summary"
          + " of 'arbtune aggregate' (same counts, ranking, errors and warnings; the JSON is the"
          + " same to the byte).",
      "",
      "Every *.json file is one job and every non-blank line of a *.jsonl file is one job, found"
          + " recursively below --results-dir (any Hadoop path). Broken documents count as error"
          + " jobs with their reason; summary files written by --output-json are skipped.",
      "",
      "Output: the summary in --format on stdout; the error and warning summary on stderr.",
      ""
    })
final class AggregateCommand implements Callable<Integer> {

  /** Output formats for stdout. */
  enum Format {
    TEXT,
    JSON
  }

  private static final int DIAGNOSTIC_LINES = 5;

  /** The value of {@code --output-json} that means stdout, as for every command of arbtune. */
  private static final String STDOUT = "-";

  @Spec CommandSpec spec;

  @Option(
      names = "--results-dir",
      required = true,
      paramLabel = "PATH",
      description = "Folder of result documents (*.json, *.jsonl), scanned recursively.")
  String resultsDir;

  @Mixin AggregationOptions selection;

  @Mixin ParetoOption pareto;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "What to print on stdout: text (the seed's layout, see --columns) or json (the summary"
              + " document). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(
      names = "--columns",
      paramLabel = "COLUMNS",
      defaultValue = "varied",
      description =
          "What each ranked line of the text layout shows, as for 'arbtune aggregate': varied"
              + " (the seed's fields, closed= when it differs from trades=, every config key that"
              + " varies among the listed jobs, then the others once on a 'Fixed' line) or seed"
              + " (exactly the seed's layout). Default: ${DEFAULT-VALUE}.")
  SummaryText.Columns columns;

  @Option(
      names = "--output-json",
      paramLabel = "PATH",
      description =
          "Also write the summary as JSON to PATH, any Hadoop path (replaced atomically). -"
              + " writes it to stdout instead of the --format summary (write ./- for a file named"
              + " -).")
  String outputJson;

  @Mixin MaxErrorsOption maxErrors;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description =
          "Tasks that read the files (default: one per 1,000 files, at least four per core).")
  int partitions;

  @Mixin StrictOption strict;

  @Option(
      names = {"-q", "--quiet"},
      description = "No error/warning summary on stderr.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    int errorsListed = maxErrors.value();
    if (partitions < 0) {
      throw selection.usage("--partitions must be 1 or more, got " + partitions);
    }
    boolean jsonToStdout = STDOUT.equals(outputJson);
    if (jsonToStdout && spec.commandLine().getParseResult().hasMatchedOption("--format")) {
      throw selection.usage(
          "--format and --output-json - both write stdout; leave out --format (the summary then"
              + " goes to stdout only as --output-json)");
    }
    if (selection.threadsGiven()) {
      throw selection.usage(
          "--threads does not apply on Spark: the cluster's cores read the files (see"
              + " --partitions)");
    }
    TuningResultsAggregator settings =
        selection.builder(Path.of("")).pareto(pareto.requested()).maxErrors(errorsListed).build();
    AggregatedSummary summary =
        selection.refusingUnseenFields(
            () ->
                SparkAggregate.summarize(
                    SparkMain.session("arbtune aggregate"), resultsDir, settings, partitions));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String json = SummaryJson.toJson(summary);
    if (!jsonToStdout) {
      switch (format) {
        case TEXT -> out.print(SummaryText.format(summary, columns));
        case JSON -> out.print(json);
      }
      out.flush();
    }
    if (!quiet) {
      err.print(SummaryText.diagnostics(summary, DIAGNOSTIC_LINES));
    }
    if (jsonToStdout) {
      out.print(json);
      out.flush();
      err.println("[D39_AGG] Summary written to: stdout");
    } else if (outputJson != null) {
      SparkAggregate.writeText(outputJson, json);
      err.println("[D39_AGG] Summary written to: " + outputJson);
    }
    err.flush();
    return strict.exitCode(summary);
  }
}
