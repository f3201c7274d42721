package dev.arbtune.cli;

import dev.arbtune.aggregate.ScanProgress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * A live line on stderr while a scan runs: jobs done, rate, errors so far. Shown only on an
 * interactive terminal; {@link #none()} shows nothing.
 */
final class ScanProgressDisplay implements AutoCloseable {

  private final ProgressBar bar;
  private final ScheduledExecutorService pusher;
  private final ScanProgress progress;

  private ScanProgressDisplay(ProgressBar bar, ScheduledExecutorService pusher, ScanProgress p) {
    this.bar = bar;
    this.pusher = pusher;
    this.progress = p;
  }

  /** A display that shows nothing. */
  static ScanProgressDisplay none() {
    return new ScanProgressDisplay(null, null, null);
  }

  /** Whether stderr is an interactive terminal (see {@link Terminal#stderrIsTerminal()}). */
  static boolean interactive() {
    return Terminal.stderrIsTerminal();
  }

  /**
   * Shows {@code progress} on stderr when stderr is an interactive terminal and the command is not
   * {@code quiet}; otherwise a display that shows nothing.
   */
  static ScanProgressDisplay open(String task, ScanProgress progress, boolean quiet) {
    return !quiet && interactive() ? start(task, progress) : none();
  }

  /** Starts showing {@code progress} on stderr. */
  static ScanProgressDisplay start(String task, ScanProgress progress) {
    return start(task, progress, new ConsoleProgressBarConsumer(System.err));
  }

  /** Starts showing {@code progress} in {@code consumer}, drawn by {@link ProgressLine}. */
  static ScanProgressDisplay start(
      String task, ScanProgress progress, ProgressBarConsumer consumer) {
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(-1)
            .setRenderer(new ProgressLine())
            .setUpdateIntervalMillis(250)
            .setConsumer(consumer)
            .clearDisplayOnFinish()
            .build();
    bar.setExtraMessage(errorCount(0));
    ScheduledExecutorService pusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "arbtune-progress");
              t.setDaemon(true);
              return t;
            });
    ScanProgressDisplay display = new ScanProgressDisplay(bar, pusher, progress);
    pusher.scheduleAtFixedRate(display::push, 0, 200, TimeUnit.MILLISECONDS);
    return display;
  }

  private void push() {
    bar.stepTo(progress.jobs());
    long errors = progress.errors();
    bar.setExtraMessage(errorCount(errors));
  }

  private static String errorCount(long errors) {
    return errors == 1 ? "1 error" : errors + " errors";
  }

  @Override
  public void close() {
    if (bar == null) {
      return;
    }
    pusher.shutdownNow();
    push();
    bar.close();
  }
}
