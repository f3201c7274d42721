package dev.arbtune.run;

import dev.arbtune.backtest.Backtest;
import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.BacktestMetrics;
import dev.arbtune.backtest.ConfigException;
import dev.arbtune.backtest.Engine;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.backtest.QuotesFormatException;
import dev.arbtune.io.Excerpt;
import dev.arbtune.io.IoMessages;
import dev.arbtune.result.ResultReader;
import dev.arbtune.result.ResultWriter;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

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
  private final QuotesSource quotes;

  /**
   * The quotes of jobs writing into each output root: the data root's, joining venue files into the
   * root's {@link VenueJoins#FOLDER} (a session has one root).
   */
  private final Map<Path, QuotesSource> rootQuotes = new ConcurrentHashMap<>();

  /** Where venue files are joined, or {@code null} for each output root's own folder. */
  private final Path joinedFolder;

  /** Hears what each join of venue files did. */
  private final SessionListener joinListener;

  /** The output root last seen and its real path: the same root serves a whole session. */
  private volatile Path[] realRoot;

  /**
   * Folders already created and found inside their output root, so checked once, with whether they
   * really lie in the root's {@link OutputPaths#INVALID_LINES_DIR} ({@link #reservedThroughLink}).
   */
  private final Map<Checked, Boolean> insideRoot = new ConcurrentHashMap<>();

  private static final int MAX_CHECKED_FOLDERS = 1 << 12;

  /** The plan being run, whose file no document may replace; {@code null} when none. */
  private final Path plan;

  /** The backtest engine of every job. */
  private final Engine engine;

  /** The plan's identity, read once (it exists while it runs); {@code null} when unknown. */
  private final FileId planId;

  /** The identity of each data file checked, by {@code data_file}: data files are few. */
  private final Map<String, Optional<FileId>> dataIds = new ConcurrentHashMap<>();

  private static final int MAX_DATA_IDS = 1 << 12;

  /**
   * Which documents may already exist: only those are compared with the inputs (a new file cannot
   * be one of them).
   */
  private final OutputNames outputNames = new OutputNames();

  private final LongAdder identityLooks = new LongAdder();

  /** How many times a job's {@code output_json} was looked up to compare it with the inputs. */
  long identityLooks() {
    return identityLooks.sum();
  }

  /** How many times an output folder's names were listed. */
  long folderListings() {
    return outputNames.listings();
  }

  /**
   * @param cache where quotes are loaded and shared
   * @param dataRoot folder that relative {@code data_file} paths are resolved against; {@code
   *     Path.of("")} for the current working directory
   * @param writer writes the result documents
   */
  public JobRunner(QuotesCache cache, Path dataRoot, ResultWriter writer) {
    this(cache, dataRoot, writer, null, null, SessionListener.NONE, Engine.DEFAULT);
  }

  /**
   * A runner for the jobs of {@code plan}: a line whose {@code output_json} is that file (by path,
   * symbolic link or hard link) is refused as {@link #run(PlanLine, Path, boolean, String)} says.
   *
   * @param cache where quotes are loaded and shared
   * @param dataRoot folder that relative {@code data_file} paths are resolved against
   * @param writer writes the result documents
   * @param plan the plan file being run, or {@code null}
   * @param joinedFolder where venue files are joined ({@link VenueJoins}), or {@code null} for the
   *     output root's {@code joined/}
   * @param joinListener hears what each join did ({@link SessionListener#joinStarting}, {@link
   *     SessionListener#joinSummary})
   * @param engine the engine the backtests use
   */
  public JobRunner(
      QuotesCache cache,
      Path dataRoot,
      ResultWriter writer,
      Path plan,
      Path joinedFolder,
      SessionListener joinListener,
      Engine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.joinListener = Objects.requireNonNull(joinListener, "joinListener");
    this.joinedFolder = joinedFolder;
    this.cache = Objects.requireNonNull(cache, "cache");
    this.dataRoot = Objects.requireNonNull(dataRoot, "dataRoot");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.quotes = QuotesSource.local(cache, dataRoot);
    this.plan = plan;
    this.planId = plan == null ? null : FileId.of(plan);
  }

  /** The quotes of this runner's jobs: its data root, through its cache. */
  public QuotesSource quotes() {
    return quotes;
  }

  /**
   * The quotes of jobs writing into {@code outputRoot}: this runner's data root, through its cache,
   * with venue files joined once ({@link VenueJoins}) into the folder given to the constructor, or
   * else into {@code outputRoot/joined/}.
   */
  public QuotesSource quotes(Path outputRoot) {
    return rootQuotes.computeIfAbsent(
        outputRoot,
        r ->
            QuotesSource.local(
                cache,
                dataRoot,
                joinedFolder != null ? joinedFolder : r.resolve(VenueJoins.FOLDER),
                joinListener));
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
    Quotes quotes = cache.get(dataPath(config), config.timeUnit());
    return Backtest.run(config, quotes, null, engine);
  }

  /**
   * Runs one plan line and writes its result document inside {@code outputRoot}: at its {@code
   * output_json}, or, when the line has no usable path or no document can be written there, at
   * {@link OutputPaths#forInvalidLine}.
   *
   * @param resume when true, a job whose document already is its finished success document ({@link
   *     JobDocument#isFinished}) is skipped
   */
  public JobOutcome run(PlanLine line, Path outputRoot, boolean resume) {
    return run(line, outputRoot, resume, null);
  }

  /**
   * Runs one plan line as {@link #run(PlanLine, Path, boolean)} does, but for a line whose {@code
   * output_json} the caller found unusable (another line of the plan claims it): such a line is an
   * error job whose document goes to {@link OutputPaths#forInvalidLine}. So is a line whose {@code
   * output_json} already exists and is the same file (through a symbolic or a hard link too) as its
   * own {@code data_file} or as the plan being run: its document would destroy that input.
   *
   * @param outputProblem why the line's {@code output_json} must not be written, or {@code null}
   */
  public JobOutcome run(PlanLine line, Path outputRoot, boolean resume, String outputProblem) {
    try {
      return runJob(line, outputRoot, resume, outputProblem);
    } catch (OutOfMemoryError e) { // past the backtest (which writes its own error document)
      return JobMemory.outcome(line);
    }
  }

  private JobOutcome runJob(PlanLine line, Path outputRoot, boolean resume, String outputProblem) {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(outputRoot, "outputRoot");
    Path target = null;
    String pathProblem = outputProblem;
    if (line.outputJson() != null && pathProblem == null) {
      try {
        target = OutputPaths.resolve(outputRoot, line.outputJson());
        String outside = outsideRoot(outputRoot, target);
        if (outside != null) {
          target = null;
          pathProblem = "output_json " + line.outputJson() + " " + outside;
        } else if (reservedThroughLink(outputRoot, target)) {
          target = null;
          pathProblem = OutputPaths.reserved(line.outputJson(), true);
        }
      } catch (IllegalArgumentException e) {
        pathProblem = e.getMessage();
      }
    }
    boolean mayExist = target != null && outputNames.mayExist(target.toAbsolutePath());
    String inputProblem = mayExist ? overwritesInput(line, target) : null;
    if (inputProblem != null) {
      target = null;
    }
    String problem = line.problem();
    if (problem == null) {
      problem = pathProblem != null ? pathProblem : inputProblem;
    } else {
      if (outputProblem != null) {
        problem = problem + "; and " + outputProblem;
      }
      if (inputProblem != null) {
        problem = problem + "; and " + inputProblem;
      }
    }
    if (target == null) {
      target = OutputPaths.forInvalidLine(outputRoot, line.lineNumber());
      String outside = outsideRoot(outputRoot, target);
      if (outside != null) {
        String message =
            "plan line "
                + line.lineNumber()
                + ": "
                + (problem == null ? "" : problem + "; and ")
                + IoMessages.cannotWrite(
                    "the error document", OutputPaths.INVALID_LINES_DIR + " " + outside);
        return new JobOutcome(
            line.lineNumber(), line.jobId(), null, JobOutcome.Status.ERROR, message, null);
      }
    }
    if (resume && problem == null && mayExist && isFinished(line, target)) {
      return new JobOutcome(
          line.lineNumber(), line.jobId(), target, JobOutcome.Status.SKIPPED, null, null);
    }
    JobDocument doc = JobDocument.of(line, problem, quotes(outputRoot), engine);
    if (!doc.isSuccess()) {
      return error(line, outputRoot, target, doc.config(), doc.error());
    }
    try {
      byte[] plain = doc.plainBytes();
      if (plain != null) {
        writer.writeDocument(target, plain);
      } else {
        writer.writeSuccess(
            target, line.jobId(), doc.config(), doc.metrics(), doc.summary(), doc.extra());
      }
    } catch (IOException e) {
      return error(
          line,
          outputRoot,
          target,
          doc.config(),
          "plan line "
              + line.lineNumber()
              + ": cannot write the result "
              + Excerpt.of(target.toString())
              + ": "
              + because(e, target));
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
   * Creates the folder of {@code target} and makes sure that it really is inside {@code root}: a
   * symbolic link inside the root may lead elsewhere, which the path's text does not show.
   *
   * @return {@code null} when it is inside (or when the folder cannot be created: writing will then
   *     fail with the reason), else what is wrong, e.g. {@code leads outside the output root
   *     through a symbolic link (to /elsewhere/x)}
   */
  private String outsideRoot(Path root, Path target) {
    Path folder = target.toAbsolutePath().getParent();
    Checked checked = new Checked(root, folder);
    if (insideRoot.containsKey(checked)) {
      return null; // a session's jobs mostly write into the same few folders
    }
    Path realRoot = realRoot(root);
    if (realRoot == null) {
      return null;
    }
    try {
      Path existing = folder;
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing != null) {
        Path real = existing.toRealPath();
        if (!real.startsWith(realRoot)) {
          return escapes(real);
        }
      }
      Files.createDirectories(folder);
      Path real = folder.toRealPath();
      if (!real.startsWith(realRoot)) {
        return escapes(real);
      }
      if (insideRoot.size() >= MAX_CHECKED_FOLDERS) {
        insideRoot.clear();
      }
      insideRoot.put(checked, OutputPaths.isReserved(realRoot, real));
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  /**
   * Whether {@code target}, whose folder {@link #outsideRoot} found inside {@code root}, really
   * lies in the root's {@link OutputPaths#INVALID_LINES_DIR}: a symbolic link inside the root (say
   * {@code lnk/up -> ..}) may lead there although the path's text names another folder. {@code
   * false} when the folder could not be created (writing will then fail with the reason).
   */
  private boolean reservedThroughLink(Path root, Path target) {
    Path folder = target.toAbsolutePath().getParent();
    Boolean known = insideRoot.get(new Checked(root, folder));
    if (known != null) {
      return known;
    }
    Path realFolder; // not created, or the cache was just cleared
    try {
      realFolder = folder.toRealPath();
    } catch (IOException e) {
      return false;
    }
    Path realRoot = realRoot(root);
    return realRoot != null && OutputPaths.isReserved(realRoot, realFolder);
  }

  /**
   * A folder found (really) inside an output root. A class, not a record: looked up for every job,
   * and a record's {@code equals} and {@code hashCode} run through method handles, code that each
   * run's interpreter and compilers would first have to go through.
   */
  private static final class Checked {
    private final Path root;
    private final Path folder;

    Checked(Path root, Path folder) {
      this.root = root;
      this.folder = folder;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Checked c && root.equals(c.root) && folder.equals(c.folder);
    }

    @Override
    public int hashCode() {
      return 31 * root.hashCode() + folder.hashCode();
    }
  }

  private static String escapes(Path real) {
    return "leads outside the output root through a symbolic link (to " + real + ")";
  }

  /** The real path of the output root (created when missing), or {@code null} when unknown. */
  private Path realRoot(Path root) {
    Path[] known = realRoot;
    if (known != null && known[0].equals(root)) {
      return known[1];
    }
    try {
      Files.createDirectories(root);
      Path real = root.toRealPath();
      realRoot = new Path[] {root, real};
      return real;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Writes an error document at {@code target}; when that fails (a file name too long, a file in
   * the way, a read-only folder), at {@link OutputPaths#forInvalidLine} instead, so that the job
   * still has its one document; when even that fails (a full disk), the outcome says so and names
   * no document.
   */
  private JobOutcome error(
      PlanLine line, Path outputRoot, Path target, Map<String, ?> config, String message) {
    try {
      writer.writeError(target, line.jobId(), config, message);
      return new JobOutcome(
          line.lineNumber(), line.jobId(), target, JobOutcome.Status.ERROR, message, null);
    } catch (IOException e) {
      String both =
          message.contains("cannot write")
              ? message
              : message
                  + "; and cannot write the error document "
                  + Excerpt.of(target.toString())
                  + ": "
                  + because(e, target);
      Path instead = OutputPaths.forInvalidLine(outputRoot, line.lineNumber());
      if (!instead.equals(target) && outsideRoot(outputRoot, instead) == null) {
        String moved = both + "; its error document is " + instead + " instead";
        try {
          writer.writeError(instead, line.jobId(), config, moved);
          return new JobOutcome(
              line.lineNumber(), line.jobId(), instead, JobOutcome.Status.ERROR, moved, null);
        } catch (IOException again) {
          // no document at all: said below
        }
      }
      return new JobOutcome(
          line.lineNumber(), line.jobId(), null, JobOutcome.Status.ERROR, both, null);
    }
  }

  private boolean isFinished(PlanLine line, Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try {
      return JobDocument.isFinished(line, reader.read(file));
    } catch (IOException | RuntimeException | dev.arbtune.result.ResultFormatException e) {
      return false;
    }
  }

  /**
   * Why a line's document must not go to {@code target}, or {@code null}: {@code target} exists and
   * is the plan being run or the line's own data file (compared by file identity, so a symbolic or
   * a hard link to it counts). Costs one look at {@code target} and one per distinct data file;
   * called only when {@link OutputNames#mayExist} says that {@code target} may exist, since a file
   * the session has not written and that was not in the folder when it was listed cannot be the
   * plan or a data file (both existed before).
   */
  private String overwritesInput(PlanLine line, Path target) {
    identityLooks.increment();
    FileId id = FileId.of(target);
    if (id == null) {
      return null;
    }
    if (id.same(planId)) {
      return "output_json "
          + Excerpt.of(line.outputJson())
          + " is the plan being run ("
          + Excerpt.of(plan.toString())
          + "); writing the result there would destroy the plan, so give output_json a path of"
          + " its own";
    }
    if (line.config() != null) {
      BacktestConfig config = line.config();
      if (config.venues() != null) {
        for (String venue : List.of(config.venues().venueA(), config.venues().venueB())) {
          if (id.same(dataId(venue))) {
            return "output_json "
                + Excerpt.of(line.outputJson())
                + " is this job's venue file ("
                + Excerpt.of(venue)
                + "); writing the result there would destroy the quotes, so give output_json a"
                + " path of its own";
          }
        }
        return null;
      }
      String dataFile = config.dataFile();
      if (id.same(dataId(dataFile))) {
        return "output_json "
            + Excerpt.of(line.outputJson())
            + " is this job's data_file ("
            + Excerpt.of(dataFile)
            + "); writing the result there would destroy the quotes, so give output_json a path"
            + " of its own";
      }
    }
    return null;
  }

  private FileId dataId(String file) {
    if (dataIds.size() >= MAX_DATA_IDS) {
      dataIds.clear();
    }
    return dataIds
        .computeIfAbsent(file, f -> Optional.ofNullable(FileId.of(dataRoot.resolve(f))))
        .orElse(null);
  }

  /** A file's identity (device and inode where the file system has them), links followed. */
  private record FileId(Object key, Path path) {

    /** The identity of the file {@code path} leads to, or {@code null} when there is none. */
    static FileId of(Path path) {
      if (path.getFileSystem() == FileSystems.getDefault() && !path.toFile().exists()) {
        return null; // a job's output_json mostly does not exist yet: spares an exception
      }
      try {
        return new FileId(
            Files.readAttributes(path, BasicFileAttributes.class).fileKey(), path.toAbsolutePath());
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    boolean same(FileId other) {
      if (other == null) {
        return false;
      }
      if (key != null && other.key != null) {
        return key.equals(other.key);
      }
      try {
        return Files.isSameFile(path, other.path);
      } catch (IOException e) {
        return false;
      }
    }
  }

  /**
   * {@link #describe} of a failure to write {@code subject}, without the path when the exception
   * names {@code subject} itself or its temporary file (the message names {@code subject} already),
   * or a path too long to echo whole.
   */
  static String because(IOException e, Path subject) {
    return because(e, subject.toString());
  }

  /** {@link #because(IOException, Path)} for a subject named by its text. */
  static String because(IOException e, String subject) {
    String reason = describe(e);
    if (e instanceof FileSystemException f && f.getFile() != null) {
      String file = f.getFile();
      String suffix = ": " + Excerpt.of(file);
      if (reason.endsWith(suffix)
          && (file.length() > Excerpt.MAX_CHARS
              || file.equals(subject)
              || isTemporaryOf(file, subject))) {
        return reason.substring(0, reason.length() - suffix.length());
      }
    }
    return reason;
  }

  private static boolean isTemporaryOf(String file, String subjectText) {
    try {
      Path f = Path.of(file);
      Path subject = Path.of(subjectText);
      Path name = subject.getFileName();
      return name != null
          && Objects.equals(f.getParent(), subject.getParent())
          && f.getFileName().toString().startsWith(".arbtune-" + name);
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  /** A one-line reason for an I/O failure, naming the file where the exception knows it. */
  public static String describe(IOException e) {
    return dev.arbtune.io.IoMessages.describe(e);
  }
}
