package dev.arbtune.run;

import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.io.AtomicFiles;
import dev.arbtune.result.ResultWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a JSONL plan: every line is one job, run on a fixed number of worker threads, each writing
 * one result document inside the output root. Lines are streamed (one per worker is held at a time,
 * however long the plan): each worker takes the next line itself, and the lines are read, parsed
 * and their {@code output_json} and {@code job_id} claimed in line order, one worker at a time, as
 * one reading thread would (without a queue and a hand-off between threads for every job: about 0.1
 * s of a 10,000-job sweep's 1.5 s, docs/BENCHMARKS.md); each quotes file is loaded once and shared
 * by all jobs (within the quotes budget, see {@link SessionOptions#quotesCacheBytes()}).
 *
 * <p>One job's failure never stops the others (unless {@code stopOnError}): it writes an error
 * document and the session goes on. So does a line whose {@code output_json} an earlier line
 * already claimed (compared after normalization, such as {@code s/./a.json} and {@code s/a.json}):
 * the later line is an error job whose document goes to {@code _invalid_plan_lines/}, so no result
 * silently replaces another. A {@code job_id} used twice is a {@linkplain SessionListener#warning
 * warning}.
 *
 * <p>A session holds an exclusive lock on its output root ({@code ROOT/.arbtune.lock}) for as long
 * as it runs: a second session on the same root fails with {@link OutputRootBusyException}. While
 * holding it, the session first removes the temporary files that an interrupted session of the same
 * root left behind, and only those: they carry the root's id ({@code .arbtune-NAME.ID.HEX.tmp}, the
 * id kept in the lock file), so the live files of a session whose root is a sub-folder (which is
 * never searched) or a parent folder are not touched. Documents are written atomically, so a
 * session killed at any moment leaves only whole documents; run again with {@code resume} to finish
 * the plan: the documents then equal those of an uninterrupted run (but for {@code
 * runtime_seconds}).
 *
 * <p>A plan that is a regular file is counted before it runs (for the progress total), from its
 * bytes ({@code PlanJobCount}); one that is not (a pipe, {@code /dev/stdin}) is read once and runs
 * without a known total.
 *
 * <pre>{@code
 * SessionSummary summary =
 *     new SessionRunner(SessionOptions.builder(plan, outputRoot).resume(true).build()).run();
 * }</pre>
 */
public final class SessionRunner {

  private final SessionOptions options;
  private final QuotesCache cache;

  /** A runner with its own quotes cache, of {@link SessionOptions#quotesCacheBytes()}. */
  public SessionRunner(SessionOptions options) {
    this(options, new QuotesCache(Objects.requireNonNull(options, "options").quotesCacheBytes()));
  }

  /**
   * A runner that loads quotes through {@code cache} (share one to load each file once); {@link
   * SessionOptions#quotesCacheBytes()} is then not used.
   */
  public SessionRunner(SessionOptions options, QuotesCache cache) {
    this.options = Objects.requireNonNull(options, "options");
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  /**
   * Runs the session without a listener.
   *
   * @throws IOException when the plan cannot be read or the output root cannot be used
   */
  public SessionSummary run() throws IOException {
    return run(SessionListener.NONE);
  }

  /**
   * Runs the session, telling {@code listener} about each job.
   *
   * @throws java.nio.file.NoSuchFileException when the plan does not exist
   * @throws FileSystemException when the plan is a folder
   * @throws java.nio.file.NotDirectoryException when the output root exists but is not a folder
   * @throws OutputRootBusyException when another session is running on the output root
   * @throws IOException when the plan cannot be read (jobs already started still finish) or the
   *     output root cannot be created
   */
  public SessionSummary run(SessionListener listener) throws IOException {
    Objects.requireNonNull(listener, "listener");
    long started = System.nanoTime();
    Path planFile = options.plan();
    if (Files.isDirectory(planFile)) {
      throw new FileSystemException(
          planFile.toString(), null, "is a folder; the plan must be a JSON Lines file");
    }
    if (!Files.exists(planFile)) {
      throw new NoSuchFileException(planFile.toString(), null, "plan not found");
    }
    try (OutputRootLock lock = OutputRootLock.acquire(options.outputRoot())) {
      if (lock.held()) {
        removeTemporaryFiles(options.outputRoot(), lock.id());
      } else {
        listener.warning(
            lock.problem()
                + "; temporary files of interrupted sessions are not removed, and another session"
                + " on the same output root would not be noticed");
      }
      JobRunner jobs =
          new JobRunner(
              cache,
              options.dataRoot(),
              new ResultWriter(options.durable(), lock.id()),
              options.plan(),
              options.joinedFolder(),
              listener,
              options.engine());
      return runLocked(jobs, listener, started);
    }
  }

  private SessionSummary runLocked(JobRunner jobs, SessionListener listener, long started)
      throws IOException {
    long total = Files.isRegularFile(options.plan()) ? countJobs() : SessionListener.UNKNOWN_TOTAL;
    listener.sessionStarted(total);

    LongAdder success = new LongAdder();
    LongAdder error = new LongAdder();
    LongAdder skipped = new LongAdder();
    SessionControl control = new SessionControl();
    AtomicBoolean stoppedOnError = new AtomicBoolean();
    listener.sessionControl(control);
    try (PlanFeed feed = new PlanFeed(openPlan(), options.maxJobs(), control, listener)) {
      Runnable work =
          () -> {
            PlanFeed.Job job;
            while ((job = feed.next()) != null) {
              if (!control.jobStarting()) {
                control.jobEnded();
                return;
              }
              try {
                JobOutcome outcome =
                    jobs.run(job.line(), options.outputRoot(), options.resume(), job.problem());
                switch (outcome.status()) {
                  case SUCCESS -> success.increment();
                  case SKIPPED -> skipped.increment();
                  case ERROR -> {
                    error.increment();
                    if (options.stopOnError()) {
                      stoppedOnError.set(true);
                      control.requestStop();
                    }
                  }
                }
                listener.jobFinished(outcome);
              } catch (RuntimeException | Error e) { // a bug: said, and the session goes on
                Thread.UncaughtExceptionHandler handler =
                    Thread.currentThread().getUncaughtExceptionHandler();
                handler.uncaughtException(Thread.currentThread(), e);
              } finally {
                control.jobEnded();
              }
            }
          };
      ThreadFactory factory = threadFactory();
      Thread[] workers = new Thread[options.parallelism()];
      try {
        for (int w = 0; w < workers.length; w++) {
          workers[w] = factory.newThread(work);
          workers[w].start();
        }
      } catch (RuntimeException | Error e) { // no thread to be had: the started ones finish first
        control.requestStop();
        joinQuietly(workers, control);
        throw e;
      }
      joinQuietly(workers, control);
      feed.rethrow();
      long s = success.sum();
      long e = error.sum();
      return new SessionSummary(
          Math.max(total, feed.taken()), // the plan may have grown since it was counted
          s + e,
          s,
          e,
          skipped.sum(),
          (System.nanoTime() - started) / 1e9,
          stoppedOnError.get());
    }
  }

  /**
   * Claims the line's {@code output_json} (normalized); returns why the line must not write it (an
   * earlier line claimed it), or {@code null}.
   */
  static String claimOutput(PlanClaims outputs, PlanLine line) {
    if (line.outputJson() == null) {
      return null;
    }
    Path normalized;
    try {
      normalized = OutputPaths.resolve(Path.of(""), line.outputJson());
    } catch (IllegalArgumentException e) {
      return null; // not usable anyway: the job runner says why
    }
    long earlier = outputs.claim(normalized.toString(), line.lineNumber());
    if (earlier == 0) {
      return null;
    }
    return "output_json "
        + line.outputJson()
        + " is already the output_json of "
        + (earlier > 0 ? "plan line " + earlier : "an earlier plan line")
        + " (each job needs a file of its own; this job's document is not written there)";
  }

  static void warnOnRepeatedJobId(PlanClaims jobIds, PlanLine line, SessionListener listener) {
    if (line.jobId() == null) {
      return;
    }
    long earlier = jobIds.claim(line.jobId(), line.lineNumber());
    if (earlier != 0) {
      listener.warning(
          "plan line "
              + line.lineNumber()
              + ": job_id "
              + line.jobId()
              + " is also the job_id of "
              + (earlier > 0 ? "plan line " + earlier : "an earlier plan line")
              + " (the aggregator reports such jobs as duplicates)");
    }
  }

  private BufferedReader openPlan() throws IOException {
    InputStream in = Files.newInputStream(options.plan());
    return new BufferedReader(
        new InputStreamReader(
            in,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)),
        1 << 16);
  }

  /**
   * Jobs the session will consider: non-blank plan lines, at most {@code maxJobs}, counted from the
   * bytes ({@link PlanJobCount}).
   */
  private long countJobs() throws IOException {
    try (InputStream in = Files.newInputStream(options.plan())) {
      return PlanJobCount.count(in, options.maxJobs());
    }
  }

  /**
   * Deletes the temporary files that an interrupted session of this root left behind: those whose
   * name carries the root's id ({@link AtomicFiles#isTemporaryNameOf}: {@code
   * .arbtune-NAME.ID.HEX.tmp}), no other file. It does not descend into a sub-folder that holds a
   * lock file of its own: that is another session's root, whose files are that session's. Call it
   * only while holding the root's lock: this root's temporary files are then not live. Problems are
   * ignored: a folder that cannot be read here will fail its jobs with a clear message.
   *
   * @param id the root's id ({@link OutputRootLock#id()})
   */
  static void removeTemporaryFiles(Path root, String id) {
    Objects.requireNonNull(id, "id");
    if (!Files.isDirectory(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return dir.equals(root) || !OutputRootLock.isRoot(dir)
                  ? FileVisitResult.CONTINUE
                  : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()
                  && AtomicFiles.isTemporaryNameOf(file.getFileName().toString(), id)) {
                try {
                  Files.deleteIfExists(file);
                } catch (IOException e) {
                  // left for the next session
                }
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // ignored, as above
    }
  }

  /**
   * Waits for the workers to finish ({@code null}: not made). When this thread is interrupted
   * meanwhile, the session starts no new job and the interrupt is kept for the caller, once the
   * running jobs have finished.
   */
  private static void joinQuietly(Thread[] workers, SessionControl control) {
    boolean interrupted = false;
    for (Thread worker : workers) {
      while (worker != null && worker.isAlive()) {
        try {
          worker.join();
        } catch (InterruptedException e) {
          interrupted = true;
          control.requestStop();
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory threadFactory() {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "arbtune-job-" + count.incrementAndGet());
      t.setDaemon(true);
      t.setUncaughtExceptionHandler(JobMemory::uncaught); // one line, never a stack trace
      return t;
    };
  }
}
