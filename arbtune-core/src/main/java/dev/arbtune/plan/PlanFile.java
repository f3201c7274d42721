package dev.arbtune.plan;

import dev.arbtune.io.AtomicFiles;
import java.io.IOException;
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
    AtomicFiles.writeText(
        target,
        w -> {
          Iterator<JobPlan> it = jobs.iterator();
          while (it.hasNext()) {
            w.write(it.next().toJsonLine());
            w.write('\n');
            count[0]++;
          }
        });
    return count[0];
  }
}
