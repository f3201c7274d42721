package dev.arbtune.run;

import dev.arbtune.backtest.Backtest;
import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.BacktestMetrics;
import dev.arbtune.backtest.ConfigException;
import dev.arbtune.backtest.QuotesFormatException;
import dev.arbtune.result.ResultWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Objects;

/**
 * The result document of one plan line, decided but not yet written: a success document (config and
 * metrics) or an error document (the config where known, and the message). {@link JobRunner} writes
 * it into a local folder; other runners write the same bytes elsewhere.
 *
 * @param lineNumber the plan line
 * @param jobId the job id, or {@code null} when the line had none
 * @param config the config to write, or {@code null} when it is not known
 * @param metrics the metrics of a success (with {@code runtime_seconds}); {@code null} for an error
 * @param error the message of an error; {@code null} for a success
 * @param backtestMetrics the backtest's metrics for a success; else {@code null}
 */
public record JobDocument(
    long lineNumber,
    String jobId,
    Map<String, ?> config,
    Map<String, Object> metrics,
    String error,
    BacktestMetrics backtestMetrics) {

  public JobDocument {
    if ((error == null) == (metrics == null)) {
      throw new IllegalArgumentException("exactly one of metrics and error must be set");
    }
    if (error == null) {
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(backtestMetrics, "backtestMetrics");
    }
  }

  /**
   * Runs a plan line's backtest and decides its document. Never throws for a job that fails: the
   * failure becomes an error document whose message starts with {@code plan line N: }.
   *
   * @param line the parsed plan line
   * @param problem why the line cannot run (its own {@link PlanLine#problem()}, or one the caller
   *     found, such as an unusable {@code output_json}), or {@code null} when it can
   * @param quotes where the quotes come from
   */
  public static JobDocument of(PlanLine line, String problem, QuotesSource quotes) {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(quotes, "quotes");
    String prefix = "plan line " + line.lineNumber() + ": ";
    if (problem != null) {
      Map<String, ?> config = line.config() != null ? line.config().toMap() : line.rawConfig();
      return error(line, config, prefix + problem);
    }
    BacktestConfig config = line.config();
    long start = System.nanoTime();
    BacktestMetrics metrics;
    try {
      metrics = Backtest.run(config, quotes.load(config.dataFile()));
    } catch (NoSuchFileException e) {
      String where = quotes.lookedFor(config.dataFile());
      return error(
          line,
          config.toMap(),
          prefix
              + "data_file not found: "
              + config.dataFile()
              + (where == null ? "" : " (looked for " + where + ")"));
    } catch (QuotesFormatException e) {
      return error(line, config.toMap(), prefix + "data_file " + e.getMessage());
    } catch (ConfigException e) {
      return error(line, config.toMap(), prefix + "config." + e.getMessage());
    } catch (IOException e) {
      return error(
          line,
          config.toMap(),
          prefix + "cannot read data_file " + config.dataFile() + ": " + JobRunner.describe(e));
    } catch (RuntimeException e) {
      return error(line, config.toMap(), prefix + "internal error: " + e);
    }
    double runtime = (System.nanoTime() - start) / 1e9;
    return new JobDocument(
        line.lineNumber(), line.jobId(), config.toMap(), metrics.toMap(runtime), null, metrics);
  }

  private static JobDocument error(PlanLine line, Map<String, ?> config, String message) {
    return new JobDocument(line.lineNumber(), line.jobId(), config, null, message, null);
  }

  /** Whether this is a success document. */
  public boolean isSuccess() {
    return error == null;
  }

  /**
   * Writes the document as {@link ResultWriter} lays it out, with a final newline.
   *
   * @throws IOException when writing fails
   */
  public void writeTo(Writer out) throws IOException {
    if (isSuccess()) {
      ResultWriter.success(out, jobId, config, metrics);
    } else {
      ResultWriter.error(out, jobId, config, error);
    }
  }
}
