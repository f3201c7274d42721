package dev.arbtune.insights;

import java.util.List;

/**
 * The deflated Sharpe ratios of the top jobs, given how many configurations were tried.
 *
 * @param trials N: the configurations tried (every success job of the session, whether it passed
 *     the filters or not: a filter is a selection too)
 * @param sharpeJobs how many success jobs (filtered out or not) carry {@code sharpe_per_trade}
 * @param sharpeVariance V: the sample variance of their Sharpe ratios (NaN with fewer than two);
 *     computed from exact sums, so it does not depend on the order of the jobs
 * @param expectedMaxSharpe SR*: the Sharpe ratio the best of N trials reaches by luck alone
 * @param significance the level a deflated Sharpe ratio must reach
 * @param checks one per top job
 * @param unavailable why nothing could be computed, or {@code null}
 */
public record SelectionBias(
    long trials,
    long sharpeJobs,
    double sharpeVariance,
    double expectedMaxSharpe,
    double significance,
    List<SharpeCheck> checks,
    String unavailable) {
  public SelectionBias {
    checks = List.copyOf(checks);
  }

  /** Whether the deflated Sharpe ratio could be computed at all. */
  public boolean available() {
    return unavailable == null;
  }
}
