package dev.arbtune.spark;

import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.backtest.QuotesDiskCache;
import dev.arbtune.backtest.QuotesLoader;
import dev.arbtune.io.Excerpt;
import dev.arbtune.run.QuotesSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Quotes files on any Hadoop path, shared by every task of a JVM (an executor) through one {@link
 * QuotesCache}, as the local runner shares them: concurrent tasks asking for the same file wait for
 * one load; at most half the executor's heap of quotes is held, the least recently used files
 * dropped first; a malformed file is remembered as such, a file that could not be read is tried
 * again next time. Before a file is read, the heap its loading needs is counted in the cache's
 * budget, estimated from its length as the core estimates a local file's ({@link
 * QuotesCache#loadBytesEstimate(long, long)}: twice the text; for gzip, the text's size from the
 * trailer, read with one positioned read, or four times the file), and a file that needs more than
 * the executor's whole heap is refused unread.
 *
 * <p>With a {@link QuotesDiskCache}, a file is loaded through it: its cache file is keyed by the
 * file's qualified URI, its length and modification time from the file system, the time unit and
 * the cache's format version.
 */
final class HadoopQuotes implements QuotesSource {

  /** Loaded files by qualified path and time unit, shared by every task of this JVM. */
  private static final QuotesCache CACHE = new QuotesCache();

  private final Path root;
  private final String givenRoot;
  private final Configuration conf;
  private final QuotesCache cache;
  private final QuotesDiskCache disk;

  /**
   * @param root the qualified folder that relative {@code data_file} paths are resolved against
   * @param givenRoot that folder as the user gave it, for messages; {@code null} when none was
   *     given (relative paths are then shown as written, as the local runner shows them)
   * @param conf the Hadoop configuration
   */
  HadoopQuotes(Path root, String givenRoot, Configuration conf) {
    this(root, givenRoot, conf, CACHE, null);
  }

  /**
   * Quotes loaded through {@code disk}, or parsed from the CSV files when it is {@code null}, and
   * held in the JVM's shared cache.
   */
  HadoopQuotes(Path root, String givenRoot, Configuration conf, QuotesDiskCache disk) {
    this(root, givenRoot, conf, CACHE, disk);
  }

  /** Quotes held in {@code cache} rather than the JVM's shared one (for tests). */
  HadoopQuotes(Path root, String givenRoot, Configuration conf, QuotesCache cache) {
    this(root, givenRoot, conf, cache, null);
  }

  private HadoopQuotes(
      Path root, String givenRoot, Configuration conf, QuotesCache cache, QuotesDiskCache disk) {
    this.root = Objects.requireNonNull(root, "root");
    this.givenRoot = givenRoot;
    this.conf = Objects.requireNonNull(conf, "conf");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.disk = disk;
  }

  @Override
  public Quotes load(String dataFile) throws IOException {
    return load(dataFile, EpochUnit.AUTO);
  }

  /**
   * The heap that loading {@code path} needs, estimated from its length before reading it, as
   * {@link QuotesCache#loadBytesEstimate(java.nio.file.Path)} estimates a local file's; -1 for what
   * is not a file.
   *
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   * @throws IOException when its status or its gzip trailer cannot be read
   */
  static long loadBytesEstimate(Path path, Configuration conf) throws IOException {
    FileSystem fs = HadoopFiles.fileSystem(path, conf);
    try {
      FileStatus status = fs.getFileStatus(path);
      if (!status.isFile()) {
        return -1;
      }
      long size = status.getLen();
      long gzipTrailer = -1;
      if (size >= QuotesCache.MIN_GZIP_BYTES) {
        try (FSDataInputStream in = fs.open(path)) {
          byte[] head = new byte[2];
          in.readFully(0, head);
          if (QuotesCache.isGzipMagic(head[0], head[1])) {
            byte[] trailer = new byte[4];
            in.readFully(size - 4, trailer);
            gzipTrailer =
                Integer.toUnsignedLong(
                    ByteBuffer.wrap(trailer).order(ByteOrder.LITTLE_ENDIAN).getInt());
          }
        }
      }
      return QuotesCache.loadBytesEstimate(size, gzipTrailer);
    } catch (IOException e) {
      throw HadoopFiles.asNio(e, path);
    }
  }

  @Override
  public Quotes load(String dataFile, EpochUnit unit) throws IOException {
    Path path = HadoopFiles.child(root, dataFile);
    String name = asGiven(dataFile);
    return cache.get(
        new FileKey(path.toString(), unit),
        name,
        () -> loadBytesEstimate(path, conf),
        () -> read(path, name, unit));
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
    if (disk == null || !status.isFile()) {
      try (InputStream in = fs.open(path)) {
        return QuotesLoader.load(in, name, status.getLen(), unit);
      }
    }
    String uri = fs.makeQualified(path).toUri().toString();
    return disk.load(
        new QuotesDiskCache.Source() {
          @Override
          public QuotesDiskCache.Identity identity() throws IOException {
            FileStatus now;
            try {
              now = fs.getFileStatus(path);
            } catch (IOException e) {
              throw HadoopFiles.asNio(e, path);
            }
            return new QuotesDiskCache.Identity(
                uri, now.getLen(), Instant.ofEpochMilli(now.getModificationTime()));
          }

          @Override
          public InputStream open() throws IOException {
            return fs.open(path);
          }
        },
        name,
        unit);
  }

  /**
   * The path tried for a relative {@code dataFile} and where relative paths are read from, in the
   * local runner's words ({@link QuotesSource#relativePathHint}); {@code null} for an absolute one.
   */
  @Override
  public String lookedFor(String dataFile) {
    try {
      if (new Path(null, null, dataFile).isAbsolute()) {
        return null;
      }
      return Excerpt.of(
              HadoopFiles.display(new Path(HadoopFiles.child(root, dataFile).toUri().normalize())))
          + QuotesSource.relativePathHint(givenRoot);
    } catch (IllegalArgumentException e) {
      return null;
    }
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
