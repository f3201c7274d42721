/**
 * The backtest of a two-venue arbitrage strategy over a CSV of quotes. {@link
 * dev.arbtune.backtest.BacktestConfig} is the job configuration shared by the planner, the runner
 * and the result documents.
 */
package dev.arbtune.backtest;
