/**
 * The backtest engines side by side (issue 17): {@link dev.arbtune.bench.engines.EngineBenchmark}
 * measures the reference and fast engines of {@code dev.arbtune.backtest.Backtest} and the
 * prototype {@link dev.arbtune.bench.engines.ColumnSweep} (many jobs stepped together per row) on
 * sparse real data and on a generated persistent-basis stream.
 *
 * <p>Where this package sits and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.bench.engines;
