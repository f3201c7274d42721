package dev.arbtune.aggregate;

import dev.arbtune.result.ErrorKind;
import dev.arbtune.result.ResultDocument;
import dev.arbtune.result.ResultFormatException;
import dev.arbtune.result.ResultReader;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Aggregates a folder of result documents (the seed's {@code TuningResultsAggregator}).
 *
 * <p>The folder is scanned recursively for regular files named {@code *.json}; symbolic links to
 * directories are not followed. Each file is one job: a success when its {@code status} is {@code
 * "success"} and its ranking and filter metrics, where present, are finite numbers; an error
 * otherwise, with the reason kept. Nothing is ever written into the folder.
 *
 * <pre>{@code
 * AggregatedSummary summary =
 *     TuningResultsAggregator.builder(Path.of("outputs/tuning/sess001"))
 *         .maxResults(10)
 *         .maxDrawdownPct(15.0)
 *         .minTrades(5)
 *         .build()
 *         .summarize();
 * }</pre>
 */
public final class TuningResultsAggregator {

  /** Default number of ranked jobs kept by {@link #summarize()}, as in the seed library. */
  public static final int DEFAULT_MAX_RESULTS = 100;

  /** Success documents must carry these as finite numbers when they carry them at all. */
  static final List<String> CHECKED_METRICS =
      List.of(Ranking.PNL_METRIC, "max_drawdown_pct", "total_trades");

  private static final String SUFFIX = ".json";

  private final Path resultsDir;
  private final int maxResults;
  private final Double maxDrawdownPct;
  private final Integer minTrades;
  private final ResultReader reader = new ResultReader();

  private TuningResultsAggregator(Builder b) {
    this.resultsDir = b.resultsDir;
    this.maxResults = b.maxResults;
    this.maxDrawdownPct = b.maxDrawdownPct;
    this.minTrades = b.minTrades;
  }

  /** An aggregator over {@code resultsDir} with the defaults: 100 results, no filters. */
  public static TuningResultsAggregator of(Path resultsDir) {
    return builder(resultsDir).build();
  }

  /** Starts configuring an aggregator over {@code resultsDir}. */
  public static Builder builder(Path resultsDir) {
    return new Builder(resultsDir);
  }

  public Path resultsDir() {
    return resultsDir;
  }

  public int maxResults() {
    return maxResults;
  }

  public Optional<Double> maxDrawdownPct() {
    return Optional.ofNullable(maxDrawdownPct);
  }

  public Optional<Integer> minTrades() {
    return Optional.ofNullable(minTrades);
  }

  /**
   * Every job in the folder, success and error alike, ordered by source path. Holds every document
   * in memory; {@link #summarize()} does not.
   *
   * @throws NoSuchFileException when the results directory does not exist
   * @throws NotDirectoryException when it is not a directory
   * @throws IOException when walking the directory fails
   */
  public List<AggregatedJobResult> loadResults() throws IOException {
    List<AggregatedJobResult> all = new ArrayList<>();
    scan(all::add);
    all.sort(Comparator.comparing(AggregatedJobResult::source));
    return List.copyOf(all);
  }

  /**
   * Counts, filters and ranks the folder while streaming through it: memory holds the best {@code
   * maxResults} jobs, not all of them.
   *
   * @throws NoSuchFileException when the results directory does not exist
   * @throws NotDirectoryException when it is not a directory
   * @throws IOException when walking the directory fails
   */
  public AggregatedSummary summarize() throws IOException {
    Comparator<AggregatedJobResult> best = Ranking.byPnl();
    PriorityQueue<AggregatedJobResult> top = new PriorityQueue<>(best.reversed());
    long[] counts = new long[2];
    scan(
        job -> {
          counts[job.isSuccess() ? 0 : 1]++;
          if (job.isSuccess() && passesFilters(job) && maxResults > 0) {
            if (top.size() < maxResults) {
              top.add(job);
            } else if (best.compare(job, top.peek()) < 0) {
              top.poll();
              top.add(job);
            }
          }
        });
    List<AggregatedJobResult> ranked = new ArrayList<>(top);
    ranked.sort(best);
    return new AggregatedSummary(counts[0] + counts[1], counts[0], counts[1], ranked, filters());
  }

  /** The filters that are set, by their summary names. */
  public Map<String, Object> filters() {
    Map<String, Object> filters = new LinkedHashMap<>();
    if (maxDrawdownPct != null) {
      filters.put("max_drawdown_pct", maxDrawdownPct);
    }
    if (minTrades != null) {
      filters.put("min_trades", minTrades);
    }
    return filters;
  }

  /** Whether a success job passes every filter that is set. */
  boolean passesFilters(AggregatedJobResult job) {
    if (maxDrawdownPct != null) {
      OptionalDouble dd = job.metric("max_drawdown_pct");
      if (dd.isEmpty() || !(dd.getAsDouble() <= maxDrawdownPct)) {
        return false;
      }
    }
    if (minTrades != null && job.metric("total_trades").orElse(0) < minTrades) {
      return false;
    }
    return true;
  }

  private void scan(Consumer<AggregatedJobResult> sink) throws IOException {
    if (!Files.exists(resultsDir)) {
      throw new NoSuchFileException(resultsDir.toString(), null, "results directory not found");
    }
    if (!Files.isDirectory(resultsDir)) {
      throw new NotDirectoryException(resultsDir.toString());
    }
    // The root itself may be a symbolic link (a common way to point at "the latest session").
    Path root = resultsDir.toRealPath();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (isResultFile(file, attrs)) {
              sink.accept(toJob(root, file));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (file.getFileName() != null && file.getFileName().toString().endsWith(SUFFIX)) {
              sink.accept(unreadable(root, file, e));
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Regular files named {@code *.json}; a symbolic link counts when it points at one (a dangling
   * link is kept so that it is reported as unreadable). Links to directories are never entered.
   */
  private static boolean isResultFile(Path file, BasicFileAttributes attrs) {
    if (!file.getFileName().toString().endsWith(SUFFIX)) {
      return false;
    }
    if (attrs.isRegularFile()) {
      return true;
    }
    return attrs.isSymbolicLink() && !Files.isDirectory(file);
  }

  /** Reads and classifies one file. Never throws: every failure becomes an error job. */
  private AggregatedJobResult toJob(Path root, Path file) {
    ResultDocument doc;
    try {
      doc = reader.read(file);
    } catch (ResultFormatException e) {
      return errorJob(root, file, null, new JobError(e.kind(), e.describe()));
    } catch (IOException | RuntimeException e) {
      return unreadable(root, file, e);
    }
    return classify(root, file, doc);
  }

  private static AggregatedJobResult classify(Path root, Path file, ResultDocument doc) {
    if (!doc.isSuccess()) {
      String why =
          doc.error() != null
              ? doc.error()
              : doc.status() == null ? "no \"status\" field" : "status is \"" + doc.status() + "\"";
      return errorJob(root, file, doc, new JobError(ErrorKind.STATUS_ERROR, why));
    }
    for (String name : CHECKED_METRICS) {
      if (doc.metrics().containsKey(name)) {
        Object value = doc.metrics().get(name);
        if (JsonNumbers.asFinite(value).isEmpty()) {
          String message =
              "metrics." + name + " is " + describeValue(value) + ", expected a finite number";
          return errorJob(root, file, doc, new JobError(ErrorKind.INVALID_METRIC, message));
        }
      }
    }
    return new AggregatedJobResult(
        jobId(file, doc),
        doc.tag(),
        doc.config(),
        doc.metrics(),
        JobStatus.SUCCESS,
        source(root, file),
        null);
  }

  private static AggregatedJobResult unreadable(Path root, Path file, Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof NoSuchFileException) {
      message = "no such file (a dangling symbolic link?)";
    }
    return errorJob(root, file, null, new JobError(ErrorKind.UNREADABLE, message));
  }

  /** An error job; config and metrics are the document's when it could be parsed. */
  private static AggregatedJobResult errorJob(
      Path root, Path file, ResultDocument doc, JobError error) {
    return new AggregatedJobResult(
        jobId(file, doc),
        doc == null ? null : doc.tag(),
        doc == null ? Map.of() : doc.config(),
        doc == null ? Map.of() : doc.metrics(),
        JobStatus.ERROR,
        source(root, file),
        error);
  }

  private static String jobId(Path file, ResultDocument doc) {
    if (doc != null && doc.declaredJobId() != null) {
      return doc.declaredJobId();
    }
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - SUFFIX.length());
  }

  private static String source(Path root, Path file) {
    Path relative = root.relativize(file);
    return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
  }

  private static String describeValue(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    }
    if (value instanceof Number n) {
      return n.toString();
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    return value instanceof List ? "an array" : "an object";
  }

  /** Configures a {@link TuningResultsAggregator}. */
  public static final class Builder {
    private final Path resultsDir;
    private int maxResults = DEFAULT_MAX_RESULTS;
    private Double maxDrawdownPct;
    private Integer minTrades;

    private Builder(Path resultsDir) {
      this.resultsDir = Objects.requireNonNull(resultsDir, "resultsDir");
    }

    /**
     * How many ranked jobs to keep (default 100).
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder maxResults(int maxResults) {
      if (maxResults < 0) {
        throw new IllegalArgumentException("maxResults must be >= 0, got " + maxResults);
      }
      this.maxResults = maxResults;
      return this;
    }

    /**
     * Keep only jobs whose {@code max_drawdown_pct} is at most this; {@code null} unsets it.
     *
     * @throws IllegalArgumentException when not finite
     */
    public Builder maxDrawdownPct(Double maxDrawdownPct) {
      if (maxDrawdownPct != null && !Double.isFinite(maxDrawdownPct)) {
        throw new IllegalArgumentException(
            "maxDrawdownPct must be a finite number, got " + maxDrawdownPct);
      }
      this.maxDrawdownPct = maxDrawdownPct;
      return this;
    }

    /** Keep only jobs with at least this many {@code total_trades}; {@code null} unsets it. */
    public Builder minTrades(Integer minTrades) {
      this.minTrades = minTrades;
      return this;
    }

    public TuningResultsAggregator build() {
      return new TuningResultsAggregator(this);
    }
  }
}
