package dev.arbtune.backtest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Loads quotes files and shares them: thread-safe, keyed by the file's real path (so {@code
 * data/x.csv}, {@code ./data/../data/x.csv} and a symbolic link to it are one entry, while {@code
 * d/link/../q.csv}, which is {@code q.csv} in the folder {@code d/link} points to, is not {@code
 * d/q.csv}) and by the {@link EpochUnit} its timestamps are read in (a file read in two units is
 * two entries). When several threads ask for a file that is not loaded yet, one loads it and the
 * others wait for it; threads asking for other files are not held up.
 *
 * <p>Memory is bounded: the cache holds at most {@link #budgetBytes()} of quotes, dropping the
 * least recently used files first and loading them again when asked for. A file is counted at
 * {@link Quotes#heldBytes()}: its columns and the fast engine's per-file index (about 49 bytes a
 * row in all, {@link Quotes#bytesPerRow()}), the index counted from the load on, although a fast
 * run builds it only when it first needs it (the fast engine is the default). A file that is alone
 * larger than the budget is still loaded (the job needs it) and dropped when another file is
 * loaded. Quotes already handed out stay valid after they are dropped: a job keeps what it holds.
 *
 * <p>Loading needs more than the result: about twice the file's size ({@link #loadBytesEstimate}),
 * while the columns grow and are trimmed. Before a file is read, that estimate is counted in the
 * budget in its place (older files are dropped to make room for it), and loads that together would
 * exceed the budget run one after the other. A file whose estimate exceeds the most heap the
 * process may use ({@link #heapBytes()}) is not read at all: {@link QuotesTooLargeException}. The
 * estimate is known for regular files only; other files (a pipe) and those of {@link #get(Object,
 * String, Loader)} load as before, unaccounted until loaded.
 *
 * <p>A local file that is neither a regular file nor a folder (a named pipe, or {@code /dev/fd/N}
 * of a shell's {@code <(zcat q.csv.gz)}, whose link names no file and which is then held under the
 * name asked for) can be read only once: its quotes, or the reason it could not be read, are kept
 * for the cache's lifetime, never dropped for the budget (though counted in it) nor by {@link
 * #clear()}, so that every later request gets them instead of waiting for a writer that is gone.
 *
 * <p>A file whose content is malformed is remembered as such (it is not parsed again, until it is
 * dropped like any other entry); a file that could not be read is not remembered, so a later
 * request tries again.
 *
 * <p>Quotes from elsewhere than the local file system (a Spark executor's Hadoop paths) share the
 * same rules through {@link #get(Object, String, Loader)}, with keys and a loader of their own.
 */
public final class QuotesCache {

  /** What a remembered malformed file is counted as, so that such entries are dropped too. */
  private static final long FAILED_ENTRY_BYTES = 1 << 10;

  /** How many spellings of paths are remembered before they are forgotten all at once. */
  private static final int MAX_ALIASES = 1 << 16;

  /**
   * Heap needed to load a file, per byte of its (uncompressed) text: the columns take about 0.8 of
   * the text (40 bytes per row of about 50 characters), and while they grow and are trimmed old and
   * new arrays are held together. That also covers the columns and the fast engine's index once
   * loaded (about 49 bytes a row, about 1 per byte of text): the index is built after the load's
   * spare arrays are gone.
   */
  private static final long LOAD_BYTES_PER_TEXT_BYTE = 2;

  /**
   * Uncompressed bytes per byte of a gzip file whose trailer does not tell its size (the loader's
   * own guess).
   */
  private static final long GZIP_RATIO = 4;

  /** The smallest gzip file: a 10-byte header and an 8-byte trailer. */
  public static final int MIN_GZIP_BYTES = 18;

  /**
   * The most uncompressed bytes a byte of deflate data can give (1032): a trailer that records more
   * than that many times the file's size is not a trailer (the file was cut short, and its last
   * four bytes are compressed data).
   */
  private static final long DEFLATE_MAX_RATIO = 1032;

  /** What the sizer of a local file says of a pipe or device: no estimate, and read only once. */
  private static final long READ_ONCE = -2;

  private final long budgetBytes;
  private final long heapBytes;

  /** Binary copies of local files' columns, or {@code null}. */
  private final QuotesDiskCache disk;

  /**
   * Guards {@link #entries}, {@link #bytesHeld} and {@link #bytesLoading}; waited on for a load's
   * turn; never held while loading.
   */
  private final Object lock = new Object();

  /** Entries by real path and unit (or a caller's own key), least recently used first. */
  private final LinkedHashMap<Object, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

  /** Held bytes of loaded entries plus the estimates of loads in progress. */
  private long bytesHeld;

  /** The estimates of loads in progress (also in {@link #bytesHeld}). */
  private long bytesLoading;

  /**
   * Real paths by the absolute path as asked for (not normalized: {@code ..} after a symbolic link
   * leads elsewhere than the text suggests), so that a job asking again for the same name skips
   * resolving the real path (several system calls).
   */
  private final ConcurrentHashMap<Path, Path> realPaths = new ConcurrentHashMap<>();

  /** Loads one file's quotes, for {@link #get(Object, String, Loader)}. */
  @FunctionalInterface
  public interface Loader {
    /**
     * @throws IOException when the file cannot be read
     * @throws QuotesFormatException when its content is not a usable quotes table
     */
    Quotes load() throws IOException;
  }

  /**
   * Estimates the heap that loading one file needs, for {@link #get(Object, String, Sizer,
   * Loader)}: asked only when the file is not held, just before it is loaded.
   */
  @FunctionalInterface
  public interface Sizer {
    /**
     * The estimate in bytes (see {@link #loadBytesEstimate(long, long)}), or -1 when it is not
     * known.
     *
     * @throws IOException when the file's size cannot be found (the file is then not loaded)
     */
    long loadBytes() throws IOException;
  }

  /** One file: loading, loaded, or known malformed. */
  private static final class Entry {
    final CompletableFuture<Quotes> quotes = new CompletableFuture<>();

    /**
     * Bytes counted in {@link #bytesHeld}: the estimate while loading, then {@link
     * Quotes#heldBytes()}.
     */
    long bytes;

    /** Whether loading ended (so the entry may be dropped). */
    boolean loaded;

    /** Whether the file can be read only once (a pipe): the entry is never dropped. */
    boolean once;
  }

  /** A cache whose budget is {@link #defaultBudgetBytes()}. */
  public QuotesCache() {
    this(defaultBudgetBytes());
  }

  /**
   * A cache that holds at most {@code budgetBytes} of quotes ({@link Quotes#heldBytes()}: columns
   * and the fast engine's index).
   *
   * @param budgetBytes the budget; 0 keeps only the file loaded last
   * @throws IllegalArgumentException when negative
   */
  public QuotesCache(long budgetBytes) {
    this(budgetBytes, Runtime.getRuntime().maxMemory());
  }

  /**
   * A cache that holds at most {@code budgetBytes} of quotes and refuses to read a file whose
   * loading would need more than {@code heapBytes}.
   *
   * @param budgetBytes the budget; 0 keeps only the file loaded last
   * @param heapBytes the most heap a load may need: the process's maximum heap by default
   * @throws IllegalArgumentException when either is negative
   */
  public QuotesCache(long budgetBytes, long heapBytes) {
    this(budgetBytes, heapBytes, null);
  }

  /**
   * A cache of {@code budgetBytes} that loads local files through {@code disk}: from a binary copy
   * of their columns when it is valid, else from the CSV (which is then copied). Budget and sharing
   * are as without it: the columns are copied into the heap and counted the same.
   *
   * @param disk the folder of binary copies, or {@code null} to read the CSV files every time
   * @throws IllegalArgumentException when {@code budgetBytes} is negative
   */
  public QuotesCache(long budgetBytes, QuotesDiskCache disk) {
    this(budgetBytes, Runtime.getRuntime().maxMemory(), disk);
  }

  /**
   * A cache as {@link #QuotesCache(long, long)} makes it, loading local files through {@code disk}
   * ({@link #QuotesCache(long, QuotesDiskCache)}).
   *
   * @param disk the folder of binary copies, or {@code null} to read the CSV files every time
   * @throws IllegalArgumentException when either number is negative
   */
  public QuotesCache(long budgetBytes, long heapBytes, QuotesDiskCache disk) {
    if (budgetBytes < 0) {
      throw new IllegalArgumentException("budgetBytes must be >= 0, got " + budgetBytes);
    }
    if (heapBytes < 0) {
      throw new IllegalArgumentException("heapBytes must be >= 0, got " + heapBytes);
    }
    this.budgetBytes = budgetBytes;
    this.heapBytes = heapBytes;
    this.disk = disk;
  }

  /** Half the heap the JVM may grow to: the default budget. */
  public static long defaultBudgetBytes() {
    return Runtime.getRuntime().maxMemory() / 2;
  }

  /**
   * The most bytes of quotes (columns and the fast engine's index) held at once (but for one file
   * larger than that).
   */
  public long budgetBytes() {
    return budgetBytes;
  }

  /** The most heap a file's loading may need; a file estimated to need more is not read. */
  public long heapBytes() {
    return heapBytes;
  }

  /**
   * The heap that loading {@code file} needs, estimated from its size before reading it: twice the
   * size of its text. For a gzip file the text's size is the one its trailer records when that is
   * at least the file's size (a single member under 4 GiB) and at most what deflate can give (1032
   * times the file's size; more means the file was cut short), else four times the file's size.
   *
   * @return the estimate in bytes, or -1 when the file is not a regular file (a pipe)
   * @throws IOException when the file's attributes or its gzip trailer cannot be read
   */
  public static long loadBytesEstimate(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      return -1;
    }
    long size = attributes.size();
    long gzipTrailer = -1;
    if (size >= MIN_GZIP_BYTES) {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer head = ByteBuffer.allocate(2);
        channel.read(head, 0);
        if (isGzipMagic(head.get(0), head.get(1))) {
          ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
          channel.read(trailer, size - 4);
          gzipTrailer = Integer.toUnsignedLong(trailer.getInt(0));
        }
      }
    }
    return loadBytesEstimate(size, gzipTrailer);
  }

  /** Whether a file's first two bytes are those of gzip ({@code 1f 8b}). */
  public static boolean isGzipMagic(byte first, byte second) {
    return first == (byte) 0x1f && second == (byte) 0x8b;
  }

  /**
   * The heap that loading a file of {@code size} bytes needs, as {@link #loadBytesEstimate(Path)}
   * estimates it, for files that are not on the local file system: twice the size of its text,
   * which for a gzip file is the size its trailer records when that is at least the file's size and
   * at most what deflate can give (1032 times it), else four times the file's size.
   *
   * @param size the file's size in bytes
   * @param gzipTrailer for a gzip file, the unsigned 32-bit number in its last 4 bytes (little
   *     endian); -1 for any other file
   */
  public static long loadBytesEstimate(long size, long gzipTrailer) {
    long text = size;
    if (gzipTrailer >= 0) {
      text =
          gzipTrailer >= size && gzipTrailer <= saturatedMultiply(size, DEFLATE_MAX_RATIO)
              ? gzipTrailer
              : saturatedMultiply(size, GZIP_RATIO);
    }
    return saturatedMultiply(text, LOAD_BYTES_PER_TEXT_BYTE);
  }

  private static long saturatedMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    return high == 0 && a * b >= 0 ? a * b : Long.MAX_VALUE;
  }

  /**
   * The quotes of {@code file}, loading them when they are not held.
   *
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   * @throws IOException when it cannot be read
   * @throws QuotesFormatException when its content is not a usable quotes table; the message names
   *     {@code file} as given
   */
  public Quotes get(Path file) throws IOException {
    return get(file, EpochUnit.AUTO);
  }

  /**
   * The quotes of {@code file} with its epoch integers read in {@code unit}, loading them when they
   * are not held. The unit is part of the key: one file read in two units is two entries.
   *
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   * @throws IOException when it cannot be read
   * @throws QuotesFormatException when its content is not a usable quotes table; the message names
   *     {@code file} as given
   */
  public Quotes get(Path file, EpochUnit unit) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(unit, "unit");
    Path real = realPath(file);
    try {
      return getSized(
          new FileKey(real, unit),
          file.toString(),
          () -> {
            long estimate = loadBytesEstimate(file);
            return estimate >= 0 || Files.isDirectory(file) ? estimate : READ_ONCE;
          },
          () -> disk == null ? QuotesLoader.load(file, unit) : disk.load(file, unit));
    } catch (IOException | RuntimeException e) {
      if (!(e instanceof QuotesFormatException) && !(e instanceof QuotesTooLargeException)) {
        realPaths.values().removeIf(real::equals); // it may have moved: resolve it again
      }
      throw e;
    }
  }

  /**
   * A local file read in one unit. A class, not a record: looked up for every job, and a record's
   * {@code equals} and {@code hashCode} run through method handles, code that each run's
   * interpreter and compilers would first have to go through.
   */
  private static final class FileKey {
    private final Path realPath;
    private final EpochUnit unit;

    FileKey(Path realPath, EpochUnit unit) {
      this.realPath = realPath;
      this.unit = unit;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FileKey k && realPath.equals(k.realPath) && unit == k.unit;
    }

    @Override
    public int hashCode() {
      return 31 * realPath.hashCode() + unit.hashCode();
    }

    @Override
    public String toString() {
      return realPath + " (" + unit + ")";
    }
  }

  /**
   * The real path of {@code file}, remembered by the name it was asked for; for a file that exists
   * but has no real path ({@code /dev/fd/N} of a pipe, a link to {@code pipe:[N]}), that name.
   */
  private Path realPath(Path file) throws IOException {
    Path asked = file.toAbsolutePath();
    Path real = realPaths.get(asked);
    if (real == null) {
      try {
        real = file.toRealPath();
      } catch (NoSuchFileException e) {
        if (!Files.exists(file)) {
          throw e;
        }
        real = asked;
      }
      if (realPaths.size() >= MAX_ALIASES) {
        realPaths.clear();
      }
      realPaths.put(asked, real);
    }
    return real;
  }

  /**
   * The quotes under {@code key}, loaded by {@code loader} when they are not held: the same
   * sharing, budget and rules as {@link #get(Path)}, for files that are not on the local file
   * system.
   *
   * @param key what identifies the file and how it is read, compared with {@code equals} (for
   *     example a qualified Hadoop path and the {@link EpochUnit}); local files are held under
   *     their real {@link Path} and unit
   * @param name the file as messages name it
   * @throws IOException when the loader cannot read the file
   * @throws QuotesFormatException when its content is not a usable quotes table; the message names
   *     {@code name}
   */
  public Quotes get(Object key, String name, Loader loader) throws IOException {
    return getSized(key, name, () -> -1, loader);
  }

  /**
   * The quotes under {@code key} as {@link #get(Object, String, Loader)} gives them, for a file
   * whose loading is estimated to need {@code loadBytes} of heap (see {@link #loadBytesEstimate}):
   * counted as {@link #get(Path)} counts a local file's.
   *
   * @param loadBytes the estimate, or -1 when it is not known
   * @throws QuotesTooLargeException when {@code loadBytes} exceeds {@link #heapBytes()}; the file
   *     is not read
   */
  public Quotes get(Object key, String name, long loadBytes, Loader loader) throws IOException {
    return getSized(key, name, () -> loadBytes, loader);
  }

  /**
   * The quotes under {@code key} as {@link #get(Object, String, long, Loader)} gives them, with the
   * estimate found by {@code sizer} only when the file is not held (finding it may cost a request
   * to a remote file system).
   *
   * @throws IOException when the sizer or the loader cannot read the file
   * @throws QuotesTooLargeException when the estimate exceeds {@link #heapBytes()}; the file is not
   *     read
   */
  public Quotes get(Object key, String name, Sizer sizer, Loader loader) throws IOException {
    Objects.requireNonNull(sizer, "sizer");
    return getSized(key, name, sizer, loader);
  }

  private Quotes getSized(Object key, String name, Sizer sizer, Loader loader) throws IOException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(loader, "loader");
    Entry entry;
    boolean mine = false;
    synchronized (lock) {
      entry = entries.get(key);
      if (entry == null) {
        entry = new Entry();
        entries.put(key, entry);
        mine = true;
      }
    }
    if (mine) {
      load(key, name, sizer, loader, entry);
    }
    try {
      return entry.quotes.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + name + " to load");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof QuotesFormatException q) {
        throw q.withFile(name);
      }
      if (cause instanceof QuotesTooLargeException t) {
        throw t.withFile(name);
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

  private void load(Object key, String name, Sizer sizer, Loader loader, Entry entry) {
    long estimate;
    try {
      long sized = sizer.loadBytes();
      if (sized == READ_ONCE) {
        synchronized (lock) {
          entry.once = true;
        }
      }
      estimate = Math.max(0, sized);
      if (estimate > heapBytes) {
        throw new QuotesTooLargeException(name, estimate, heapBytes);
      }
      reserve(entry, estimate);
    } catch (IOException | RuntimeException | Error e) {
      forget(key, entry, 0);
      entry.quotes.completeExceptionally(e);
      return;
    }
    Quotes quotes;
    try {
      quotes = loader.load();
    } catch (QuotesFormatException e) {
      admit(key, entry, estimate, FAILED_ENTRY_BYTES);
      entry.quotes.completeExceptionally(e);
      return;
    } catch (IOException | RuntimeException | Error e) {
      if (entry.once) { // reading it again would wait for a writer that is gone: remember why
        admit(key, entry, estimate, FAILED_ENTRY_BYTES);
      } else {
        forget(key, entry, estimate);
      }
      entry.quotes.completeExceptionally(e);
      return;
    }
    admit(key, entry, estimate, quotes.heldBytes());
    entry.quotes.complete(quotes);
  }

  /**
   * Counts a load's estimate in the budget before it starts: waits while other loads are running
   * and would together exceed the budget, then drops the least recently used loaded files until the
   * estimate fits (or none is left).
   */
  private void reserve(Entry entry, long estimate) throws InterruptedIOException {
    if (estimate == 0) {
      return;
    }
    synchronized (lock) {
      while (bytesLoading > 0 && bytesLoading + estimate > budgetBytes) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting to load a quotes file");
        }
      }
      entry.bytes = estimate;
      bytesHeld += estimate;
      bytesLoading += estimate;
      dropLeastRecentlyUsed(entry);
    }
  }

  /** Ends a load that left nothing to remember, releasing its estimate. */
  private void forget(Object key, Entry entry, long estimate) {
    synchronized (lock) {
      release(estimate);
      if (entries.get(key) == entry) {
        entries.remove(key);
      }
      bytesHeld -= entry.bytes; // counted even when cleared meanwhile: see clear()
      entry.bytes = 0;
    }
  }

  /**
   * Ends a load: its estimate is released, and the entry is counted at {@code bytes}, dropping the
   * least recently used others until the budget holds.
   */
  private void admit(Object key, Entry entry, long estimate, long bytes) {
    synchronized (lock) {
      release(estimate);
      if (entries.get(key) != entry) { // cleared meanwhile: only its estimate is still counted
        bytesHeld -= entry.bytes;
        entry.bytes = 0;
        return;
      }
      bytesHeld += bytes - entry.bytes;
      entry.bytes = bytes;
      entry.loaded = true;
      dropLeastRecentlyUsed(entry);
    }
  }

  /** Releases a load's estimate from {@link #bytesLoading} and lets waiting loads go on. */
  private void release(long estimate) {
    if (estimate > 0) {
      bytesLoading -= estimate;
      lock.notifyAll();
    }
  }

  /**
   * Drops loaded entries other than {@code keep} and those read once, least recently used first, to
   * fit the budget.
   */
  private void dropLeastRecentlyUsed(Entry keep) {
    Iterator<Map.Entry<Object, Entry>> it = entries.entrySet().iterator();
    while (bytesHeld > budgetBytes && it.hasNext()) {
      Entry e = it.next().getValue();
      if (e != keep && e.loaded && !e.once) {
        bytesHeld -= e.bytes;
        it.remove();
      }
    }
  }

  /** Number of files held (loaded, loading, or known malformed). */
  public int size() {
    synchronized (lock) {
      return entries.size();
    }
  }

  /**
   * Bytes of quotes held now ({@link Quotes#heldBytes()}: columns and the fast engine's index),
   * plus the estimates of the loads in progress.
   */
  public long bytesHeld() {
    synchronized (lock) {
      return bytesHeld;
    }
  }

  /**
   * Forgets every file (jobs already holding quotes keep them) but those that can be read only once
   * (pipes).
   */
  public void clear() {
    synchronized (lock) {
      entries.values().removeIf(e -> !e.once);
      long held = bytesLoading; // released when those loads end
      for (Entry e : entries.values()) {
        held += e.loaded ? e.bytes : 0; // a loading one's estimate is 0, so in bytesLoading
      }
      bytesHeld = held;
    }
    realPaths.clear();
  }
}
