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
import dev.arbtune.result.DocumentLayout;
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
 * <p>A success that {@link #run} made keeps its {@link BacktestConfig} and {@link BacktestMetrics}
 * and makes their maps ({@link #config()}, {@link #metrics()}) only when asked: a run writes it
 * through {@link #plainBytes()}, laid out without them. Equal documents have equal components, as a
 * record's; immutable and thread-safe.
 */
public final class JobDocument {

  /** The key of {@code config_summary} that names the joined quotes of a venue job. */
  public static final String JOINED_FILE = "joined_file";

  private final long lineNumber;
  private final String jobId;
  private final String error;
  private final BacktestMetrics backtestMetrics;
  private final String joinedFile;
  private final PeriodPnl periodPnl;

  /** The config's map, or {@code null} until {@link #config()} makes it from {@link #source}. */
  private volatile Map<String, ?> config;

  /** The metrics' map, or {@code null} until {@link #metrics()} makes it from the backtest's. */
  private volatile Map<String, Object> metrics;

  /** For a success of {@link #run}: the config its maps are made from; else {@code null}. */
  private final BacktestConfig source;

  /** For a success of {@link #run}: its {@code runtime_seconds}, unrounded. */
  private final double runtimeSeconds;

  /**
   * A document.
   *
   * @param lineNumber the plan line, or 0 for a job that does not come from a plan
   * @param jobId the job id, or {@code null} when the line had none
   * @param config the config to write, or {@code null} when it is not known
   * @param metrics the metrics of a success (with {@code runtime_seconds}); {@code null} for an
   *     error
   * @param error the message of an error; {@code null} for a success
   * @param backtestMetrics the backtest's metrics for a success; else {@code null}
   * @param joinedFile for a success of a job that names venue files, the joined quotes file it read
   *     (written as {@code config_summary.joined_file}); else {@code null}
   * @param periodPnl for a success, its realized PnL per block of its window (written as {@code
   *     period_pnl} after {@code config_summary}); else {@code null}
   */
  public JobDocument(
      long lineNumber,
      String jobId,
      Map<String, ?> config,
      Map<String, Object> metrics,
      String error,
      BacktestMetrics backtestMetrics,
      String joinedFile,
      PeriodPnl periodPnl) {
    if ((error == null) == (metrics == null)) {
      throw new IllegalArgumentException("exactly one of metrics and error must be set");
    }
    if (error == null) {
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(backtestMetrics, "backtestMetrics");
    }
    this.lineNumber = lineNumber;
    this.jobId = jobId;
    this.config = config;
    this.metrics = metrics;
    this.error = error;
    this.backtestMetrics = backtestMetrics;
    this.joinedFile = joinedFile;
    this.periodPnl = periodPnl;
    this.source = null;
    this.runtimeSeconds = Double.NaN;
  }

  /** A success of {@link #run}, whose maps are made only when asked for. */
  private JobDocument(
      long lineNumber,
      String jobId,
      BacktestConfig source,
      BacktestMetrics backtestMetrics,
      double runtimeSeconds,
      String joinedFile,
      PeriodPnl periodPnl) {
    this.lineNumber = lineNumber;
    this.jobId = jobId;
    this.source = Objects.requireNonNull(source, "source");
    this.backtestMetrics = Objects.requireNonNull(backtestMetrics, "backtestMetrics");
    this.runtimeSeconds = runtimeSeconds;
    this.joinedFile = joinedFile;
    this.periodPnl = periodPnl;
    this.error = null;
  }

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

  /** The plan line, or 0 for a job that does not come from a plan. */
  public long lineNumber() {
    return lineNumber;
  }

  /** The job id, or {@code null} when the line had none. */
  public String jobId() {
    return jobId;
  }

  /** The config to write, or {@code null} when it is not known. Unmodifiable. */
  public Map<String, ?> config() {
    Map<String, ?> m = config;
    if (m == null && source != null) {
      m = source.toMap();
      config = m;
    }
    return m;
  }

  /** The metrics of a success (with {@code runtime_seconds}); {@code null} for an error. */
  public Map<String, Object> metrics() {
    Map<String, Object> m = metrics;
    if (m == null && error == null) {
      m = backtestMetrics.toMap(runtimeSeconds);
      metrics = m;
    }
    return m;
  }

  /** The message of an error; {@code null} for a success. */
  public String error() {
    return error;
  }

  /** The backtest's metrics for a success; else {@code null}. */
  public BacktestMetrics backtestMetrics() {
    return backtestMetrics;
  }

  /**
   * For a success of a job that names venue files, the joined quotes file it read (written as
   * {@code config_summary.joined_file}); else {@code null}.
   */
  public String joinedFile() {
    return joinedFile;
  }

  /**
   * For a success, its realized PnL per block of its window (written as {@code period_pnl} after
   * {@code config_summary}); else {@code null}.
   */
  public PeriodPnl periodPnl() {
    return periodPnl;
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
    if (problem != null) {
      String prefix = "plan line " + line.lineNumber() + ": ";
      Map<String, ?> config = line.config() != null ? line.config().toMap() : line.rawConfig();
      return error(line.lineNumber(), line.jobId(), config, prefix + problem);
    }
    JobDocument doc = run(line.lineNumber(), line.jobId(), line.config(), quotes, null, engine);
    return doc.isSuccess()
        ? doc
        : error(
            line.lineNumber(),
            line.jobId(),
            doc.config(),
            "plan line " + line.lineNumber() + ": " + doc.error());
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
          JobMemory.ranOut((loaded ? "running the backtest on " : "loading ") + input(config)));
    } catch (QuotesTooLargeException e) {
      return error(
          lineNumber,
          jobId,
          config.toMap(),
          (venues == null ? "data_file " : input(config) + ": ")
              + e.getMessage()
              + "; "
              + JobMemory.advice(2 * e.neededBytes()));
    } catch (NoSuchFileException e) {
      if (venues != null) {
        return error(
            lineNumber,
            jobId,
            config.toMap(),
            "cannot read " + input(config) + ": " + JobRunner.describe(e));
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
      String subject = venues == null ? config.dataFile() : input(config);
      return error(
          lineNumber,
          jobId,
          config.toMap(),
          "cannot read " + input(config) + ": " + JobRunner.because(e, subject));
    } catch (RuntimeException e) {
      return error(lineNumber, jobId, config.toMap(), "internal error: " + e);
    }
    double runtime = (System.nanoTime() - start) / 1e9;
    return new JobDocument(lineNumber, jobId, config, metrics, runtime, joined, periods);
  }

  /** What a job reads, as its messages name it: its data file, or the join of its venue files. */
  private static String input(BacktestConfig config) {
    VenueFiles venues = config.venues();
    return venues == null
        ? "data_file " + Excerpt.of(config.dataFile())
        : "the join of venue_a "
            + Excerpt.of(venues.venueA())
            + " and venue_b "
            + Excerpt.of(venues.venueB());
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

  /**
   * The bytes of a success document of {@link #run} as {@link #writeTo} writes them (in UTF-8),
   * laid out from the config, metrics and blocks without making their maps ({@link
   * DocumentLayout}); {@code null} for any other document, or when a value is not plain: then
   * {@link #writeTo}, or {@link ResultWriter} with the maps.
   */
  public byte[] plainBytes() {
    if (source == null) {
      return null;
    }
    DocumentLayout out = new DocumentLayout();
    out.beginObject("config");
    source.writeTo(out);
    out.end().beginObject("metrics");
    backtestMetrics.writeTo(out, runtimeSeconds);
    out.end().beginObject("config_summary");
    if (jobId != null) {
      out.member("job_id", jobId);
    }
    if (joinedFile != null) {
      out.member(JOINED_FILE, joinedFile);
    }
    out.end();
    if (periodPnl != null) {
      out.beginObject(PeriodPnl.KEY);
      periodPnl.writeTo(out);
      out.end();
    }
    return out.finish();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JobDocument d
        && lineNumber == d.lineNumber
        && Objects.equals(jobId, d.jobId)
        && Objects.equals(config(), d.config())
        && Objects.equals(metrics(), d.metrics())
        && Objects.equals(error, d.error)
        && Objects.equals(backtestMetrics, d.backtestMetrics)
        && Objects.equals(joinedFile, d.joinedFile)
        && Objects.equals(periodPnl, d.periodPnl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        lineNumber, jobId, config(), metrics(), error, backtestMetrics, joinedFile, periodPnl);
  }

  @Override
  public String toString() {
    return "JobDocument[lineNumber="
        + lineNumber
        + ", jobId="
        + jobId
        + ", config="
        + config()
        + ", metrics="
        + metrics()
        + ", error="
        + error
        + "]";
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
      ResultWriter.success(out, jobId, config(), metrics(), summary(), extra());
    } else {
      ResultWriter.error(out, jobId, config(), error);
    }
  }
}
