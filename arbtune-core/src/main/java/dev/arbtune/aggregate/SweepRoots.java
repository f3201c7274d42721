package dev.arbtune.aggregate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Recognises a sweep's output root, whose result documents are in its {@code results/} folder
 * beside the plan and arbtune's bookkeeping ({@code jobs.jsonl}, {@code inputs.json}, {@code
 * summary.json}, {@code report.html}, the lock): so that {@code aggregate} and {@code report} given
 * the root read the jobs, not the plan.
 */
public final class SweepRoots {

  /** The plan file of a sweep's output root. */
  public static final String PLAN_FILE = "jobs.jsonl";

  /** The folder of a sweep's result documents. */
  public static final String RESULTS_FOLDER = "results";

  /**
   * The files whose presence marks a walk-forward's output root (its record and its inputs), by
   * name: this package does not know the walk-forward.
   */
  public static final java.util.List<String> WALKFORWARD_FILES =
      java.util.List.of("walkforward.json", "walkforward-inputs.json");

  /** How much of the plan's first line is read to recognise it. */
  private static final int FIRST_LINE_LIMIT = 1 << 20;

  private SweepRoots() {}

  /**
   * {@code dir/results} when {@code dir} is a sweep's output root: it holds a folder {@code
   * results} and a file {@code jobs.jsonl} whose first non-blank line is a plan line (an object
   * with {@code job_id}, {@code config} and {@code output_json}, and no {@code status}); empty
   * otherwise (a folder that cannot be read is no sweep root).
   */
  public static Optional<Path> resultsOf(Path dir) {
    Objects.requireNonNull(dir, "dir");
    Path results = dir.resolve(RESULTS_FOLDER);
    Path plan = dir.resolve(PLAN_FILE);
    if (!Files.isDirectory(results, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(plan)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(plan)) {
      byte[] line = firstLine(in);
      return line != null && OwnDocuments.isPlanLine(line, 0, line.length)
          ? Optional.of(results)
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether {@code dir} is a walk-forward's output root: it holds one of {@link
   * #WALKFORWARD_FILES}. Its result documents are those of many runs (each window's train jobs and
   * the winners' test runs), which no single summary should mix.
   */
  public static boolean isWalkforwardRoot(Path dir) {
    Objects.requireNonNull(dir, "dir");
    return WALKFORWARD_FILES.stream().anyMatch(name -> Files.isRegularFile(dir.resolve(name)));
  }

  /** The first line that is not blank, without its line break; {@code null} when none fits. */
  private static byte[] firstLine(InputStream in) throws IOException {
    byte[] buf = new byte[8192];
    int len = 0;
    int start = 0;
    while (true) {
      int nl = -1;
      for (int i = start; i < len; i++) {
        if (buf[i] == '\n') {
          nl = i;
          break;
        }
      }
      if (nl >= 0) {
        byte[] line = Arrays.copyOfRange(buf, start, nl);
        if (!new String(line, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
          return line;
        }
        start = nl + 1;
        continue;
      }
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, len - start);
        len -= start;
        start = 0;
      }
      if (len == buf.length) {
        if (buf.length >= FIRST_LINE_LIMIT) {
          return null;
        }
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      int n = in.read(buf, len, buf.length - len);
      if (n < 0) {
        byte[] line = Arrays.copyOf(buf, len);
        return new String(line, java.nio.charset.StandardCharsets.UTF_8).isBlank() ? null : line;
      }
      len += n;
    }
  }
}
