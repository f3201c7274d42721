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

  /** Characters between the brackets of the bar. */
  static final int BAR_WIDTH = 30;

  /** Below this much elapsed time the rate is not shown (it would be noise). */
  private static final long MIN_RATE_MILLIS = 500;

  private static final int COUNT_WIDTH = 11;
  private static final int RATE_WIDTH = 11;
  private static final int EXTRA_WIDTH = 16;

  @Override
  public String render(ProgressState state, int maxLength) {
    return format(
        state.getTaskName(),
        state.getCurrent(),
        state.isIndefinite() ? -1 : state.getMax(),
        state.getTotalElapsed(),
        state.getExtraMessage());
  }

  /**
   * One line: {@code task}, the bar (when {@code max} is known), the count, the rate, the ETA (when
   * {@code max} is known) and {@code extra}, each padded to a fixed width.
   *
   * @param max the total, or a negative number when unknown
   * @param extra what follows (the error count), or {@code null}
   */
  static String format(String task, long current, long max, Duration elapsed, String extra) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(elapsed, "elapsed");
    StringBuilder line = new StringBuilder(task);
    long millis = elapsed.toMillis();
    double rate = millis < MIN_RATE_MILLIS ? Double.NaN : current * 1000.0 / millis;
    if (max >= 0) {
      double done = max == 0 ? 1 : Math.min(1, (double) current / max);
      int filled = (int) Math.floor(done * BAR_WIDTH);
      line.append(" [")
          .append("=".repeat(filled))
          .append(filled < BAR_WIDTH ? ">" : "")
          .append(" ".repeat(Math.max(0, BAR_WIDTH - filled - 1)))
          .append("] ");
      String total = Long.toString(max);
      line.append(String.format(Locale.ROOT, "%" + total.length() + "d/%s jobs", current, total))
          .append(String.format(Locale.ROOT, "  %3d%%", (int) Math.floor(done * 100)));
      line.append("  ").append(rate(rate)).append("  ETA ").append(eta(current, max, rate));
    } else {
      line.append(' ')
          .append(String.format(Locale.ROOT, "%," + COUNT_WIDTH + "d jobs", current))
          .append("  ")
          .append(rate(rate));
    }
    String more = extra == null ? "" : extra.strip();
    line.append("  ").append(String.format(Locale.ROOT, "%-" + EXTRA_WIDTH + "s", more));
    return line.toString();
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
