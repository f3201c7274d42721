package dev.arbtune.sweep;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.Engine;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.backtest.QuotesDiskCache;
import dev.arbtune.backtest.VenueFiles;
import dev.arbtune.io.AtomicFiles;
import dev.arbtune.io.Excerpt;
import dev.arbtune.plan.JobPlan;
import dev.arbtune.plan.PlanFile;
import dev.arbtune.plan.SessionConfig;
import dev.arbtune.plan.SessionConfigException;
import dev.arbtune.plan.SessionFile;
import dev.arbtune.plan.SessionPlanner;
import dev.arbtune.result.Json;
import dev.arbtune.run.OutputPaths;
import dev.arbtune.run.PlanLine;
import dev.arbtune.run.QuotesSource;
import dev.arbtune.run.SessionListener;
import dev.arbtune.run.SessionOptions;
import dev.arbtune.run.SessionRunner;
import dev.arbtune.run.SessionSummary;
import dev.arbtune.run.VenueJoins;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Plans a session file and runs every job into a {@link SweepLayout}. Running the same session
 * again resumes it: jobs whose result is already a success document are skipped, so an interrupted
 * sweep finishes where it stopped and a finished one costs nothing.
 *
 * <pre>{@code
 * Sweep.Result r = Sweep.run(new Sweep.Options(Path.of("session.yaml"), Path.of("out")), listener);
 * TuningResultsAggregator.of(r.layout().results()).summarize();
 * }</pre>
 */
public final class Sweep {

  /**
   * What to sweep and how.
   *
   * @param sessionFile the session file (YAML)
   * @param outputRoot where the plan, results and summary go (created if needed)
   * @param dataRoot against which a relative {@code data_file} is resolved
   * @param parallelism jobs run at once
   * @param fresh start over: delete the plan, results, summary and report a previous sweep left in
   *     the root, even when they are of the same session; only what that sweep wrote (a results
   *     folder holding other files is refused: {@link SweepConflictException})
   * @param durable force every result document to disk before renaming it into place
   * @param quotesCache the folder of binary copies of quotes files ({@link QuotesDiskCache}), or
   *     {@code null} to parse the CSV files every time
   * @param engine the backtest engine of every job ({@link Engine})
   */
  public record Options(
      Path sessionFile,
      Path outputRoot,
      Path dataRoot,
      int parallelism,
      boolean fresh,
      boolean durable,
      Path quotesCache,
      Engine engine) {

    public Options {
      Objects.requireNonNull(sessionFile, "sessionFile");
      Objects.requireNonNull(outputRoot, "outputRoot");
      Objects.requireNonNull(dataRoot, "dataRoot");
      Objects.requireNonNull(engine, "engine");
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
      }
    }

    /** Options with the default engine. */
    public Options(
        Path sessionFile,
        Path outputRoot,
        Path dataRoot,
        int parallelism,
        boolean fresh,
        boolean durable,
        Path quotesCache) {
      this(
          sessionFile,
          outputRoot,
          dataRoot,
          parallelism,
          fresh,
          durable,
          quotesCache,
          Engine.DEFAULT);
    }

    /** Options without a quotes cache folder. */
    public Options(
        Path sessionFile,
        Path outputRoot,
        Path dataRoot,
        int parallelism,
        boolean fresh,
        boolean durable) {
      this(sessionFile, outputRoot, dataRoot, parallelism, fresh, durable, null);
    }

    /** Defaults: data paths relative to the working folder, all processors, resume, durable. */
    public Options(Path sessionFile, Path outputRoot) {
      this(sessionFile, outputRoot, Path.of(""), SessionOptions.defaultParallelism(), false, true);
    }
  }

  /**
   * What a sweep did.
   *
   * @param layout where everything is
   * @param plannedJobs jobs in the plan
   * @param resumed whether an earlier sweep of the same plan was found and continued
   * @param run what the runner did (skipped = already done by an earlier sweep)
   */
  public record Result(SweepLayout layout, long plannedJobs, boolean resumed, SessionSummary run) {}

  private Sweep() {}

  /**
   * Plans and runs.
   *
   * @throws dev.arbtune.plan.SessionConfigException when the session file is invalid, or its data
   *     file is not there, is a folder or cannot be read (nothing is written, no job is run)
   * @throws SweepConflictException when the root holds another session's plan and {@code fresh} is
   *     not set
   * @throws IOException when the session file cannot be read or the root cannot be written
   */
  public static Result run(Options options, SessionListener listener) throws IOException {
    SessionConfig session = SessionFile.load(options.sessionFile());
    requireInputs(options.sessionFile(), session, options.dataRoot());
    SessionPlanner planner = new SessionPlanner(session);
    SweepLayout layout = new SweepLayout(options.outputRoot());
    RunRoots.checkForSweep(layout.root());
    Files.createDirectories(layout.root());
    try (RootLock lock = RootLock.acquire(layout.root(), "sweep")) {
      RunRoots.checkForSweep(layout.root());
      removePlanningLeftovers(layout);
      boolean resumed = preparePlan(layout, planner, options);
      SessionOptions runOptions =
          SessionOptions.builder(layout.plan(), layout.results())
              .dataRoot(options.dataRoot())
              .parallelism(options.parallelism())
              .resume(true)
              .durable(options.durable())
              .joinedFolder(layout.root().resolve(VenueJoins.FOLDER))
              .engine(options.engine())
              .build();
      QuotesDiskCache disk =
          options.quotesCache() == null
              ? null
              : new QuotesDiskCache(options.quotesCache(), listener::warning);
      SessionSummary summary =
          new SessionRunner(runOptions, new QuotesCache(runOptions.quotesCacheBytes(), disk))
              .run(listener);
      return new Result(layout, planner.jobCount(), resumed, summary);
    }
  }

  /**
   * The lock that a sweep, and a walk-forward, holds on its output root ({@link
   * SweepLayout#lock()}) for as long as it runs, so that no two of them ever run in one root at
   * once. The operating system releases it when the process ends, however it ends.
   */
  public static final class RootLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RootLock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    /**
     * Locks {@code root} (which must exist).
     *
     * @param command what is about to run there, for the message, e.g. {@code sweep}
     * @throws SweepConflictException when a sweep or a walk-forward holds the lock
     * @throws IOException when the lock file cannot be opened
     */
    public static RootLock acquire(Path root, String command) throws IOException {
      Path file = new SweepLayout(root).lock();
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      if (lock == null) {
        channel.close();
        String holder = holder(file);
        throw new SweepConflictException(
            "another "
                + (holder != null
                    ? holder
                    : "sweep".equals(command) ? "sweep" : "sweep or " + command)
                + " is running in "
                + root
                + "; wait for it or use another folder");
      }
      try {
        // who holds the lock, for the refusal of the next one
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(command.getBytes(StandardCharsets.UTF_8)), 0);
      } catch (IOException e) {
        // the refusal then names no holder
      }
      return new RootLock(channel, lock);
    }

    /** The command recorded in the lock file by the run holding it, or {@code null}. */
    private static String holder(Path file) {
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        return text.equals("sweep") || text.equals("walkforward") ? text : null;
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    @Override
    public void close() throws IOException {
      try {
        lock.release();
      } finally {
        channel.close();
      }
    }
  }

  /**
   * Refuses a session whose data file (or venue files) is not there, is a folder or cannot be read,
   * before anything is planned or run.
   *
   * @throws SessionConfigException naming the session file's line and the path looked for
   */
  public static void requireInputs(Path sessionFile, SessionConfig session, Path dataRoot) {
    VenueFiles venues = session.base().venues();
    if (venues == null) {
      requireDataFile(sessionFile, dataRoot, session.base().dataFile(), BacktestConfig.DATA_FILE);
    } else {
      requireDataFile(sessionFile, dataRoot, venues.venueA(), VenueFiles.VENUE_A);
      requireDataFile(sessionFile, dataRoot, venues.venueB(), VenueFiles.VENUE_B);
    }
  }

  /**
   * Refuses a session whose data file is not there, is a folder or cannot be read, before anything
   * is planned or run: every job would only write an error document saying so.
   *
   * @throws SessionConfigException naming the session file's {@code data_file} line and the path
   *     looked for
   */
  private static void requireDataFile(
      Path sessionFile, Path dataRoot, String dataFile, String key) {
    Path resolved;
    try {
      resolved = dataRoot.resolve(dataFile);
    } catch (InvalidPathException e) {
      return; // each job says why this is no path
    }
    String problem;
    if (!Files.exists(resolved)) {
      String where = QuotesSource.local(new QuotesCache(), dataRoot).lookedFor(dataFile);
      problem =
          Excerpt.of(dataFile)
              + " not found"
              + (where == null ? "" : " (looked for " + where + ")");
    } else if (Files.isDirectory(resolved)) {
      problem =
          Excerpt.of(resolved.toAbsolutePath().normalize().toString())
              + " is a folder, not a quotes file";
    } else if (!Files.isReadable(resolved)) {
      problem =
          Excerpt.of(resolved.toAbsolutePath().normalize().toString())
              + " cannot be read (permission denied)";
    } else {
      return;
    }
    throw new SessionConfigException(
        sessionFile.toString(),
        SessionFile.lineOf(sessionFile, key),
        key,
        problem + "; no job was run",
        null);
  }

  /**
   * Writes the plan and the inputs record, deciding whether earlier results can be resumed: only
   * when the plan is byte for byte the same and was computed from the same data file. A root is a
   * sweep's when it holds the sweep's record: {@code jobs.jsonl} with {@code inputs.json} beside it
   * (a sweep writes the record before the plan and deletes it last). Starting over deletes only
   * what that record says the sweep made: see {@link #deleteOwnResults}.
   *
   * @return whether an earlier sweep of the same plan and inputs is resumed
   */
  private static boolean preparePlan(SweepLayout layout, SessionPlanner planner, Options options)
      throws IOException {
    Path candidate = layout.planCandidate();
    try {
      PlanFile.write(candidate, planner.streamJobs());
      String inputs = inputsRecord(planner, options.dataRoot());
      boolean hasPlan = Files.isRegularFile(layout.plan());
      boolean isSweep = hasPlan && Files.isRegularFile(layout.inputs());
      if (!isSweep && Files.exists(layout.results(), LinkOption.NOFOLLOW_LINKS)) {
        throw new SweepConflictException(
            layout.root()
                + " has a results folder that no sweep made (there is no jobs.jsonl with the"
                + " inputs.json a sweep keeps beside it), so not even --fresh deletes it; use"
                + " another output folder");
      }
      if (hasPlan && !isSweep) {
        throw new SweepConflictException(
            layout.plan()
                + " is not a sweep's plan (there is no inputs.json beside it), so not even --fresh"
                + " replaces it; move it away or use another output folder");
      }
      boolean same =
          isSweep
              && Files.mismatch(candidate, layout.plan()) == -1
              && Files.readString(layout.inputs(), StandardCharsets.UTF_8).equals(inputs);
      if (isSweep && (!same || options.fresh())) {
        if (!options.fresh()) {
          throw new SweepConflictException(
              layout.root()
                  + " holds the results of a different session (the session file, the data"
                  + " file or --data-root changed); give --fresh to delete them and start over,"
                  + " or use another output folder");
        }
        deleteOwnResults(layout);
        // the record goes last: a sweep killed meanwhile still finds its own root
        for (Path p : List.of(layout.plan(), layout.summary(), layout.report(), layout.inputs())) {
          Files.deleteIfExists(p);
        }
      }
      AtomicFiles.writeText(layout.inputs(), w -> w.write(inputs), false);
      Files.move(candidate, layout.plan(), StandardCopyOption.REPLACE_EXISTING);
      return same && !options.fresh();
    } finally {
      Files.deleteIfExists(candidate);
    }
  }

  /**
   * Removes what a sweep killed while planning left in the root: the plan candidate and the
   * temporary files of the candidate and of {@code inputs.json} (both written only under the
   * sweep's lock, which the caller holds). Nothing else.
   */
  private static void removePlanningLeftovers(SweepLayout layout) throws IOException {
    Files.deleteIfExists(layout.planCandidate());
    List<String> prefixes =
        List.of(
            AtomicFiles.TEMPORARY_PREFIX + layout.planCandidate().getFileName() + ".",
            AtomicFiles.TEMPORARY_PREFIX + layout.inputs().getFileName() + ".");
    try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.root())) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (AtomicFiles.isTemporaryName(name)
            && prefixes.stream().anyMatch(name::startsWith)
            && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /**
   * Deletes the results folder of the sweep whose plan is {@code layout.plan()}, but only when it
   * holds nothing but what that sweep wrote: the documents at its plan lines' {@code output_json}
   * and in {@code _invalid_plan_lines/}, the run's lock file and temporary files ({@code
   * .arbtune-*.tmp}), and folders. Anything else (a file of the user's, a symbolic link) stops it
   * before anything is deleted.
   *
   * @throws SweepConflictException naming the first such file
   */
  public static void deleteOwnResults(SweepLayout layout) throws IOException {
    deleteOwnResults(layout, "the sweep");
  }

  /**
   * As {@link #deleteOwnResults(SweepLayout)}, naming the run that wrote the plan ({@code the
   * walk-forward}) in the refusal.
   */
  public static void deleteOwnResults(SweepLayout layout, String writer) throws IOException {
    Path results = layout.results();
    if (!Files.exists(results, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Set<String> made = new HashSet<>();
    try (BufferedReader plan = Files.newBufferedReader(layout.plan(), StandardCharsets.UTF_8)) {
      long lineNumber = 0;
      for (String text = plan.readLine(); text != null; text = plan.readLine()) {
        lineNumber++;
        if (text.isBlank()) {
          continue;
        }
        made.add(OutputPaths.forInvalidLine(Path.of(""), lineNumber).toString());
        String output = PlanLine.parse(lineNumber, text).outputJson();
        if (output != null) {
          try {
            made.add(OutputPaths.resolve(Path.of(""), output).toString());
          } catch (IllegalArgumentException e) {
            // such a line's document is in _invalid_plan_lines/
          }
        }
      }
    }
    Path[] foreign = new Path[1];
    if (!Files.isDirectory(results, LinkOption.NOFOLLOW_LINKS)) {
      foreign[0] = results;
    } else {
      Files.walkFileTree(
          results,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              String relative = results.relativize(file).toString();
              String name = file.getFileName().toString();
              boolean ours =
                  attrs.isRegularFile()
                      && (made.contains(relative)
                          || relative.equals(OutputPaths.LOCK_FILE)
                          || AtomicFiles.isTemporaryName(name));
              if (ours) {
                return FileVisitResult.CONTINUE;
              }
              foreign[0] = file;
              return FileVisitResult.TERMINATE;
            }
          });
    }
    if (foreign[0] != null) {
      throw new SweepConflictException(
          "--fresh would delete "
              + results
              + ", but it holds "
              + foreign[0]
              + ", which "
              + writer
              + " did not write; nothing was deleted: move such files away, or"
              + " use another output folder");
    }
    deleteTree(results);
  }

  /**
   * What the results depend on besides the plan: the data file as resolved against the data root,
   * with its size and modification time (a data file fixed or regenerated in place invalidates the
   * results too).
   */
  private static String inputsRecord(SessionPlanner planner, Path dataRoot) throws IOException {
    return Json.prettyWriter().writeValueAsString(inputFiles(firstConfig(planner), dataRoot))
        + "\n";
  }

  /**
   * The input files of jobs configured as {@code first} (its {@code data_file}, or its venue
   * files), each as resolved against {@code dataRoot} with its size and modification time: what
   * results computed from them depend on besides their configs.
   *
   * @param first a job's config, or {@code null} for none
   */
  public static Map<String, Object> inputFiles(BacktestConfig first, Path dataRoot)
      throws IOException {
    Map<String, Object> record = new LinkedHashMap<>();
    if (first == null || first.venues() == null) {
      inputRecord(record, "", dataRoot, first == null ? "" : first.dataFile());
    } else {
      inputRecord(record, VenueFiles.VENUE_A + "_", dataRoot, first.venues().venueA());
      inputRecord(record, VenueFiles.VENUE_B + "_", dataRoot, first.venues().venueB());
    }
    return record;
  }

  /**
   * Records one input file: {@code data_file} (or {@code venue_a_file}, ...) as resolved, with its
   * size and modification time under {@code prefix}.
   */
  private static void inputRecord(
      Map<String, Object> record, String prefix, Path dataRoot, String file) throws IOException {
    Path resolved = dataRoot.resolve(file).toAbsolutePath().normalize();
    record.put(prefix.isEmpty() ? "data_file" : prefix + "file", resolved.toString());
    if (Files.isRegularFile(resolved)) {
      record.put(prefix + "size", Files.size(resolved));
      record.put(prefix + "modified", Files.getLastModifiedTime(resolved).toString());
    } else {
      record.put(prefix + "size", null);
      record.put(prefix + "modified", null);
    }
  }

  private static BacktestConfig firstConfig(SessionPlanner planner) {
    try (Stream<JobPlan> jobs = planner.streamJobs()) {
      return jobs.findFirst().map(JobPlan::config).orElse(null);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
