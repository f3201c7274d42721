package dev.arbtune.spark;

import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.backtest.QuotesLoader;
import dev.arbtune.run.QuotesSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Quotes files on any Hadoop path, shared by every task of a JVM (an executor) through one {@link
 * QuotesCache}, as the local runner shares them: concurrent tasks asking for the same file wait for
 * one load; at most half the executor's heap of quotes is held, the least recently used files
 * dropped first; a malformed file is remembered as such, a file that could not be read is tried
 * again next time.
 */
final class HadoopQuotes implements QuotesSource {

  /** Loaded files by qualified path and time unit, shared by every task of this JVM. */
  private static final QuotesCache CACHE = new QuotesCache();

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
    return load(dataFile, EpochUnit.AUTO);
  }

  @Override
  public Quotes load(String dataFile, EpochUnit unit) throws IOException {
    Path path = HadoopFiles.child(root, dataFile);
    String name = asGiven(dataFile);
    return CACHE.get(new FileKey(path.toString(), unit), name, () -> read(path, name, unit));
  }

  /** A file read in one unit: one file read in two units is two entries. */
  private record FileKey(String qualifiedPath, EpochUnit unit) {}

  private Quotes read(Path path, String name, EpochUnit unit) throws IOException {
    FileSystem fs = HadoopFiles.fileSystem(path, conf);
    FileStatus status;
    try {
      status = fs.getFileStatus(path);
    } catch (IOException e) {
      throw HadoopFiles.asNio(e, path);
    }
    try (InputStream in = fs.open(path)) {
      return QuotesLoader.load(in, name, status.getLen(), unit);
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

  /** Files held now (for tests). */
  static int size() {
    return CACHE.size();
  }
}
