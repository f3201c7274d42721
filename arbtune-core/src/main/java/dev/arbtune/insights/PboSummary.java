package dev.arbtune.insights;

import java.util.Objects;

/**
 * The PBO part of the insights: the result when it could be computed, else why not, and how many
 * jobs were left out of it (docs/INSIGHTS.md, "Probability of backtest overfitting").
 *
 * @param result what {@link Pbo#compute} found, or {@code null} when not available
 * @param reason why it is not available, or {@code null} when it is
 * @param otherBoundaries jobs left out because their blocks differ from the group used
 * @param otherGroups how many other block-boundary groups those jobs form
 * @param withoutPeriodPnl success jobs that passed the filters but carry no usable period_pnl
 * @param tooLarge jobs left out because a block's PnL is beyond {@link Pbo#MAX_ABS_MICROS}
 */
public record PboSummary(
    PboResult result,
    String reason,
    long otherBoundaries,
    long otherGroups,
    long withoutPeriodPnl,
    long tooLarge) {

  public PboSummary {
    if ((result == null) == (reason == null)) {
      throw new IllegalArgumentException("exactly one of result and reason must be set");
    }
  }

  /** Not available for {@code reason}, nothing left out. */
  public static PboSummary unavailable(String reason) {
    return new PboSummary(null, Objects.requireNonNull(reason, "reason"), 0, 0, 0, 0);
  }

  /** Whether PBO could be computed. */
  public boolean available() {
    return result != null;
  }
}
