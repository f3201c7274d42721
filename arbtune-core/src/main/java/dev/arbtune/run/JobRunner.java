package dev.arbtune.run;

import dev.arbtune.backtest.Backtest;
import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.BacktestMetrics;
import dev.arbtune.backtest.ConfigException;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.backtest.QuotesFormatException;
import dev.arbtune.result.ResultDocument;
import dev.arbtune.result.ResultReader;
import dev.arbtune.result.ResultWriter;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Runs single jobs: loads the quotes (through a shared {@link QuotesCache}), runs the {@link
 * Backtest}, and writes the job's result document. Thread-safe; one instance serves a whole
 * session. A job's failure never escapes as an exception: it becomes an error document and an error
 * {@link JobOutcome}.
 */
public final class JobRunner {

  private final QuotesCache cache;
  private final Path dataRoot;
  private final ResultWriter writer;
  private final ResultReader reader = new ResultReader();
  private final QuotesSource quotes = new LocalQuotes();

  /**
   * @param cache where quotes are loaded and shared
   * @param dataRoot folder that relative {@code data_file} paths are resolved against; {@code
   *     Path.of("")} for the current working directory
   * @param writer writes the result documents
   */
  public JobRunner(QuotesCache cache, Path dataRoot, ResultWriter writer) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.dataRoot = Objects.requireNonNull(dataRoot, "dataRoot");
    this.writer = Objects.requireNonNull(writer, "writer");
  }

  /** Where {@code config.dataFile()} is read from. */
  public Path dataPath(BacktestConfig config) {
    return dataRoot.resolve(config.dataFile());
  }

  /**
   * Loads the config's quotes (once per process) and runs the backtest: no result is written.
   *
   * @throws NoSuchFileException when the data file does not exist
   * @throws IOException when it cannot be read
   * @throws QuotesFormatException when it is not a usable quotes table
   * @throws ConfigException when the config's time window holds no quotes
   */
  public BacktestMetrics backtest(BacktestConfig config) throws IOException {
    Quotes quotes = cache.get(dataPath(config));
    return Backtest.run(config, quotes);
  }

  /**
   * Runs one plan line and writes its result document inside {@code outputRoot}: at its {@code
   * output_json}, or, when the line has no usable path, at {@link OutputPaths#forInvalidLine}.
   *
   * @param resume when true, a job whose document already is a success document is skipped
   */
  public JobOutcome run(PlanLine line, Path outputRoot, boolean resume) {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(outputRoot, "outputRoot");
    Path target = null;
    String problem = line.problem();
    if (line.outputJson() != null) {
      try {
        target = OutputPaths.resolve(outputRoot, line.outputJson());
      } catch (IllegalArgumentException e) {
        problem = problem == null ? e.getMessage() : problem;
      }
    }
    if (target == null) {
      target = OutputPaths.forInvalidLine(outputRoot, line.lineNumber());
    }
    if (resume && isSuccessDocument(target)) {
      return new JobOutcome(
          line.lineNumber(), line.jobId(), target, JobOutcome.Status.SKIPPED, null, null);
    }
    JobDocument doc = JobDocument.of(line, problem, quotes);
    if (!doc.isSuccess()) {
      return error(line, target, doc.config(), doc.error());
    }
    try {
      writer.writeSuccess(target, line.jobId(), doc.config(), doc.metrics());
    } catch (IOException e) {
      return error(
          line,
          target,
          doc.config(),
          "plan line "
              + line.lineNumber()
              + ": cannot write the result "
              + target
              + ": "
              + describe(e));
    }
    return new JobOutcome(
        line.lineNumber(),
        line.jobId(),
        target,
        JobOutcome.Status.SUCCESS,
        null,
        doc.backtestMetrics());
  }

  /**
   * Writes an error document; when even that fails (a full disk, a read-only folder), the outcome
   * says so and names no document.
   */
  private JobOutcome error(PlanLine line, Path target, Map<String, ?> config, String message) {
    try {
      writer.writeError(target, line.jobId(), config, message);
      return new JobOutcome(
          line.lineNumber(), line.jobId(), target, JobOutcome.Status.ERROR, message, null);
    } catch (IOException e) {
      String both =
          message.contains("cannot write")
              ? message
              : message + "; and cannot write the error document " + target + ": " + describe(e);
      return new JobOutcome(
          line.lineNumber(), line.jobId(), null, JobOutcome.Status.ERROR, both, null);
    }
  }

  private boolean isSuccessDocument(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try {
      ResultDocument doc = reader.read(file);
      return doc.isSuccess();
    } catch (IOException | RuntimeException | dev.arbtune.result.ResultFormatException e) {
      return false;
    }
  }

  /** A one-line reason for an I/O failure, naming the file where the exception knows it. */
  public static String describe(IOException e) {
    if (e instanceof AccessDeniedException a) {
      return "permission denied: " + a.getFile();
    }
    if (e instanceof NoSuchFileException n) {
      return "no such file or folder: " + n.getFile();
    }
    if (e instanceof FileSystemException f) {
      String reason = f.getReason() == null ? f.getClass().getSimpleName() : f.getReason();
      return f.getFile() == null ? reason : reason + ": " + f.getFile();
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** The local folder as a {@link QuotesSource}, through the shared cache. */
  private final class LocalQuotes implements QuotesSource {
    @Override
    public Quotes load(String dataFile) throws IOException {
      return cache.get(dataRoot.resolve(dataFile));
    }

    @Override
    public String lookedFor(String dataFile) {
      Path resolved = dataRoot.resolve(dataFile);
      return resolved.toString().equals(dataFile)
          ? null
          : resolved.toAbsolutePath().normalize().toString();
    }
  }
}
