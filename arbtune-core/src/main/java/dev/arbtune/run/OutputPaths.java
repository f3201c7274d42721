package dev.arbtune.run;

import dev.arbtune.io.Excerpt;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/** Where a job's result document goes: always inside the output root. */
public final class OutputPaths {

  /**
   * Folder (inside the output root) for the error documents of plan lines without a usable path.
   */
  public static final String INVALID_LINES_DIR = "_invalid_plan_lines";

  /** The lock file a session holds in its output root while it runs. */
  public static final String LOCK_FILE = ".arbtune.lock";

  private OutputPaths() {}

  /**
   * Resolves a plan line's {@code output_json} against {@code root}.
   *
   * @throws IllegalArgumentException naming the problem, when the path is empty, absolute, escapes
   *     the root with {@code ..}, lies in {@link #INVALID_LINES_DIR} (kept for the runner's own
   *     error documents), or does not end in {@code .json}
   */
  public static Path resolve(Path root, String outputJson) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(outputJson, "outputJson");
    if (outputJson.isBlank()) {
      throw new IllegalArgumentException("output_json is empty");
    }
    Path relative;
    try {
      relative = Path.of(outputJson);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("output_json is not a valid path: " + e.getReason());
    }
    if (relative.isAbsolute() || outputJson.startsWith("/") || outputJson.startsWith("\\")) {
      throw new IllegalArgumentException(
          "output_json must be relative to the output root, got the absolute path "
              + Excerpt.of(outputJson));
    }
    Path normalized = relative.normalize();
    if (normalized.toString().isEmpty() || normalized.startsWith("..")) {
      throw new IllegalArgumentException(
          "output_json must stay inside the output root, got " + Excerpt.of(outputJson));
    }
    if (normalized.getName(0).toString().equals(INVALID_LINES_DIR)) {
      throw new IllegalArgumentException(
          "output_json "
              + Excerpt.of(outputJson)
              + " is inside "
              + INVALID_LINES_DIR
              + "/, which is kept for the error documents of unusable plan lines; give another"
              + " path");
    }
    if (!normalized.getFileName().toString().endsWith(".json")) {
      throw new IllegalArgumentException(
          "output_json must end in .json (the aggregator reads only *.json files), got "
              + Excerpt.of(outputJson));
    }
    return root.resolve(normalized);
  }

  /** Where the error document of plan line {@code lineNumber} goes when it has no usable path. */
  public static Path forInvalidLine(Path root, long lineNumber) {
    return root.resolve(INVALID_LINES_DIR).resolve(String.format("line_%06d.json", lineNumber));
  }
}
