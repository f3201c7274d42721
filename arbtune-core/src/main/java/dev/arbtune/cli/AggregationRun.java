package dev.arbtune.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.CollectedSummary;
import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.SummaryJson;
import dev.arbtune.aggregate.SummaryText;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.insights.InsightCollector;
import dev.arbtune.insights.InsightOptions;
import dev.arbtune.insights.Insights;
import dev.arbtune.insights.InsightsJson;
import dev.arbtune.insights.InsightsText;
import dev.arbtune.result.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** Running an aggregation from a command: progress on a terminal, insights when asked. */
final class AggregationRun {

  /**
   * A summary and, when asked for, its insights.
   *
   * @param summary the aggregator's summary
   * @param insights the insights, or {@code null}
   */
  record Outcome(AggregatedSummary summary, Insights insights) {}

  private AggregationRun() {}

  /** Scans with a progress line on an interactive stderr (unless {@code quiet}). */
  static Outcome run(
      TuningResultsAggregator aggregator, boolean withInsights, boolean quiet, String task)
      throws IOException {
    ScanProgress progress = new ScanProgress();
    try (ScanProgressDisplay display = ScanProgressDisplay.open(task, progress, quiet)) {
      if (!withInsights) {
        return new Outcome(aggregator.summarize(progress), null);
      }
      CollectedSummary<InsightCollector> run = InsightCollector.collect(aggregator, progress);
      return new Outcome(
          run.summary(), Insights.compute(run, InsightOptions.DEFAULTS, aggregator.threads()));
    }
  }

  /**
   * The summary in the seed's text layout and, when computed, the insights on stdout; errors and
   * warnings on stderr unless {@code quiet}.
   */
  static void printText(CommandSpec spec, Outcome outcome, boolean quiet) {
    PrintWriter out = spec.commandLine().getOut();
    out.print(SummaryText.format(outcome.summary()));
    if (outcome.insights() != null) {
      out.print(InsightsText.format(outcome.insights()));
    }
    out.flush();
    if (!quiet) {
      spec.commandLine()
          .getErr()
          .print(SummaryText.diagnostics(outcome.summary(), AggregateCommand.DIAGNOSTIC_LINES));
    }
  }

  /** Writes the summary document to {@code file} atomically and says so on stderr. */
  static void writeSummary(CommandSpec spec, Path file, Outcome outcome) throws IOException {
    AggregateCommand.write(file, w -> writeJson(outcome, w));
    spec.commandLine().getErr().println("[D39_AGG] Summary written to: " + file);
  }

  /** The summary document; with insights, an {@code insights} object after everything else. */
  static void writeJson(Outcome outcome, Writer out) throws IOException {
    if (outcome.insights() == null) {
      SummaryJson.write(outcome.summary(), out);
      return;
    }
    Map<String, Object> root = SummaryJson.toMap(outcome.summary());
    root.put("insights", InsightsJson.toMap(outcome.insights()));
    Json.prettyWriter().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, root);
    out.write('\n');
  }
}
