package dev.arbtune.run;

import dev.arbtune.backtest.Backtest;
import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.BacktestMetrics;
import dev.arbtune.backtest.BacktestOverflowException;
import dev.arbtune.backtest.ConfigException;
import dev.arbtune.backtest.Engine;
import dev.arbtune.backtest.PeriodPnl;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesFormatException;
import dev.arbtune.backtest.QuotesTooLargeException;
import dev.arbtune.backtest.Trade;
import dev.arbtune.backtest.VenueFiles;
import dev.arbtune.io.Excerpt;
import dev.arbtune.result.ResultDocument;
import dev.arbtune.result.ResultWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The result document of one plan line, decided but not yet written: a success document (config and
 * metrics) or an error document (the config where known, and the message). {@link JobRunner} writes
 * it into a local folder; other runners write the same bytes elsewhere.
 *
 * @param lineNumber the plan line, or 0 for a job that does not come from a plan
 * @param jobId the job id, or {@code null} when the line had none
 * @param config the config to write, or {@code null} when it is not known
 * @param metrics the metrics of a success (with {@code runtime_seconds}); {@code null} for an error
 * @param error the message of an error; {@code null} for a success
 * @param backtestMetrics the backtest's metrics for a success; else {@code null}
 * @param joinedFile for a success of a job that names venue files, the joined quotes file it read
 *     (written as {@code config_summary.joined_file}); else {@code null}
 * @param periodPnl for a success, its realized PnL per block of its window (written as {@code
 *     period_pnl} after {@code config_summary}); else {@code null}
 */
public record JobDocument(
    long lineNumber,
    String jobId,
    Map<String, ?> config,
    Map<String, Object> metrics,
    String error,
    BacktestMetrics backtestMetrics,
    String joinedFile,
    PeriodPnl periodPnl) {

  /** The key of {@code config_summary} that names the joined quotes of a venue job. */
  public static final String JOINED_FILE = "joined_file";

  /** A document without {@code period_pnl}. */
  public JobDocument(
      long lineNumber,
      String jobId,
      Map<String, ?> config,
      Map<String, Object> metrics,
      String error,
      BacktestMetrics backtestMetrics,
      String joinedFile) {
    this(lineNumber, jobId, config, metrics, error, backtestMetrics, joinedFile, null);
  }

  /** A document of a job that read no joined file. */
  public JobDocument(
      long lineNumber,
      String jobId,
      Map<String, ?> config,
      Map<String, Object> metrics,
      String error,
      BacktestMetrics backtestMetrics) {
    this(lineNumber, jobId, config, metrics, error, backtestMetrics, null);
  }

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
    return of(line, problem, quotes, Engine.DEFAULT);
  }

  /** What {@link #of(PlanLine, String, QuotesSource)} does, with the given backtest engine. */
  public static JobDocument of(PlanLine line, String problem, QuotesSource quotes, Engine engine) {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(quotes, "quotes");
    String prefix = "plan line " + line.lineNumber() + ": ";
    if (problem != null) {
      Map<String, ?> config = line.config() != null ? line.config().toMap() : line.rawConfig();
      return error(line.lineNumber(), line.jobId(), config, prefix + problem);
    }
    JobDocument doc = run(line.lineNumber(), line.jobId(), line.config(), quotes, null, engine);
    return doc.isSuccess()
        ? doc
        : error(line.lineNumber(), line.jobId(), doc.config(), prefix + doc.error());
  }

  /**
   * Runs one backtest and decides its document: what {@link #of} does for a plan line, and {@code
   * arbtune backtest} for its single job. Never throws for a job that fails: the failure becomes an
   * error document whose message names the field or file at fault ({@code data_file not found:
   * ...}, {@code config.start_time: ...}, {@code cannot read data_file ...: permission denied:
   * ...}). A job that runs out of memory (an {@link OutOfMemoryError} while loading or running), or
   * whose data file would need more than the heap to load ({@link QuotesTooLargeException}), is an
   * error document too, saying how to give Java a larger heap.
   *
   * @param lineNumber the plan line, or 0 when the job does not come from a plan
   * @param jobId the job id to write, or {@code null}
   * @param config the validated config
   * @param quotes where the quotes come from
   * @param tradeLog receives every trade (see {@link Backtest#run(BacktestConfig,
   *     dev.arbtune.backtest.Quotes, Consumer)}), or {@code null}
   */
  public static JobDocument run(
      long lineNumber,
      String jobId,
      BacktestConfig config,
      QuotesSource quotes,
      Consumer<? super Trade> tradeLog) {
    return run(lineNumber, jobId, config, quotes, tradeLog, Engine.DEFAULT);
  }

  /**
   * What {@link #run(long, String, BacktestConfig, QuotesSource, Consumer)} does, with the given
   * backtest engine (both give the same document but for {@code runtime_seconds}).
   */
  public static JobDocument run(
      long lineNumber,
      String jobId,
      BacktestConfig config,
      QuotesSource quotes,
      Consumer<? super Trade> tradeLog,
      Engine engine) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(quotes, "quotes");
    long start = System.nanoTime();
    BacktestMetrics metrics;
    boolean loaded = false;
    VenueFiles venues = config.venues();
    String joined = null;
    PeriodPnl periods;
    String input =
        venues == null
            ? "data_file " + Excerpt.of(config.dataFile())
            : "the join of venue_a "
                + Excerpt.of(venues.venueA())
                + " and venue_b "
                + Excerpt.of(venues.venueB());
    try {
      Quotes q = quotes.load(config);
      joined = venues == null ? null : q.source();
      loaded = true;
      PeriodPnl.Collector closes = new PeriodPnl.Collector();
      metrics =
          Backtest.run(config, q, tradeLog == null ? closes : closes.andThen(tradeLog), engine);
      // The blocks span the config's window, not where a drawdown stop ended the run: every job of
      // one file and window shares its block boundaries (what PBO compares across jobs).
      int first = Backtest.windowStart(config, q);
      int last = Backtest.windowEnd(config, q) - 1;
      periods = closes.finish(q.timestamp(first), q.timestamp(last), config.pnlBlocks());
    } catch (OutOfMemoryError e) {
      // What the job held is unreachable now: the error document needs little.
      return error(
          lineNumber,
          jobId,
          config.toMap(),
          JobMemory.ranOut((loaded ? "running the backtest on " : "loading ") + input));
    } catch (QuotesTooLargeException e) {
      return error(
          lineNumber,
          jobId,
          config.toMap(),
          (venues == null ? "data_file " : input + ": ")
              + e.getMessage()
              + "; "
              + JobMemory.advice(2 * e.neededBytes()));
    } catch (NoSuchFileException e) {
      if (venues != null) {
        return error(
            lineNumber,
            jobId,
            config.toMap(),
            "cannot read " + input + ": " + JobRunner.describe(e));
      }
      String where = quotes.lookedFor(config.dataFile());
      return error(
          lineNumber,
          jobId,
          config.toMap(),
          "data_file not found: "
              + Excerpt.of(config.dataFile())
              + (where == null ? "" : " (looked for " + where + ")"));
    } catch (QuotesFormatException e) {
      return error(
          lineNumber,
          jobId,
          config.toMap(),
          venues == null ? "data_file " + e.getMessage() : "venue file " + e.getMessage());
    } catch (ConfigException e) {
      return error(lineNumber, jobId, config.toMap(), "config." + e.getMessage());
    } catch (BacktestOverflowException e) {
      return error(lineNumber, jobId, config.toMap(), e.getMessage());
    } catch (IOException e) {
      String subject = venues == null ? config.dataFile() : input;
      return error(
          lineNumber,
          jobId,
          config.toMap(),
          "cannot read " + input + ": " + JobRunner.because(e, subject));
    } catch (RuntimeException e) {
      return error(lineNumber, jobId, config.toMap(), "internal error: " + e);
    }
    double runtime = (System.nanoTime() - start) / 1e9;
    return new JobDocument(
        lineNumber, jobId, config.toMap(), metrics.toMap(runtime), null, metrics, joined, periods);
  }

  private static JobDocument error(
      long lineNumber, String jobId, Map<String, ?> config, String message) {
    return new JobDocument(lineNumber, jobId, config, null, message, null);
  }

  /**
   * Whether {@code existing}, a document found at a plan line's {@code output_json}, is that line's
   * finished job, which a resumed session may skip: a success document whose {@code
   * config_summary.job_id} is the line's {@code job_id} and whose {@code config} is the line's
   * config as {@link BacktestConfig#toMap()} writes it (the same keys, equal values; numbers
   * compared by value, so {@code 30} equals {@code 30.0}). A document of another job, or of the
   * same job with other parameters, is not: the job runs again.
   *
   * @param line the plan line
   * @param existing the document read from its {@code output_json}
   */
  public static boolean isFinished(PlanLine line, ResultDocument existing) {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(existing, "existing");
    return line.isValid()
        && existing.isSuccess()
        && line.jobId().equals(existing.declaredJobId())
        && sameConfig(existing.config(), line.config().toMap());
  }

  private static boolean sameConfig(Map<String, ?> written, Map<String, ?> expected) {
    if (!written.keySet().equals(expected.keySet())) {
      return false;
    }
    for (Map.Entry<String, ?> e : expected.entrySet()) {
      if (!sameValue(written.get(e.getKey()), e.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameValue(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      try {
        return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
      } catch (NumberFormatException e) { // NaN or an infinity: never in a valid config
        return x.toString().equals(y.toString());
      }
    }
    return Objects.equals(a, b);
  }

  /** What {@code config_summary} holds besides {@code job_id}: {@code joined_file} when set. */
  public Map<String, Object> summary() {
    return joinedFile == null ? Map.of() : Map.of(JOINED_FILE, joinedFile);
  }

  /** The top-level entries after {@code config_summary}: {@code period_pnl} when set. */
  public Map<String, Object> extra() {
    return periodPnl == null ? Map.of() : Map.of(PeriodPnl.KEY, periodPnl.toMap());
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
      ResultWriter.success(out, jobId, config, metrics, summary(), extra());
    } else {
      ResultWriter.error(out, jobId, config, error);
    }
  }
}
