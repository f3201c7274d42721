package dev.arbtune.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files atomically: the content goes to a hidden temporary file in the same directory, which
 * is then renamed over the target. A reader sees the old file or the whole new one, never a part; a
 * crash leaves at most a {@code .NAME.*.tmp} file behind, which no reader of {@code *.json} picks
 * up.
 */
public final class AtomicFiles {

  /** Produces the content of a file. */
  @FunctionalInterface
  public interface WriterBody {
    void writeTo(Writer out) throws IOException;
  }

  /** Names of the temporary files {@link #writeText} creates: {@code .NAME.HEX.tmp}. */
  private static final java.util.regex.Pattern TEMPORARY_NAME =
      java.util.regex.Pattern.compile("^\\..+\\.[0-9a-f]{1,16}\\.tmp$");

  private AtomicFiles() {}

  /**
   * Whether {@code fileName} is the name of a temporary file that {@link #writeText} creates (and
   * leaves behind only when the process dies while writing): {@code .NAME.HEX.tmp}.
   */
  public static boolean isTemporaryName(String fileName) {
    return TEMPORARY_NAME.matcher(fileName).matches();
  }

  /**
   * Writes {@code target} as UTF-8 text produced by {@code body}, creating parent directories, and
   * forces it to disk before the rename so that it survives a power cut too.
   *
   * @throws IOException when the directory cannot be created or the file cannot be written; the
   *     target is then unchanged
   */
  public static void writeText(Path target, WriterBody body) throws IOException {
    writeText(target, body, true);
  }

  /**
   * Writes {@code target} as UTF-8 text produced by {@code body}, creating parent directories.
   *
   * @param durable whether to force the content to disk before the rename; without it the file is
   *     still never seen half-written by another process, but a power cut may lose it
   * @throws IOException when the directory cannot be created or the file cannot be written; the
   *     target is then unchanged
   */
  public static void writeText(Path target, WriterBody body, boolean durable) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp";
    Path tmp = dir.resolve("." + absolute.getFileName() + "." + suffix);
    try {
      try (FileChannel channel =
              FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream os = Channels.newOutputStream(channel);
          Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
        body.writeTo(w);
        w.flush();
        if (durable) {
          channel.force(true);
        }
      }
      move(tmp, absolute);
    } finally {
      Files.deleteIfExists(tmp);
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
