package dev.arbtune.cli;

import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.SummaryText;
import dev.arbtune.aggregate.SweepRoots;
import dev.arbtune.backtest.Engine;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.compare.CompareRun;
import dev.arbtune.compare.Side;
import dev.arbtune.frontend.AggregationOptions;
import dev.arbtune.frontend.EngineOption;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.frontend.VersionProvider;
import dev.arbtune.insights.InsightOptions;
import dev.arbtune.io.OutputTarget;
import dev.arbtune.report.CompareSection;
import dev.arbtune.report.HtmlReport;
import dev.arbtune.report.JobCharts;
import dev.arbtune.report.WalkForwardReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code arbtune report}: the HTML report of a results folder. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Write a self-contained HTML report of a folder of result documents: counts and errors by"
          + " kind, the leaderboard, PnL vs drawdown with the Pareto front, a heatmap of median"
          + " PnL over the two most important parameters, PnL by value of every parameter, the PnL"
          + " distribution, the robustness of the top jobs (spikes flagged) and their deflated"
          + " Sharpe ratios, the probability of backtest overfitting, and the top jobs re-run from"
          + " their config: equity and drawdown"
          + " over time, the spreads with every entry and exit (a note says when a data file is"
          + " not reachable; --no-job-charts leaves them out; --engine picks the engine that"
          + " re-runs them; --engine, --data-root and --quotes-cache serve those re-runs only:"
          + " given with --no-job-charts they are a usage error, and on a walk-forward root, which"
          + " re-runs nothing, a warning).",
      "",
      "The file has no external reference (styles inline, charts as embedded PNG images): open it"
          + " in any browser, offline. The folder is read twice (the heatmap needs the importance"
          + " of the parameters, known after the first pass); on a terminal each pass shows its"
          + " own progress line. Jobs are chosen and ranked as by 'arbtune aggregate'; grid"
          + " neighbours and the deflated Sharpe ratio's trials count every success job, filtered"
          + " out or not.",
      ""
    })
final class ReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--results-dir",
      required = true,
      paramLabel = "DIR",
      description =
          "Folder of result documents (*.json, *.jsonl), scanned recursively; for a sweep's output"
              + " root (jobs.jsonl beside results/), its results/ folder; for a walk-forward output"
              + " root (a folder with walkforward.json), the walk-forward page: its settings,"
              + " windows, train vs test PnL, stitched test equity and efficiency.")
  Path resultsDir;

  @Mixin AggregationOptions selection;

  @Mixin QuotesCacheOption quotesCache;

  @Mixin EngineOption engine;

  /** The quotes the job charts were re-run on, once written (for tests). */
  QuotesCache chartQuotes;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description =
          "The HTML file to write (parent folders are created; a file, or the target of a"
              + " symbolic link, is replaced atomically; a pipe or device is written in place; - is"
              + " stdout). Refused when FILE is a result document of --results-dir or a sweep's"
              + " own file (its jobs.jsonl, inputs.json, session.yaml or data file; its"
              + " report.html may be replaced), or named as a lock (.arbtune.lock,"
              + " .arbtune-sweep.lock) or temporary file (.arbtune-*.tmp); see 'Output paths' in"
              + " the README.")
  Path output;

  @Option(
      names = "--data-root",
      paramLabel = "DIR",
      description =
          "For the top jobs' charts: resolve a relative config.data_file against DIR, as 'run"
              + " --data-root' does (default: the current folder, or the folder a sweep's"
              + " inputs.json records).")
  Path dataRoot;

  @Option(
      names = "--no-job-charts",
      description =
          "Leave out the top jobs' equity and spread charts, which re-run the top job (and the"
              + " next two when their data is small) from its data file: for big data files.")
  boolean noJobCharts;

  @Option(
      names = "--compare-with",
      paramLabel = "OTHER",
      description =
          "Add a comparison with another session (a results folder, sweep root or complete"
              + " summary JSON, as 'arbtune compare' reads B): the verdict, a rank-vs-rank scatter"
              + " of the shared jobs and the biggest movers, with the same ranking and filters.")
  Path compareWith;

  @Option(
      names = "--strict",
      description =
          "Exit with 3 when any error job or warning was found (the report is written); the"
              + " advisory zero-trade-top warning does not count.")
  boolean strict;

  @Option(
      names = {"-q", "--quiet"},
      description =
          "No progress line and no error/warning summary on stderr; the [D39_AGG] lines naming"
              + " the folder read (for a sweep's output root) and each file written stay, for"
              + " scripts.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    Engine chosen = engine.engine(); // a usage error before anything is read
    List<String> rerunOptions = rerunOptionsGiven();
    if (noJobCharts && !rerunOptions.isEmpty()) {
      throw selection.usage(
          words(rerunOptions)
              + (rerunOptions.size() == 1 ? " is" : " are")
              + " for the job charts' re-runs and --no-job-charts makes none: give one or the"
              + " other");
    }
    OutputTarget target = OutputTarget.of("--output", output);
    Optional<Path> walkforward = WalkForwardReport.fileOf(resultsDir);
    if (walkforward.isPresent()) {
      if (compareWith != null) {
        throw selection.usage("--compare-with does not apply to a walk-forward output root");
      }
      if (!rerunOptions.isEmpty()) { // even with -q: the options were given for nothing
        PrintWriter err = spec.commandLine().getErr();
        err.println(
            "arbtune report: warning: "
                + words(rerunOptions)
                + (rerunOptions.size() == 1 ? " changes" : " change")
                + " nothing here: the report of a walk-forward output root re-runs no job");
        err.flush();
      }
      return walkForward(target, walkforward.get());
    }
    Outputs.refuseOverlaps(List.of(target), SweepRoots.resultsOf(resultsDir).orElse(resultsDir));
    Path dir = AggregationOptions.resultsFolder(resultsDir, spec.commandLine().getErr());
    var aggregator = selection.builder(dir).pareto(true).build();
    // Each pass has its own counter and progress line, so that no job is counted twice.
    HtmlReport.Content content;
    ScanProgress first = new ScanProgress();
    try (ScanProgressDisplay display =
        ScanProgressDisplay.open("Reporting, pass 1 of 2", first, quiet)) {
      content =
          selection.refusingUnseenFields(
              () -> HtmlReport.firstPass(aggregator, first, InsightOptions.DEFAULTS));
    }
    if (HtmlReport.needsSecondPass(content)) {
      ScanProgress second = new ScanProgress();
      try (ScanProgressDisplay display =
          ScanProgressDisplay.open("Reporting, pass 2 of 2 (heatmap)", second, quiet)) {
        content = HtmlReport.secondPass(aggregator, second, content);
      }
    }
    String jobCharts = "";
    if (!noJobCharts) {
      chartQuotes = new QuotesCache(QuotesCache.defaultBudgetBytes(), quotesCache.disk());
      jobCharts =
          JobCharts.reportSection(
              content.summary().top(), resultsDir, dataRoot, chartQuotes, chosen);
    }
    if (compareWith != null) {
      jobCharts += comparison();
    }
    String html = HtmlReport.render(content, jobCharts);
    target.write(spec.commandLine().getOut(), w -> w.write(html), true);
    PrintWriter err = spec.commandLine().getErr();
    if (!quiet) {
      err.print(SummaryText.diagnostics(content.summary(), AggregateCommand.DIAGNOSTIC_LINES));
    }
    err.println("[D39_AGG] Report written to: " + target);
    err.flush();
    return strict && content.summary().hasProblems() ? ExitCodes.STRICT : ExitCodes.OK;
  }

  /** The comparison section: this session as A, {@code --compare-with} as B. */
  private String comparison() throws IOException {
    try (Side a = Side.open("A", resultsDir);
        Side b = Side.open("B", compareWith)) {
      CompareRun.Options options = new CompareRun.Options(selection::builder, null, 10, false);
      return CompareSection.render(
          selection.refusingUnseenFields(() -> CompareRun.run(a, b, options)));
    }
  }

  /** The page of a walk-forward output root: its {@code walkforward.json} rendered. */
  private int walkForward(OutputTarget target, Path file) throws IOException {
    Outputs.refuseOverlaps(List.of(target), resultsDir);
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        "[D39_AGG] Reading "
            + file
            + ": "
            + resultsDir
            + " is a walk-forward output root (the filter and ranking options do not apply)");
    err.flush();
    String html = WalkForwardReport.render(WalkForwardReport.read(file));
    target.write(spec.commandLine().getOut(), w -> w.write(html), true);
    err.println("[D39_AGG] Report written to: " + target);
    err.flush();
    return ExitCodes.OK;
  }

  /**
   * The options given on the command line that only serve the job charts' re-runs ({@code
   * --engine}, {@code --data-root}, {@code --quotes-cache}), in that order.
   */
  private List<String> rerunOptionsGiven() {
    var parsed = spec.commandLine().getParseResult();
    return Stream.of("--engine", "--data-root", "--quotes-cache")
        .filter(parsed::hasMatchedOption)
        .toList();
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  private static String words(List<String> names) {
    int last = names.size() - 1;
    return last == 0
        ? names.get(0)
        : String.join(", ", names.subList(0, last)) + " and " + names.get(last);
  }
}
