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
  /**
   * Fewer trades than this behind a Sharpe ratio per trade is too few to be evidence, whatever the
   * deflated Sharpe ratio says (a per-trade Sharpe of 24 from 3 trades is not evidence).
   */
  public static final long MIN_EVIDENCE_TRADES = 30;

  public SharpeCheck {
    Objects.requireNonNull(job, "job");
  }

  /** Whether the job has a Sharpe ratio from fewer than {@link #MIN_EVIDENCE_TRADES} trades. */
  public boolean fewTrades() {
    return !Double.isNaN(sharpe) && observations < MIN_EVIDENCE_TRADES;
  }

  /** Why the job has no Sharpe ratio, or {@code null} when it has one. */
  public NoSharpe noSharpe() {
    return Double.isNaN(sharpe) ? NoSharpe.of(job) : null;
  }
}
