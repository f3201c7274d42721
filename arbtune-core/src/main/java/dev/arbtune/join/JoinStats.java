package dev.arbtune.join;

import java.time.Instant;
import java.util.Objects;

/**
 * What a join read, wrote and dropped. Every event time (in grid mode: every grid instant) is
 * either written or counted in exactly one of {@code droppedStale}, {@code droppedOneSided} and
 * {@code beforeBothQuoted}.
 *
 * @param a what was read from venue A
 * @param b what was read from venue B
 * @param rowsOut rows written
 * @param droppedStale rows dropped because a venue's latest quote was older than the staleness
 *     limit
 * @param staleA of those, the rows where venue A's quote was too old
 * @param staleB of those, the rows where venue B's quote was too old (a row may count in both)
 * @param droppedOneSided rows dropped because a venue's latest quote had an empty side
 * @param beforeBothQuoted event times (grid instants) before both venues had quoted
 * @param firstRow the first written row's time, or {@code null} when none was written
 * @param lastRow the last written row's time, or {@code null} when none was written
 */
public record JoinStats(
    VenueStats a,
    VenueStats b,
    long rowsOut,
    long droppedStale,
    long staleA,
    long staleB,
    long droppedOneSided,
    long beforeBothQuoted,
    Instant firstRow,
    Instant lastRow) {

  public JoinStats {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    if (rowsOut < 0 || droppedStale < 0 || droppedOneSided < 0 || beforeBothQuoted < 0) {
      throw new IllegalArgumentException("negative row count");
    }
    if (staleA < 0 || staleB < 0 || staleA > droppedStale || staleB > droppedStale) {
      throw new IllegalArgumentException("staleA and staleB must lie in [0, droppedStale]");
    }
    if (staleA + staleB < droppedStale) {
      throw new IllegalArgumentException("a stale row is stale on venue A, B or both");
    }
    if ((firstRow == null) != (rowsOut == 0) || (lastRow == null) != (rowsOut == 0)) {
      throw new IllegalArgumentException("firstRow and lastRow are set exactly when rows were out");
    }
  }

  /** Rows dropped for any reason (not counting event times before both venues quoted). */
  public long dropped() {
    return droppedStale + droppedOneSided;
  }
}
