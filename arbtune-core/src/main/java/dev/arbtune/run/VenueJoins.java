package dev.arbtune.run;

import dev.arbtune.backtest.ConfigException;
import dev.arbtune.backtest.VenueFiles;
import dev.arbtune.io.Excerpt;
import dev.arbtune.join.JoinOptions;
import dev.arbtune.join.JoinStats;
import dev.arbtune.join.JoinSummary;
import dev.arbtune.join.QuoteJoin;
import dev.arbtune.join.VenueFormat;
import dev.arbtune.join.VenueInput;
import dev.arbtune.join.VenueSettingNames;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The joins of the venue files that jobs name instead of a {@code data_file}, each done once and
 * kept on disk: in a folder (a sweep's {@code OUTPUT_ROOT/joined/}) as {@code joined-KEY.csv},
 * where {@code KEY} is a hash of the inputs' identity (each venue file's real path, size and
 * modification time, its format, time column and unit; the staleness limit; {@link
 * #FORMAT_VERSION}). A venue file changed in place therefore gives a new join; the folder is a
 * cache, safe to delete when no session runs.
 *
 * <p>Each join's stats are kept beside its file ({@code joined-KEY.json}); a {@link
 * SessionListener} hears once per join that this instance uses that it starts ({@link
 * SessionListener#joinStarting}) and what it did, joined now or found done ({@link
 * SessionListener#joinSummary}), with a warning when it dropped most rows as stale.
 *
 * <p>Thread-safe: jobs of one process wanting the same join wait for one join, and its failure (a
 * malformed venue file) is every such job's error without joining again (for this instance: a
 * session). Processes sharing the folder take a file lock per key, so a file is written by one of
 * them, atomically (a reader never sees half of it).
 */
public final class VenueJoins {

  /** The folder of joined files under a sweep's output root. */
  public static final String FOLDER = "joined";

  /** Part of every key: a change of the join's output gives every join a new file. */
  static final int FORMAT_VERSION = 1;

  private final Path folder;
  private final Path dataRoot;

  private final SessionListener listener;

  /** A join done: its file, its stats ({@code null} when not recorded), whether found done. */
  private record Done(Path file, JoinStats stats, boolean found) {}

  /** The joins running in this process, by joined file: one writer per file, whoever asks. */
  private static final ConcurrentHashMap<Path, CompletableFuture<Done>> RUNNING =
      new ConcurrentHashMap<>();

  /** The joins this instance has asked for, by joined file, failures included (not retried). */
  private final ConcurrentHashMap<Path, CompletableFuture<Done>> asked = new ConcurrentHashMap<>();

  private final AtomicInteger joined = new AtomicInteger();

  /**
   * @param folder where joined files are kept (created when needed)
   * @param dataRoot the folder relative venue paths are read from ({@code Path.of("")}: the current
   *     one)
   */
  public VenueJoins(Path folder, Path dataRoot) {
    this(folder, dataRoot, SessionListener.NONE);
  }

  /**
   * @param folder where joined files are kept (created when needed)
   * @param dataRoot the folder relative venue paths are read from ({@code Path.of("")}: the current
   *     one)
   * @param listener hears of each join that this instance uses, once
   */
  public VenueJoins(Path folder, Path dataRoot, SessionListener listener) {
    this.folder = Objects.requireNonNull(folder, "folder");
    this.dataRoot = Objects.requireNonNull(dataRoot, "dataRoot");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** How many joins this instance ran (not found on disk), for tests and progress. */
  public int joinsRun() {
    return joined.get();
  }

  /**
   * The joined quotes file of {@code venues}: found in the folder, or joined now.
   *
   * @throws ConfigException (field {@code venue_a} or {@code venue_b}) when a venue file is missing
   *     or not a file
   * @throws dev.arbtune.backtest.QuotesFormatException when a venue file is malformed (the message
   *     names the file, line and column)
   * @throws IOException when reading or writing fails
   */
  public Path joined(VenueFiles venues) throws IOException {
    Objects.requireNonNull(venues, "venues");
    Path a = existing(VenueFiles.VENUE_A, venues.venueA());
    Path b = existing(VenueFiles.VENUE_B, venues.venueB());
    String key = key(venues, a, b);
    Path target = folder.resolve("joined-" + key + ".csv").toAbsolutePath().normalize();
    CompletableFuture<Done> known = asked.get(target);
    if (known == null) {
      CompletableFuture<Done> mine = new CompletableFuture<>();
      CompletableFuture<Done> running = RUNNING.putIfAbsent(target, mine);
      if (running == null) {
        try {
          mine.complete(join(venues, a, b, target));
        } catch (IOException | RuntimeException e) {
          mine.completeExceptionally(e);
        } finally {
          RUNNING.remove(target, mine);
        }
        running = mine;
      }
      CompletableFuture<Done> found = running;
      known = asked.putIfAbsent(target, found);
      if (known == null) { // the first ask of this instance: say what the join did
        known = found;
        known.thenAccept(done -> report(venues, done));
      }
    }
    try {
      return known.join().file();
    } catch (java.util.concurrent.CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private Done join(VenueFiles venues, Path a, Path b, Path target) throws IOException {
    Files.createDirectories(folder);
    if (Files.isRegularFile(target)) {
      return new Done(target, JoinStatsFile.read(target), true);
    }
    String name = target.getFileName().toString();
    Path lock = target.resolveSibling(name.substring(0, name.length() - 4) + ".lock");
    try (FileChannel channel =
            FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      if (Files.isRegularFile(target)) { // another process joined meanwhile
        return new Done(target, JoinStatsFile.read(target), true);
      }
      listener.joinStarting(
          "joining venue files "
              + Excerpt.of(venues.venueA())
              + " and "
              + Excerpt.of(venues.venueB())
              + " into "
              + Excerpt.of(target.toString())
              + " ...");
      JoinStats stats;
      try {
        stats =
            QuoteJoin.join(
                input(a, venues, true), input(b, venues, false), options(venues), target);
      } catch (IOException e) {
        if (exiting()) { // the exit removed the join's temporary file: not the input's fault
          throw new IOException(
              "stopped: arbtune was interrupted while joining the venue files; run the same"
                  + " command again");
        }
        throw e;
      }
      joined.incrementAndGet();
      if (stats.rowsOut() == 0) { // not kept: a later session would find it without the reason
        Files.deleteIfExists(target);
        throw new IOException("it has " + JoinSummary.noRow(stats, VenueFiles.MAX_STALENESS));
      }
      try {
        JoinStatsFile.write(target, stats);
      } catch (IOException e) { // the stats only inform: the join stands without them
        listener.warning(
            "the join's stats could not be kept beside " + target + ": " + e.getMessage());
      }
      return new Done(target, stats, false);
    } finally {
      Files.deleteIfExists(lock);
    }
  }

  /** Whether the JVM is shutting down (e.g. on Ctrl-C), when it no longer takes a hook. */
  private static boolean exiting() {
    Thread probe = new Thread(() -> {});
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  private static JoinOptions options(VenueFiles venues) {
    return new JoinOptions(venues.maxStalenessMicros(), 0, true);
  }

  /** Tells the listener what the join {@code done} did, found done or joined now. */
  private void report(VenueFiles venues, Done done) {
    String file = done.file().toString();
    List<String> lines = new ArrayList<>();
    String warning = null;
    if (done.found()) {
      lines.add(
          "reusing "
              + Excerpt.of(file)
              + ", joined earlier from "
              + Excerpt.of(venues.venueA())
              + " and "
              + Excerpt.of(venues.venueB())
              + (done.stats() == null ? " (its join's summary was not kept)" : ":"));
    }
    if (done.stats() != null) {
      JoinOptions options = options(venues);
      lines.addAll(JoinSummary.lines(done.stats(), options, file, VenueFiles.MAX_STALENESS));
      warning =
          JoinSummary.staleWarning(
              done.stats(),
              options,
              VenueFiles.MAX_STALENESS,
              VenueFiles.TIME_UNIT_A + " and " + VenueFiles.TIME_UNIT_B);
    }
    listener.joinSummary(lines, warning);
  }

  /** Venue A's ({@code first}) or B's input, its messages naming the session's keys. */
  private static VenueInput input(Path file, VenueFiles venues, boolean first) {
    return first
        ? new VenueInput(
            file,
            VenueFormat.parse(venues.formatA()),
            venues.timeColumnA(),
            venues.timeUnitA(),
            venues.sortA(),
            VenueSettingNames.sessionKeys(VenueFiles.TIME_UNIT_A, VenueFiles.SORT_A))
        : new VenueInput(
            file,
            VenueFormat.parse(venues.formatB()),
            venues.timeColumnB(),
            venues.timeUnitB(),
            venues.sortB(),
            VenueSettingNames.sessionKeys(VenueFiles.TIME_UNIT_B, VenueFiles.SORT_B));
  }

  /** {@code given} resolved against the data root, refused unless it is a regular file. */
  private Path existing(String field, String given) {
    Path p;
    try {
      p = dataRoot.resolve(given);
    } catch (InvalidPathException e) {
      throw new ConfigException(field, "is not a path: " + Excerpt.quoted(given));
    }
    if (!Files.exists(p)) {
      String tried = p.toAbsolutePath().normalize().toString();
      throw new ConfigException(
          field,
          "not found: "
              + Excerpt.of(given)
              + (Path.of(given).isAbsolute() ? "" : " (looked for " + Excerpt.of(tried) + ")"));
    }
    if (!Files.isRegularFile(p)) {
      throw new ConfigException(field, Excerpt.of(given) + " is a folder, not a quotes file");
    }
    return p;
  }

  /** The hash of what the join's output depends on, 32 hex digits. */
  static String key(VenueFiles venues, Path a, Path b) throws IOException {
    StringBuilder s = new StringBuilder("arbtune-join-v").append(FORMAT_VERSION).append('\n');
    identity(s, a, venues.formatA(), venues.timeColumnA(), venues.timeUnitA().label());
    identity(s, b, venues.formatB(), venues.timeColumnB(), venues.timeUnitB().label());
    s.append("staleness_us=").append(venues.maxStalenessMicros()).append('\n');
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every Java has SHA-256
    }
  }

  private static void identity(
      StringBuilder s, Path file, String format, String timeColumn, String unit)
      throws IOException {
    Path real = file.toRealPath();
    BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
    s.append(real)
        .append('\t')
        .append(attrs.size())
        .append('\t')
        .append(attrs.lastModifiedTime().toInstant())
        .append('\t')
        .append(format)
        .append('\t')
        .append(timeColumn == null ? "" : timeColumn)
        .append('\t')
        .append(unit)
        .append('\n');
  }
}
