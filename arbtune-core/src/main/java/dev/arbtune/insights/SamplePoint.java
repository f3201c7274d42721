package dev.arbtune.insights;

/**
 * One sampled job, for scatter plots.
 *
 * @param pnl its realized PnL
 * @param drawdownPct its {@code max_drawdown_pct}
 */
public record SamplePoint(double pnl, double drawdownPct) {}
