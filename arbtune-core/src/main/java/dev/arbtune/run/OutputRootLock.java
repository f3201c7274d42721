package dev.arbtune.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The exclusive lock a session holds on its output root for as long as it runs: an operating-system
 * lock ({@link FileChannel#tryLock()}) on {@code ROOT/.arbtune.lock}, which the system releases
 * when the process ends, however it ends (a killed session leaves no stale lock). The file itself
 * stays; it holds the process id of the session that last held it, for messages.
 */
final class OutputRootLock implements AutoCloseable {

  /** The lock file's name inside the output root. */
  static final String FILE_NAME = ".arbtune.lock";

  private final FileChannel channel;
  private final FileLock lock;
  private final String problem;

  private OutputRootLock(FileChannel channel, FileLock lock, String problem) {
    this.channel = channel;
    this.lock = lock;
    this.problem = problem;
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
      return new OutputRootLock(null, null, "cannot lock " + file + ": " + JobRunner.describe(e));
    } catch (RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String holder = holder(channel);
      channel.close();
      throw new OutputRootBusyException(root, holder);
    }
    try {
      byte[] me =
          ("process " + ProcessHandle.current().pid() + ", since " + Instant.now() + "\n")
              .getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(me), 0);
    } catch (IOException e) {
      // the note is for messages only
    }
    return new OutputRootLock(channel, lock, null);
  }

  private static String holder(FileChannel channel) {
    try {
      ByteBuffer buf = ByteBuffer.allocate(200);
      channel.read(buf, 0);
      String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
      return text.lines().findFirst().orElse(null);
    } catch (IOException e) {
      return null;
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
