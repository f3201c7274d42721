package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.run.JobOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.junit.jupiter.api.Test;

/** The progress lines of run/sweep and of the scans: fixed fields, no glued or unknown values. */
class ProgressLineTest {

  /** Receives what the progress bar draws, as a terminal 120 columns wide would. */
  private static final class Lines implements ProgressBarConsumer {
    final List<String> drawn = new ArrayList<>();

    @Override
    public int getMaxRenderedLength() {
      return 120;
    }

    @Override
    public synchronized void accept(String line) {
      drawn.add(line);
    }

    @Override
    public void close() {}
  }

  /**
   * The bar's brackets and every field stay in place while the rate and the ETA become known (the
   * library's own layout shrank the bar when they did).
   */
  @Test
  void theRunBarKeepsItsWidthAndItsPlaceFromStartToEnd() throws InterruptedException {
    Lines lines = new Lines();
    ProgressBarListener listener = new ProgressBarListener(lines);
    listener.sessionStarted(36);
    listener.refresh();
    for (int i = 1; i <= 36; i++) {
      if (i == 18) {
        Thread.sleep(1100); // past the first second: a rate and an ETA can be shown
      }
      listener.jobFinished(
          i % 5 == 0
              ? new JobOutcome(i, "j" + i, null, JobOutcome.Status.ERROR, "boom", null)
              : new JobOutcome(i, "j" + i, null, JobOutcome.Status.SUCCESS, null, null));
      listener.refresh();
    }
    listener.close();

    assertThat(lines.drawn).hasSizeGreaterThan(30);
    String first = lines.drawn.get(0);
    for (String line : lines.drawn) {
      assertThat(line.indexOf(']')).as(line).isEqualTo(first.indexOf(']'));
      assertThat(line.indexOf("jobs/s")).as(line).isEqualTo(first.indexOf("jobs/s"));
      assertThat(line.length()).as(line).isEqualTo(first.length());
    }
    assertThat(lines.drawn.get(lines.drawn.size() - 1))
        .contains("36/36 jobs")
        .contains("errors: 7");
  }

  @Test
  void fieldsHaveFixedWidthsWhateverTheValues() {
    List<String> drawn =
        List.of(
            ProgressLine.format("run", 0, 1000, Duration.ZERO, "errors: 0"),
            ProgressLine.format("run", 7, 1000, Duration.ofMillis(600), "errors: 0"),
            ProgressLine.format("run", 512, 1000, Duration.ofSeconds(3), "errors: 12"),
            ProgressLine.format("run", 1000, 1000, Duration.ofSeconds(70), "errors: 999"));
    for (String line : drawn) {
      assertThat(line).hasSize(drawn.get(0).length()).doesNotContain("?");
    }
    assertThat(drawn.get(0))
        .contains("   0/1000 jobs")
        .contains("- jobs/s")
        .contains("ETA -:--:--");
    assertThat(drawn.get(2)).contains(" 512/1000 jobs   51%").contains("170.7 jobs/s");
  }

  /** The scan's line printed "? jobs/s0 errors": an unknown rate glued to the error count. */
  @Test
  void theScanLineSeparatesTheRateFromTheErrorsAndNeverShowsAQuestionMark() {
    Lines lines = new Lines();
    ScanProgressDisplay.start("Aggregating", new ScanProgress(), lines).close();

    List<String> shown = lines.drawn.stream().filter(l -> !l.isBlank()).toList();
    for (String line : shown) { // the last, blank, line clears the display
      assertThat(line).doesNotContain("?").hasSize(shown.get(0).length());
    }
    assertThat(shown.get(shown.size() - 1)).contains("- jobs/s  0 errors");
    String few = ProgressLine.format("Aggregating", 5, -1, Duration.ofSeconds(1), "0 errors");
    String many =
        ProgressLine.format("Aggregating", 5_000_000, -1, Duration.ofSeconds(10), "1 error");
    assertThat(few).isEqualTo("Aggregating           5 jobs        5.0 jobs/s  0 errors    ");
    assertThat(many).hasSameSizeAs(few).contains("5,000,000 jobs  500,000.0 jobs/s  1 error");
  }

  /** On an 80-column terminal the whole run line fits, the bar narrower, the errors still shown. */
  @Test
  void theBarNarrowsToFitTheTerminalAndTheFieldsStay() {
    String wide = ProgressLine.format("run", 12, 36, Duration.ofSeconds(2), "errors: 3", 200);
    String narrow = ProgressLine.format("run", 12, 36, Duration.ofSeconds(2), "errors: 3", 79);
    assertThat(wide.indexOf(']') - wide.indexOf('[') - 1).isEqualTo(ProgressLine.BAR_WIDTH);
    assertThat(narrow).hasSizeLessThanOrEqualTo(79).contains("ETA 0:00:04  errors: 3");
    assertThat(narrow.substring(narrow.indexOf(']'))).isEqualTo(wide.substring(wide.indexOf(']')));
    assertThat(ProgressLine.format("run", 0, 36, Duration.ZERO, "errors: 0", 79))
        .hasSameSizeAs(narrow);
  }
}
