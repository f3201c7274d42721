package dev.arbtune.insights;

import java.util.List;

/**
 * The deflated Sharpe ratios of the top jobs, given how many configurations were tried.
 *
 * @param trials N: the configurations tried (success jobs of the session, filtered or not)
 * @param sharpeJobs how many jobs that passed the filters carry {@code sharpe_per_trade}
 * @param sharpeVariance the variance of their Sharpe ratios (NaN with fewer than two)
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
