package dev.arbtune.cli;

import dev.arbtune.aggregate.ScanProgress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

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
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(-1)
            .setStyle(ProgressBarStyle.ASCII)
            .setUnit(" jobs", 1)
            .showSpeed()
            .setUpdateIntervalMillis(250)
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .clearDisplayOnFinish()
            .build();
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
    bar.setExtraMessage(errors == 1 ? "1 error" : errors + " errors");
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
