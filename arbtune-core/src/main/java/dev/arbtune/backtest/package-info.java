/**
 * The backtest of a two-venue arbitrage strategy over a CSV of quotes.
 *
 * <ul>
 *   <li>{@link dev.arbtune.backtest.BacktestConfig}: the job configuration shared by the planner,
 *       the runner and the result documents.
 *   <li>{@link dev.arbtune.backtest.QuotesLoader} reads a quotes CSV (plain or gzip) into columnar
 *       {@link dev.arbtune.backtest.Quotes}; {@link dev.arbtune.backtest.QuotesCache} loads each
 *       file once per process and shares it read-only.
 *   <li>{@link dev.arbtune.backtest.Backtest#run} is the engine: a pure function from a config and
 *       quotes to {@link dev.arbtune.backtest.BacktestMetrics}, optionally reporting each {@link
 *       dev.arbtune.backtest.Trade} (formatted by {@link dev.arbtune.backtest.TradesCsv}).
 * </ul>
 *
 * The strategy's formulas are in {@code docs/MODEL.md}.
 *
 * <p>"The seed" is the original D39 aggregator that arbtune stays compatible with; what it
 * specifies, where this package sits and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.backtest;
