package dev.arbtune.aggregate;

import java.util.Locale;

/** Outcome of one job as the aggregator sees it. */
public enum JobStatus {
  SUCCESS,
  ERROR;

  /** {@code "success"} or {@code "error"}, as written in summaries. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return label();
  }
}
