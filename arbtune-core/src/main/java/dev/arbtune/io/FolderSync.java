package dev.arbtune.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forces folders to disk, so that the names a durable write of {@link AtomicFiles} renamed or
 * created in them survive a power cut: on Linux a new or renamed directory entry is durable only
 * once its folder is forced (or the file system's journal commits, seconds later).
 *
 * <p>After every rename the target's folder is forced; the first time a folder is written to in
 * this process (and whenever {@link AtomicFiles} created folders for it), every folder above it on
 * the same file system is forced too, so that a folder another part of the program (or another
 * program) created just before is durable as well. Where a folder cannot be opened for reading
 * (Windows, which cannot open folders so; a folder without read permission) it is skipped: there
 * the entry is as durable as the file system makes it on its own.
 */
final class FolderSync {

  /** Forces one folder to disk. */
  @FunctionalInterface
  interface Forcer {
    /**
     * @throws IOException when the folder cannot be forced
     */
    void force(Path folder) throws IOException;
  }

  /** The real forcer: opens the folder for reading and forces it. */
  static final Forcer SYSTEM = FolderSync::forceFolder;

  /** What forces folders; tests replace it to see which folders are forced. */
  static volatile Forcer forcer = SYSTEM;

  /** Past this many folders known to be durable, the set starts again (bounded memory). */
  private static final int MAX_KNOWN = 4096;

  /** The folders (their file keys) whose path is known to be forced in this process. */
  private static final Set<Object> KNOWN = ConcurrentHashMap.newKeySet();

  private FolderSync() {}

  /**
   * Forces {@code folder}, into which a file was just renamed, and, unless done before in this
   * process, every folder above it on the same file system.
   *
   * @throws IOException when a folder cannot be forced (naming it)
   */
  static void afterRename(Path folder) throws IOException {
    Objects.requireNonNull(folder, "folder");
    force(folder);
    Object key = key(folder);
    if (key == null || !KNOWN.contains(key)) {
      forceAbove(folder, key);
    }
  }

  /**
   * Forces every folder above {@code folder} on the same file system: after folders were created
   * for it, each new folder's parent holds a new entry.
   *
   * @throws IOException when a folder cannot be forced (naming it)
   */
  static void afterCreatingFolders(Path folder) throws IOException {
    forceAbove(folder, key(folder));
  }

  /**
   * Forces the folders above {@code folder} up to the first one known to be forced with those above
   * it (that one holds an entry that may be new, those above it do not) or the file system's top,
   * then records them all as known.
   */
  private static void forceAbove(Path folder, Object key) throws IOException {
    List<Object> forced = new ArrayList<>();
    if (key != null) {
      forced.add(key);
    }
    Path real = folder.toRealPath();
    Object device = device(real);
    for (Path p = real.getParent(); p != null && device != null; p = p.getParent()) {
      if (!device.equals(device(p))) {
        break; // another file system's folders hold no entry of ours
      }
      force(p);
      Object above = key(p);
      if (above != null && KNOWN.contains(above)) {
        break;
      }
      if (above != null) {
        forced.add(above);
      }
    }
    if (KNOWN.size() + forced.size() > MAX_KNOWN) {
      KNOWN.clear();
    }
    KNOWN.addAll(forced);
  }

  /** Calls the {@link #forcer}, naming the folder in a failure that does not name it yet. */
  private static void force(Path folder) throws IOException {
    try {
      forcer.force(folder);
    } catch (FileSystemException e) {
      throw e;
    } catch (IOException e) {
      String reason = e.getMessage();
      FileSystemException named =
          new FileSystemException(
              folder.toString(),
              null,
              reason == null || reason.isBlank()
                  ? "the folder could not be forced to disk"
                  : reason);
      named.initCause(e);
      throw named;
    }
  }

  private static void forceFolder(Path folder) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(folder, StandardOpenOption.READ);
    } catch (AccessDeniedException e) {
      return; // Windows cannot open a folder so, nor anyone an unreadable one: left to the system
    }
    try (channel) {
      channel.force(true);
    }
  }

  /**
   * The folder's path and identity (device and inode where known), or {@code null} when unknown: a
   * folder deleted and made again elsewhere may get the same inode, one made again at the same path
   * by this class is forced as new ({@link #afterCreatingFolders}).
   */
  private static Object key(Path folder) {
    try {
      Object key = Files.readAttributes(folder, BasicFileAttributes.class).fileKey();
      return key != null ? List.of(folder.toAbsolutePath(), key) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The device {@code folder} lies on, or {@code null} where the system does not tell. */
  private static Object device(Path folder) {
    try {
      return Files.getAttribute(folder, "unix:dev");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }
}
