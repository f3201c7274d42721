package dev.arbtune.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One sentence for an I/O failure: what went wrong and, where the exception knows it, the path;
 * never a Java class name and never {@code null}. Callers that know the path the exception does not
 * (a full disk while writing, a truncated gzip stream) put it in front: {@code cannot write
 * out.json: the disk is full (no space left on device)}.
 */
public final class IoMessages {

  private IoMessages() {}

  /**
   * The one wording of a failed write: {@code cannot write WHAT: REASON}, e.g. {@code cannot write
   * out/summary.json: the disk is full (no space left on device)}.
   *
   * @param what the file as the user knows it (a path, {@code --output out.json}, {@code stdout})
   * @param reason why, a sentence fragment
   */
  public static String cannotWrite(Object what, String reason) {
    return "cannot write " + what + ": " + reason;
  }

  /** {@link #cannotWrite(Object, String)} with {@link #describe(IOException)} of {@code e}. */
  public static String cannotWrite(Object what, IOException e) {
    return cannotWrite(what, describe(e));
  }

  /** {@link #describe(IOException)} of an {@link UncheckedIOException}'s cause. */
  public static String describe(UncheckedIOException e) {
    return describe(e.getCause());
  }

  /**
   * What went wrong, as a sentence fragment naming the path where {@code e} knows one, e.g. {@code
   * permission denied: /data/q.csv}, {@code the symbolic links loop (a link leads back to itself):
   * loop.json}, {@code the disk is full (no space left on device)}.
   */
  public static String describe(IOException e) {
    if (e == null) {
      return "an input/output error without details";
    }
    if (e instanceof FileSystemException f) {
      return describe(f);
    }
    if (e instanceof EOFException) {
      return "the data ends too early (the file is truncated or still being written)";
    }
    if (e instanceof CharacterCodingException) {
      return "the text is not valid UTF-8";
    }
    if (e instanceof InterruptedIOException) {
      return "interrupted";
    }
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getCause() instanceof IOException cause
          ? describe(cause)
          : "an input/output error without details";
    }
    // The system's own words ("No space left on device") come without a cause; a message with a
    // cause is a caller's sentence that already names the path ("cannot write X: ..."): kept.
    String known = e.getCause() == null ? knownReason(m, null) : null;
    return known != null ? known : Excerpt.of(m);
  }

  private static String describe(FileSystemException f) {
    String file = f.getFile();
    String reason = f.getReason();
    if (f instanceof FileSystemLoopException) {
      return loops(file);
    }
    if (f instanceof NoSuchFileException) {
      if (reason != null) {
        return withFile(reason, file);
      }
      return file != null && isSymbolicLink(file)
          ? brokenLink(file)
          : withFile("no such file or folder", file);
    }
    if (f instanceof FileAlreadyExistsException && reason == null && isSymbolicLink(file)) {
      // a folder cannot be made where a link loops or dangles: the name is a link, not a folder
      return Files.exists(Path.of(file))
          ? withFile("a file is in the way (a folder is needed there, or the name is taken)", file)
          : brokenLink(file);
    }
    if (f instanceof AccessDeniedException && reason == null) {
      return withFile("permission denied", file);
    }
    if (f instanceof FileAlreadyExistsException && reason == null) {
      return withFile(
          "a file is in the way (a folder is needed there, or the name is taken)", file);
    }
    if (f instanceof NotDirectoryException && reason == null) {
      return withFile("not a folder", file);
    }
    if (f instanceof DirectoryNotEmptyException && reason == null) {
      return withFile("the folder is not empty", file);
    }
    if (reason == null) {
      return withFile("cannot access", file);
    }
    String known = knownReason(reason, file);
    return known != null ? withFile(known, file) : withFile(Excerpt.of(reason), file);
  }

  /** A sentence for a reason the operating system gives in its own words, else {@code null}. */
  private static String knownReason(String reason, String file) {
    String r = reason.toLowerCase(Locale.ROOT);
    if (r.contains("no space left on device")) {
      return "the disk is full (no space left on device)";
    }
    if (r.contains("disk quota exceeded")) {
      return "the disk quota is exceeded";
    }
    if (r.contains("too many levels of symbolic links")) {
      return "the symbolic links loop (a link leads back to itself)";
    }
    if (r.equals("not a directory")) {
      return "a part of the path is a file, not a folder";
    }
    if (r.equals("is a directory")) {
      return "it is a folder, not a file";
    }
    if (r.contains("illegal seek")) {
      return "it is a pipe or a device, which cannot be read this way; give a regular file";
    }
    if (r.contains("read-only file system")) {
      return "the file system is read-only";
    }
    if (r.contains("file name too long")) {
      return "the file name is too long";
    }
    if (r.contains("no such device or address")) {
      return "nothing is listening on that pipe or socket";
    }
    if (r.contains("broken pipe")) {
      return "the reader of the pipe went away (broken pipe)";
    }
    if (r.equals("input/output error")) {
      return "the device reported an input/output error";
    }
    return null;
  }

  /** A symbolic link that leads nowhere: it loops, or its target does not exist. */
  private static String brokenLink(String file) {
    return withFile(
        isLoop(Path.of(file))
            ? "the symbolic links loop (a link leads back to itself)"
            : "a symbolic link whose target does not exist",
        file);
  }

  private static String loops(String file) {
    return withFile("the symbolic links loop (a link leads back to itself)", file);
  }

  private static String withFile(String sentence, String file) {
    return file == null ? sentence : sentence + ": " + Excerpt.of(file);
  }

  private static boolean isSymbolicLink(String file) {
    if (file == null) {
      return false;
    }
    try {
      return Files.isSymbolicLink(Path.of(file));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /**
   * Whether following the symbolic link {@code link} never reaches a file or a missing name: its
   * chain of links comes back to a link already seen, or is longer than the system allows.
   */
  public static boolean isLoop(Path link) {
    Path p = link;
    for (int i = 0; i < 64; i++) {
      if (!Files.isSymbolicLink(p)) {
        return false;
      }
      try {
        Path target = Files.readSymbolicLink(p);
        Path parent = p.toAbsolutePath().getParent();
        p = parent == null ? target : parent.resolve(target);
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
    }
    return true;
  }
}
