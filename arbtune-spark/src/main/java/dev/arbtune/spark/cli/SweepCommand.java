package dev.arbtune.spark.cli;

import dev.arbtune.frontend.EngineOption;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.frontend.VersionProvider;
import dev.arbtune.spark.SparkSweep;
import dev.arbtune.spark.SweepOptions;
import dev.arbtune.spark.SweepSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sweep}: the jobs of a JSONL plan, run over the cluster. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Run the backtest jobs of a JSONL plan over the Spark cluster and write one result document"
          + " per job inside --output-root: the same documents, at the same places, as"
          + " 'arbtune run' (error documents for failed jobs and malformed lines included).",
      "",
      "Paths are Hadoop paths (file:, hdfs:, s3a:, ...; without a scheme, the default file"
          + " system). Every executor must be able to read the quotes files: a relative"
          + " config.data_file is resolved against --data-root (default: the driver's working"
          + " directory). Each executor loads each quotes file once.",
      "",
      "Documents are written atomically (temporary file, then rename); after an interruption run"
          + " the same command with --resume. Ends with a summary on stderr; exits 0 when every"
          + " job succeeded (or was skipped), 1 otherwise.",
      ""
    })
final class SweepCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--jobs",
      required = true,
      paramLabel = "PLAN",
      description = "The plan: JSON Lines, one job per line (blank lines are ignored).")
  String plan;

  @Option(
      names = "--output-root",
      required = true,
      paramLabel = "PATH",
      description = "Folder that every result document is written into (created if needed).")
  String outputRoot;

  @Option(
      names = "--data-root",
      paramLabel = "PATH",
      description =
          "Resolve relative config.data_file paths against PATH instead of the driver's working"
              + " directory.")
  String dataRoot;

  @Option(
      names = "--resume",
      description = "Skip jobs whose output_json already is a success document (others run again).")
  boolean resume;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description = "Tasks to split the jobs into (default: four per core of the cluster).")
  int partitions;

  @Option(
      names = "--quotes-cache",
      paramLabel = "DIR",
      description =
          "Keep the parsed columns of each quotes file in DIR, a local folder on each executor"
              + " (and the driver in local mode; created if missing), and map them from there on"
              + " later sweeps instead of parsing the CSV again: keyed by the file's qualified"
              + " path, length and modification time, the time unit and the cache format, as"
              + " 'arbtune run --quotes-cache'. An executor that cannot write DIR logs one"
              + " warning and reads the CSV files.")
  String quotesCache;

  @Mixin EngineOption engine;

  @Option(
      names = {"-q", "--quiet"},
      description =
          "No per-job error lines on stderr; the session summary only when a job failed (as"
              + " 'arbtune run -q').")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    if (partitions < 0) {
      throw new ParameterException(
          spec.commandLine(), "--partitions must be at least 1, got " + partitions);
    }
    var chosen = engine.engine(); // a usage error before a Spark session starts
    SweepSummary s =
        SparkSweep.run(
            SparkMain.session("arbtune sweep"),
            new SweepOptions(plan, outputRoot, dataRoot, resume, partitions, quotesCache, chosen));
    PrintWriter err = spec.commandLine().getErr();
    if (!quiet) {
      for (String message : s.firstErrors()) {
        err.println("[sweep] error: " + message);
      }
      if (s.hiddenErrorsLine() != null) {
        err.println(s.hiddenErrorsLine());
      }
    }
    if (quiet && s.allSucceeded()) { // -q: the summary only to report failed jobs
      return ExitCodes.OK;
    }
    err.println("[sweep] Session summary: " + plan + " -> " + outputRoot);
    err.printf(Locale.ROOT, "  total:     %d%n", s.total());
    err.printf(Locale.ROOT, "  attempted: %d%n", s.attempted());
    err.printf(Locale.ROOT, "  success:   %d%n", s.success());
    err.printf(Locale.ROOT, "  error:     %d%n", s.error());
    err.printf(Locale.ROOT, "  skipped:   %d%n", s.skipped());
    err.printf(
        Locale.ROOT,
        "  elapsed:   %.2f s (%.1f jobs/s)%n",
        s.elapsedSeconds(),
        s.elapsedSeconds() > 0 ? s.attempted() / s.elapsedSeconds() : 0.0);
    err.flush();
    return s.allSucceeded() ? ExitCodes.OK : ExitCodes.INPUT;
  }
}
