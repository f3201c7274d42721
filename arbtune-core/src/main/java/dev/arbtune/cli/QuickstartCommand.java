package dev.arbtune.cli;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.BacktestMetrics;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.frontend.VersionProvider;
import dev.arbtune.insights.InsightOptions;
import dev.arbtune.plan.ParamGrid;
import dev.arbtune.plan.SessionConfig;
import dev.arbtune.plan.SessionFile;
import dev.arbtune.report.HtmlReport;
import dev.arbtune.report.JobCharts;
import dev.arbtune.result.Metric;
import dev.arbtune.run.JobDocument;
import dev.arbtune.run.QuotesSource;
import dev.arbtune.run.SessionOptions;
import dev.arbtune.run.SessionSummary;
import dev.arbtune.sweep.Sweep;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code arbtune quickstart}: the whole product on real data in seconds: a 36-job sweep of the BTC
 * perpetual pair shipped inside the jar, then the summary, the insights and the HTML report.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Run a small real sweep end to end: 36 backtests of Binance vs Bybit BTCUSD perpetuals"
          + " (12 hours of minute quotes, 2022-12-13, shipped inside arbtune), varying the"
          + " strategy's parameters (the spread threshold, the open trades, a drawdown stop);"
          + " then print the ranked summary and the insights and write the HTML report.",
      "",
      "Costs are a fixed assumption, not swept (fees 0.5 bp a leg, slippage 0.5 bp a pair of"
          + " fills, in session.yaml): swept, the ranking would only find that the lowest costs"
          + " earn the most. The closing notes say so and re-run the winner at double slippage.",
      "",
      "Writes into --output-root: session.yaml and data/ (the inputs, to edit: an edited"
          + " session.yaml is kept and used, with --fresh when the plan changed), jobs.jsonl,"
          + " results/, summary.json and report.html. Running it again reuses the finished"
          + " results.",
      ""
    })
final class QuickstartCommand implements Callable<Integer> {

  /** Inside the jar: the session file and the quotes it reads, with their provenance notice. */
  static final String RESOURCES = "/dev/arbtune/quickstart/";

  static final String SESSION = "session.yaml";

  /** The config keys that are costs: an assumption, not a parameter to tune. */
  static final List<String> COSTS =
      List.of(
          BacktestConfig.TAKER_FEE_A_BPS,
          BacktestConfig.TAKER_FEE_B_BPS,
          BacktestConfig.SLIPPAGE_BPS);

  static final List<String> DATA =
      List.of("btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv", "README.md");

  @Spec CommandSpec spec;

  @Option(
      names = "--output-root",
      paramLabel = "DIR",
      defaultValue = "arbtune-quickstart",
      description = "Where everything goes (default: ${DEFAULT-VALUE}, in the current folder).")
  Path outputRoot;

  @Option(names = "--no-report", description = "Do not write report.html.")
  boolean noReport;

  @Option(
      names = "--fresh",
      description =
          "Start over when session.yaml was edited since the last run: delete the old plan and"
              + " results (as 'sweep --fresh' does).")
  boolean fresh;

  @Option(
      names = {"-q", "--quiet"},
      description =
          "No progress bars, no session summary and no closing notes on stderr (the session"
              + " summary only when a job failed); the [D39_AGG] lines naming each file written"
              + " stay, for scripts. The summary and insights are still printed on stdout.")
  boolean quiet;

  @Mixin QuotesCacheOption quotesCache;

  @Override
  public Integer call() throws IOException {
    long started = System.nanoTime();
    RunCommand.requireFolder(outputRoot);
    Path session = outputRoot.resolve(SESSION);
    if (!extract(SESSION, session)) {
      spec.commandLine()
          .getErr()
          .println("arbtune quickstart: using your edited " + session + " (delete it to restore)");
    }
    for (String name : DATA) {
      extract("data/" + name, outputRoot.resolve("data").resolve(name));
    }
    Sweep.Options options =
        new Sweep.Options(
            session,
            outputRoot,
            outputRoot,
            SessionOptions.defaultParallelism(),
            fresh,
            false,
            quotesCache.folder());
    Sweep.Result result = SweepCommand.runSweep(spec, options, quiet);
    TuningResultsAggregator aggregator =
        TuningResultsAggregator.builder(result.layout().results())
            .maxResults(10)
            .pareto(true)
            .build();
    HtmlReport.Content content =
        HtmlReport.collect(aggregator, new ScanProgress(), InsightOptions.DEFAULTS);
    AggregationRun.Outcome outcome =
        new AggregationRun.Outcome(content.summary(), content.insights());
    AggregationRun.printText(spec, outcome, quiet);
    AggregationRun.writeSummary(spec, result.layout().summary(), outcome);
    PrintWriter err = spec.commandLine().getErr();
    if (!noReport) {
      HtmlReport.write(
          content,
          result.layout().report(),
          JobCharts.reportSection(
              content.summary().top(), outputRoot, outputRoot, quotesCache.disk()));
      // As sweep --report and report print it, quiet or not: scripts read these lines.
      err.println("[D39_AGG] Report written to: " + result.layout().report());
    }
    if (!quiet) {
      err.printf(
          Locale.ROOT,
          "%n%s Inputs: %s (edit it, then 'arbtune quickstart --output-root %s --fresh')."
              + " Summary: %s.%s%n",
          whatRan(result.run(), (System.nanoTime() - started) / 1e9),
          session,
          outputRoot,
          result.layout().summary(),
          noReport ? "" : " Open the report: " + result.layout().report());
      err.println(costs(session));
      if (!content.summary().topByPnl().isEmpty()) {
        err.println(stress(content.summary().topByPnl().get(0), outputRoot, quotesCache.cache()));
      }
    }
    err.flush();
    return result.run().allSucceeded() ? ExitCodes.OK : ExitCodes.INPUT;
  }

  /** What the sweep did: backtests run, or jobs found done by an earlier run and skipped. */
  static String whatRan(SessionSummary run, double seconds) {
    if (run.attempted() == 0 && run.skipped() > 0) {
      return String.format(
          Locale.ROOT, "Quickstart: %d jobs already done, skipped; 0 run.", run.skipped());
    }
    return String.format(
        Locale.ROOT,
        "Quickstart: %d backtests on real quotes in %.1f s%s.",
        run.attempted(),
        seconds,
        run.skipped() > 0 ? " (" + run.skipped() + " more already done, skipped)" : "");
  }

  /** The costs every job assumed, or which ones the (edited) session sweeps. */
  private static String costs(Path session) {
    SessionConfig config;
    try {
      config = SessionFile.load(session);
    } catch (IOException | RuntimeException e) {
      return "Costs: see " + session + ".";
    }
    List<String> swept =
        config.grids().stream()
            .map(ParamGrid::name)
            .filter(COSTS::contains)
            .collect(Collectors.toList());
    if (!swept.isEmpty()) {
      return "Costs are swept in "
          + session
          + " ("
          + String.join(", ", swept)
          + "): a ranking over costs only finds that the lowest costs earn the most; fix them"
          + " at what you expect to pay.";
    }
    BacktestConfig base = config.base();
    return "Costs are fixed, not swept: taker fees "
        + number(base.takerFeeABps())
        + " + "
        + number(base.takerFeeBBps())
        + " bps, slippage "
        + number(base.slippageBps())
        + " bps a pair of fills (an assumption, in "
        + session
        + ").";
  }

  /**
   * The winner re-run with fills at twice the slippage it assumed, entering at the same spreads:
   * its {@code min_spread_bps} is lowered by the extra slippage, so that the entry threshold
   * ({@code min_spread_bps} over fees and slippage, docs/MODEL.md) stays where it was and only the
   * fills get worse. (Raising the slippage alone would also raise the threshold and change which
   * trades open.) When {@code min_spread_bps} is below the slippage it cannot be lowered that far
   * (it stops at 0), so the threshold rises, and the line says so.
   */
  private static String stress(AggregatedJobResult winner, Path dataRoot, QuotesCache cache) {
    String label = "Stress test: the winner " + winner.jobId();
    try {
      Map<String, Object> map = new LinkedHashMap<>(winner.config());
      BacktestConfig config = BacktestConfig.fromMap(map);
      double slippage = config.slippageBps();
      double minSpread = config.minSpreadBps() - slippage;
      map.put(BacktestConfig.SLIPPAGE_BPS, 2 * slippage);
      map.put(BacktestConfig.MIN_SPREAD_BPS, Math.max(0, minSpread));
      JobDocument doc =
          JobDocument.run(
              0,
              winner.jobId(),
              BacktestConfig.fromMap(map),
              QuotesSource.local(cache, dataRoot),
              null);
      if (!doc.isSuccess()) {
        return label + " could not be re-run: " + doc.error();
      }
      BacktestMetrics m = doc.backtestMetrics();
      Object assumed = winner.metrics().get(Metric.REALIZED_PNL_USD.key());
      return String.format(
          Locale.ROOT,
          "%s with fills at double slippage (%s bps instead of %s, entering at %s): PnL %+,.2f"
              + " (%s as assumed), %d trades.",
          label,
          number(2 * slippage),
          number(slippage),
          minSpread >= 0
              ? "the same spreads"
              : "min_spread_bps 0, a higher threshold than the swept one",
          m.realizedPnlUsd(),
          assumed instanceof Number n
              ? String.format(Locale.ROOT, "%+,.2f", n.doubleValue())
              : "unknown",
          m.totalTrades());
    } catch (RuntimeException e) {
      return label + " could not be re-run: " + e.getMessage();
    }
  }

  private static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /**
   * Writes a bundled file to {@code target} unless a file is already there (the user may have
   * edited it); returns whether {@code target} now holds the bundled content.
   */
  private static boolean extract(String resource, Path target) throws IOException {
    try (InputStream in = QuickstartCommand.class.getResourceAsStream(RESOURCES + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing from the jar: " + RESOURCES + resource);
      }
      byte[] bytes = in.readAllBytes();
      if (Files.exists(target)) {
        return Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes);
      }
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.write(target, bytes);
      return true;
    }
  }
}
