package dev.arbtune.cli;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.JobFinder;
import dev.arbtune.backtest.Engine;
import dev.arbtune.backtest.EquityRecorder;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.TradesCsv;
import dev.arbtune.frontend.AggregationOptions;
import dev.arbtune.frontend.EngineOption;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.frontend.UserInputException;
import dev.arbtune.frontend.VersionProvider;
import dev.arbtune.io.Excerpt;
import dev.arbtune.io.OutputPathException;
import dev.arbtune.io.OutputTarget;
import dev.arbtune.report.JobCharts;
import dev.arbtune.report.ShowPage;
import dev.arbtune.run.QuotesSource;
import dev.arbtune.run.SessionListener;
import dev.arbtune.show.DataRoots;
import dev.arbtune.show.EquityCsv;
import dev.arbtune.show.MetricCheck;
import dev.arbtune.show.Replay;
import dev.arbtune.show.ReplayException;
import dev.arbtune.show.TradeSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code arbtune show}: one job re-run from its document, its trades and equity written out. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Open one job up: find its result document in --results-dir, re-run its config with the"
          + " engine (the data file must still be there), print a summary of its trades, and write"
          + " into --output-dir: trades.csv (the columns of 'backtest --trades-csv'), equity.csv"
          + " (time,equity,drawdown_pct,open_trades of every marked row: docs/MODEL.md) and"
          + " show.html (a self-contained page: the equity and drawdown curve, the spreads with"
          + " every entry and exit marked).",
      "",
      "The re-run's metrics are compared with the document's (every metric both carry but"
          + " runtime_seconds; counts exactly, amounts within 1e-9 relative or 1e-6): when they"
          + " differ, the data file or the engine changed since the job ran, which stderr says"
          + " loudly, metric by metric, and the command exits with 4 (the files are still"
          + " written: they show the re-run). To check a document against the row-by-row"
          + " engine, re-run it with --engine reference.",
      ""
    })
final class ShowCommand implements Callable<Integer> {

  /** The files written into the output folder. */
  static final String TRADES = "trades.csv";

  static final String EQUITY = "equity.csv";

  static final String PAGE = "show.html";

  /** The longest job id kept in the default output folder's name. */
  private static final int MAX_NAME = 100;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "JOB_ID", description = "The job to show (its job_id).")
  String jobId;

  @Option(
      names = "--results-dir",
      required = true,
      paramLabel = "DIR",
      description =
          "Folder of result documents, scanned as by 'aggregate' (a sweep's output root is read"
              + " from its results/ folder).")
  Path resultsDir;

  @Option(
      names = "--output-dir",
      paramLabel = "OUT",
      description =
          "Folder to write trades.csv, equity.csv and show.html into (created; files in it"
              + " replaced atomically). Default: show-JOB_ID in the current folder. Never the"
              + " results folder or a folder inside it.")
  Path outputDir;

  @Option(
      names = "--data-root",
      paramLabel = "DIR",
      description =
          "Resolve a relative config.data_file (or venue_a, venue_b) against DIR, as 'run --data-root' does (default:"
              + " the current folder; for a sweep's output root whose inputs.json records the file"
              + " elsewhere, such as quickstart's, that folder). A job naming venue files that are"
              + " no longer found is re-run on the joined quotes its document names"
              + " (config_summary.joined_file) while that file exists, saying so on stderr.")
  Path dataRoot;

  @Mixin QuotesCacheOption quotesCache;

  @Mixin EngineOption engine;

  /** The quotes the job was re-run on (for tests). */
  Quotes replayed;

  @Override
  public Integer call() throws IOException {
    Engine chosen = engine.engine(); // a usage error before anything is read
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = AggregationOptions.resultsFolder(resultsDir, err);
    JobFinder.Found found = JobFinder.find(dir, jobId, Runtime.getRuntime().availableProcessors());
    AggregatedJobResult job = theJob(found, dir);
    Path folder = outputFolder(dir);
    Path root = DataRoots.of(dataRoot, resultsDir, DataRoots.inputFile(job.config()));
    Map<String, Object> config = job.config();
    Path joined =
        job.line() == 0 ? DataRoots.joinedFallback(config, root, dir.resolve(job.source())) : null;
    if (joined != null) {
      err.println(
          "arbtune show: the venue files of job "
              + Excerpt.of(jobId)
              + " are not found under "
              + Excerpt.of(root.toAbsolutePath().toString())
              + "; re-running it on the joined quotes it read (config_summary.joined_file): "
              + Excerpt.of(joined.toString()));
      config = DataRoots.onJoinedFile(config, joined);
    }
    Replay replay;
    try {
      replay =
          Replay.of(
              config,
              jobId,
              QuotesSource.local(
                  quotesCache.cache(),
                  root,
                  DataRoots.joinedFolder(resultsDir),
                  new SessionListener() {
                    @Override
                    public void joinStarting(String message) {
                      err.println("arbtune show: " + message);
                      err.flush();
                    }
                  }),
              chosen);
    } catch (ReplayException e) {
      throw new UserInputException(
          "cannot re-run job "
              + Excerpt.of(jobId)
              + " of "
              + Excerpt.of(job.location())
              + ": "
              + e.getMessage()
              + (e.dataMissing()
                  ? "; show needs the data file the job ran on (give --data-root DIR if it moved)"
                  : ""));
    }
    replayed = replay.quotes();
    List<MetricCheck.Difference> differences =
        MetricCheck.differences(job.metrics(), replay.metricsMap());
    if (!differences.isEmpty()) {
      warnLoudly(err, job, differences);
    }
    TradeSummary summary = TradeSummary.of(replay.trades(), replay.metrics());
    out.println(
        "Job " + jobId + " (" + job.location() + "), re-run on " + replay.quotes().source());
    for (String[] row : summary.rows()) {
      out.printf("  %-13s %s%n", row[0] + ":", row[1]);
    }
    out.flush();
    write(out, err, folder, job, replay, summary, differences);
    return differences.isEmpty() ? ExitCodes.OK : ExitCodes.RERUN_DIFFERS;
  }

  /** The one success document of the job, or the error that says why there is none. */
  private AggregatedJobResult theJob(JobFinder.Found found, Path dir) {
    if (found.matches().isEmpty()) {
      throw new UserInputException(
          "no job with job_id "
              + Excerpt.of(jobId)
              + " among the "
              + found.jobs()
              + " jobs of "
              + Excerpt.of(dir.toString())
              + (found.suggestions().isEmpty()
                  ? ""
                  : "; did you mean " + String.join(", ", found.suggestions()) + "?"));
    }
    if (found.matches().size() > 1) {
      List<String> where = new ArrayList<>();
      for (AggregatedJobResult m : found.matches()) {
        where.add(m.location());
      }
      throw new UserInputException(
          "job_id "
              + Excerpt.of(jobId)
              + " is claimed by "
              + where.size()
              + " documents in "
              + Excerpt.of(dir.toString())
              + ": "
              + String.join(" and ", where.subList(0, Math.min(5, where.size())))
              + (where.size() > 5 ? " and more" : "")
              + "; remove or rename the stray ones");
    }
    AggregatedJobResult job = found.matches().get(0);
    if (!job.isSuccess()) {
      throw new UserInputException(
          "job "
              + Excerpt.of(jobId)
              + " ("
              + job.location()
              + ") is an error job, "
              + job.error().kind().label()
              + ": "
              + job.error().message()
              + "; there are no trades to show");
    }
    return job;
  }

  /** The output folder: given or {@code show-JOB_ID}; never the results folder or inside it. */
  private Path folder(Path given) {
    if (given != null) {
      return given;
    }
    String safe = jobId.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.length() > MAX_NAME) {
      safe = safe.substring(0, MAX_NAME);
    }
    return Path.of("show-" + safe);
  }

  private Path outputFolder(Path dir) throws IOException {
    Path folder = folder(outputDir);
    if (OutputTarget.isStdout(folder)) {
      throw new OutputPathException(
          "--output-dir - is not a folder; show writes three files, so give a folder");
    }
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new OutputPathException(
          "--output-dir " + Excerpt.of(folder.toString()) + " is a file, not a folder");
    }
    if (inside(folder, dir) || inside(folder, resultsDir)) {
      throw new OutputPathException(
          "--output-dir "
              + Excerpt.of(folder.toString())
              + " is inside the results folder "
              + Excerpt.of(dir.toString())
              + "; show never writes among the results, so give a folder outside it");
    }
    return folder;
  }

  /** Whether {@code path} is {@code dir} or lies inside it (through symbolic links too). */
  private static boolean inside(Path path, Path dir) {
    try {
      Path real = dir.toRealPath();
      Path p = path.toAbsolutePath().normalize();
      Path existing = p;
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      Path resolved = existing == null ? p : existing.toRealPath().resolve(existing.relativize(p));
      return resolved.normalize().startsWith(real)
          || p.startsWith(dir.toAbsolutePath().normalize());
    } catch (IOException | InvalidPathException e) {
      return false;
    }
  }

  private static void warnLoudly(
      PrintWriter err, AggregatedJobResult job, List<MetricCheck.Difference> differences) {
    err.println("arbtune show: WARNING: THE RE-RUN DOES NOT REPRODUCE THE DOCUMENT");
    err.println(
        "arbtune show: "
            + differences.size()
            + (differences.size() == 1 ? " metric differs" : " metrics differ")
            + " between "
            + job.location()
            + " and the re-run of its config: the data file or the engine changed since the job"
            + " ran; what follows shows the re-run, not what was ranked (exit code 4).");
    for (MetricCheck.Difference d : differences) {
      err.println("  " + Excerpt.bound(d.toString()));
    }
    err.flush();
  }

  private void write(
      PrintWriter out,
      PrintWriter err,
      Path folder,
      AggregatedJobResult job,
      Replay replay,
      TradeSummary summary,
      List<MetricCheck.Difference> differences)
      throws IOException {
    OutputTarget trades = OutputTarget.of("--output-dir", folder.resolve(TRADES));
    OutputTarget equity = OutputTarget.of("--output-dir", folder.resolve(EQUITY));
    OutputTarget page = OutputTarget.of("--output-dir", folder.resolve(PAGE));
    List<OutputTarget> outputs = List.of(trades, equity, page);
    List<OutputTarget.Input> inputs = new ArrayList<>();
    try {
      inputs.add(new OutputTarget.Input("data_file", Path.of(replay.quotes().source())));
    } catch (InvalidPathException e) {
      // not a path (a stream): nothing to protect
    }
    OutputTarget.refuseOverlaps(outputs, inputs);
    Outputs.refuseOwnFileNames(outputs);
    trades.write(out, w -> TradesCsv.write(replay.trades(), w), true);
    EquityRecorder.Curve[] curve = new EquityRecorder.Curve[1];
    equity.write(out, w -> curve[0] = EquityCsv.write(replay, w), true);
    JobCharts.Series series = JobCharts.of(jobId, replay);
    String html =
        ShowPage.render(
            new ShowPage.Content(
                jobId, job.location(), job.config(), summary, differences, series));
    page.write(out, w -> w.write(html), true);
    err.println(
        "arbtune show: wrote "
            + trades
            + " ("
            + replay.trades().size()
            + " trades), "
            + equity
            + " ("
            + curve[0].markedRows()
            + " marked rows) and "
            + page);
    err.flush();
  }
}
