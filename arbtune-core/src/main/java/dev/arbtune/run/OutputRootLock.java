package dev.arbtune.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exclusive lock a session holds on its output root for as long as it runs: an operating-system
 * lock ({@link FileChannel#tryLock()}) on {@code ROOT/.arbtune.lock}, which the system releases
 * when the process ends, however it ends (a killed session leaves no stale lock). The file itself
 * stays; it holds the process id of the session that last held it, for messages, and the root's
 * {@linkplain #id() id}, made by the first session and kept by every later one: the sessions of
 * this root name their temporary files with it, so that a clean-up removes only their own.
 */
final class OutputRootLock implements AutoCloseable {

  /** The lock file's name inside the output root. */
  static final String FILE_NAME = OutputPaths.LOCK_FILE;

  /** The line of the lock file that holds the root's id. */
  private static final Pattern ID_LINE = Pattern.compile("(?m)^root id (r[0-9a-f]{12})\\b");

  private final FileChannel channel;
  private final FileLock lock;
  private final String problem;
  private final String id;

  private OutputRootLock(FileChannel channel, FileLock lock, String problem, String id) {
    this.channel = channel;
    this.lock = lock;
    this.problem = problem;
    this.id = id;
  }

  /**
   * The root's id ({@code r} and 12 hex digits), which the sessions of this root put in the names
   * of their temporary files; {@code null} when the lock is not {@link #held()}.
   */
  String id() {
    return id;
  }

  /** The id recorded in {@code root}'s lock file, or {@code null} when there is none. */
  static String idOf(Path root) {
    try {
      byte[] bytes = Files.readAllBytes(root.resolve(FILE_NAME));
      return recordedId(new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether {@code folder} holds an output root's lock file (another session's root). */
  static boolean isRoot(Path folder) {
    return Files.exists(folder.resolve(FILE_NAME), LinkOption.NOFOLLOW_LINKS);
  }

  private static String recordedId(String text) {
    Matcher m = ID_LINE.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  /** Whether the lock is held; {@code false} on a file system that cannot lock files. */
  boolean held() {
    return lock != null;
  }

  /** Why the lock is not held, or {@code null} when it is. */
  String problem() {
    return problem;
  }

  /**
   * Creates {@code root} if needed and locks it.
   *
   * @throws NotDirectoryException when {@code root} exists and is not a folder
   * @throws OutputRootBusyException when another session holds the lock
   * @throws IOException when the folder or the lock file cannot be created
   * @return the lock; not {@link #held()} when the file system cannot lock files (some network file
   *     systems), which is no reason not to run
   */
  static OutputRootLock acquire(Path root) throws IOException {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new NotDirectoryException(root.toString());
    }
    Files.createDirectories(root);
    Path file = root.resolve(FILE_NAME);
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another session of this process
    } catch (IOException e) {
      channel.close();
      return new OutputRootLock(
          null, null, "cannot lock " + file + ": " + JobRunner.describe(e), null);
    } catch (RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String holder = holder(channel);
      channel.close();
      throw new OutputRootBusyException(root, holder);
    }
    String id = recordedId(read(channel, 400));
    if (id == null) {
      id = String.format("r%012x", new SecureRandom().nextLong() & 0xffff_ffff_ffffL);
    }
    try {
      byte[] me =
          ("process "
                  + ProcessHandle.current().pid()
                  + ", since "
                  + Instant.now()
                  + "\nroot id "
                  + id
                  + " (temporary files of this root's sessions: .arbtune-*."
                  + id
                  + ".*.tmp)\n")
              .getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(me), 0);
    } catch (IOException e) {
      // the note is for messages; without the id, this session's temporary files stay unclaimed
    }
    return new OutputRootLock(channel, lock, null, id);
  }

  private static String holder(FileChannel channel) {
    String text = read(channel, 200).strip();
    return text.lines().findFirst().orElse(null);
  }

  /** The first {@code max} bytes of the lock file as text; empty when it cannot be read. */
  private static String read(FileChannel channel, int max) {
    try {
      ByteBuffer buf = ByteBuffer.allocate(max);
      while (buf.hasRemaining() && channel.read(buf, buf.position()) > 0) {
        // reads until full or at the end
      }
      return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() throws IOException {
    if (lock == null) {
      return;
    }
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
