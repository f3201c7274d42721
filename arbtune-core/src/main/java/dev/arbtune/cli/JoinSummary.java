package dev.arbtune.cli;

import dev.arbtune.io.Excerpt;
import dev.arbtune.join.Durations;
import dev.arbtune.join.JoinOptions;
import dev.arbtune.join.JoinStats;
import dev.arbtune.join.VenueStats;
import java.util.List;
import java.util.Locale;

/** The summary {@code arbtune join} prints on stderr: what it read, wrote and dropped. */
final class JoinSummary {

  private JoinSummary() {}

  /** The summary's lines, without the program's prefix. */
  static List<String> lines(JoinStats s, JoinOptions options, String output) {
    String limit =
        options.maxStalenessMicros() == Long.MAX_VALUE
            ? "none"
            : Durations.format(options.maxStalenessMicros());
    String span = s.rowsOut() == 0 ? "" : " (" + s.firstRow() + " to " + s.lastRow() + ")";
    return List.of(
        venue("A", s.a()),
        venue("B", s.b()),
        n(s.rowsOut()) + " rows written to " + Excerpt.of(output) + span,
        "dropped "
            + n(s.droppedStale())
            + " rows as stale (--max-staleness "
            + limit
            + "; A's quote too old in "
            + n(s.staleA())
            + ", B's in "
            + n(s.staleB())
            + "), "
            + n(s.droppedOneSided())
            + " one-sided (a venue's book had an empty side), "
            + n(s.beforeBothQuoted())
            + (options.gridMicros() == 0 ? " event time" : " grid time")
            + (s.beforeBothQuoted() == 1 ? "" : "s")
            + " before both venues had quoted");
  }

  private static String venue(String name, VenueStats v) {
    String gap =
        v.longestGapStart() == null
            ? "no gap"
            : "longest gap "
                + Durations.format(v.longestGapMicros())
                + " from "
                + v.longestGapStart();
    return "venue "
        + name
        + ": "
        + n(v.rowsRead())
        + " rows of "
        + Excerpt.of(v.source())
        + " ("
        + v.format().label()
        + "), "
        + n(v.sameTime())
        + " at the previous row's time; "
        + n(v.crossed())
        + " crossed (bid > ask), "
        + n(v.locked())
        + " locked (bid = ask); "
        + gap;
  }

  private static String n(long count) {
    return String.format(Locale.ROOT, "%,d", count);
  }
}
