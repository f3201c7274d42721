package dev.arbtune.bench.gen;

import dev.arbtune.bench.ToolRunner;
import dev.arbtune.bench.gen.DocumentFactory.Job;
import dev.arbtune.bench.gen.GenerationMarker.Settings;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.frontend.UserInputException;
import dev.arbtune.frontend.VersionProvider;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Generates a realistic results folder ({@code DIR/<tag>/<job_id>.json}, at most {@code
 * --files-per-dir} documents per folder plus a {@code runner.log}) or one JSON Lines file, with a
 * fraction of broken documents of every kind in {@link BrokenKind}. The output depends only on the
 * settings, never on the thread count; a second run with the same settings reuses the output.
 *
 * <pre>
 * java -cp arbtune-bench/target/benchmarks.jar dev.arbtune.bench.gen.ResultDirGenerator \
 *     --out /tmp/arbtune-bench/files-100000 --count 100000
 * </pre>
 */
@Command(
    name = "ResultDirGenerator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Generate a results folder of N result documents laid out as the Python runner writes"
          + " them (json.dumps(indent=2), ~700-900 bytes each, DIR/<tag>/<job_id>.json), or with"
          + " --jsonl one JSON Lines file of N compact documents.",
      "",
      "A fraction of the documents is broken the ways real runs break them: empty, truncated,"
          + " invalid JSON, \"status\": \"error\", NaN PnL, not an object (no empty lines in"
          + " JSON Lines). Same settings, same bytes, whatever --threads.",
      "",
      "A marker (DIR/.arbtune-generated, or FILE.arbtune-generated) records the settings and"
          + " the counts; a run with the same settings reuses the output, a run with other"
          + " settings replaces it. An existing folder or file without a marker is never touched.",
      "",
      "Prints key=value lines: path, reused, documents, broken (by kind), expected_success_jobs,"
          + " expected_error_jobs, bytes, seconds."
    })
public final class ResultDirGenerator implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR|FILE",
      description = "Folder to fill (created), or with --jsonl the file to write.")
  Path out;

  @Option(
      names = "--count",
      required = true,
      paramLabel = "N",
      description = "Number of result documents (files, or lines with --jsonl).")
  long count;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--broken-fraction",
      paramLabel = "F",
      defaultValue = "0.01",
      description =
          "Probability that a document is broken, 0 to 1 (default: ${DEFAULT-VALUE}); the kinds"
              + " are equally likely.")
  double brokenFraction;

  @Option(
      names = "--jsonl",
      description =
          "Write one JSON Lines file (one compact document per line) instead of a folder.")
  boolean jsonLines;

  @Option(
      names = "--files-per-dir",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Documents per folder, i.e. jobs per session/tag (default: ${DEFAULT-VALUE}).")
  int filesPerDir;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Writer threads (default: the number of processors). Does not change output.")
  Integer threads;

  public static void main(String[] args) {
    ToolRunner.main(new ResultDirGenerator(), args);
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    validate();
    Settings settings = new Settings(jsonLines, count, seed, brokenFraction, filesPerDir);
    int pool = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    long start = System.nanoTime();
    Path marker = GenerationMarker.pathFor(out, jsonLines);
    GenerationMarker existing = GenerationMarker.read(marker).orElse(null);
    boolean reused =
        existing != null && existing.complete() && existing.settings().equals(settings);
    GenerationMarker result;
    if (reused) {
      result = existing;
    } else {
      prepare(existing != null, marker);
      new GenerationMarker(settings, false, 0, Map.of(), 0).write(marker);
      result = jsonLines ? writeJsonLines(settings, pool) : writeFolder(settings, pool);
      result.write(marker);
    }
    PrintWriter w = spec.commandLine().getOut();
    w.println("path=" + out.toAbsolutePath().normalize());
    w.println("reused=" + reused);
    w.print(result.text());
    w.printf("seconds=%.3f%n", (System.nanoTime() - start) / 1e9);
    return ExitCodes.OK;
  }

  private void validate() {
    if (count < 0) {
      throw usage("--count must be 0 or more, got " + count);
    }
    if (!(brokenFraction >= 0 && brokenFraction <= 1)) {
      throw usage("--broken-fraction must be between 0 and 1, got " + brokenFraction);
    }
    if (filesPerDir < 1) {
      throw usage("--files-per-dir must be 1 or more, got " + filesPerDir);
    }
    if (threads != null && threads < 1) {
      throw usage("--threads must be 1 or more, got " + threads);
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** Clears the way: removes our own earlier output; refuses to touch anything else. */
  private void prepare(boolean ours, Path marker) throws IOException {
    if (ours) {
      deleteRecursively(out);
      Files.deleteIfExists(marker);
      return;
    }
    if (jsonLines) {
      if (Files.exists(out)) {
        throw new UserInputException(
            out
                + " exists and has no "
                + marker.getFileName()
                + " marker, so this generator did"
                + " not write it; remove it or choose another --out");
      }
    } else if (Files.exists(out)) {
      if (!Files.isDirectory(out)) {
        throw new UserInputException(out + " exists and is not a folder; choose another --out");
      }
      try (Stream<Path> entries = Files.list(out)) {
        if (entries.findAny().isPresent()) {
          throw new UserInputException(
              out
                  + " is not empty and has no "
                  + GenerationMarker.NAME
                  + " marker, so this"
                  + " generator did not fill it; remove it or choose another --out");
        }
      }
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!jsonLines) {
      Files.createDirectories(out);
    }
  }

  /** What one task wrote. */
  private static final class Tally {
    final long[] broken = new long[BrokenKind.values().length];
    long documents;
    long bytes;

    void count(Job job, int length) {
      documents++;
      bytes += length;
      if (job.isBroken()) {
        broken[job.broken().ordinal()]++;
      }
    }

    void add(Tally other) {
      documents += other.documents;
      bytes += other.bytes;
      for (int i = 0; i < broken.length; i++) {
        broken[i] += other.broken[i];
      }
    }

    GenerationMarker marker(Settings settings) {
      Map<BrokenKind, Long> byKind = new EnumMap<>(BrokenKind.class);
      for (BrokenKind k : BrokenKind.values()) {
        byKind.put(k, broken[k.ordinal()]);
      }
      return new GenerationMarker(settings, true, documents, byKind, bytes);
    }
  }

  private GenerationMarker writeFolder(Settings settings, int pool)
      throws IOException, InterruptedException {
    Files.createDirectories(out);
    DocumentFactory factory =
        new DocumentFactory(seed, count, filesPerDir, brokenFraction, /* jsonLines= */ false);
    long sessions = (count + filesPerDir - 1) / filesPerDir;
    List<Callable<Tally>> tasks = new ArrayList<>();
    for (long s = 0; s < sessions; s++) {
      long from = s * filesPerDir;
      long to = Math.min(count, from + filesPerDir);
      tasks.add(() -> writeSession(factory, from, to));
    }
    Tally total = new Tally();
    for (Tally t : runAll(tasks, pool)) {
      total.add(t);
    }
    return total.marker(settings);
  }

  private Tally writeSession(DocumentFactory factory, long from, long to) throws IOException {
    Path dir = out.resolve(factory.tag(from));
    Files.createDirectories(dir);
    Tally tally = new Tally();
    for (long i = from; i < to; i++) {
      Job job = factory.job(i);
      byte[] bytes = job.text().getBytes(StandardCharsets.UTF_8);
      Files.write(dir.resolve(job.jobId() + ".json"), bytes, StandardOpenOption.CREATE_NEW);
      tally.count(job, bytes.length);
    }
    String log =
        "runner log: not a result file, ignored by the aggregator\n"
            + String.format("jobs %s to %s%n", factory.jobId(from), factory.jobId(to - 1));
    Files.writeString(dir.resolve("runner.log"), log, StandardOpenOption.CREATE_NEW);
    return tally;
  }

  /** Lines are made in parallel in chunks and written in order by this thread. */
  private GenerationMarker writeJsonLines(Settings settings, int pool)
      throws IOException, InterruptedException {
    DocumentFactory factory =
        new DocumentFactory(seed, count, filesPerDir, brokenFraction, /* jsonLines= */ true);
    int chunk = 4096;
    Tally total = new Tally();
    ExecutorService executor = Executors.newFixedThreadPool(pool);
    try (OutputStream os =
        new BufferedOutputStream(
            Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            1 << 20)) {
      Deque<Future<Chunk>> window = new ArrayDeque<>();
      for (long from = 0; from < count; from += chunk) {
        long start = from;
        long end = Math.min(count, from + chunk);
        window.add(executor.submit(() -> makeLines(factory, start, end)));
        if (window.size() >= 2 * pool + 2) {
          drainOne(window, os, total);
        }
      }
      while (!window.isEmpty()) {
        drainOne(window, os, total);
      }
    } finally {
      executor.shutdownNow();
    }
    return total.marker(settings);
  }

  private record Chunk(byte[] bytes, Tally tally) {}

  private static Chunk makeLines(DocumentFactory factory, long from, long to) {
    StringBuilder sb = new StringBuilder((int) (to - from) * 700);
    Tally tally = new Tally();
    for (long i = from; i < to; i++) {
      Job job = factory.job(i);
      sb.append(job.text()).append('\n');
      tally.count(job, job.text().length() + 1);
    }
    return new Chunk(sb.toString().getBytes(StandardCharsets.UTF_8), tally);
  }

  private static void drainOne(Deque<Future<Chunk>> window, OutputStream os, Tally total)
      throws IOException, InterruptedException {
    Chunk c = await(window.poll());
    os.write(c.bytes());
    total.add(c.tally());
  }

  private static List<Tally> runAll(List<Callable<Tally>> tasks, int pool)
      throws IOException, InterruptedException {
    ExecutorService executor = Executors.newFixedThreadPool(pool);
    try {
      List<Tally> done = new ArrayList<>();
      for (Future<Tally> f : executor.invokeAll(tasks)) {
        done.add(await(f));
      }
      return done;
    } finally {
      executor.shutdownNow();
    }
  }

  private static <T> T await(Future<T> f) throws IOException, InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    if (!Files.isDirectory(root)) {
      Files.delete(root);
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            if (!dir.equals(root)) {
              Files.delete(dir);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
