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
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a JSONL plan: every line is one job, run on a bounded pool of threads, each writing one
 * result document inside the output root. Lines are streamed (a few per thread are held at a time,
 * however long the plan); each quotes file is loaded once and shared by all jobs.
 *
 * <p>One job's failure never stops the others (unless {@code stopOnError}): it writes an error
 * document and the session goes on. Documents are written atomically, so a session killed at any
 * moment leaves only whole documents, plus perhaps hidden temporary files, which the next session
 * on the same output root removes before it starts. Run again with {@code resume} to finish the
 * plan: the documents then equal those of an uninterrupted run (but for {@code runtime_seconds}).
 * Two sessions must not write into the same output root at once.
 *
 * <pre>{@code
 * SessionSummary summary =
 *     new SessionRunner(SessionOptions.builder(plan, outputRoot).resume(true).build()).run();
 * }</pre>
 */
public final class SessionRunner {

  private final SessionOptions options;
  private final JobRunner jobs;

  /** A runner with its own quotes cache. */
  public SessionRunner(SessionOptions options) {
    this(options, new QuotesCache());
  }

  /** A runner that loads quotes through {@code cache} (share one to load each file once). */
  public SessionRunner(SessionOptions options, QuotesCache cache) {
    this.options = Objects.requireNonNull(options, "options");
    this.jobs =
        new JobRunner(
            Objects.requireNonNull(cache, "cache"),
            options.dataRoot(),
            new ResultWriter(options.durable()));
  }

  /**
   * Runs the session without a listener.
   *
   * @throws IOException when the plan cannot be read
   */
  public SessionSummary run() throws IOException {
    return run(SessionListener.NONE);
  }

  /**
   * Runs the session, telling {@code listener} about each job.
   *
   * @throws java.nio.file.NoSuchFileException when the plan does not exist
   * @throws IOException when the plan cannot be read (jobs already started still finish)
   */
  public SessionSummary run(SessionListener listener) throws IOException {
    Objects.requireNonNull(listener, "listener");
    long started = System.nanoTime();
    long total = countJobs();
    listener.sessionStarted(total);
    removeTemporaryFiles(options.outputRoot());

    LongAdder success = new LongAdder();
    LongAdder error = new LongAdder();
    LongAdder skipped = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    int parallelism = options.parallelism();
    Semaphore slots = new Semaphore(parallelism * 4);
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, threadFactory());
    long submitted = 0;
    try (BufferedReader plan = openPlan()) {
      long lineNumber = 0;
      String text;
      while (submitted < options.maxJobs() && !stop.get() && (text = plan.readLine()) != null) {
        lineNumber++;
        if (lineNumber == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1);
        }
        if (text.isBlank()) {
          continue;
        }
        submitted++;
        try {
          slots.acquire();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stop.set(true);
          break;
        }
        long n = lineNumber;
        String line = text;
        pool.execute(
            () -> {
              try {
                if (stop.get()) {
                  return;
                }
                JobOutcome outcome =
                    jobs.run(PlanLine.parse(n, line), options.outputRoot(), options.resume());
                switch (outcome.status()) {
                  case SUCCESS -> success.increment();
                  case SKIPPED -> skipped.increment();
                  case ERROR -> {
                    error.increment();
                    if (options.stopOnError()) {
                      stop.set(true);
                    }
                  }
                }
                listener.jobFinished(outcome);
              } finally {
                slots.release();
              }
            });
      }
    } finally {
      pool.shutdown();
      awaitQuietly(pool);
    }
    long s = success.sum();
    long e = error.sum();
    return new SessionSummary(
        Math.max(total, submitted), // the plan may have grown since it was counted
        s + e,
        s,
        e,
        skipped.sum(),
        (System.nanoTime() - started) / 1e9,
        stop.get() && options.stopOnError());
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

  /** Jobs the session will consider: non-blank plan lines, at most {@code maxJobs}. */
  private long countJobs() throws IOException {
    long count = 0;
    try (BufferedReader plan = openPlan()) {
      String text = plan.readLine();
      if (text != null && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      for (; count < options.maxJobs() && text != null; text = plan.readLine()) {
        if (!text.isBlank()) {
          count++;
        }
      }
    }
    return count;
  }

  /**
   * Deletes the temporary files that an interrupted session's atomic writes left behind. Problems
   * are ignored: a folder that cannot be read here will fail its jobs with a clear message.
   */
  static void removeTemporaryFiles(Path root) {
    if (!Files.isDirectory(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()
                  && AtomicFiles.isTemporaryName(file.getFileName().toString())) {
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

  private static void awaitQuietly(ExecutorService pool) {
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.DAYS)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
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
      return t;
    };
  }
}
