package dev.arbtune.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

/**
 * The progress line of {@code run}, {@code sweep} and the scans, as the progress bar library draws
 * it, in fields of fixed width so that nothing moves while it updates: with a total, {@code run
 * [=====> ] 12/36 jobs 33% 24.5 jobs/s ETA 0:00:01 errors: 0}; without one (a scan, a plan read
 * from a pipe), {@code Aggregating 1,234 jobs 2,345.6 jobs/s 0 errors}. The rate shows {@code -}
 * until it can be measured.
 */
final class ProgressLine implements ProgressBarRenderer {

  /** Most characters between the brackets of the bar (on a wide terminal). */
  static final int BAR_WIDTH = 30;

  /** Fewest characters between the brackets, however narrow the terminal. */
  static final int MIN_BAR_WIDTH = 10;

  /** Below this much elapsed time the rate is not shown (it would be noise). */
  private static final long MIN_RATE_MILLIS = 500;

  private static final int COUNT_WIDTH = 11;
  private static final int RATE_WIDTH = 9;
  private static final int EXTRA_WIDTH = 12;

  @Override
  public String render(ProgressState state, int maxLength) {
    return format(
        state.getTaskName(),
        state.getCurrent(),
        state.isIndefinite() ? -1 : state.getMax(),
        state.getTotalElapsed(),
        state.getExtraMessage(),
        maxLength);
  }

  /** {@link #format(String, long, long, Duration, String, int)} with room for the widest bar. */
  static String format(String task, long current, long max, Duration elapsed, String extra) {
    return format(task, current, max, elapsed, extra, Integer.MAX_VALUE);
  }

  /**
   * One line: {@code task}, the bar (when {@code max} is known), the count, the rate, the ETA (when
   * {@code max} is known) and {@code extra}, each padded to a fixed width. The bar takes the room
   * the fields leave in {@code width} (the terminal's), from {@link #MIN_BAR_WIDTH} to {@link
   * #BAR_WIDTH}: the same on every update, as the fields' widths do not change.
   *
   * @param max the total, or a negative number when unknown
   * @param extra what follows (the error count), or {@code null}
   * @param width the characters the line may take
   */
  static String format(
      String task, long current, long max, Duration elapsed, String extra, int width) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(elapsed, "elapsed");
    long millis = elapsed.toMillis();
    double rate = millis < MIN_RATE_MILLIS ? Double.NaN : current * 1000.0 / millis;
    String more =
        "  "
            + String.format(
                Locale.ROOT, "%-" + EXTRA_WIDTH + "s", extra == null ? "" : extra.strip());
    if (max < 0) {
      return task
          + ' '
          + String.format(Locale.ROOT, "%," + COUNT_WIDTH + "d jobs", current)
          + "  "
          + rate(rate)
          + more;
    }
    double done = max == 0 ? 1 : Math.min(1, (double) current / max);
    String total = Long.toString(max);
    String fields =
        String.format(Locale.ROOT, "%" + total.length() + "d/%s jobs", current, total)
            + String.format(Locale.ROOT, "  %3d%%", (int) Math.floor(done * 100))
            + "  "
            + rate(rate)
            + "  ETA "
            + eta(current, max, rate)
            + more;
    int room = (int) Math.min(BAR_WIDTH, (long) width - task.length() - 4 - fields.length());
    int bar = Math.max(MIN_BAR_WIDTH, room);
    int filled = (int) Math.floor(done * bar);
    return task
        + " ["
        + "=".repeat(filled)
        + (filled < bar ? ">" : "")
        + " ".repeat(Math.max(0, bar - filled - 1))
        + "] "
        + fields;
  }

  private static String rate(double rate) {
    String number = Double.isNaN(rate) ? "-" : String.format(Locale.ROOT, "%,.1f", rate);
    return String.format(Locale.ROOT, "%" + RATE_WIDTH + "s jobs/s", number);
  }

  private static String eta(long current, long max, double rate) {
    if (current >= max) {
      return "0:00:00";
    }
    if (Double.isNaN(rate) || rate <= 0) {
      return "-:--:--";
    }
    long seconds = (long) Math.ceil((max - current) / rate);
    return String.format(
        Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
}
