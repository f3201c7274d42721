package dev.arbtune.aggregate;

import java.util.Comparator;

/**
 * The one order in which jobs are ranked: realized PnL, highest first (a missing value counts as
 * 0), then {@code job_id} ascending, then the source path ascending. The order is total, so the
 * ranking is identical on every run and machine.
 */
public final class Ranking {

  /** The metric that ranks jobs. */
  public static final String PNL_METRIC = "realized_pnl_usd";

  private static final Comparator<AggregatedJobResult> BY_PNL =
      Comparator.comparingDouble(Ranking::pnl)
          .reversed()
          .thenComparing(AggregatedJobResult::jobId)
          .thenComparing(AggregatedJobResult::source);

  private Ranking() {}

  /** Best first. */
  public static Comparator<AggregatedJobResult> byPnl() {
    return BY_PNL;
  }

  /** The ranking key: realized PnL, 0 when missing; {@code -0.0} is read as {@code 0.0}. */
  static double pnl(AggregatedJobResult job) {
    return job.metric(PNL_METRIC).orElse(0.0) + 0.0;
  }
}
