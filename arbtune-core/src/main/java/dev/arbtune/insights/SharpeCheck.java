package dev.arbtune.insights;

import dev.arbtune.aggregate.AggregatedJobResult;
import java.util.Objects;

/**
 * The deflated Sharpe ratio of one top job.
 *
 * @param rank its place in the ranking, from 1
 * @param job the job
 * @param sharpe its {@code sharpe_per_trade} (NaN when missing)
 * @param observations its {@code closed_trades}, else {@code total_trades} (0 when missing)
 * @param skewness the skewness of its per-trade PnL; 0 when assumed
 * @param kurtosis the kurtosis (not excess) of its per-trade PnL; 3 when assumed
 * @param momentsAssumed whether skewness and kurtosis were assumed normal because the document does
 *     not carry them
 * @param deflatedSharpe the probability that its true Sharpe ratio beats the best of the trials by
 *     luck; NaN when it cannot be computed
 * @param significant whether {@code deflatedSharpe} reaches the significance level
 */
public record SharpeCheck(
    int rank,
    AggregatedJobResult job,
    double sharpe,
    long observations,
    double skewness,
    double kurtosis,
    boolean momentsAssumed,
    double deflatedSharpe,
    boolean significant) {
  public SharpeCheck {
    Objects.requireNonNull(job, "job");
  }
}
