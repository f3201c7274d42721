package dev.arbtune.aggregate;

import dev.arbtune.result.ResultReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;

/**
 * Walks a results directory and turns every result file, and every line of every JSON Lines file,
 * into an {@link AggregatedJobResult}, in parallel.
 *
 * <p>The calling thread only lists directories (no per-file {@code stat}) and feeds a bounded
 * queue: a task per {@code *.json} name, and blocks of whole lines, about 256 KiB each, for {@code
 * *.jsonl} files. Worker threads check each file's type, read it with one reused buffer, parse it
 * and hand the job to their own {@link Sink}, so sinks need no locking. Memory is bounded by the
 * queue, not by the number of files.
 *
 * <p>What counts: regular files, and symbolic links to regular files (a dangling link is reported
 * as unreadable). Symbolic links to directories are not followed; FIFOs, sockets and devices are
 * ignored, so a scan never blocks on one.
 */
final class ResultScanner {

  /** Receives the jobs of one worker thread. */
  interface Sink extends ResultClassifier.Sink {}

  private static final String JSON = ".json";
  private static final String JSONL = ".jsonl";

  /** A worker's read buffer: enough for any real result document. */
  private static final int SMALL_BUFFER = 64 * 1024;

  /** At most this many bytes of JSON Lines blocks wait in the queue or are being parsed. */
  private static final int BLOCK_BYTES_IN_FLIGHT = 32 * LineBlocks.BLOCK;

  private sealed interface Task permits FileTask, LinesTask, OversizedLine, Stop {}

  /** A batch of {@code *.json} names: one queue operation per batch keeps lock traffic low. */
  private record FileTask(List<Path> files) implements Task {}

  private static final int FILE_BATCH = 64;

  /** Whole lines of a JSON Lines file; a negative first line marks a read failure from there. */
  private record LinesTask(Path file, long firstLine, byte[] data, int length) implements Task {}

  /** A JSON Lines line over the size limit, skipped unread. */
  private record OversizedLine(Path file, long line, long bytes) implements Task {}

  private record Stop() implements Task {}

  private static final Task STOP = new Stop();

  /** Where tasks go: the queue (from the walking thread) or straight to a worker. */
  @FunctionalInterface
  private interface TaskSink {
    void accept(Task task) throws IOException;
  }

  private final Path resultsDir;
  private final int threads;
  private final ScanProgress progress;
  private final boolean periodPnl;

  ResultScanner(Path resultsDir, int threads, ScanProgress progress) {
    this(resultsDir, threads, progress, false);
  }

  /**
   * @param periodPnl whether to read each document's {@code period_pnl} ({@link
   *     AggregatedJobResult#periodPnl()})
   */
  ResultScanner(Path resultsDir, int threads, ScanProgress progress, boolean periodPnl) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.resultsDir = resultsDir;
    this.threads = threads;
    this.progress = progress;
    this.periodPnl = periodPnl;
  }

  /**
   * Scans the whole directory; {@code sinks.apply(i)} is called once per worker thread.
   *
   * @return warnings about folders that could not be listed
   * @throws NoSuchFileException when the results directory does not exist
   * @throws NotDirectoryException when it is not a directory
   * @throws IOException when the results directory itself cannot be listed
   */
  List<Warning> scan(IntFunction<Sink> sinks) throws IOException {
    if (!Files.exists(resultsDir)) {
      throw new NoSuchFileException(resultsDir.toString(), null, "results directory not found");
    }
    if (!Files.isDirectory(resultsDir)) {
      throw new NotDirectoryException(resultsDir.toString());
    }
    // The root itself may be a symbolic link (a common way to point at "the latest session").
    Path root = resultsDir.toRealPath();
    BlockingQueue<Task> queue = new ArrayBlockingQueue<>(threads * 64);
    Semaphore blockBytes = new Semaphore(BLOCK_BYTES_IN_FLIGHT);
    List<Warning> warnings = Collections.synchronizedList(new ArrayList<>());
    List<Worker> workers = new ArrayList<>(threads);
    for (int i = 0; i < threads; i++) {
      Worker w = new Worker(root, queue, sinks.apply(i), warnings, blockBytes);
      w.setName("arbtune-scan-" + i);
      w.setDaemon(true);
      workers.add(w);
      w.start();
    }
    IOException walkFailure = null;
    try {
      TaskSink enqueue =
          task -> {
            try {
              if (task instanceof LinesTask l) {
                blockBytes.acquire(permits(l));
              }
              queue.put(task);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new InterruptedIOException("interrupted while scanning " + resultsDir);
            }
          };
      walk(root, root, enqueue, warnings, true);
    } catch (IOException e) {
      walkFailure = e;
    } finally {
      try {
        for (int i = 0; i < threads; i++) {
          queue.put(STOP);
        }
        for (Worker w : workers) {
          w.join();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        workers.forEach(Thread::interrupt);
        throw new InterruptedIOException("interrupted while scanning " + resultsDir);
      }
    }
    if (walkFailure != null) {
      throw walkFailure;
    }
    for (Worker w : workers) {
      if (w.failure instanceof Error e) {
        throw e; // out of memory, typically: let the caller say so
      }
      if (w.failure != null) {
        throw new IllegalStateException("scanning thread failed: " + w.failure, w.failure);
      }
    }
    List<Warning> sorted = new ArrayList<>(warnings);
    sorted.sort(Warning.ORDER);
    return sorted;
  }

  /**
   * Lists {@code top} and the folders below it, depth first, handing {@code *.json} names and
   * blocks of {@code *.jsonl} lines to {@code sink}. Only entries with other names are {@code
   * lstat}-ed, to find the folders to enter.
   *
   * @param failOnTop whether a failure to list {@code top} itself is thrown rather than warned
   */
  private static void walk(
      Path root, Path top, TaskSink sink, List<Warning> warnings, boolean failOnTop)
      throws IOException {
    Deque<Path> dirs = new ArrayDeque<>();
    dirs.push(top);
    List<Path> batch = new ArrayList<>(FILE_BATCH);
    while (!dirs.isEmpty()) {
      Path dir = dirs.pop();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path entry : entries) {
          String name = entry.toString(); // the whole path: it ends as the name does, and is kept
          if (name.endsWith(JSON)) {
            batch.add(entry);
            if (batch.size() == FILE_BATCH) {
              sink.accept(new FileTask(batch));
              batch = new ArrayList<>(FILE_BATCH);
            }
          } else if (name.endsWith(JSONL)) {
            splitLines(entry, sink, root, warnings);
          } else if (isDirectory(entry)) {
            dirs.push(entry);
          }
        }
      } catch (IOException | DirectoryIteratorException e) {
        IOException cause =
            e instanceof DirectoryIteratorException d ? d.getCause() : (IOException) e;
        if (failOnTop && dir.equals(top)) {
          throw cause;
        }
        if (cause instanceof InterruptedIOException) {
          throw cause;
        }
        String where = source(root, dir);
        warnings.add(
            new Warning(
                Warning.UNREADABLE_DIRECTORY,
                where,
                "cannot list " + where + ": " + reason(cause)));
      }
    }
    if (!batch.isEmpty()) {
      sink.accept(new FileTask(batch));
    }
  }

  private static boolean isDirectory(Path entry) {
    try {
      return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .isDirectory();
    } catch (IOException e) {
      return false; // vanished meanwhile, or unreadable: not a folder we can enter
    }
  }

  /** What a {@code *.json} or {@code *.jsonl} name turned out to be. */
  private enum Kind {
    FILE,
    DIRECTORY,
    DANGLING,
    OTHER
  }

  private static Kind kindOf(Path path) throws IOException {
    return kindOf(path, lstat(path));
  }

  private static BasicFileAttributes lstat(Path path) throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  private static Kind kindOf(Path path, BasicFileAttributes a) {
    if (a.isRegularFile()) {
      return Kind.FILE;
    }
    if (a.isDirectory()) {
      return Kind.DIRECTORY;
    }
    if (a.isSymbolicLink()) {
      if (Files.isRegularFile(path)) { // follows the link
        return Kind.FILE;
      }
      return Files.exists(path) ? Kind.OTHER : Kind.DANGLING;
    }
    return Kind.OTHER;
  }

  /**
   * Feeds a JSON Lines file to {@code sink} in blocks of whole lines. Each block is a fresh array
   * handed over to a worker; only the unfinished last line is copied into the next block.
   */
  private static void splitLines(Path file, TaskSink sink, Path root, List<Warning> warnings)
      throws IOException {
    Kind kind;
    try {
      kind = kindOf(file);
    } catch (IOException e) {
      sink.accept(new LinesTask(file, -1, new byte[0], 0));
      return;
    }
    switch (kind) {
      case DIRECTORY -> {
        walk(root, file, sink, warnings, false); // a folder that happens to be named *.jsonl
        return;
      }
      case DANGLING -> {
        sink.accept(new LinesTask(file, -1, new byte[0], 0));
        return;
      }
      case OTHER -> {
        return;
      }
      case FILE -> {
        // read below
      }
    }
    LineBlocks blocks = null;
    try (InputStream in = Files.newInputStream(file)) {
      blocks = new LineBlocks(in);
      LineBlocks.Receiver receiver =
          new LineBlocks.Receiver() {
            @Override
            public void lines(long firstLine, byte[] data, int length) throws IOException {
              sink.accept(new LinesTask(file, firstLine, data, length));
            }

            @Override
            public void oversized(long line, long bytes) throws IOException {
              sink.accept(new OversizedLine(file, line, bytes));
            }
          };
      while (blocks.next(receiver)) {
        // one block at a time
      }
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      long line = blocks == null ? 1 : blocks.line();
      sink.accept(new LinesTask(file, -line, new byte[0], 0)); // unreadable from that line on
    }
  }

  private final class Worker extends Thread {
    private final Path root;
    private final BlockingQueue<Task> queue;
    private final Sink sink;
    private final List<Warning> warnings;
    private final Semaphore blockBytes;
    private byte[] buffer = new byte[SMALL_BUFFER];
    volatile Throwable failure;

    Worker(
        Path root,
        BlockingQueue<Task> queue,
        Sink sink,
        List<Warning> warnings,
        Semaphore blockBytes) {
      this.root = root;
      this.queue = queue;
      this.sink = sink;
      this.warnings = warnings;
      this.blockBytes = blockBytes;
    }

    @Override
    public void run() {
      while (true) {
        Task task;
        try {
          task = queue.take();
        } catch (InterruptedException e) {
          return;
        }
        if (task == STOP) {
          return;
        }
        try {
          if (failure == null) { // after a failure, keep draining so the walker never blocks
            process(task);
          }
        } catch (IOException | RuntimeException | Error e) {
          failure = e;
        } finally {
          if (task instanceof LinesTask l) {
            blockBytes.release(permits(l));
          }
        }
      }
    }

    private void process(Task task) throws IOException {
      if (task instanceof FileTask f) {
        for (Path file : f.files()) {
          file(file);
        }
      } else if (task instanceof LinesTask l) {
        lines(l);
      } else if (task instanceof OversizedLine o) {
        emit(ResultClassifier.tooLarge(source(root, o.file()), o.line(), o.bytes()));
      }
    }

    private void file(Path file) throws IOException {
      String source = source(root, file);
      AggregatedJobResult job;
      try {
        BasicFileAttributes attributes = lstat(file);
        switch (kindOf(file, attributes)) {
          case DIRECTORY -> {
            // A folder that happens to be named *.json: scan it right here.
            walk(root, file, this::process, warnings, false);
            return;
          }
          case OTHER -> {
            return;
          }
          case DANGLING -> throw new NoSuchFileException(file.toString());
          case FILE -> {
            // read below
          }
        }
        long n = readFully(file, attributes.isRegularFile() ? attributes.size() : -1);
        if (n > ResultReader.MAX_DOCUMENT_BYTES) {
          job = ResultClassifier.tooLarge(source, 0, n);
        } else {
          progress.read(n);
          job = ResultClassifier.classify(source, 0, buffer, 0, (int) n, periodPnl);
        }
        if (buffer.length > SMALL_BUFFER * 16) {
          buffer = new byte[SMALL_BUFFER]; // a big file was read: give the memory back
        }
      } catch (IOException | UncheckedIOException e) {
        job = ResultClassifier.unreadable(source, 0, e);
      }
      if (job == null) {
        sink.skipped(source);
      } else {
        emit(job);
      }
    }

    private void lines(LinesTask task) {
      String source = source(root, task.file());
      if (task.firstLine() < 0) {
        long from = -task.firstLine();
        emit(
            ResultClassifier.unreadable(
                source,
                (int) Math.min(Integer.MAX_VALUE, from),
                ResultClassifier.cannotReadFrom(from)));
        return;
      }
      progress.read(task.length());
      ResultClassifier.classifyLines(
          source,
          task.firstLine(),
          task.data(),
          task.length(),
          periodPnl,
          new ResultClassifier.Sink() {
            @Override
            public void job(AggregatedJobResult job) {
              emit(job);
            }

            @Override
            public void skipped(String location) {
              sink.skipped(location);
            }
          });
    }

    private void emit(AggregatedJobResult job) {
      progress.job(!job.isSuccess());
      sink.job(job);
    }

    /**
     * Reads the whole file into {@link #buffer}, growing it as needed, and returns its length; for
     * a file over {@link ResultReader#MAX_DOCUMENT_BYTES}, stops there and returns its size.
     *
     * @param expected the size {@code lstat} gave, or -1: a read that comes up short exactly there
     *     has met the end of the file, and the read that would return nothing is saved
     */
    private long readFully(Path file, long expected) throws IOException {
      try (FileChannel ch = FileChannel.open(file)) {
        int n = 0;
        while (true) {
          if (n == buffer.length) {
            if (n > ResultReader.MAX_DOCUMENT_BYTES) {
              return Math.max(n, ch.size());
            }
            buffer =
                Arrays.copyOf(
                    buffer,
                    (int) Math.min(buffer.length * 2L, ResultReader.MAX_DOCUMENT_BYTES + 1L));
          }
          int want = buffer.length - n;
          int r = ch.read(ByteBuffer.wrap(buffer, n, want));
          if (r < 0) {
            return n;
          }
          n += r;
          if (r < want && n == expected) {
            return n;
          }
        }
      }
    }
  }

  /** Permits a queued block holds: its size, capped so that one huge line can still pass. */
  private static int permits(LinesTask task) {
    return Math.min(task.length(), BLOCK_BYTES_IN_FLIGHT);
  }

  static String source(Path root, Path file) {
    // Every path the walk makes is root.resolve(...): cut the root's text off when possible.
    String rootText = root.toString();
    String fileText = file.toString();
    int cut = rootText.length();
    if (fileText.length() > cut + 1
        && fileText.startsWith(rootText)
        && fileText.charAt(cut) == '/'
        && !rootText.endsWith("/")
        && root.getFileSystem().getSeparator().equals("/")) {
      return fileText.substring(cut + 1);
    }
    Path relative = root.relativize(file);
    String s = relative.toString();
    String sep = relative.getFileSystem().getSeparator();
    return sep.equals("/") ? s : s.replace(sep, "/");
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
