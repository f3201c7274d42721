package dev.arbtune.insights;

/**
 * Settings of {@link Insights#compute}.
 *
 * @param topJobs how many of the ranked jobs get a robustness check and a deflated Sharpe ratio
 * @param spikeDropFraction a top job is a spike when the median PnL of its grid neighbours is lower
 *     than its own by more than this fraction of its absolute PnL or of the interquartile range of
 *     all PnLs, whichever is larger (default 0.5: the neighbours keep less than half of it)
 * @param significance the deflated Sharpe ratio a job needs to count as significant (default 0.95)
 */
public record InsightOptions(int topJobs, double spikeDropFraction, double significance) {

  /** 10 jobs, spikes below half the PnL, significance at 95%. */
  public static final InsightOptions DEFAULTS = new InsightOptions(10, 0.5, 0.95);

  public InsightOptions {
    if (topJobs < 0) {
      throw new IllegalArgumentException("topJobs must be >= 0, got " + topJobs);
    }
    if (!(spikeDropFraction >= 0) || Double.isInfinite(spikeDropFraction)) {
      throw new IllegalArgumentException(
          "spikeDropFraction must be finite and >= 0, got " + spikeDropFraction);
    }
    if (!(significance > 0 && significance < 1)) {
      throw new IllegalArgumentException("significance must be in (0, 1), got " + significance);
    }
  }

  /** These options with another number of top jobs. */
  public InsightOptions withTopJobs(int n) {
    return new InsightOptions(n, spikeDropFraction, significance);
  }
}
