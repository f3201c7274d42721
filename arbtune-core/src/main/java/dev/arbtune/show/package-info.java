/**
 * Opening one job up: {@link dev.arbtune.show.Replay} re-runs a result document's config with the
 * engine and its trade log, {@link dev.arbtune.show.MetricCheck} compares the re-run's metrics with
 * the document's, {@link dev.arbtune.show.TradeSummary} sums the trades up, {@link
 * dev.arbtune.show.EquityCsv} writes the equity of every marked row ({@link
 * dev.arbtune.backtest.EquityRecorder}), and {@link dev.arbtune.show.DataRoots} finds where a
 * relative {@code data_file} is. Used by {@code arbtune show} and the session report's job charts.
 *
 * <p>Where this package sits and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.show;
