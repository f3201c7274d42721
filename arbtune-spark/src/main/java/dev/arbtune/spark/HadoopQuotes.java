package dev.arbtune.spark;

import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesFormatException;
import dev.arbtune.backtest.QuotesLoader;
import dev.arbtune.run.QuotesSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Quotes files on any Hadoop path, each loaded once per JVM (per executor) and kept for the life of
 * the JVM, as {@link dev.arbtune.backtest.QuotesCache} does locally: concurrent tasks asking for
 * the same file wait for one load; a malformed file is remembered as such, a file that could not be
 * read is tried again next time.
 */
final class HadoopQuotes implements QuotesSource {

  /** Loaded files by qualified path, shared by every task of this JVM. */
  private static final ConcurrentHashMap<String, CompletableFuture<Quotes>> CACHE =
      new ConcurrentHashMap<>();

  private final Path root;
  private final String givenRoot;
  private final Configuration conf;

  /**
   * @param root the qualified folder that relative {@code data_file} paths are resolved against
   * @param givenRoot that folder as the user gave it, for messages; {@code null} when none was
   *     given (relative paths are then shown as written, as the local runner shows them)
   * @param conf the Hadoop configuration
   */
  HadoopQuotes(Path root, String givenRoot, Configuration conf) {
    this.root = Objects.requireNonNull(root, "root");
    this.givenRoot = givenRoot;
    this.conf = Objects.requireNonNull(conf, "conf");
  }

  @Override
  public Quotes load(String dataFile) throws IOException {
    Path path = HadoopFiles.child(root, dataFile);
    String key = path.toString();
    CompletableFuture<Quotes> entry = CACHE.get(key);
    if (entry == null) {
      CompletableFuture<Quotes> mine = new CompletableFuture<>();
      entry = CACHE.putIfAbsent(key, mine);
      if (entry == null) {
        entry = mine;
        load(key, path, asGiven(dataFile), mine);
      }
    }
    try {
      return entry.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + key + " to load");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof QuotesFormatException q) {
        throw q.withFile(asGiven(dataFile));
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  private void load(String key, Path path, String name, CompletableFuture<Quotes> target) {
    try {
      FileSystem fs = HadoopFiles.fileSystem(path, conf);
      FileStatus status;
      try {
        status = fs.getFileStatus(path);
      } catch (IOException e) {
        throw HadoopFiles.asNio(e, path);
      }
      try (InputStream in = fs.open(path)) {
        target.complete(QuotesLoader.load(in, name, status.getLen()));
      }
    } catch (QuotesFormatException e) {
      target.completeExceptionally(e);
    } catch (IOException | RuntimeException | Error e) {
      CACHE.remove(key, target);
      target.completeExceptionally(e);
    }
  }

  @Override
  public String lookedFor(String dataFile) {
    if (asGiven(dataFile).equals(dataFile)) {
      return null;
    }
    return HadoopFiles.display(new Path(HadoopFiles.child(root, dataFile).toUri().normalize()));
  }

  /** The file as messages name it: the given root and the data file, as the local runner does. */
  private String asGiven(String dataFile) {
    if (givenRoot == null || new Path(null, null, dataFile).isAbsolute()) {
      return dataFile;
    }
    return HadoopFiles.child(new Path(givenRoot), dataFile).toString();
  }

  /** Forgets every file (for tests). */
  static void clear() {
    CACHE.clear();
  }
}
