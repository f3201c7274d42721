package dev.arbtune.bench.baseline;

import dev.arbtune.bench.ToolRunner;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.frontend.VersionProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The raw-read floor: walks a results folder and reads every byte of every {@code *.json} file (or
 * reads one file), counts the bytes and does nothing else. No aggregator that reads every file can
 * be faster than this on the same machine; the issue asks for the aggregator's wall time to be
 * within 1.3x of it.
 *
 * <p>With {@code --threads 1} it is the minimal single-threaded program (walk, open, read into one
 * reused buffer, close). With {@code --threads N} the calling thread walks and hands batches of
 * paths to N reader threads through a bounded queue (a single file is split into N ranges).
 *
 * <pre>
 * java -cp arbtune-bench/target/benchmarks.jar dev.arbtune.bench.baseline.RawReadFloor \
 *     --path /tmp/arbtune-bench/files-100000 --threads 2
 * </pre>
 */
@Command(
    name = "RawReadFloor",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Read every byte of every *.json file under a folder (or of one file) and print"
          + " files=N and bytes=N; nothing else. The floor that aggregate is measured against."
    })
public final class RawReadFloor implements Callable<Integer> {

  /** Files are read through one reused direct buffer per thread of this size. */
  static final int BUFFER_SIZE = 64 * 1024;

  private static final int BATCH = 64;
  private static final List<Path> END = List.of();

  @Spec CommandSpec spec;

  @Option(
      names = "--path",
      required = true,
      paramLabel = "DIR|FILE",
      description =
          "A results folder (every *.json under it is read, recursively; symbolic links to"
              + " folders are not followed) or a single file (e.g. a .jsonl file).")
  Path path;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Reader threads (default: ${DEFAULT-VALUE}, the minimal program). With N > 1 one"
              + " thread walks and N threads read.")
  int threads;

  public static void main(String[] args) {
    ToolRunner.main(new RawReadFloor(), args);
  }

  /** Files and bytes read. */
  record Totals(long files, long bytes) {
    Totals plus(Totals other) {
      return new Totals(files + other.files, bytes + other.bytes);
    }
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (threads < 1) {
      throw new ParameterException(
          spec.commandLine(), "--threads must be 1 or more, got " + threads);
    }
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString());
    }
    Totals t;
    if (Files.isRegularFile(path)) {
      t = threads == 1 ? new Totals(1, readFile(path, buffer())) : readFileInRanges(path, threads);
    } else {
      t = threads == 1 ? readTreeSingle(path) : readTreeParallel(path, threads);
    }
    spec.commandLine().getOut().println("files=" + t.files());
    spec.commandLine().getOut().println("bytes=" + t.bytes());
    return ExitCodes.OK;
  }

  private static ByteBuffer buffer() {
    return ByteBuffer.allocateDirect(BUFFER_SIZE);
  }

  private static boolean isJson(Path file, BasicFileAttributes attrs) {
    return attrs.isRegularFile() && file.getFileName().toString().endsWith(".json");
  }

  /** Reads the whole file through {@code buf}; returns its length. */
  static long readFile(Path file, ByteBuffer buf) throws IOException {
    long n = 0;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      int r;
      while ((r = ch.read(buf.clear())) >= 0) {
        n += r;
      }
    }
    return n;
  }

  private static Totals readTreeSingle(Path root) throws IOException {
    ByteBuffer buf = buffer();
    long[] totals = new long[2];
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (isJson(file, attrs)) {
              totals[0]++;
              totals[1] += readFile(file, buf);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return new Totals(totals[0], totals[1]);
  }

  private static Totals readTreeParallel(Path root, int threads)
      throws IOException, InterruptedException {
    BlockingQueue<List<Path>> queue = new ArrayBlockingQueue<>(1024);
    ExecutorService readers = Executors.newFixedThreadPool(threads);
    List<Future<Totals>> results = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        results.add(readers.submit(() -> drain(queue)));
      }
      try {
        walkInto(root, queue);
      } finally {
        for (int i = 0; i < threads; i++) {
          queue.put(END);
        }
      }
      Totals sum = new Totals(0, 0);
      for (Future<Totals> f : results) {
        sum = sum.plus(await(f));
      }
      return sum;
    } finally {
      readers.shutdownNow();
    }
  }

  private static void walkInto(Path root, BlockingQueue<List<Path>> queue) throws IOException {
    List<List<Path>> pending = new ArrayList<>(List.of(new ArrayList<>(BATCH)));
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (isJson(file, attrs)) {
              List<Path> batch = pending.get(0);
              batch.add(file);
              if (batch.size() == BATCH) {
                put(queue, batch);
                pending.set(0, new ArrayList<>(BATCH));
              }
            }
            return FileVisitResult.CONTINUE;
          }
        });
    if (!pending.get(0).isEmpty()) {
      put(queue, pending.get(0));
    }
  }

  private static void put(BlockingQueue<List<Path>> queue, List<Path> batch) {
    try {
      queue.put(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while walking", e);
    }
  }

  /**
   * Reads batches until the end marker. A failure is kept and thrown at the end, so that the walker
   * never blocks on a full queue that nobody drains.
   */
  private static Totals drain(BlockingQueue<List<Path>> queue)
      throws IOException, InterruptedException {
    ByteBuffer buf = buffer();
    long files = 0;
    long bytes = 0;
    IOException failure = null;
    for (List<Path> batch = queue.take(); batch != END; batch = queue.take()) {
      for (Path file : batch) {
        if (failure != null) {
          continue;
        }
        try {
          files++;
          bytes += readFile(file, buf);
        } catch (IOException e) {
          failure = e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return new Totals(files, bytes);
  }

  private static Totals readFileInRanges(Path file, int threads)
      throws IOException, InterruptedException {
    long size = Files.size(file);
    long step = (size + threads - 1) / threads;
    ExecutorService readers = Executors.newFixedThreadPool(threads);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      List<Future<Long>> parts = new ArrayList<>();
      for (long from = 0; from < size; from += step) {
        long start = from;
        long end = Math.min(size, from + step);
        parts.add(readers.submit(() -> readRange(ch, start, end)));
      }
      long bytes = 0;
      for (Future<Long> f : parts) {
        bytes += await(f);
      }
      return new Totals(1, bytes);
    } finally {
      readers.shutdownNow();
    }
  }

  private static long readRange(FileChannel ch, long from, long to) throws IOException {
    ByteBuffer buf = buffer();
    long pos = from;
    while (pos < to) {
      buf.clear().limit((int) Math.min(buf.capacity(), to - pos));
      int r = ch.read(buf, pos);
      if (r < 0) {
        break;
      }
      pos += r;
    }
    return pos - from;
  }

  private static <T> T await(Future<T> f) throws IOException, InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof UncheckedIOException uio) {
        throw uio.getCause();
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    }
  }
}
