package dev.arbtune.backtest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
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
 * <p>Memory is bounded: the cache holds at most {@link #budgetBytes()} of quote columns, dropping
 * the least recently used files first and loading them again when asked for. A file that is alone
 * larger than the budget is still loaded (the job needs it) and dropped when another file is
 * loaded. Quotes already handed out stay valid after they are dropped: a job keeps what it holds.
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

  private final long budgetBytes;

  /** Guards {@link #entries} and {@link #bytesHeld}; never held while loading or waiting. */
  private final Object lock = new Object();

  /** Entries by real path and unit (or a caller's own key), least recently used first. */
  private final LinkedHashMap<Object, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

  private long bytesHeld;

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

  /** One file: loading, loaded, or known malformed. */
  private static final class Entry {
    final CompletableFuture<Quotes> quotes = new CompletableFuture<>();

    /** Bytes counted in {@link #bytesHeld}; -1 while loading. */
    long bytes = -1;
  }

  /** A cache whose budget is {@link #defaultBudgetBytes()}. */
  public QuotesCache() {
    this(defaultBudgetBytes());
  }

  /**
   * A cache that holds at most {@code budgetBytes} of quote columns ({@link Quotes#columnBytes()}).
   *
   * @param budgetBytes the budget; 0 keeps only the file loaded last
   * @throws IllegalArgumentException when negative
   */
  public QuotesCache(long budgetBytes) {
    if (budgetBytes < 0) {
      throw new IllegalArgumentException("budgetBytes must be >= 0, got " + budgetBytes);
    }
    this.budgetBytes = budgetBytes;
  }

  /** Half the heap the JVM may grow to: the default budget. */
  public static long defaultBudgetBytes() {
    return Runtime.getRuntime().maxMemory() / 2;
  }

  /** The most bytes of quote columns held at once (but for one file larger than that). */
  public long budgetBytes() {
    return budgetBytes;
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
      return get(new FileKey(real, unit), file.toString(), () -> QuotesLoader.load(file, unit));
    } catch (IOException | RuntimeException e) {
      if (!(e instanceof QuotesFormatException)) {
        realPaths.values().removeIf(real::equals); // it may have moved: resolve it again
      }
      throw e;
    }
  }

  /** A local file read in one unit. */
  private record FileKey(Path realPath, EpochUnit unit) {}

  /** The real path of {@code file}, remembered by the name it was asked for. */
  private Path realPath(Path file) throws IOException {
    Path asked = file.toAbsolutePath();
    Path real = realPaths.get(asked);
    if (real == null) {
      real = file.toRealPath();
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
      load(key, loader, entry);
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

  private void load(Object key, Loader loader, Entry entry) {
    Quotes quotes;
    try {
      quotes = loader.load();
    } catch (QuotesFormatException e) {
      admit(key, entry, FAILED_ENTRY_BYTES);
      entry.quotes.completeExceptionally(e);
      return;
    } catch (IOException | RuntimeException | Error e) {
      synchronized (lock) {
        entries.remove(key, entry);
      }
      entry.quotes.completeExceptionally(e);
      return;
    }
    admit(key, entry, quotes.columnBytes());
    entry.quotes.complete(quotes);
  }

  /** Counts a loaded entry and drops the least recently used others until the budget holds. */
  private void admit(Object key, Entry entry, long bytes) {
    synchronized (lock) {
      if (entries.get(key) != entry) {
        return; // cleared meanwhile
      }
      entry.bytes = bytes;
      bytesHeld += bytes;
      Iterator<Map.Entry<Object, Entry>> it = entries.entrySet().iterator();
      while (bytesHeld > budgetBytes && it.hasNext()) {
        Entry e = it.next().getValue();
        if (e != entry && e.bytes >= 0) {
          bytesHeld -= e.bytes;
          it.remove();
        }
      }
    }
  }

  /** Number of files held (loaded, loading, or known malformed). */
  public int size() {
    synchronized (lock) {
      return entries.size();
    }
  }

  /** Bytes of quote columns held now. */
  public long bytesHeld() {
    synchronized (lock) {
      return bytesHeld;
    }
  }

  /** Forgets every file (jobs already holding quotes keep them). */
  public void clear() {
    synchronized (lock) {
      entries.clear();
      bytesHeld = 0;
    }
    realPaths.clear();
  }
}
