package dev.arbtune.spark;

import dev.arbtune.backtest.Engine;
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
 * @param engine the backtest engine of every job ({@link Engine}); both give the same documents but
 *     for {@code runtime_seconds}
 */
public record SweepOptions(
    String plan,
    String outputRoot,
    String dataRoot,
    boolean resume,
    int partitions,
    String quotesCache,
    Engine engine) {

  public SweepOptions {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(outputRoot, "outputRoot");
    Objects.requireNonNull(engine, "engine");
    if (partitions < 0) {
      throw new IllegalArgumentException("partitions must be >= 0, got " + partitions);
    }
  }

  /** Options with the default engine ({@link Engine#DEFAULT}). */
  public SweepOptions(
      String plan,
      String outputRoot,
      String dataRoot,
      boolean resume,
      int partitions,
      String quotesCache) {
    this(plan, outputRoot, dataRoot, resume, partitions, quotesCache, Engine.DEFAULT);
  }

  /** Options without a quotes cache, with the default engine. */
  public SweepOptions(
      String plan, String outputRoot, String dataRoot, boolean resume, int partitions) {
    this(plan, outputRoot, dataRoot, resume, partitions, null);
  }
}
