package dev.arbtune.cli;

import dev.arbtune.run.JobOutcome;
import dev.arbtune.run.SessionListener;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on the terminal's stderr: jobs done / total, rate, ETA, errors so far; without a
 * total (a plan read from a pipe) it shows jobs done and the rate.
 */
final class ProgressBarListener implements SessionListener, AutoCloseable {

  private final AtomicLong errors = new AtomicLong();
  private volatile ProgressBar bar;

  @Override
  public void sessionStarted(long totalJobs) {
    bar =
        new ProgressBarBuilder()
            .setTaskName("run")
            .setInitialMax(totalJobs < 0 ? -1 : totalJobs) // -1: a bar without a total
            .setStyle(ProgressBarStyle.ASCII)
            .setUnit(" jobs", 1)
            .showSpeed()
            .setUpdateIntervalMillis(250)
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .build();
    bar.setExtraMessage(" errors: 0");
  }

  @Override
  public void jobFinished(JobOutcome outcome) {
    ProgressBar b = bar;
    if (b == null) {
      return;
    }
    if (outcome.status() == JobOutcome.Status.ERROR) {
      b.setExtraMessage(" errors: " + errors.incrementAndGet());
    }
    b.step();
  }

  @Override
  public void close() {
    ProgressBar b = bar;
    if (b != null) {
      b.close();
    }
  }
}
