package dev.arbtune.walkforward;

import dev.arbtune.sweep.RunRoots;
import dev.arbtune.sweep.SweepLayout;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a walk-forward keeps its files, all under one output root:
 *
 * <pre>
 * ROOT/walkforward.json                  the windows, winners, test metrics, stitched record
 * ROOT/walkforward-inputs.json           what the results were computed from (data file, windows,
 *                                        ranking and filters), to resume only on the same inputs
 * ROOT/report.html                       the HTML report, when asked for
 * ROOT/train/jobs.jsonl                  the plan of every train job of every window
 * ROOT/train/results/wNNN/TAG/JOB.json   one result document per job of window NNN
 * ROOT/test/jobs.jsonl                   the plan of the winners on their test windows
 * ROOT/test/results/wNNN/TAG/JOB.json    the winner of window NNN on its test window
 * ROOT/joined/                           venue files joined once (sessions naming venue files)
 * ROOT/.arbtune-sweep.lock               held while a walk-forward (or a sweep) runs
 * </pre>
 *
 * {@code train/} and {@code test/} are each laid out as a sweep's output root ({@link
 * SweepLayout}): {@code arbtune aggregate --results-dir ROOT/train/results/w001} ranks one window.
 *
 * @param root the output root
 */
public record WalkForwardLayout(Path root) {

  public WalkForwardLayout {
    Objects.requireNonNull(root, "root");
  }

  /** The walk-forward's record. */
  public Path json() {
    return root.resolve(RunRoots.WALKFORWARD_RECORD);
  }

  /** What the results were computed from. */
  public Path inputs() {
    return root.resolve(RunRoots.WALKFORWARD_INPUTS);
  }

  /** The HTML report. */
  public Path report() {
    return root.resolve("report.html");
  }

  /** The train jobs: plan and results. */
  public SweepLayout train() {
    return new SweepLayout(root.resolve("train"));
  }

  /** The test jobs: plan and results. */
  public SweepLayout test() {
    return new SweepLayout(root.resolve("test"));
  }

  /** Where the train plan is written before it replaces {@code train().plan()}. */
  Path trainPlanCandidate() {
    return root.resolve("train").resolve(".jobs.jsonl.new");
  }

  /** Joined venue files. */
  public Path joined() {
    return root.resolve("joined");
  }

  /**
   * The folder name of window {@code index} inside {@code train/results} and {@code test/results}:
   * {@code w} and the index, zero-padded to at least 3 digits ({@code w001}).
   */
  public static String windowFolder(int index, int windows) {
    int width = Math.max(3, Integer.toString(windows).length());
    return String.format(Locale.ROOT, "w%0" + width + "d", index);
  }
}
