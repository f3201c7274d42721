package dev.arbtune.cli;

import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.insights.InsightOptions;
import dev.arbtune.report.HtmlReport;
import dev.arbtune.report.JobCharts;
import dev.arbtune.run.SessionOptions;
import dev.arbtune.sweep.Sweep;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
          + " spread threshold, slippage and open trades; then print the ranked summary and the"
          + " insights and write the HTML report.",
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
      description = "No progress bars; the summary and insights are still printed.")
  boolean quiet;

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
            session, outputRoot, outputRoot, SessionOptions.defaultParallelism(), fresh, false);
    Sweep.Result result = SweepCommand.runSweep(spec, options, quiet);
    TuningResultsAggregator aggregator =
        TuningResultsAggregator.builder(result.layout().results())
            .maxResults(10)
            .pareto(true)
            .build();
    HtmlReport.Content content =
        HtmlReport.collect(aggregator, new ScanProgress(), InsightOptions.DEFAULTS);
    Summarizing.Outcome outcome = new Summarizing.Outcome(content.summary(), content.insights());
    Summarizing.printText(spec, outcome, false);
    Summarizing.writeSummary(spec, result.layout().summary(), outcome);
    PrintWriter err = spec.commandLine().getErr();
    if (!noReport) {
      HtmlReport.write(
          content,
          result.layout().report(),
          JobCharts.reportSection(content.summary().top(), outputRoot, outputRoot));
    }
    err.printf(
        Locale.ROOT,
        "%nQuickstart: %d backtests on real quotes in %.1f s. Inputs: %s (edit it, then"
            + " 'arbtune quickstart --output-root %s --fresh'). Summary: %s.%s%n",
        result.plannedJobs(),
        (System.nanoTime() - started) / 1e9,
        session,
        outputRoot,
        result.layout().summary(),
        noReport ? "" : " Open the report: " + result.layout().report());
    err.flush();
    return result.run().allSucceeded() ? ExitCodes.OK : ExitCodes.INPUT;
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
