package dev.arbtune.io;

import java.io.FileOutputStream;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Where one output option of a command writes, decided once by the same rules for every option:
 *
 * <ul>
 *   <li>{@code -} is the command's stdout;
 *   <li>a regular file, a name that does not exist yet, or a symbolic link (or chain of links) to
 *       either is written atomically <em>at the link's target</em>: a temporary file in the
 *       target's folder is renamed over the target, so the links stay links;
 *   <li>anything else that exists (a pipe, {@code >(cmd)}, a character device such as {@code
 *       /dev/null}, {@code /dev/stdout}, {@code /dev/fd/N}) is written in place: opened for
 *       appending, never renamed over, no temporary file;
 *   <li>a folder is refused ({@link OutputPathException}).
 * </ul>
 *
 * <p>A path reached through {@code /proc} ({@code /dev/fd/N}, {@code /dev/stderr}) is a descriptor
 * of this process and is written in place even when it leads to a regular file. This process's
 * stdout ({@code /dev/stdout}, {@code /dev/fd/1}, {@code /proc/self/fd/1}) is {@link Mode#STDOUT}:
 * opened anew it would be written from another offset than the shell's descriptor, and later output
 * ({@code > out.txt 2>&1}) would overwrite it.
 */
public final class OutputTarget {

  /** The value that means stdout for every output option. */
  public static final String STDOUT = "-";

  /** How an output is written. */
  public enum Mode {
    /** To the command's stdout. */
    STDOUT,
    /** Atomically at {@link #target()}: a temporary file renamed over it. */
    REPLACE,
    /** Opened for appending as it is (a pipe, a device, a descriptor). */
    IN_PLACE
  }

  /** The longest chain of symbolic links followed (Linux stops at 40 too). */
  private static final int MAX_LINKS = 40;

  private static final Path PROC = Path.of("/proc");

  private final String option;
  private final Path given;
  private final Mode mode;
  private final Path target;

  private OutputTarget(String option, Path given, Mode mode, Path target) {
    this.option = Objects.requireNonNull(option, "option");
    this.given = given;
    this.mode = Objects.requireNonNull(mode, "mode");
    this.target = target;
  }

  /**
   * Decides where {@code option}'s value {@code given} writes; see the class comment.
   *
   * @param option the option's name as the user types it, e.g. {@code --output-json}
   * @param given the option's value; {@code -} for stdout
   * @throws OutputPathException when {@code given} is a folder
   * @throws IOException when the path cannot be examined (e.g. its symbolic links loop)
   */
  public static OutputTarget of(String option, Path given) throws IOException {
    Objects.requireNonNull(option, "option");
    Objects.requireNonNull(given, "given");
    if (isStdout(given)) {
      return new OutputTarget(option, null, Mode.STDOUT, null);
    }
    Path p = given.toAbsolutePath();
    for (int links = 0; links <= MAX_LINKS; links++) {
      Path parent = p.getParent();
      Path name = p.getFileName();
      if (parent == null || name == null) {
        throw isAFolder(option, given);
      }
      Path realParent = existingRealFolder(option, given, parent);
      if (realParent == null) {
        // the folder does not exist yet: it is created, and the file is new
        return new OutputTarget(option, given, Mode.REPLACE, p);
      }
      if (realParent.startsWith(PROC)) {
        if (isOwnStdout(realParent, name)) {
          // Opened anew, it would be written from its start (or its end) while the shell's
          // descriptor stays where it was: later output would overwrite it. Write through it.
          return new OutputTarget(option, null, Mode.STDOUT, null);
        }
        return new OutputTarget(option, given, Mode.IN_PLACE, given);
      }
      Path here = realParent.resolve(name);
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(here, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        return new OutputTarget(option, given, Mode.REPLACE, here);
      }
      if (attrs.isSymbolicLink()) {
        p = realParent.resolve(Files.readSymbolicLink(here));
      } else if (attrs.isDirectory()) {
        throw isAFolder(option, given);
      } else if (attrs.isRegularFile()) {
        return new OutputTarget(option, given, Mode.REPLACE, here);
      } else {
        return new OutputTarget(option, given, Mode.IN_PLACE, given);
      }
    }
    throw new FileSystemLoopException(given.toString());
  }

  /** Whether {@code folder/name} is this process's descriptor 1: {@code /proc/PID/fd/1}. */
  private static boolean isOwnStdout(Path folder, Path name) {
    return name.toString().equals("1")
        && (folder.equals(PROC.resolve("self").resolve("fd"))
            || folder.equals(
                PROC.resolve(Long.toString(ProcessHandle.current().pid())).resolve("fd")));
  }

  /** Whether {@code given} is the value {@code -}, stdout. */
  public static boolean isStdout(Path given) {
    return given != null && given.toString().equals(STDOUT);
  }

  /**
   * The real path of {@code folder}, or {@code null} when it does not exist (it is then created
   * when writing).
   */
  private static Path existingRealFolder(String option, Path given, Path folder)
      throws IOException {
    Path existing = folder;
    while (existing != null && !Files.exists(existing)) {
      if (Files.isSymbolicLink(existing)) {
        if (IoMessages.isLoop(existing)) {
          throw new FileSystemLoopException(existing.toString());
        }
        throw new NoSuchFileException(existing.toString());
      }
      existing = existing.getParent();
    }
    if (existing == null) {
      return null;
    }
    if (!Files.isDirectory(existing)) {
      throw new OutputPathException(
          option
              + " "
              + Excerpt.of(given.toString())
              + ": "
              + Excerpt.of(existing.toString())
              + " is a file, not a folder");
    }
    return existing.equals(folder) ? folder.toRealPath() : null;
  }

  private static OutputPathException isAFolder(String option, Path given) {
    return new OutputPathException(
        option
            + " "
            + Excerpt.of(given.toString())
            + " is a folder; give a file name (or - for stdout)");
  }

  /** The option this output belongs to, e.g. {@code --output-json}. */
  public String option() {
    return option;
  }

  /** The path as the user gave it, or {@code null} for stdout. */
  public Path given() {
    return given;
  }

  /** How the output is written. */
  public Mode mode() {
    return mode;
  }

  /** Whether the output goes to stdout. */
  public boolean isStdout() {
    return mode == Mode.STDOUT;
  }

  /**
   * The file that is written: the end of the chain of symbolic links for {@link Mode#REPLACE}, the
   * given path for {@link Mode#IN_PLACE}, {@code null} for stdout.
   */
  public Path target() {
    return target;
  }

  /** How messages name the output: the path as given, or {@code stdout}. */
  @Override
  public String toString() {
    return isStdout() ? "stdout" : given.toString();
  }

  /**
   * Writes the output: to {@code stdout} (flushed, not closed), in place, or atomically at the
   * target, keeping the permissions of the file it replaces.
   *
   * @param stdout the command's stdout
   * @param durable whether a replaced file is forced to disk before the rename
   * @throws IOException when it cannot be written, with a message naming the path and the cause; a
   *     replaced file is then unchanged
   */
  public void write(Writer stdout, AtomicFiles.WriterBody content, boolean durable)
      throws IOException {
    write(stdout, content, durable, false);
  }

  /**
   * Writes the output as {@link #write(Writer, AtomicFiles.WriterBody, boolean)} does, a file
   * (replaced or in place) gzip-compressed when {@code gzip} is set; stdout is never compressed.
   *
   * @throws IOException as {@link #write(Writer, AtomicFiles.WriterBody, boolean)}
   */
  public void write(Writer stdout, AtomicFiles.WriterBody content, boolean durable, boolean gzip)
      throws IOException {
    Objects.requireNonNull(content, "content");
    write(stdout, content, null, durable, gzip);
  }

  /**
   * Writes the output as {@link #write(Writer, AtomicFiles.WriterBody, boolean, boolean)} does,
   * from {@code content}'s ASCII bytes: a file gets them as they are (no character encoding on the
   * way), stdout as characters.
   *
   * @throws IOException as {@link #write(Writer, AtomicFiles.WriterBody, boolean)}
   */
  public void writeAscii(
      Writer stdout, AtomicFiles.StreamBody content, boolean durable, boolean gzip)
      throws IOException {
    Objects.requireNonNull(content, "content");
    write(stdout, w -> content.writeTo(new AsciiWriterStream(w)), content, durable, gzip);
  }

  /** Writes {@code content}, or {@code bytes} (the same output as bytes) to files when given. */
  private void write(
      Writer stdout,
      AtomicFiles.WriterBody content,
      AtomicFiles.StreamBody bytes,
      boolean durable,
      boolean gzip)
      throws IOException {
    // Writers of CSV (FastCSV) report I/O failures unchecked: seen here as the I/O failures they
    // are
    AtomicFiles.WriterBody body =
        w -> {
          try {
            content.writeTo(w);
          } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
          }
        };
    try {
      switch (mode) {
        case STDOUT -> {
          Objects.requireNonNull(stdout, "stdout");
          body.writeTo(new NonClosing(stdout));
          stdout.flush();
          checkStdout(stdout);
        }
        case IN_PLACE -> {
          try (OutputStream os = new FileOutputStream(given.toFile(), true)) {
            if (bytes != null) {
              writeBytes(os, bytes, gzip);
            } else {
              writeEncoded(os, body, gzip);
            }
          }
        }
        case REPLACE -> {
          Set<PosixFilePermission> permissions = permissionsOf(target);
          if (bytes != null) {
            AtomicFiles.writeOutputBytes(
                target, os -> writeBytes(os, bytes, gzip), durable, permissions);
          } else if (gzip) {
            AtomicFiles.writeOutputBytes(
                target, os -> writeEncoded(os, body, true), durable, permissions);
          } else {
            AtomicFiles.writeOutput(target, body, durable, permissions);
          }
        }
      }
    } catch (OutputPathException | PipeClosedException e) {
      throw e;
    } catch (java.io.FileNotFoundException e) {
      // FileOutputStream's only way to say why: "PATH (reason)"
      throw new IOException(IoMessages.cannotWrite(what(), Excerpt.of(e.getMessage())), e);
    } catch (IOException e) {
      if (mode == Mode.IN_PLACE && PipeClosedException.isBrokenPipe(e)) {
        throw new PipeClosedException(option + " " + Excerpt.of(toString()));
      }
      throw new IOException(IoMessages.cannotWrite(what(), e), e);
    }
  }

  /** Writes {@code body}'s bytes to {@code os}, gzip-compressed when {@code gzip}. */
  private static void writeBytes(OutputStream os, AtomicFiles.StreamBody body, boolean gzip)
      throws IOException {
    GZIPOutputStream compressed = gzip ? new GZIPOutputStream(os, 1 << 16) : null;
    body.writeTo(gzip ? compressed : os);
    if (compressed != null) {
      compressed.finish();
    }
    os.flush();
  }

  /** Writes {@code body}'s text to {@code os} as UTF-8, gzip-compressed when {@code gzip}. */
  private static void writeEncoded(OutputStream os, AtomicFiles.WriterBody body, boolean gzip)
      throws IOException {
    GZIPOutputStream compressed = gzip ? new GZIPOutputStream(os, 1 << 16) : null;
    Writer w = new OutputStreamWriter(gzip ? compressed : os, StandardCharsets.UTF_8);
    body.writeTo(w);
    w.flush();
    if (compressed != null) {
      compressed.finish();
    }
  }

  /**
   * A {@link PrintWriter} (the command's stdout) keeps its write errors to itself: asked here, a
   * failed stdout is a {@link PipeClosedException} when stdout is a pipe (its reader went away),
   * else an error that says the output is incomplete.
   */
  private static void checkStdout(Writer stdout) throws IOException {
    if (stdout instanceof PrintWriter pw && pw.checkError()) {
      if (PipeClosedException.isPipe(1)) {
        throw new PipeClosedException("stdout");
      }
      throw new IOException(
          IoMessages.cannotWrite("stdout", "the output is incomplete (is the disk full?)"));
    }
  }

  /** This target as a failure names it: the option, the path and, for a link, its target. */
  private String what() {
    String where =
        mode == Mode.REPLACE && !target.equals(given.toAbsolutePath())
            ? " (the target of its symbolic link: " + target + ")"
            : "";
    return option + " " + Excerpt.of(toString()) + where;
  }

  private static Set<PosixFilePermission> permissionsOf(Path file) {
    PosixFileAttributeView view =
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    try {
      return view.readAttributes().permissions();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Refuses outputs that would destroy an input or each other: an output that is the same file as
   * an input (through symbolic and hard links), or two outputs that are the same file (two of them
   * on stdout included). Character devices ({@code /dev/null}, a terminal) may be both.
   *
   * @param outputs the command's outputs; {@code null} entries (options not given) are ignored
   * @param inputs the command's input files; {@code null} entries and {@code -} are ignored
   * @throws OutputPathException naming both options and the path
   */
  public static void refuseOverlaps(List<OutputTarget> outputs, List<Input> inputs)
      throws OutputPathException {
    for (int i = 0; i < outputs.size(); i++) {
      OutputTarget out = outputs.get(i);
      if (out == null) {
        continue;
      }
      for (Input in : inputs) {
        if (in != null && !isStdout(in.path()) && out.sameFileAs(in.path())) {
          throw new OutputPathException(
              out.option()
                  + " "
                  + Excerpt.of(out.toString())
                  + " is the same file as "
                  + in.option()
                  + " "
                  + Excerpt.of(in.path().toString())
                  + "; writing it would destroy the input, so give another output path");
        }
      }
      for (int j = 0; j < i; j++) {
        OutputTarget other = outputs.get(j);
        if (other != null && out.sameOutputAs(other)) {
          throw new OutputPathException(
              other.option()
                  + " and "
                  + out.option()
                  + " both write "
                  + Excerpt.of(out.toString())
                  + "; give each output its own path");
        }
      }
    }
  }

  /** Whether this output writes the existing file {@code file} (not counting character devices). */
  public boolean sameFileAs(Path file) {
    if (isStdout() || !Files.exists(file) || !Files.exists(target)) {
      return false;
    }
    try {
      return Files.isSameFile(target, file) && !isCharacterDevice(file);
    } catch (IOException e) {
      return false;
    }
  }

  private boolean sameOutputAs(OutputTarget other) {
    if (isStdout() || other.isStdout()) {
      return isStdout() && other.isStdout();
    }
    if (target.equals(other.target)) {
      return !isCharacterDevice(target);
    }
    return Files.exists(other.target) && sameFileAs(other.target);
  }

  private static boolean isCharacterDevice(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return a.isOther() && !isFifo(file);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static boolean isFifo(Path file) {
    try {
      Object mode = Files.getAttribute(file, "unix:mode");
      return mode instanceof Integer m && (m & 0170000) == 0010000;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * An input file of a command, for {@link #refuseOverlaps}.
   *
   * @param option the option's name, e.g. {@code --config}
   * @param path the file as given
   */
  public record Input(String option, Path path) {
    public Input {
      Objects.requireNonNull(option, "option");
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * Passes everything on to the command's stdout but never closes it; every 4,096 writes it asks
   * whether stdout failed, so that a long output stops soon after its reader went away.
   */
  private static final class NonClosing extends FilterWriter {
    private int writes;

    NonClosing(Writer out) {
      super(out);
    }

    private void check() throws IOException {
      if (++writes % 4096 == 0) {
        checkStdout(out);
      }
    }

    @Override
    public void write(int c) throws IOException {
      super.write(c);
      check();
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      super.write(cbuf, off, len);
      check();
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
      super.write(str, off, len);
      check();
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
