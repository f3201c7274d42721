/**
 * The command line of the Spark application ({@code spark-submit --class
 * dev.arbtune.spark.cli.SparkMain arbtune-spark.jar sweep|aggregate ...}): thin picocli commands
 * over {@link dev.arbtune.spark.SparkSweep} and {@link dev.arbtune.spark.SparkAggregate}, with the
 * exit codes and error handling of the {@code arbtune} command.
 *
 * <p>"The seed" is the original D39 aggregator that arbtune stays compatible with; what it
 * specifies, where this package sits and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.spark.cli;
