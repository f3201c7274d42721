package dev.arbtune.plan;

import dev.arbtune.io.AtomicFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A plan file: JSON Lines, one {@link JobPlan#toJsonLine()} per job, each ending in {@code \n},
 * UTF-8.
 */
public final class PlanFile {

  private PlanFile() {}

  /**
   * Writes {@code jobs} to {@code target} atomically (see {@link AtomicFiles}): readers see the
   * previous file or the complete plan, and a failure part-way (including a {@link
   * SessionConfigException} from the stream) leaves {@code target} unchanged.
   *
   * @return how many lines were written
   * @throws IOException when {@code target} cannot be written
   * @throws SessionConfigException when the stream throws it
   */
  public static long write(Path target, Stream<JobPlan> jobs) throws IOException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(jobs, "jobs");
    long[] count = new long[1];
    AtomicFiles.writeText(target, w -> count[0] = write(w, jobs));
    return count[0];
  }

  /**
   * Writes {@code jobs} to {@code out} (not closed), one line each.
   *
   * @return how many lines were written
   * @throws IOException when writing fails
   * @throws SessionConfigException when the stream throws it
   */
  public static long write(Writer out, Stream<JobPlan> jobs) throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(jobs, "jobs");
    long count = 0;
    Iterator<JobPlan> it = jobs.iterator();
    while (it.hasNext()) {
      out.write(it.next().toJsonLine());
      out.write('\n');
      count++;
    }
    return count;
  }
}
