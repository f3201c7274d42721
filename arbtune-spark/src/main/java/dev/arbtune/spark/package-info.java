/**
 * arbtune on Apache Spark: {@link dev.arbtune.spark.SparkSweep} runs a JSONL plan over a cluster
 * and writes the same result documents as {@code arbtune run}; {@link
 * dev.arbtune.spark.SparkAggregate} ranks a results folder of any size into the same summary as
 * {@code arbtune aggregate}. Both read and write any Hadoop path (local, HDFS, S3, ...) and reuse
 * the core library for every decision: plan parsing, the backtest, the documents, the
 * classification and the ranking. {@link dev.arbtune.spark.cli.SparkMain} is the entry point {@code
 * spark-submit} calls.
 *
 * <p>Where this package sits and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.spark;
