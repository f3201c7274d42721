package dev.arbtune.spark;

import dev.arbtune.io.AtomicFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.security.AccessControlException;

/** Reading and writing files on any Hadoop file system, the way the local runner does locally. */
final class HadoopFiles {

  private HadoopFiles() {}

  /**
   * The file system of {@code path}; for local paths the raw one, which writes no {@code .crc}
   * files beside the documents.
   */
  static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  /** A relative path as a Hadoop path, never mistaking a colon in a file name for a scheme. */
  static Path child(Path parent, String relative) {
    return new Path(parent, new Path(null, null, relative));
  }

  /**
   * How messages show a path: local paths as plain paths (as the local runner shows them), others
   * as URIs.
   */
  static String display(Path path) {
    String scheme = path.toUri().getScheme();
    return scheme == null || "file".equals(scheme) ? path.toUri().getPath() : path.toString();
  }

  /**
   * Writes {@code bytes} to {@code target} atomically where the file system renames atomically
   * (local, HDFS): into a hidden temporary file beside it, named by {@link
   * AtomicFiles#temporaryName} as the local writer names its own (so that {@code arbtune run}
   * cleans up after an interrupted Spark sweep too), then renamed over the target.
   *
   * @throws IOException when the file cannot be written; the target is then unchanged
   */
  static void writeAtomically(FileSystem fs, Path target, byte[] bytes) throws IOException {
    Path dir = target.getParent();
    fs.mkdirs(dir);
    Path tmp = new Path(dir, new Path(null, null, AtomicFiles.temporaryName(target.getName())));
    boolean moved = false;
    try {
      try (FSDataOutputStream out = fs.create(tmp, false)) {
        out.write(bytes);
      }
      moved = fs.rename(tmp, target);
      if (!moved && fs.exists(target)) { // HDFS does not rename over an existing file
        fs.delete(target, false);
        moved = fs.rename(tmp, target);
      }
      if (!moved) {
        throw new IOException("cannot rename " + display(tmp) + " to " + display(target));
      }
    } catch (IOException e) {
      throw asNio(e, target);
    } finally {
      if (!moved) {
        try {
          fs.delete(tmp, false);
        } catch (IOException ignored) {
          // left for the next session's clean-up
        }
      }
    }
  }

  /** Reads a whole file; documents are small. */
  static byte[] readAll(FileSystem fs, Path file) throws IOException {
    try {
      FileStatus status = fs.getFileStatus(file);
      if (status.getLen() > Integer.MAX_VALUE - 16) {
        throw new IOException("file too large to be a result document");
      }
      try (InputStream in = fs.open(file)) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw asNio(e, file);
    }
  }

  /**
   * Deletes the temporary files that interrupted writes left below {@code root}, as the local
   * runner does before a session. Problems are ignored.
   *
   * @return how many were deleted
   */
  static int removeTemporaryFiles(FileSystem fs, Path root) {
    int removed = 0;
    try {
      if (!fs.exists(root)) {
        return 0;
      }
      RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files = fs.listFiles(root, true);
      while (files.hasNext()) {
        Path p = files.next().getPath();
        if (AtomicFiles.isTemporaryName(p.getName()) && fs.delete(p, false)) {
          removed++;
        }
      }
    } catch (IOException e) {
      // as the local runner: a folder that cannot be read fails its jobs with a clear message
    }
    return removed;
  }

  /**
   * Hadoop's exceptions as the {@code java.nio} ones that the core library's messages know: a
   * missing file, a denied access.
   */
  static IOException asNio(IOException e, Path path) {
    if (e instanceof FileNotFoundException) {
      NoSuchFileException n = new NoSuchFileException(display(path));
      n.initCause(e);
      return n;
    }
    if (e instanceof AccessControlException) {
      AccessDeniedException a = new AccessDeniedException(display(path));
      a.initCause(e);
      return a;
    }
    return e;
  }
}
