package dev.arbtune.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Writes files atomically: the content goes to a hidden temporary file in the same directory, which
 * is then renamed over the target. A reader sees the old file or the whole new one, never a part; a
 * crash leaves at most a {@code .arbtune-NAME.HEX.tmp} file behind, which no reader of {@code
 * *.json} picks up. The {@code .arbtune-} prefix marks the file as arbtune's own, so that clean-ups
 * ({@link #isTemporaryName}) never touch another program's temporary files.
 *
 * <p>A durable write (the default) survives a power cut once it returns: the temporary file is
 * forced to disk before the rename, and its folder after it (on Linux a renamed or new name is
 * durable only once its folder is); the first durable write into a folder in this process, and one
 * that created folders, also forces every folder above it on the same file system. Where a folder
 * cannot be opened to force it (Windows) that step is skipped. When only forcing a folder fails,
 * the new file is already in place (a reader sees it) but may not survive a power cut: the write
 * fails all the same. A write that is not durable forces nothing: it is still never seen
 * half-written, but a power cut may lose it.
 */
public final class AtomicFiles {

  /** Produces the content of a file. */
  @FunctionalInterface
  public interface WriterBody {
    void writeTo(Writer out) throws IOException;
  }

  /** Produces the content of a binary file, written to a channel positioned at its start. */
  @FunctionalInterface
  public interface ChannelBody {
    void writeTo(FileChannel out) throws IOException;
  }

  /** Produces the content of a file as bytes (e.g. gzip-compressed), written to a stream. */
  @FunctionalInterface
  public interface StreamBody {
    void writeTo(OutputStream out) throws IOException;
  }

  /** What every temporary file name starts with. */
  public static final String TEMPORARY_PREFIX = ".arbtune-";

  /** Names of the temporary files {@link #temporaryName} makes: {@code .arbtune-NAME.HEX.tmp}. */
  private static final Pattern TEMPORARY_NAME =
      Pattern.compile("^" + Pattern.quote(TEMPORARY_PREFIX) + ".+\\.[0-9a-f]{1,16}\\.tmp$");

  private AtomicFiles() {}

  /**
   * A fresh name for the temporary file that is renamed to {@code fileName} once written: {@code
   * .arbtune-NAME.HEX.tmp} with 64 random bits in hex. Every writer of arbtune result files (this
   * class, and the Spark module's writer on other file systems) names its temporary files so.
   *
   * @param fileName the target's file name (without folders)
   */
  public static String temporaryName(String fileName) {
    Objects.requireNonNull(fileName, "fileName");
    return TEMPORARY_PREFIX
        + fileName
        + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong())
        + ".tmp";
  }

  /**
   * A fresh temporary name as {@link #temporaryName(String)} makes, carrying {@code owner} before
   * the random part: {@code .arbtune-NAME.OWNER.HEX.tmp}, so that a clean-up can tell its own
   * temporary files from those of another writer. {@link #isTemporaryName} recognises it too.
   *
   * @param fileName the target's file name (without folders)
   * @param owner letters and digits naming the writer (e.g. an output root's id); {@code null} for
   *     {@link #temporaryName(String)}'s name
   */
  public static String temporaryName(String fileName, String owner) {
    Objects.requireNonNull(fileName, "fileName");
    if (owner == null) {
      return temporaryName(fileName);
    }
    if (!isOwner(owner)) {
      throw new IllegalArgumentException("owner must be 1 to 32 letters or digits, got " + owner);
    }
    return temporaryName(fileName + "." + owner);
  }

  /**
   * What {@link #temporaryName(String, String)} accepts as an owner: 1 to 32 ASCII letters or
   * digits, as the regular expression {@code [A-Za-z0-9]{1,32}} matches (AtomicFilesTest holds it
   * to that), without a regular expression: it is checked for every document a run writes.
   */
  static boolean isOwner(String owner) {
    int len = owner.length();
    if (len < 1 || len > 32) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      char c = owner.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code fileName} is a temporary name that {@link #temporaryName(String, String)} made
   * for {@code owner}.
   */
  public static boolean isTemporaryNameOf(String fileName, String owner) {
    Objects.requireNonNull(owner, "owner");
    if (!isTemporaryName(fileName)) {
      return false;
    }
    int random = fileName.lastIndexOf('.', fileName.length() - ".tmp".length() - 1);
    return fileName.startsWith("." + owner + ".", random - owner.length() - 1);
  }

  /**
   * Whether {@code fileName} is the name of a temporary file that {@link #temporaryName} makes (and
   * that is left behind only when the process dies while writing): {@code .arbtune-NAME.HEX.tmp}.
   * Other programs' temporary files ({@code .bash_history.cafe.tmp}) do not match.
   */
  public static boolean isTemporaryName(String fileName) {
    return TEMPORARY_NAME.matcher(fileName).matches();
  }

  /**
   * Writes {@code target} as UTF-8 text produced by {@code body}, creating parent directories, and
   * durably: it survives a power cut too once this returns (see the class comment).
   *
   * @throws IOException when the directory cannot be created or the file cannot be written; the
   *     target is then unchanged (unless only forcing its folder to disk failed)
   */
  public static void writeText(Path target, WriterBody body) throws IOException {
    writeText(target, body, true);
  }

  /**
   * Writes {@code target} as UTF-8 text produced by {@code body}, creating parent directories.
   *
   * @param durable whether to force the content to disk before the rename and its folder after it
   *     (see the class comment); without it the file is still never seen half-written by another
   *     process, but a power cut may lose it
   * @throws IOException when the directory cannot be created or the file cannot be written; the
   *     target is then unchanged (unless only forcing its folder to disk failed)
   */
  public static void writeText(Path target, WriterBody body, boolean durable) throws IOException {
    writeText(target, body, durable, null, null);
  }

  /**
   * Writes {@code target} as {@link #writeText(Path, WriterBody, boolean)} does, giving the new
   * file {@code permissions} (those of the file it replaces, typically) where the file system
   * supports them.
   *
   * @param permissions the new file's permissions, or {@code null} for the default ones
   */
  public static void writeText(
      Path target, WriterBody body, boolean durable, Set<PosixFilePermission> permissions)
      throws IOException {
    writeText(target, body, durable, permissions, null);
  }

  /**
   * Writes {@code target} as {@link #writeText(Path, WriterBody, boolean)} does, through a
   * temporary file named for {@code owner} ({@link #temporaryName(String, String)}).
   *
   * @param owner names the writer in the temporary file's name, or {@code null}
   * @throws IOException when the directory cannot be created or the file cannot be written; the
   *     target is then unchanged
   */
  public static void writeText(Path target, WriterBody body, boolean durable, String owner)
      throws IOException {
    writeText(target, body, durable, null, owner);
  }

  /**
   * Writes an output the user named ({@code plan --output}, {@code aggregate --output-json}, ...)
   * as {@link #writeText(Path, WriterBody, boolean, Set)} does, so that an interrupted write leaves
   * nothing behind for long: the temporary file carries this process's id ({@code
   * .arbtune-NAME.pPID.HEX.tmp}) and is deleted when the process is stopped while writing it
   * (SIGTERM, Ctrl-C); one that a killed process left (SIGKILL, a crash) is deleted by the next
   * write of the same output once that process is gone.
   *
   * @throws IOException as {@link #writeText(Path, WriterBody, boolean)}
   */
  public static void writeOutput(
      Path target, WriterBody body, boolean durable, Set<PosixFilePermission> permissions)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    removeLeftoversOfEndedProcesses(absolute);
    writeText(absolute, body, durable, permissions, PROCESS_OWNER, true);
  }

  /**
   * Writes an output the user named as {@link #writeOutput} does, as bytes that {@code body}
   * produces (e.g. a gzip-compressed file).
   *
   * @throws IOException as {@link #writeText(Path, WriterBody, boolean)}
   */
  public static void writeOutputBytes(
      Path target, StreamBody body, boolean durable, Set<PosixFilePermission> permissions)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    removeLeftoversOfEndedProcesses(absolute);
    write(
        absolute,
        channel -> {
          // not closed here: closing the stream would close the channel before it is forced
          OutputStream os = Channels.newOutputStream(channel);
          body.writeTo(os);
          os.flush();
        },
        durable,
        permissions,
        PROCESS_OWNER,
        true);
  }

  /** The owner of {@link #writeOutput}'s temporary files: {@code p} and this process's id. */
  private static final String PROCESS_OWNER = "p" + ProcessHandle.current().pid();

  private static final Pattern PROCESS_OWNED =
      Pattern.compile("^\\.p([0-9]{1,19})\\.[0-9a-f]{1,16}\\.tmp$");

  /** The temporary files of {@link #writeOutput} being written now, for the shutdown hook. */
  private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();

  private static final AtomicBoolean HOOK_ADDED = new AtomicBoolean();

  /**
   * Deletes {@code .arbtune-NAME.pPID.HEX.tmp} files beside {@code target} (NAME its name) whose
   * process has ended. A live process's, another writer's and anything else are kept.
   */
  static void removeLeftoversOfEndedProcesses(Path target) {
    Path dir = target.getParent();
    String prefix = TEMPORARY_PREFIX + target.getFileName() + ".p";
    try (var entries =
        Files.newDirectoryStream(dir, e -> e.getFileName().toString().startsWith(prefix))) {
      for (Path leftover : entries) {
        String name = leftover.getFileName().toString();
        var m = PROCESS_OWNED.matcher(name.substring(prefix.length() - 2));
        if (!m.matches()) {
          continue;
        }
        long pid;
        try {
          pid = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
          continue;
        }
        if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()) {
          Files.deleteIfExists(leftover);
        }
      }
    } catch (IOException | SecurityException e) {
      // best effort: a leftover is hidden and never read
    }
  }

  private static void removeOnExit(Path tmp) {
    if (HOOK_ADDED.compareAndSet(false, true)) {
      try {
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      for (Path p : IN_PROGRESS) {
                        try {
                          Files.deleteIfExists(p);
                        } catch (IOException e) {
                          // best effort
                        }
                      }
                    },
                    "arbtune-remove-temporary-files"));
      } catch (IllegalStateException e) {
        // already shutting down
      }
    }
    IN_PROGRESS.add(tmp);
  }

  private static void writeText(
      Path target,
      WriterBody body,
      boolean durable,
      Set<PosixFilePermission> permissions,
      String owner)
      throws IOException {
    writeText(target, body, durable, permissions, owner, false);
  }

  private static void writeText(
      Path target,
      WriterBody body,
      boolean durable,
      Set<PosixFilePermission> permissions,
      String owner,
      boolean removeOnExit)
      throws IOException {
    write(
        target,
        channel -> {
          // not closed here: closing the writer would close the channel before it is forced
          Writer w =
              new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
          body.writeTo(w);
          w.flush();
        },
        durable,
        permissions,
        owner,
        removeOnExit);
  }

  /**
   * Writes {@code bytes} to {@code target} as {@link #writeText(Path, WriterBody, boolean, String)}
   * writes text: atomically, creating parent directories, through a temporary file named for {@code
   * owner}.
   *
   * @param owner names the writer in the temporary file's name, or {@code null}
   * @throws IOException when the directory cannot be created or the file cannot be written; the
   *     target is then unchanged
   */
  public static void writeBytes(Path target, byte[] bytes, boolean durable, String owner)
      throws IOException {
    Objects.requireNonNull(bytes, "bytes");
    write(
        target,
        channel -> {
          ByteBuffer buffer = ByteBuffer.wrap(bytes);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
        },
        durable,
        null,
        owner,
        false);
  }

  /**
   * Writes {@code target} as {@link #writeText(Path, WriterBody, boolean)} does, its bytes written
   * by {@code body} to the temporary file's channel (which {@code body} must not close).
   *
   * @throws IOException when the directory cannot be created or the file cannot be written; the
   *     target is then unchanged
   */
  public static void writeChannel(Path target, ChannelBody body, boolean durable)
      throws IOException {
    write(target, body, durable, null, null, false);
  }

  private static void write(
      Path target,
      ChannelBody body,
      boolean durable,
      Set<PosixFilePermission> permissions,
      String owner,
      boolean removeOnExit)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path tmp = dir.resolve(temporaryName(absolute.getFileName().toString(), owner));
    if (removeOnExit) {
      removeOnExit(tmp);
    }
    boolean created = false;
    try {
      try (FileChannel channel = createInFolder(dir, tmp, durable)) {
        created = true;
        if (permissions != null) {
          setPermissions(tmp, permissions);
        }
        body.writeTo(channel);
        if (durable) {
          channel.force(true);
        }
      }
      move(tmp, absolute);
    } catch (IOException | RuntimeException | Error e) {
      if (created) { // the failure is what the caller hears of; a failed clean-up rides along
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    } finally {
      if (removeOnExit) {
        IN_PROGRESS.remove(tmp);
      }
    }
    if (durable) { // the rename is durable once the folder is; the target is in place either way
      FolderSync.afterRename(dir);
    }
  }

  /**
   * How a temporary file is opened: created, never an existing one. One set for every write (the
   * varargs form of {@link FileChannel#open} builds a set each time).
   */
  private static final Set<StandardOpenOption> NEW_FILE =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  /**
   * Creates the new file {@code tmp} in {@code dir}, creating {@code dir} (and its parents) first
   * when that fails. A sweep writes thousands of files into a few folders that exist: trying the
   * file first spares each one a {@code mkdir} that fails and a {@code stat}. When the first try
   * fails for any reason, the folders are created and the file is tried again, so that a failure
   * reads as it always did (a file in the way of a folder, a read-only folder). When {@code
   * durable}, the folders above {@code dir} are then forced to disk, so that the new ones' entries
   * survive a power cut (also those another thread created a moment ago).
   */
  private static FileChannel createInFolder(Path dir, Path tmp, boolean durable)
      throws IOException {
    try {
      return FileChannel.open(tmp, NEW_FILE);
    } catch (IOException e) {
      Files.createDirectories(dir);
      if (durable) {
        FolderSync.afterCreatingFolders(dir);
      }
      return FileChannel.open(tmp, NEW_FILE);
    }
  }

  private static void setPermissions(Path file, Set<PosixFilePermission> permissions) {
    try {
      Files.setPosixFilePermissions(file, permissions);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort: the content matters, the mode is a courtesy
    }
  }

  private static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
