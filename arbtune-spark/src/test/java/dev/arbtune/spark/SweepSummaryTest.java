package dev.arbtune.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The line about error jobs beyond the first 20, as {@code arbtune run} words it. */
class SweepSummaryTest {

  /** A tally of {@code errors} error jobs, those on the lines in {@code undocumented} without. */
  private static SweepSummary tally(int errors, long... undocumented) {
    SweepSummary.Tally a = new SweepSummary.Tally();
    SweepSummary.Tally b = new SweepSummary.Tally();
    for (long line = errors; line >= 1; line--) { // out of order, over two tasks
      boolean documented = true;
      for (long u : undocumented) {
        documented &= u != line;
      }
      (line % 2 == 0 ? a : b).error(line, "plan line " + line + ": boom", documented);
    }
    return a.merge(b).summary(errors, 1.0);
  }

  @Test
  void errorJobsWithDocumentsAreSentToThem() {
    SweepSummary s = tally(25, 3);

    assertThat(s.firstErrors()).hasSize(20).startsWith("plan line 1: boom");
    assertThat(s.hiddenErrorsLine())
        .isEqualTo("[sweep] ... and 5 more error jobs (see their documents)");
  }

  @Test
  void errorJobsWithoutADocumentAreNotSentToTheirDocuments() {
    long[] all = new long[45];
    for (int i = 0; i < all.length; i++) {
      all[i] = i + 1;
    }
    SweepSummary none = tally(45, all);
    SweepSummary some = tally(45, 2, 30, 44);

    assertThat(none.hiddenErrorsLine())
        .isEqualTo(
            "[sweep] ... and 25 more error jobs without a document (it could not be written),"
                + " e.g. plan line 21: boom");
    assertThat(some.hiddenErrorsLine())
        .isEqualTo(
            "[sweep] ... and 25 more error jobs (see their documents; 2 of them have none, as it"
                + " could not be written, e.g. plan line 30: boom)");
  }

  @Test
  void noLineWhenEveryErrorIsShown() {
    assertThat(tally(20, 1).hiddenErrorsLine()).isNull();
  }
}
