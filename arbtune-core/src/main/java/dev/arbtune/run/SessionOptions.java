package dev.arbtune.run;

import dev.arbtune.backtest.Engine;
import dev.arbtune.backtest.QuotesCache;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run a session; build with {@link #builder(Path, Path)}.
 *
 * @param plan the JSONL plan, one job per line
 * @param outputRoot every result document is written inside this folder
 * @param dataRoot relative {@code data_file} paths are resolved against it; {@code Path.of("")} is
 *     the current working directory
 * @param parallelism jobs run at once; ≥ 1
 * @param resume skip jobs whose document already is a success document
 * @param stopOnError start no new job after the first error
 * @param maxJobs read at most this many jobs (non-blank lines) of the plan; ≥ 1
 * @param durable force each document to disk before renaming it into place
 * @param quotesCacheBytes the most bytes of quotes held between jobs ({@link
 *     dev.arbtune.backtest.QuotesCache}); ≥ 0
 * @param joinedFolder where jobs naming venue files have them joined ({@link VenueJoins}); {@code
 *     null} for {@code outputRoot/joined}
 * @param engine the backtest engine of every job ({@link Engine}); both give the same documents
 */
public record SessionOptions(
    Path plan,
    Path outputRoot,
    Path dataRoot,
    int parallelism,
    boolean resume,
    boolean stopOnError,
    long maxJobs,
    boolean durable,
    long quotesCacheBytes,
    Path joinedFolder,
    Engine engine) {

  /** The default parallelism: the number of available processors. */
  public static int defaultParallelism() {
    return Runtime.getRuntime().availableProcessors();
  }

  public SessionOptions {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(outputRoot, "outputRoot");
    Objects.requireNonNull(dataRoot, "dataRoot");
    Objects.requireNonNull(engine, "engine");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    if (maxJobs < 1) {
      throw new IllegalArgumentException("maxJobs must be at least 1, got " + maxJobs);
    }
    if (quotesCacheBytes < 0) {
      throw new IllegalArgumentException("quotesCacheBytes must be >= 0, got " + quotesCacheBytes);
    }
  }

  /**
   * Options with the defaults: cwd data root, one job per processor, all jobs, durable writes, half
   * the heap for quotes.
   */
  public static Builder builder(Path plan, Path outputRoot) {
    return new Builder(plan, outputRoot);
  }

  /** Builds {@link SessionOptions}. */
  public static final class Builder {
    private final Path plan;
    private final Path outputRoot;
    private Path dataRoot = Path.of("");
    private int parallelism = defaultParallelism();
    private boolean resume;
    private boolean stopOnError;
    private long maxJobs = Long.MAX_VALUE;
    private boolean durable = true;
    private long quotesCacheBytes = QuotesCache.defaultBudgetBytes();
    private Path joinedFolder;
    private Engine engine = Engine.DEFAULT;

    private Builder(Path plan, Path outputRoot) {
      this.plan = plan;
      this.outputRoot = outputRoot;
    }

    /**
     * Folder that relative {@code data_file} paths are resolved against (default: the working
     * directory).
     */
    public Builder dataRoot(Path dataRoot) {
      this.dataRoot = dataRoot;
      return this;
    }

    /** Jobs run at once (default: the number of processors). */
    public Builder parallelism(int parallelism) {
      this.parallelism = parallelism;
      return this;
    }

    /** Skip jobs whose document already is a success document (default: false). */
    public Builder resume(boolean resume) {
      this.resume = resume;
      return this;
    }

    /** Start no new job after the first error (default: false). */
    public Builder stopOnError(boolean stopOnError) {
      this.stopOnError = stopOnError;
      return this;
    }

    /** Read at most this many jobs of the plan (default: all). */
    public Builder maxJobs(long maxJobs) {
      this.maxJobs = maxJobs;
      return this;
    }

    /** Force each document to disk before renaming it into place (default: true). */
    public Builder durable(boolean durable) {
      this.durable = durable;
      return this;
    }

    /**
     * The most bytes of quote columns kept loaded between jobs (default: half the maximum heap).
     * The least recently used files are dropped beyond it and loaded again when a later job needs
     * them; a walk-forward plan over many daily files then runs in bounded memory.
     */
    public Builder quotesCacheBytes(long quotesCacheBytes) {
      this.quotesCacheBytes = quotesCacheBytes;
      return this;
    }

    /**
     * Where venue files are joined (default: the output root's {@code joined/}); a sweep keeps them
     * in its own root, beside {@code results/}.
     */
    public Builder joinedFolder(Path joinedFolder) {
      this.joinedFolder = joinedFolder;
      return this;
    }

    /** The backtest engine of every job (default: {@link Engine#DEFAULT}). */
    public Builder engine(Engine engine) {
      this.engine = engine;
      return this;
    }

    /**
     * @throws IllegalArgumentException when a value is out of range
     */
    public SessionOptions build() {
      return new SessionOptions(
          plan,
          outputRoot,
          dataRoot,
          parallelism,
          resume,
          stopOnError,
          maxJobs,
          durable,
          quotesCacheBytes,
          joinedFolder,
          engine);
    }
  }
}
