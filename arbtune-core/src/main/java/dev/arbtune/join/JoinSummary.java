package dev.arbtune.join;

import dev.arbtune.io.Excerpt;
import java.util.List;
import java.util.Locale;

/**
 * The summary of a join, as {@code arbtune join} and a session joining venue files print it: what
 * it read, wrote and dropped, and a warning when most rows were dropped as stale.
 */
public final class JoinSummary {

  private JoinSummary() {}

  /**
   * The summary's lines, without the program's prefix.
   *
   * @param output the joined file as messages name it
   * @param stalenessSetting the staleness limit's setting as the user wrote it ({@code
   *     --max-staleness}, {@code max_staleness})
   */
  public static List<String> lines(
      JoinStats s, JoinOptions options, String output, String stalenessSetting) {
    String limit =
        options.maxStalenessMicros() == Long.MAX_VALUE
            ? "none"
            : Durations.format(options.maxStalenessMicros());
    String span = s.rowsOut() == 0 ? "" : " (" + s.firstRow() + " to " + s.lastRow() + ")";
    return List.of(
        venue("A", s.a()),
        venue("B", s.b()),
        rows(s.rowsOut()) + " written to " + Excerpt.of(output) + span,
        "dropped "
            + rows(s.droppedStale())
            + " as stale ("
            + stalenessSetting
            + " "
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

  /**
   * The warning for a join that dropped more than half of its rows (rows written and dropped) as
   * stale, which usually means a wrong time unit or a venue that stopped quoting; else {@code
   * null}.
   *
   * @param stalenessSetting the staleness limit's setting ({@code --max-staleness})
   * @param unitSettings the time units' settings ({@code --time-unit-a and --time-unit-b})
   */
  public static String staleWarning(
      JoinStats s, JoinOptions options, String stalenessSetting, String unitSettings) {
    long rows = s.rowsOut() + s.dropped();
    if (s.droppedStale() * 2 <= rows) {
      return null;
    }
    String stalest = s.staleA() >= s.staleB() ? "A" : "B";
    VenueStats v = stalest.equals("A") ? s.a() : s.b();
    return "the join dropped "
        + n(s.droppedStale())
        + " of "
        + rows(rows)
        + " as stale (older than "
        + stalenessSetting
        + " "
        + Durations.format(options.maxStalenessMicros())
        + "; venue "
        + stalest
        + "'s quote was too old in "
        + n(stalest.equals("A") ? s.staleA() : s.staleB())
        + ", its longest gap "
        + (v.longestGapStart() == null ? "none" : Durations.format(v.longestGapMicros()))
        + "): check "
        + unitSettings
        + " (a wrong time unit), and whether a venue stopped quoting";
  }

  /**
   * Why a join wrote no row, in under 200 characters (an error document's excerpt): {@code no row:
   * N stale (SETTING), M one-sided, K before both venues had quoted; ...}.
   *
   * @param stalenessSetting the staleness limit's setting ({@code --max-staleness})
   */
  public static String noRow(JoinStats s, String stalenessSetting) {
    return "no row: "
        + n(s.droppedStale())
        + " stale ("
        + stalenessSetting
        + "), "
        + n(s.droppedOneSided())
        + " one-sided, "
        + n(s.beforeBothQuoted())
        + " before both venues had quoted; do the two files cover the same time, in the right"
        + " time units?";
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
        + rows(v.rowsRead())
        + " of "
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

  /** {@code 1 row}, {@code 2 rows}. */
  private static String rows(long count) {
    return n(count) + (count == 1 ? " row" : " rows");
  }

  private static String n(long count) {
    return String.format(Locale.ROOT, "%,d", count);
  }
}
