package dev.arbtune.spark;

import dev.arbtune.aggregate.Warning;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;

/**
 * The result files below a results folder, found as the local aggregator finds them: every file
 * named {@code *.json} or {@code *.jsonl} at any depth (hidden ones and those starting with {@code
 * _} included, unlike Spark's own file sources), folders entered whatever their name, a folder that
 * cannot be listed reported as a warning.
 *
 * @param files the files, in listing order
 * @param warnings folders that could not be listed
 */
record ResultListing(List<ResultFile> files, List<Warning> warnings) {

  /**
   * One result file.
   *
   * @param source its path relative to the results folder, with {@code /} separators
   * @param path its qualified path
   * @param jsonLines whether it is a JSON Lines file (one document per line)
   */
  record ResultFile(String source, String path, boolean jsonLines) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  ResultListing {
    files = List.copyOf(files);
    warnings = List.copyOf(warnings);
  }

  /**
   * Lists {@code root} recursively.
   *
   * @throws NoSuchFileException when the results folder does not exist
   * @throws NotDirectoryException when it is not a folder
   * @throws IOException when the results folder itself cannot be listed
   */
  static ResultListing of(FileSystem fs, Path root, String given) throws IOException {
    Objects.requireNonNull(fs, "fs");
    FileStatus top;
    try {
      top = fs.getFileStatus(root);
    } catch (java.io.FileNotFoundException e) {
      throw new NoSuchFileException(given, null, "results directory not found");
    }
    if (!top.isDirectory()) {
      throw new NotDirectoryException(given);
    }
    Path qualified = fs.makeQualified(root);
    String prefix = qualified.toUri().getPath();
    if (!prefix.endsWith("/")) {
      prefix += "/";
    }
    List<ResultFile> files = new ArrayList<>();
    List<Warning> warnings = new ArrayList<>();
    Deque<Path> dirs = new ArrayDeque<>();
    dirs.push(qualified);
    while (!dirs.isEmpty()) {
      Path dir = dirs.pop();
      FileStatus[] entries;
      try {
        entries = fs.listStatus(dir);
      } catch (IOException e) {
        if (dir.equals(qualified)) {
          throw HadoopFiles.asNio(e, dir);
        }
        String where = source(prefix, dir);
        warnings.add(
            new Warning(
                Warning.UNREADABLE_DIRECTORY, where, "cannot list " + where + ": " + reason(e)));
        continue;
      }
      for (FileStatus entry : entries) {
        String name = entry.getPath().getName();
        boolean json = name.endsWith(".json");
        boolean jsonLines = name.endsWith(".jsonl");
        if (entry.isDirectory()) {
          dirs.push(entry.getPath());
        } else if ((json || jsonLines) && entry.isFile()) {
          files.add(
              new ResultFile(
                  source(prefix, entry.getPath()), entry.getPath().toString(), jsonLines));
        }
      }
    }
    return new ResultListing(files, warnings);
  }

  private static String source(String prefix, Path path) {
    String p = path.toUri().getPath();
    return p.startsWith(prefix) ? p.substring(prefix.length()) : p;
  }

  private static String reason(IOException e) {
    if (e instanceof AccessControlException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
