package dev.arbtune.aggregate;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntFunction;

/**
 * Walks a results directory and turns every result file, and every line of every JSON Lines file,
 * into an {@link AggregatedJobResult}, in parallel.
 *
 * <p>The calling thread walks the tree (symbolic links to directories are not followed) and feeds a
 * bounded queue: a task per {@code *.json} file, and blocks of whole lines, about 1 MiB each, for
 * {@code *.jsonl} files. Worker threads read and parse and hand each job to their own {@link Sink},
 * so sinks need no locking. Memory is bounded by the queue, not by the number of files.
 */
final class ResultScanner {

  /** Receives the jobs of one worker thread. */
  interface Sink {
    /** A job, success or error. */
    void job(AggregatedJobResult job);

    /** An aggregator summary document found among the results, at {@code location}. */
    void skipped(String location);
  }

  private static final String JSON = ".json";
  private static final String JSONL = ".jsonl";
  private static final int BLOCK = 1 << 20;

  private sealed interface Task permits FileTask, LinesTask, Stop {}

  private record FileTask(Path file) implements Task {}

  private record LinesTask(Path file, long firstLine, byte[] data, int length) implements Task {}

  private record Stop() implements Task {}

  private static final Task STOP = new Stop();

  private final Path resultsDir;
  private final int threads;
  private final ScanProgress progress;

  ResultScanner(Path resultsDir, int threads, ScanProgress progress) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.resultsDir = resultsDir;
    this.threads = threads;
    this.progress = progress;
  }

  /**
   * Scans the whole directory; {@code sinks.apply(i)} is called once per worker thread.
   *
   * @return warnings about folders that could not be listed
   * @throws NoSuchFileException when the results directory does not exist
   * @throws NotDirectoryException when it is not a directory
   * @throws IOException when the walk itself fails
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
    BlockingQueue<Task> queue = new ArrayBlockingQueue<>(threads * 8);
    List<Worker> workers = new ArrayList<>(threads);
    for (int i = 0; i < threads; i++) {
      Worker w = new Worker(root, queue, sinks.apply(i));
      w.setName("arbtune-scan-" + i);
      w.setDaemon(true);
      workers.add(w);
      w.start();
    }
    List<Warning> warnings = new ArrayList<>();
    IOException walkFailure = null;
    try {
      Files.walkFileTree(root, new Walker(root, queue, warnings));
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
      if (w.failure != null) {
        throw new IllegalStateException("scanning thread failed: " + w.failure, w.failure);
      }
    }
    return warnings;
  }

  private final class Walker extends SimpleFileVisitor<Path> {
    private final Path root;
    private final BlockingQueue<Task> queue;
    private final List<Warning> warnings;

    Walker(Path root, BlockingQueue<Task> queue, List<Warning> warnings) {
      this.root = root;
      this.queue = queue;
      this.warnings = warnings;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
      String name = file.getFileName().toString();
      boolean json = name.endsWith(JSON);
      boolean jsonl = name.endsWith(JSONL);
      if ((json || jsonl) && isFile(file, attrs)) {
        if (json) {
          put(new FileTask(file));
        } else {
          splitLines(file);
        }
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
      String name = file.getFileName() == null ? "" : file.getFileName().toString();
      if (name.endsWith(JSON) || name.endsWith(JSONL)) {
        put(new FileTask(file)); // the worker reports it as unreadable
      } else {
        String where = source(root, file);
        warnings.add(
            new Warning(
                Warning.UNREADABLE_DIRECTORY, where, "cannot list " + where + ": " + reason(e)));
      }
      return FileVisitResult.CONTINUE;
    }

    /** Regular files; a symbolic link counts unless it points at a directory. */
    private boolean isFile(Path file, BasicFileAttributes attrs) {
      return attrs.isRegularFile() || (attrs.isSymbolicLink() && !Files.isDirectory(file));
    }

    /**
     * Feeds a JSON Lines file to the workers in blocks of whole lines. Each block is a fresh array
     * handed over to a worker; only the unfinished last line is copied into the next block.
     */
    private void splitLines(Path file) throws IOException {
      long line = 1;
      try (InputStream in = Files.newInputStream(file)) {
        byte[] carry = new byte[0];
        while (true) {
          byte[] block = new byte[Math.max(BLOCK, carry.length * 2)];
          System.arraycopy(carry, 0, block, 0, carry.length);
          int filled =
              carry.length + in.readNBytes(block, carry.length, block.length - carry.length);
          if (filled < block.length) { // end of file
            if (filled > 0) {
              put(new LinesTask(file, line, block, filled));
            }
            return;
          }
          int end = lastNewline(block, filled) + 1;
          if (end == 0) { // a line longer than the block: read on into a bigger one
            carry = block;
            continue;
          }
          put(new LinesTask(file, line, block, end));
          line += countNewlines(block, end);
          carry = Arrays.copyOfRange(block, end, filled);
        }
      } catch (IOException e) {
        put(new LinesTask(file, -line, new byte[0], 0)); // reported as unreadable from line on
      }
    }

    private void put(Task task) throws IOException {
      try {
        queue.put(task);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while scanning " + resultsDir);
      }
    }
  }

  private final class Worker extends Thread {
    private final Path root;
    private final BlockingQueue<Task> queue;
    private final Sink sink;
    private byte[] buffer = new byte[64 * 1024];
    volatile Throwable failure;

    Worker(Path root, BlockingQueue<Task> queue, Sink sink) {
      this.root = root;
      this.queue = queue;
      this.sink = sink;
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
        if (failure != null) {
          continue; // keep draining so the walker never blocks
        }
        try {
          if (task instanceof FileTask f) {
            file(f.file());
          } else if (task instanceof LinesTask l) {
            lines(l);
          }
        } catch (RuntimeException | Error e) {
          failure = e;
        }
      }
    }

    private void file(Path file) {
      String source = source(root, file);
      AggregatedJobResult job;
      try {
        int n = readFully(file);
        progress.read(n);
        job = ResultClassifier.classify(source, 0, buffer, 0, n);
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
                new IOException("cannot read the file from line " + from)));
        return;
      }
      progress.read(task.length());
      byte[] data = task.data();
      long line = task.firstLine();
      int start = 0;
      while (start < task.length()) {
        int nl = indexOf(data, start, task.length());
        int end = nl < 0 ? task.length() : nl;
        int stop = end > start && data[end - 1] == '\r' ? end - 1 : end;
        if (!isBlank(data, start, stop)) {
          int lineNo = (int) Math.min(Integer.MAX_VALUE, line);
          AggregatedJobResult job =
              ResultClassifier.classify(source, lineNo, data, start, stop - start);
          if (job == null) {
            sink.skipped(source + ":" + line);
          } else {
            emit(job);
          }
        }
        line++;
        start = end + 1;
      }
    }

    private void emit(AggregatedJobResult job) {
      progress.job(!job.isSuccess());
      sink.job(job);
    }

    /** Reads the whole file into {@link #buffer}, growing it as needed; returns the length. */
    private int readFully(Path file) throws IOException {
      try (FileChannel ch = FileChannel.open(file)) {
        long size = ch.size();
        if (size >= Integer.MAX_VALUE - 16) {
          throw new IOException("file too large: " + size + " bytes");
        }
        if (buffer.length < size + 1) {
          buffer = new byte[(int) Math.max(size + 1, buffer.length * 2L)];
        }
        int n = 0;
        while (true) {
          if (n == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
          }
          int r = ch.read(ByteBuffer.wrap(buffer, n, buffer.length - n));
          if (r < 0) {
            return n;
          }
          n += r;
        }
      }
    }
  }

  static String source(Path root, Path file) {
    Path relative = root.relativize(file);
    String s = relative.toString();
    String sep = relative.getFileSystem().getSeparator();
    return sep.equals("/") ? s : s.replace(sep, "/");
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static int lastNewline(byte[] b, int length) {
    for (int i = length - 1; i >= 0; i--) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static long countNewlines(byte[] b, int length) {
    long n = 0;
    for (int i = 0; i < length; i++) {
      if (b[i] == '\n') {
        n++;
      }
    }
    return n;
  }

  private static boolean isBlank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }
}
