package dev.arbtune.cli;

import dev.arbtune.frontend.EngineOption;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.frontend.RankingOptions;
import dev.arbtune.frontend.VersionProvider;
import dev.arbtune.insights.NumberFormats;
import dev.arbtune.io.IoMessages;
import dev.arbtune.report.WalkForwardReport;
import dev.arbtune.result.Metric;
import dev.arbtune.run.SessionSummary;
import dev.arbtune.walkforward.WalkForward;
import dev.arbtune.walkforward.WalkForwardResult;
import dev.arbtune.walkforward.WindowPlan;
import dev.arbtune.walkforward.WindowResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code arbtune walkforward}: train on a window, test the winner on the next, move on. */
@Command(
    name = "walkforward",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Walk a session forward through its data file: the session's whole grid runs on each train"
          + " window, the aggregator's ranking and filters pick the winner (rank 1), and the winner"
          + " runs on the test window right after it. The test windows, stitched, are the"
          + " out-of-sample record (docs/WALKFORWARD.md).",
      "",
      "Windows: from the first quote (or the session's start_time) to the last (or its"
          + " end_time), train [t, t+TRAIN), test [t+TRAIN, t+TRAIN+TEST), t moving by --step;"
          + " only full windows, the rest at the end (the tail) is reported, not tested. A window"
          + " without quotes (a weekend of FX data) or without a job passing the filters is"
          + " reported as such, not an error.",
      "",
      "Everything goes under --output-root: walkforward.json (windows, winners, train and test"
          + " metrics, the stitched test record, the walk-forward efficiency), with --report"
          + " report.html (its page), train/ and test/"
          + " (a plan and results/wNNN/... per window, as a sweep lays them out) and"
          + " walkforward-inputs.json. Run the same command again to resume (after Ctrl-C too):"
          + " finished jobs are skipped. A root holding another walk-forward (session, data,"
          + " windows, ranking or filters changed) is refused unless --fresh; --engine may"
          + " change, as both engines give the same results. A walk-forward and"
          + " a sweep never run in one --output-root at once.",
      "",
      "The summary (a table of windows, the stitched line, the efficiency, the winner changes)"
          + " goes to stdout; progress and messages to stderr. The ranking and filter options"
          + " are aggregate's, not --max-results: each window's winner is rank 1.",
      "",
      "Exit codes: 0 every job succeeded; 1 the session or data is invalid, no full window fits,"
          + " the folder is taken or holds another walk-forward, or a job failed (the summary is"
          + " still printed); 2 a usage error (a bad duration is 1, with its own message); 3 with"
          + " --strict, when a window's train results have error jobs or warnings.",
      ""
    })
final class WalkforwardCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description =
          "The session file (YAML; see docs/SESSION.md): one data_file (or venue_a and venue_b,"
              + " joined once); its grid runs on every train window.")
  Path config;

  @Option(
      names = "--output-root",
      required = true,
      paramLabel = "DIR",
      description = "Folder for the plans, the results and walkforward.json.")
  Path outputRoot;

  @Option(
      names = "--train",
      required = true,
      paramLabel = "DURATION",
      description =
          "Length of each train window: a whole number and a unit (us, ms, s, m, h, d), e.g."
              + " 3d or 90s, or ISO-8601 such as PT6H (fractions allowed there, e.g. PT0.5S).")
  String train;

  @Option(
      names = "--test",
      required = true,
      paramLabel = "DURATION",
      description = "Length of each test window, as --train.")
  String test;

  @Option(
      names = "--step",
      paramLabel = "DURATION",
      description =
          "How far each window moves from the one before (default: --test, so that the test"
              + " windows tile the data without overlap).")
  String step;

  @Option(
      names = "--anchored",
      description =
          "Start every train window at the span's start: the first quote, or the session's"
              + " start_time when later (it grows by --step each window) instead of rolling a"
              + " train window of fixed length.")
  boolean anchored;

  @Option(
      names = "--fresh",
      description =
          "Delete what an earlier walk-forward wrote in --output-root (its plans, results,"
              + " walkforward.json), then start over. Files it did not write are refused"
              + " (nothing is deleted).")
  boolean fresh;

  @Mixin RunOptions running;

  @Mixin QuotesCacheOption quotesCache;

  @Mixin EngineOption engine;

  @Mixin RankingOptions selection;

  @Option(
      names = "--report",
      description =
          "Also write the walk-forward page (windows, train against test PnL, the stitched test"
              + " equity) to OUTPUT_ROOT/report.html.")
  boolean report;

  @Option(
      names = "--strict",
      description =
          "Exit with 3 when a window's train results have error jobs or warnings (the advisory"
              + " zero-trade-top warning does not count).")
  boolean strict;

  @Option(
      names = {"-q", "--quiet"},
      description =
          "No progress bars, no per-job error lines and no session summaries on stderr (unless a"
              + " job failed); the line naming walkforward.json stays.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    selection.requireEngineFields(); // a typo is refused before any job runs
    RunCommand.requireFolder(outputRoot);
    PrintWriter err = spec.commandLine().getErr();
    WalkForward.Options options =
        new WalkForward.Options(
            config,
            outputRoot,
            running.dataRoot(),
            train,
            test,
            step,
            anchored,
            running.parallelism(),
            fresh,
            running.durable(),
            quotesCache.folder(),
            dir -> selection.builder(dir).maxResults(2).build(), // the winner: rank 1 (2: ties)
            engine.engine());
    SummaryListener joins = SweepCommand.listener(spec, quiet);
    boolean ok;
    WalkForwardResult result;
    try (WalkForward wf = WalkForward.open(options, joins)) {
      joins.close();
      if (!quiet) {
        err.println(describe(wf));
        err.flush();
      }
      SessionSummary trained = run(wf, true);
      if (trained.notRun() > 0) {
        return ExitCodes.INPUT; // stopped: run the same command again
      }
      SessionSummary tested = selection.refusingUnseenFields(() -> run(wf, false));
      if (tested != null && tested.notRun() > 0) {
        return ExitCodes.INPUT;
      }
      ok = trained.allSucceeded() && (tested == null || tested.allSucceeded());
      result = wf.result();
      try {
        result.write(wf.layout().json());
      } catch (IOException e) {
        throw new IOException(IoMessages.cannotWrite(wf.layout().json(), e), e);
      }
      for (String problem : result.curveProblems()) {
        err.println("[walkforward] warning: no equity curve for " + problem);
      }
      err.println("[walkforward] Written to: " + wf.layout().json());
      if (report) {
        Path page = wf.layout().report();
        try {
          WalkForwardReport.write(WalkForwardReport.read(wf.layout().json()), page);
        } catch (IOException e) {
          throw new IOException(IoMessages.cannotWrite(page, e), e);
        }
        err.println("[walkforward] Report written to: " + page);
      }
      err.flush();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(text(result));
    out.flush();
    if (strict && result.windows().stream().anyMatch(WindowResult::problems)) {
      return ExitCodes.STRICT;
    }
    return ok ? ExitCodes.OK : ExitCodes.INPUT;
  }

  /** Runs the train or the test plan with the sweep's progress bar, notice and summary. */
  private SessionSummary run(WalkForward wf, boolean training) throws IOException {
    SummaryListener listener = SweepCommand.listener(spec, quiet);
    PrintWriter err = spec.commandLine().getErr();
    SessionSummary summary;
    try (InterruptNotice notice =
        new InterruptNotice(
            err,
            spec.name() + (training ? " (train)" : " (test)"),
            listener,
            "run the same command again")) {
      summary = training ? wf.runTrain(listener) : wf.runTest(listener);
    } finally {
      listener.close();
    }
    if (summary != null && (!quiet || !summary.allSucceeded())) {
      var part = training ? wf.layout().train() : wf.layout().test();
      RunCommand.printSummary(err, part.plan(), part.results(), summary, quiet ? null : listener);
    }
    return summary;
  }

  private static String describe(WalkForward wf) {
    WindowPlan p = wf.plan();
    return String.format(
        Locale.ROOT,
        "[walkforward] %d windows over %s to %s (train %s, test %s, step %s%s)%s; %s train jobs%s",
        p.windows().size(),
        p.start(),
        wf.dataEndShown(),
        WindowPlan.text(p.trainMicros()),
        WindowPlan.text(p.testMicros()),
        WindowPlan.text(p.stepMicros()),
        p.anchored() ? ", anchored" : "",
        p.hasTail() ? "; the tail from " + p.tailStart() + " is not tested" : "",
        NumberFormats.count(wf.trainJobs()),
        wf.resumed() ? "; resuming" : "");
  }

  /** The summary printed on stdout. */
  static String text(WalkForwardResult r) {
    StringBuilder sb = new StringBuilder();
    WindowPlan p = r.plan();
    sb.append(
        String.format(
            Locale.ROOT,
            "Walk-forward: %d windows, train %s, test %s, step %s%s; data %s to %s%s%n",
            p.windows().size(),
            WindowPlan.text(p.trainMicros()),
            WindowPlan.text(p.testMicros()),
            WindowPlan.text(p.stepMicros()),
            p.anchored() ? " (anchored)" : "",
            minutes(p.start()),
            minutes(p.end()),
            p.hasTail() ? "; tail from " + minutes(p.tailStart()) + " not tested" : ""));
    sb.append(
        String.format(
            Locale.ROOT,
            "Ranking: %s %s; filters: %s%n%n",
            ((Map<?, ?>) r.header().get("ranking")).get("metric"),
            ((Map<?, ?>) r.header().get("ranking")).get("order"),
            ((java.util.List<?>) r.header().get("filters")).isEmpty()
                ? "none"
                : String.join(", ", (java.util.List<String>) r.header().get("filters"))));
    int rangeWidth = 5;
    int idWidth = 6;
    for (WindowResult w : r.windows()) {
      rangeWidth =
          Math.max(rangeWidth, range(w.window().trainStart(), w.window().trainEnd()).length());
      rangeWidth =
          Math.max(rangeWidth, range(w.window().testStart(), w.window().testEnd()).length());
      if (w.winner() != null) {
        idWidth = Math.max(idWidth, w.winner().jobId().length() + 2);
      }
    }
    String head =
        "%4s  %-" + rangeWidth + "s  %-" + rangeWidth + "s  %-" + idWidth + "s  %12s  %12s%n";
    String none = "%4d  %-" + rangeWidth + "s  %-" + rangeWidth + "s  (%s)%n";
    String row =
        "%4d  %-" + rangeWidth + "s  %-" + rangeWidth + "s  %-" + idWidth + "s  %12s  %12s%n";
    sb.append(
        String.format(Locale.ROOT, head, "#", "train", "test", "winner", "train PnL", "test PnL"));
    for (WindowResult w : r.windows()) {
      String trainRange = range(w.window().trainStart(), w.window().trainEnd());
      String testRange = range(w.window().testStart(), w.window().testEnd());
      if (w.winner() == null) {
        sb.append(
            String.format(
                Locale.ROOT, none, w.window().index(), trainRange, testRange, w.noWinnerReason()));
        continue;
      }
      String testPnl =
          w.testMetrics() == null ? "(" + w.noTestReason() + ")" : money(w.testMetrics());
      sb.append(
          String.format(
              Locale.ROOT,
              row,
              w.window().index(),
              trainRange,
              testRange,
              w.winner().jobId() + (Boolean.TRUE.equals(w.winnerChanged()) ? " *" : ""),
              money(w.winner().trainMetrics()),
              testPnl));
      if (w.winnerNote() != null) {
        sb.append("      note: ").append(w.winnerNote()).append('\n');
      }
    }
    Map<String, Object> s = r.stitched();
    sb.append(
        String.format(
            Locale.ROOT,
            "%nStitched test: %s windows, PnL %s USD, %s trades, max drawdown %s USD%n",
            s.get("windows_tested"),
            NumberFormats.money(((BigDecimal) s.get(Metric.REALIZED_PNL_USD.key())).doubleValue()),
            NumberFormats.count(((Number) s.get("trades")).longValue()),
            NumberFormats.fixed(((Number) s.get("max_drawdown_usd")).doubleValue(), 2)));
    WalkForwardResult.Efficiency e = r.efficiency();
    if (e.wfe() != null) {
      sb.append(
          String.format(
              Locale.ROOT,
              "Walk-forward efficiency: %s (test %s USD/year vs train %s USD/year)%n",
              NumberFormats.fixed(e.wfe(), 2),
              NumberFormats.money(e.testPnlPerYearUsd()),
              NumberFormats.money(e.trainPnlPerYearUsd())));
    } else {
      sb.append("Walk-forward efficiency: n/a (" + e.reason() + ")\n");
    }
    long comparable = Math.max(0, r.windowsWithWinner() - 1);
    sb.append(
        String.format(
            Locale.ROOT,
            "Winner changes: %d of %d (windows with a winner: %d of %d; * marks a change)%n",
            r.winnerChanges(),
            comparable,
            r.windowsWithWinner(),
            r.windows().size()));
    return sb.toString();
  }

  private static String money(Map<String, Object> metrics) {
    Object v = metrics.get(Metric.REALIZED_PNL_USD.key());
    return v instanceof Number n ? NumberFormats.money(n.doubleValue()) : "-";
  }

  private static String range(Instant from, Instant to) {
    return minutes(from) + " - " + minutes(to);
  }

  /** {@code 2014-05-01 05:00}, or with seconds when the instant has them. */
  private static String minutes(Instant t) {
    String s = t.toString().replace('T', ' ').replace("Z", "");
    return s.endsWith(":00") && s.length() == 19 ? s.substring(0, 16) : s;
  }
}
