package dev.arbtune.sweep;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a sweep keeps its files, all under one output root:
 *
 * <pre>
 * ROOT/jobs.jsonl                   the plan
 * ROOT/results/TAG/JOB_ID.json      one result document per job
 * ROOT/summary.json                 the aggregator's summary (beside the results, not in them)
 * ROOT/report.html                  the HTML report, when asked for
 * ROOT/inputs.json                  what the results were computed from (the data file's path,
 *                                   size and time), to resume only on the same inputs
 * ROOT/.arbtune-sweep.lock          held while a sweep runs: two sweeps never share a root
 * ROOT/.jobs.jsonl.new              the plan being written (a kill may leave it, with its
 *                                   temporary file; the next sweep removes both)
 * </pre>
 *
 * @param root the output root
 */
public record SweepLayout(Path root) {

  /** The file name of {@link #lock()}. */
  public static final String LOCK_FILE = ".arbtune-sweep.lock";

  public SweepLayout {
    Objects.requireNonNull(root, "root");
  }

  public Path plan() {
    return root.resolve("jobs.jsonl");
  }

  public Path results() {
    return root.resolve("results");
  }

  public Path summary() {
    return root.resolve("summary.json");
  }

  public Path report() {
    return root.resolve("report.html");
  }

  public Path inputs() {
    return root.resolve("inputs.json");
  }

  /** Where the plan is written before it replaces {@link #plan()}. */
  Path planCandidate() {
    return root.resolve(".jobs.jsonl.new");
  }

  /** The lock a running sweep holds. */
  public Path lock() {
    return root.resolve(LOCK_FILE);
  }
}
