package dev.arbtune.join;

import java.time.Instant;
import java.util.Objects;

/**
 * What a join read from one venue.
 *
 * @param source the venue's file as the user named it
 * @param format the format it was read in
 * @param rowsRead quotes read
 * @param crossed quotes whose bid is above their ask
 * @param locked quotes whose bid equals their ask
 * @param sameTime quotes whose time is the previous quote's time
 * @param longestGapMicros the longest time between two consecutive quotes (0 with fewer than two
 *     distinct times)
 * @param longestGapStart the time of the quote the longest gap starts at, or {@code null} when
 *     there is no gap
 */
public record VenueStats(
    String source,
    VenueFormat format,
    long rowsRead,
    long crossed,
    long locked,
    long sameTime,
    long longestGapMicros,
    Instant longestGapStart) {

  public VenueStats {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(format, "format");
    if (rowsRead < 0 || crossed < 0 || locked < 0 || sameTime < 0 || longestGapMicros < 0) {
      throw new IllegalArgumentException("negative count in the stats of " + source);
    }
    if (crossed + locked > rowsRead || sameTime > rowsRead) {
      throw new IllegalArgumentException("more crossed, locked or same-time quotes than rows");
    }
    if ((longestGapStart == null) != (longestGapMicros == 0)) {
      throw new IllegalArgumentException("a gap needs its start, and a start its gap");
    }
  }
}
