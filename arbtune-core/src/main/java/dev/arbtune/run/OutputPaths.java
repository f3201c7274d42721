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
   *     error documents) as written, or does not end in {@code .json}; whether it leads there
   *     through a symbolic link only the file system can say ({@link #isReserved})
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
      throw new IllegalArgumentException(reserved(outputJson, false));
    }
    if (!normalized.getFileName().toString().endsWith(".json")) {
      throw new IllegalArgumentException(
          "output_json must end in .json (the aggregator reads only *.json files), got "
              + Excerpt.of(outputJson));
    }
    return root.resolve(normalized);
  }

  /**
   * Whether a document in the folder {@code realFolder} would lie in {@link #INVALID_LINES_DIR} of
   * the output root {@code realRoot}: both are real paths (symbolic links resolved), so a link
   * inside the root that leads back into that folder counts too, which the path's text does not
   * show.
   */
  public static boolean isReserved(Path realRoot, Path realFolder) {
    Objects.requireNonNull(realRoot, "realRoot");
    Objects.requireNonNull(realFolder, "realFolder");
    return realFolder.startsWith(realRoot.resolve(INVALID_LINES_DIR));
  }

  /**
   * Why {@code outputJson} is refused when it lies in {@link #INVALID_LINES_DIR}: as its text says,
   * or, when {@code throughLink}, through a symbolic link.
   */
  public static String reserved(String outputJson, boolean throughLink) {
    return "output_json "
        + Excerpt.of(outputJson)
        + " is inside "
        + INVALID_LINES_DIR
        + "/"
        + (throughLink ? " (through a symbolic link)" : "")
        + ", which is kept for the error documents of unusable plan lines; give another path";
  }

  /** Where the error document of plan line {@code lineNumber} goes when it has no usable path. */
  public static Path forInvalidLine(Path root, long lineNumber) {
    return root.resolve(INVALID_LINES_DIR).resolve(String.format("line_%06d.json", lineNumber));
  }
}
