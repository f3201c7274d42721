package dev.arbtune.cli;

import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.frontend.AggregationOptions;
import dev.arbtune.frontend.EngineOption;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.frontend.VersionProvider;
import dev.arbtune.insights.InsightOptions;
import dev.arbtune.io.IoMessages;
import dev.arbtune.report.HtmlReport;
import dev.arbtune.report.JobCharts;
import dev.arbtune.sweep.Sweep;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code arbtune sweep}: plan, run and rank a whole session in one command. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Plan a session file, run every backtest in parallel and print the aggregator's summary:"
          + " 'plan', 'run' and 'aggregate' in one command.",
      "",
      "Everything goes under --output-root: jobs.jsonl (the plan), results/TAG/JOB_ID.json (one"
          + " result document per job), summary.json (the summary, beside the results) and, with"
          + " --report, report.html; a session naming venue files (venue_a, venue_b instead"
          + " of data_file) has them joined once into joined/, a cache safe to delete"
          + " (docs/SESSION.md); each join's summary goes to stderr ('[run] join:' lines, none"
          + " with -q unless it warns that most rows were dropped as stale).",
      "",
      "Run the same command again to resume (after Ctrl-C or SIGTERM too, which prints how many"
          + " jobs finished): finished jobs are skipped. If the session file,"
          + " the data file or --data-root changed, the old results are kept and the sweep refuses"
          + " to mix them; give --fresh to delete them and start over (--fresh always starts"
          + " over). Two sweeps never run in one --output-root at once.",
      "",
      "Exit codes: 0 all jobs succeeded; 1 the session file is invalid, its data_file is not"
          + " there (checked before anything is planned or run), the folder is taken, or"
          + " a job failed (the summary is still printed); 3 with --strict, when the summary has"
          + " error jobs or warnings (failed jobs included), or a join of venue files dropped"
          + " most of its rows as stale.",
      ""
    })
final class SweepCommand implements Callable<Integer> {

  private static final int MAX_ERRORS_SHOWN = 20;

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The session file (YAML; see docs/SESSION.md).")
  Path config;

  @Option(
      names = "--output-root",
      required = true,
      paramLabel = "DIR",
      description = "Folder for the plan, the results, the summary and the report.")
  Path outputRoot;

  @Option(
      names = "--fresh",
      description =
          "Delete the plan, results, summary and report an earlier sweep left in --output-root,"
              + " then start over. Only what that sweep wrote is deleted: a results folder"
              + " holding other files is refused (nothing is deleted).")
  boolean fresh;

  @Mixin RunOptions running;

  @Mixin QuotesCacheOption quotesCache;

  @Mixin EngineOption engine;

  /** The quotes the report's job charts were re-run on, once written (for tests). */
  QuotesCache chartQuotes;

  @Mixin AggregationOptions selection;

  @Option(names = "--pareto", description = "Also list the Pareto front of PnL against drawdown.")
  boolean pareto;

  @Option(
      names = "--insights",
      description =
          "Also print which parameters matter and whether the top jobs are robust (see"
              + " 'aggregate --insights').")
  boolean insights;

  @Option(
      names = "--report",
      description = "Also write the HTML report to OUTPUT_ROOT/report.html.")
  boolean report;

  @Option(
      names = "--no-job-charts",
      description =
          "With --report: leave out the top jobs' equity and spread charts (they re-run the top"
              + " job, and the next two when their data is small): for big data files.")
  boolean noJobCharts;

  @Option(
      names = "--strict",
      description =
          "Exit with 3 when the summary has error jobs or warnings (the advisory zero-trade-top"
              + " warning does not count), or when a join of the session's venue files dropped"
              + " most of its rows as stale.")
  boolean strict;

  @Option(
      names = {"-q", "--quiet"},
      description =
          "No progress bars, no per-job error lines and no error/warning summary on stderr; the"
              + " session summary only when a job failed or was not run; the [D39_AGG] lines"
              + " naming each file written stay, for scripts.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    // Every document will come from arbtune's engine: a typo is refused before any job runs.
    selection.requireEngineFields();
    RunCommand.requireFolder(outputRoot);
    Sweep.Options options =
        new Sweep.Options(
            config,
            outputRoot,
            running.dataRoot(),
            running.parallelism(),
            fresh,
            running.durable(),
            quotesCache.folder(),
            engine.engine());
    SummaryListener listener = listener(spec, quiet);
    Sweep.Result result = runSweep(spec, options, quiet, listener);
    TuningResultsAggregator aggregator =
        selection.builder(result.layout().results()).pareto(pareto || insights || report).build();
    HtmlReport.Content content = null;
    AggregationRun.Outcome outcome;
    if (report) { // the report's scan gives the summary and the insights too
      content =
          selection.refusingUnseenFields(
              () -> HtmlReport.collect(aggregator, new ScanProgress(), InsightOptions.DEFAULTS));
      AggregatedSummary summary = content.summary();
      outcome =
          new AggregationRun.Outcome(
              pareto || insights ? summary : summary.withoutParetoFront(),
              insights ? content.insights() : null);
    } else {
      outcome =
          selection.refusingUnseenFields(
              () -> AggregationRun.run(aggregator, insights, quiet, "Aggregating"));
    }
    AggregationRun.printText(spec, outcome, quiet);
    AggregationRun.writeSummary(spec, result.layout().summary(), outcome);
    if (content != null) {
      String jobCharts = "";
      if (!noJobCharts) {
        chartQuotes = new QuotesCache(QuotesCache.defaultBudgetBytes(), quotesCache.disk());
        jobCharts =
            JobCharts.reportSection(
                content.summary().top(),
                result.layout().root(),
                running.dataRoot(),
                chartQuotes,
                engine.engine());
      }
      try {
        HtmlReport.write(content, result.layout().report(), jobCharts);
      } catch (IOException e) {
        throw new IOException(IoMessages.cannotWrite(result.layout().report(), e), e);
      }
      spec.commandLine()
          .getErr()
          .println("[D39_AGG] Report written to: " + result.layout().report());
    }
    spec.commandLine().getErr().flush();
    if (strict && (outcome.summary().hasProblems() || listener.joinWarnings() > 0)) {
      return ExitCodes.STRICT;
    }
    return result.run().allSucceeded() ? ExitCodes.OK : ExitCodes.INPUT;
  }

  /**
   * Plans and runs with the run command's progress bar and summary on stderr; an invalid session
   * file or a conflicting output root is a user error (exit 1).
   */
  static Sweep.Result runSweep(CommandSpec spec, Sweep.Options options, boolean quiet)
      throws IOException {
    return runSweep(spec, options, quiet, listener(spec, quiet));
  }

  /** The listener {@link #runSweep} prints with: progress bar, error and warning lines. */
  static SummaryListener listener(CommandSpec spec, boolean quiet) {
    boolean progress = !quiet && Terminal.stderrIsTerminal();
    return new SummaryListener(
        spec.commandLine().getErr(),
        quiet ? 0 : MAX_ERRORS_SHOWN,
        progress ? new ProgressBarListener() : null);
  }

  private static Sweep.Result runSweep(
      CommandSpec spec, Sweep.Options options, boolean quiet, SummaryListener listener)
      throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Sweep.Result result;
    try (InterruptNotice notice =
        new InterruptNotice(err, spec.name(), listener, "run the same command again")) {
      // An invalid session or a conflicting root is an InputProblem: exit 1 with its message.
      result = Sweep.run(options, listener);
    } finally {
      listener.close();
    }
    if (!quiet || !result.run().allSucceeded()) { // -q: the summary only to report failed jobs
      RunCommand.printSummary(
          err,
          result.layout().plan(),
          result.layout().results(),
          result.run(),
          quiet ? null : listener);
    }
    return result;
  }
}
