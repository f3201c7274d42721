package dev.arbtune.insights;

/**
 * One sampled job, for scatter plots, as {@link Insights#sample()} hands it out (the package's
 * {@code ScatterSampler} picks the jobs).
 *
 * @param pnl its realized PnL
 * @param drawdownPct its {@code max_drawdown_pct}
 */
public record SamplePoint(double pnl, double drawdownPct) {}
