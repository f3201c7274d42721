package dev.arbtune.backtest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Loads each quotes file once and shares the result: thread-safe, keyed by the file's real path (so
 * {@code data/x.csv} and {@code ./data/../data/x.csv} are one entry). When several threads ask for
 * a file that is not loaded yet, one loads it and the others wait for it; threads asking for other
 * files are not held up.
 *
 * <p>A file whose content is malformed is remembered as such (it is not parsed again); a file that
 * could not be read is not remembered, so a later request tries again. Entries are kept for the
 * life of the cache: make one per session, or share one per process.
 */
public final class QuotesCache {

  private final ConcurrentHashMap<Path, CompletableFuture<Quotes>> entries =
      new ConcurrentHashMap<>();

  /**
   * Entries by the absolute path as asked for, so that a job asking again for the same name skips
   * resolving the real path (several system calls). Forgotten together with the entry.
   */
  private final ConcurrentHashMap<Path, CompletableFuture<Quotes>> aliases =
      new ConcurrentHashMap<>();

  /**
   * The quotes of {@code file}, loading them on first use.
   *
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   * @throws IOException when it cannot be read
   * @throws QuotesFormatException when its content is not a usable quotes table; the message names
   *     {@code file} as given
   */
  public Quotes get(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    Path alias = file.toAbsolutePath().normalize();
    CompletableFuture<Quotes> entry = aliases.get(alias);
    if (entry == null) {
      Path key = file.toRealPath();
      entry = entries.get(key);
      if (entry == null) {
        CompletableFuture<Quotes> mine = new CompletableFuture<>();
        entry = entries.putIfAbsent(key, mine);
        if (entry == null) {
          entry = mine;
          load(key, file, mine);
        }
      }
      aliases.put(alias, entry);
      if (entries.get(key) != entry) {
        // The load failed meanwhile and was forgotten (load() removes the entry first).
        aliases.remove(alias, entry);
      }
    }
    try {
      return entry.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + file + " to load");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof QuotesFormatException q) {
        throw q.withFile(file.toString());
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

  private void load(Path key, Path asGiven, CompletableFuture<Quotes> target) {
    try {
      target.complete(QuotesLoader.load(asGiven));
    } catch (QuotesFormatException e) {
      target.completeExceptionally(e);
    } catch (IOException | RuntimeException | Error e) {
      entries.remove(key, target);
      aliases.values().removeIf(v -> v == target);
      target.completeExceptionally(e);
    }
  }

  /** Number of files held. */
  public int size() {
    return entries.size();
  }

  /** Forgets every file (jobs already holding quotes keep them). */
  public void clear() {
    aliases.clear();
    entries.clear();
  }
}
