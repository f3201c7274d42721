package dev.arbtune.cli;

import dev.arbtune.run.JobOutcome;
import dev.arbtune.run.SessionListener;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * A progress bar on the terminal's stderr: jobs done / total, rate, ETA, errors so far; without a
 * total (a plan read from a pipe) it shows jobs done and the rate. Drawn by {@link ProgressLine},
 * in fields of fixed width.
 */
final class ProgressBarListener implements SessionListener, AutoCloseable {

  private final AtomicLong errors = new AtomicLong();
  private final ProgressBarConsumer consumer;
  private volatile ProgressBar bar;

  /** A bar on stderr. */
  ProgressBarListener() {
    this(new ConsoleProgressBarConsumer(System.err));
  }

  /** A bar drawn into {@code consumer}. */
  ProgressBarListener(ProgressBarConsumer consumer) {
    this.consumer = consumer;
  }

  @Override
  public void sessionStarted(long totalJobs) {
    bar =
        new ProgressBarBuilder()
            .setTaskName("run")
            .setInitialMax(totalJobs < 0 ? -1 : totalJobs) // -1: a bar without a total
            .setRenderer(new ProgressLine())
            .setUpdateIntervalMillis(250)
            .setConsumer(consumer)
            .build();
    bar.setExtraMessage("errors: 0");
  }

  @Override
  public void jobFinished(JobOutcome outcome) {
    ProgressBar b = bar;
    if (b == null) {
      return;
    }
    if (outcome.status() == JobOutcome.Status.ERROR) {
      b.setExtraMessage("errors: " + errors.incrementAndGet());
    }
    b.step();
  }

  /** Draws the bar now (it is also drawn every 250 ms). */
  void refresh() {
    ProgressBar b = bar;
    if (b != null) {
      b.refresh();
    }
  }

  @Override
  public void close() {
    ProgressBar b = bar;
    if (b != null) {
      b.close();
    }
  }
}
