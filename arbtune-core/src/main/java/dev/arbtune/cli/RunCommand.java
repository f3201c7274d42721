package dev.arbtune.cli;

import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.frontend.EngineOption;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.frontend.UserInputException;
import dev.arbtune.frontend.VersionProvider;
import dev.arbtune.io.OutputTarget;
import dev.arbtune.run.SessionOptions;
import dev.arbtune.run.SessionRunner;
import dev.arbtune.run.SessionSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code arbtune run}: run every job of a JSONL plan, one result document per job. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Run the backtest jobs of a JSONL plan in parallel and write one result document per job"
          + " inside --output-root.",
      "",
      "Each plan line is {\"job_id\": ID, \"config\": {...}, \"output_json\": PATH}; PATH is"
          + " relative to --output-root and must stay inside it and end in .json. A relative"
          + " config.data_file is read from the current folder (or --data-root). Each quotes file"
          + " is loaded once.",
      "",
      "A failed job, or a malformed line, writes an error document (lines without a usable"
          + " output_json, and jobs whose output_json cannot be written:"
          + " _invalid_plan_lines/line_N.json) and the session goes on. Documents are"
          + " written atomically; after an interruption run the same command with --resume.",
      "",
      "A job that cannot get memory (a quotes file needs about twice its size while it loads)"
          + " is an error job too, saying how to raise the heap: ARBTUNE_JAVA_OPTS=-Xmx8g.",
      "",
      "Two lines with the same output_json (after normalization) would overwrite each other:"
          + " the later one is an error job (its document goes to _invalid_plan_lines/). So is a"
          + " line whose output_json is its own data_file or the plan (also through a link), or"
          + " lies in _invalid_plan_lines/ (also through a link), or whose job_id (256 characters),"
          + " paths (4096) or"
          + " other config strings (256) are too long. A job_id"
          + " used twice is a warning. The plan may be a pipe (--jobs /dev/stdin); it then runs"
          + " without a known total.",
      "",
      "A session locks its output root (DIR/.arbtune.lock) while it runs: a second session on the"
          + " same root exits with 1. Before the jobs start, temporary files that an interrupted"
          + " session of the same root left (.arbtune-*.ID.*.tmp, ID kept in the lock file) are"
          + " removed; a sub-folder holding its own .arbtune.lock is another root and not"
          + " searched.",
      "",
      "Ends with a session summary on stderr (with -q only when a job failed); exits 0 when every job succeeded (or was skipped),"
          + " 1 otherwise. Stopped by Ctrl-C or SIGTERM, it starts no new job, waits up to 5 s for"
          + " the running ones and prints one line saying how many jobs finished; the same command"
          + " with --resume finishes the rest."
    })
final class RunCommand implements Callable<Integer> {

  private static final int MAX_ERRORS_SHOWN = 20;

  private static final Path STDIN = Path.of("/dev/stdin");

  @Spec CommandSpec spec;

  @Option(
      names = "--jobs",
      required = true,
      paramLabel = "PLAN",
      description =
          "The plan: JSON Lines, one job per line (blank lines are ignored); - reads it from"
              + " stdin.")
  Path plan;

  @Option(
      names = "--output-root",
      required = true,
      paramLabel = "DIR",
      description = "Folder that every result document is written into (created if needed).")
  Path outputRoot;

  @Option(
      names = "--resume",
      description =
          "Skip jobs whose output_json already is their success document: the same job_id and the"
              + " same config as the plan line. Other jobs run again (without --resume every job"
              + " runs and its document is replaced).")
  boolean resume;

  @Option(
      names = "--stop-on-error",
      description = "Start no new job after the first error (jobs already running finish).")
  boolean stopOnError;

  @Option(
      names = "--max-jobs",
      paramLabel = "N",
      description = "Run only the first N jobs of the plan.")
  Long maxJobs;

  @Mixin RunOptions running;

  @Mixin QuotesCacheOption quotesCache;

  @Mixin EngineOption engine;

  @Option(
      names = {"-q", "--quiet"},
      description =
          "No progress bar and no per-job error lines on stderr; the session summary only when"
              + " a job failed or was not run.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    if (maxJobs != null && maxJobs < 1) {
      throw new ParameterException(
          spec.commandLine(), "--max-jobs must be at least 1, got " + maxJobs);
    }
    if (OutputTarget.isStdout(plan)) {
      plan = STDIN; // --jobs - reads the plan from stdin, like any pipe
    }
    if (Files.isDirectory(plan)) {
      throw new UserInputException(
          "--jobs " + plan + " is a folder; give the plan file (JSON Lines, one job per line)");
    }
    requireFolder(outputRoot);
    SessionOptions options =
        SessionOptions.builder(plan, outputRoot)
            .dataRoot(running.dataRoot())
            .parallelism(running.parallelism())
            .resume(resume)
            .stopOnError(stopOnError)
            .maxJobs(maxJobs == null ? Long.MAX_VALUE : maxJobs)
            .durable(running.durable())
            .engine(engine.engine())
            .build();
    PrintWriter err = spec.commandLine().getErr();
    boolean progress = !quiet && Terminal.stderrIsTerminal();
    SummaryListener listener =
        new SummaryListener(
            err, quiet ? 0 : MAX_ERRORS_SHOWN, progress ? new ProgressBarListener() : null);
    SessionSummary summary;
    try (InterruptNotice notice =
        new InterruptNotice(
            err,
            "run",
            listener,
            resume ? "run the same command again" : "run the same command with --resume")) {
      QuotesCache cache =
          new QuotesCache(options.quotesCacheBytes(), quotesCache.disk(listener::warning));
      summary = new SessionRunner(options, cache).run(listener);
    } finally {
      listener.close();
    }
    if (!quiet || !summary.allSucceeded()) { // -q: the summary only to report failed jobs
      printSummary(err, plan, outputRoot, summary, quiet ? null : listener);
    }
    return summary.allSucceeded() ? ExitCodes.OK : ExitCodes.INPUT;
  }

  /** The session summary block on stderr, as {@code run} and {@code sweep} print it. */
  static void printSummary(
      PrintWriter err, Path plan, Path outputRoot, SessionSummary s, SummaryListener shown) {
    if (shown != null && shown.hiddenErrors() > 0) {
      err.println(shown.hiddenErrorsLine());
    }
    err.println("[run] Session summary: " + plan + " -> " + outputRoot);
    err.printf(Locale.ROOT, "  total:     %d%n", s.total());
    err.printf(Locale.ROOT, "  attempted: %d%n", s.attempted());
    err.printf(Locale.ROOT, "  success:   %d%n", s.success());
    err.printf(Locale.ROOT, "  error:     %d%n", s.error());
    err.printf(Locale.ROOT, "  skipped:   %d%n", s.skipped());
    if (s.notRun() > 0) {
      err.printf(
          Locale.ROOT,
          "  not run:   %d%s%n",
          s.notRun(),
          s.stoppedOnError() ? " (stopped on error)" : "");
    }
    err.printf(
        Locale.ROOT,
        "  elapsed:   %.2f s (%.1f jobs/s)%n",
        s.elapsedSeconds(),
        s.elapsedSeconds() > 0 ? s.attempted() / s.elapsedSeconds() : 0.0);
    err.flush();
  }

  /**
   * Refuses an {@code --output-root} that exists and is not a folder (exit 1), for every command
   * that takes one.
   */
  static void requireFolder(Path outputRoot) {
    if (Files.exists(outputRoot) && !Files.isDirectory(outputRoot)) {
      throw new UserInputException(
          "--output-root " + outputRoot + " is a file; give a folder (it is created if missing)");
    }
  }
}
