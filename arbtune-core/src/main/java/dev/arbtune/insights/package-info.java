/**
 * Insights into a tuning session: which parameters matter and whether the winners are real.
 *
 * <p>{@link dev.arbtune.insights.InsightCollector} gathers, in the aggregator's streaming pass,
 * statistics per parameter value, a compact hash of every job's parameter vector with its PnL, a
 * fixed-seed sample of points and the spread of Sharpe ratios; {@link
 * dev.arbtune.insights.Insights#compute} turns them into parameter sensitivity and importance, the
 * robustness of the top jobs (spike or plateau), the deflated Sharpe ratio and the PnL
 * distribution. {@link dev.arbtune.insights.InsightsText} and {@link
 * dev.arbtune.insights.InsightsJson} print them. The formulas are in {@code docs/INSIGHTS.md}.
 *
 * <p>"The seed" is the original D39 aggregator that arbtune stays compatible with; what it
 * specifies, where this package sits and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.insights;
