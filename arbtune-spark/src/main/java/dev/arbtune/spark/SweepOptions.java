package dev.arbtune.spark;

import java.util.Objects;

/**
 * What a {@link SparkSweep} runs and where it writes.
 *
 * @param plan the JSONL plan, any Hadoop path
 * @param outputRoot every result document is written inside this folder, any Hadoop path
 * @param dataRoot the folder relative {@code data_file} paths are resolved against, or {@code null}
 *     for the driver's working directory on the default file system
 * @param resume skip jobs whose document already is a success document
 * @param partitions how many tasks to split the jobs into; 0 for four per core of the cluster
 * @param quotesCache a local folder on each executor (and the driver in local mode) that keeps the
 *     parsed columns of quotes files ({@link dev.arbtune.backtest.QuotesDiskCache}), or {@code
 *     null} to parse the CSV files in every executor JVM
 */
public record SweepOptions(
    String plan,
    String outputRoot,
    String dataRoot,
    boolean resume,
    int partitions,
    String quotesCache) {

  public SweepOptions {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(outputRoot, "outputRoot");
    if (partitions < 0) {
      throw new IllegalArgumentException("partitions must be >= 0, got " + partitions);
    }
  }

  /** Options without a quotes cache. */
  public SweepOptions(
      String plan, String outputRoot, String dataRoot, boolean resume, int partitions) {
    this(plan, outputRoot, dataRoot, resume, partitions, null);
  }
}
