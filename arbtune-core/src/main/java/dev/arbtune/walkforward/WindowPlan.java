package dev.arbtune.walkforward;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The windows of a walk-forward over a data span {@code [start, end)}: train {@code [t, t+train)},
 * test {@code [t+train, t+train+test)}, for {@code t = start, start+step, ...} while the test
 * window ends at or before {@code end} (full windows only). Anchored, every train window starts at
 * {@code start} instead (its end still moves with {@code t}). What is left after the last test
 * window is the tail: reported, never run.
 *
 * @param start the span's first instant (the first quote, or the session's {@code start_time})
 * @param end the span's end, exclusive (the last quote + 1 µs, or the session's {@code end_time})
 * @param trainMicros the train duration
 * @param testMicros the test duration
 * @param stepMicros how far {@code t} moves from one window to the next
 * @param anchored whether every train window starts at {@code start}
 * @param windows the windows, at least one
 * @param tailStart where the tail begins: the last test window's end ({@code end} when there is no
 *     tail)
 */
public record WindowPlan(
    Instant start,
    Instant end,
    long trainMicros,
    long testMicros,
    long stepMicros,
    boolean anchored,
    List<Window> windows,
    Instant tailStart) {

  /** Most windows a walk-forward may have: each runs the whole grid. */
  public static final int MAX_WINDOWS = 10_000;

  /**
   * One train window and its test window.
   *
   * @param index 1, 2, ... in time order
   * @param trainStart first instant of the train window (inclusive)
   * @param trainEnd end of the train window (exclusive) = start of the test window
   * @param testEnd end of the test window (exclusive)
   */
  public record Window(int index, Instant trainStart, Instant trainEnd, Instant testEnd) {

    public Window {
      Objects.requireNonNull(trainStart, "trainStart");
      Objects.requireNonNull(trainEnd, "trainEnd");
      Objects.requireNonNull(testEnd, "testEnd");
      if (index < 1 || !trainStart.isBefore(trainEnd) || !trainEnd.isBefore(testEnd)) {
        throw new IllegalArgumentException(
            "window "
                + index
                + " is not ordered: "
                + trainStart
                + ", "
                + trainEnd
                + ", "
                + testEnd);
      }
    }

    /** The start of the test window: the end of the train window. */
    public Instant testStart() {
      return trainEnd;
    }
  }

  public WindowPlan {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(tailStart, "tailStart");
    windows = List.copyOf(windows);
  }

  /**
   * The windows over {@code [start, end)}.
   *
   * @throws WalkForwardException when a duration is not positive, when one train and one test
   *     window do not fit in the span, or when the windows would be more than {@link #MAX_WINDOWS}
   */
  public static WindowPlan of(
      Instant start,
      Instant end,
      long trainMicros,
      long testMicros,
      long stepMicros,
      boolean anchored) {
    return of(start, end, trainMicros, testMicros, stepMicros, anchored, null);
  }

  /**
   * As {@link #of(Instant, Instant, long, long, long, boolean)}, with {@code spanText} saying what
   * the span is in the message when no full window fits (e.g. {@code the data (A to its last quote
   * B, 12h)}); {@code null} for {@code the data (START to END, SPAN)}.
   */
  public static WindowPlan of(
      Instant start,
      Instant end,
      long trainMicros,
      long testMicros,
      long stepMicros,
      boolean anchored,
      String spanText) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    requirePositive("--train", trainMicros);
    requirePositive("--test", testMicros);
    requirePositive("--step", stepMicros);
    long span = ChronoUnit.MICROS.between(start, end);
    long first;
    try {
      first = Math.addExact(trainMicros, testMicros);
    } catch (ArithmeticException e) {
      first = Long.MAX_VALUE;
    }
    if (span < first) {
      throw new WalkForwardException(
          "--train "
              + text(trainMicros)
              + " plus --test "
              + text(testMicros)
              + " is longer than "
              + (spanText != null
                  ? spanText
                  : "the data (" + start + " to " + end + ", " + text(Math.max(0, span)) + ")")
              + ": no full window; shorten them");
    }
    long count = (span - first) / stepMicros + 1;
    if (count > MAX_WINDOWS) {
      throw new WalkForwardException(
          "--step "
              + text(stepMicros)
              + " makes "
              + count
              + " windows over "
              + text(span)
              + " of data, more than the limit of "
              + MAX_WINDOWS
              + "; give a longer --step");
    }
    List<Window> windows = new ArrayList<>((int) count);
    long lastEnd = 0;
    for (int k = 0; k < count; k++) {
      long t = k * stepMicros;
      Instant trainStart = anchored ? start : start.plus(t, ChronoUnit.MICROS);
      Instant trainEnd = start.plus(t + trainMicros, ChronoUnit.MICROS);
      lastEnd = t + first;
      windows.add(new Window(k + 1, trainStart, trainEnd, start.plus(lastEnd, ChronoUnit.MICROS)));
    }
    return new WindowPlan(
        start,
        end,
        trainMicros,
        testMicros,
        stepMicros,
        anchored,
        windows,
        start.plus(lastEnd, ChronoUnit.MICROS));
  }

  /** Whether some of the span after the last test window is not tested. */
  public boolean hasTail() {
    return tailStart.isBefore(end);
  }

  private static void requirePositive(String option, long micros) {
    if (micros <= 0) {
      throw new WalkForwardException(option + " must be longer than 0, got " + text(micros));
    }
  }

  /**
   * A duration as short text: whole days, hours, minutes, seconds and microseconds, largest first
   * ({@code 3d}, {@code 1d 6h}, {@code 90s} is {@code 1m 30s}); {@code 0s} for zero.
   */
  public static String text(long micros) {
    if (micros == 0) {
      return "0s";
    }
    List<String> parts = new ArrayList<>();
    long rest = Math.abs(micros);
    long[] units = {86_400_000_000L, 3_600_000_000L, 60_000_000L, 1_000_000L, 1L};
    String[] names = {"d", "h", "m", "s", "us"};
    for (int i = 0; i < units.length; i++) {
      long n = rest / units[i];
      rest %= units[i];
      if (n > 0) {
        parts.add(n + names[i]);
      }
    }
    return (micros < 0 ? "-" : "") + String.join(" ", parts);
  }
}
