package dev.arbtune.spark.cli;

import dev.arbtune.frontend.VersionProvider;
import picocli.CommandLine.Command;

/** The root command: lists the subcommands. */
@Command(
    name = SparkMain.PROGRAM,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {SweepCommand.class, AggregateCommand.class},
    description = {
      "arbtune on Apache Spark: run a sweep's backtests and aggregate its results over a cluster,"
          + " reading and writing any Hadoop path (file:, hdfs:, s3a:, ...).",
      "",
      "Start it with spark-submit (which sets the master):",
      "  spark-submit --master local[*] --class dev.arbtune.spark.cli.SparkMain"
          + " arbtune-spark.jar sweep --jobs plan.jsonl --output-root results/s1",
      "The result documents and the summary are those of 'arbtune run' and 'arbtune aggregate'."
    })
final class SparkCommand {}
