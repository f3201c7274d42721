package dev.arbtune.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.bench.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BestSpreadQuantilesTest {

  @TempDir Path tmp;

  /**
   * Ten valid rows whose best spread is 1, 2, ..., 10 bps (s_ba = (bid_a - ask_b) / ask_b), and one
   * crossed row with a large spread, which does not count.
   */
  private Path quotes() throws Exception {
    StringBuilder csv =
        new StringBuilder("timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n");
    for (int k = 1; k <= 10; k++) {
      csv.append(1_700_000_000 + k).append(',').append(100 + k / 100.0).append(",200,99,100\n");
    }
    csv.append("1700000011,150,149,99,100\n");
    Path f = tmp.resolve("q.csv");
    Files.writeString(f, csv);
    return f;
  }

  @Test
  void printsTheLargestThresholdEachShareOfValidRowsReaches() throws Exception {
    Tools.Result r =
        Tools.run(
            new BestSpreadQuantiles(),
            "--file",
            quotes().toString(),
            "--shares",
            "1,0.9,0.5,0.25,0.05");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.number("rows")).isEqualTo(11);
    assertThat(r.number("valid_rows")).isEqualTo(10);
    assertThat(r.value("best_max_bps")).isEqualTo("10.000000");
    // 1 bps is reached by all ten rows, 2 by nine, 6 by five, 8 by three (a quarter needs 3),
    // 10 by one; each is the formula's double rounded down to 4 decimals (some land just below)
    assertThat(r.value("share_1")).isEqualTo("1");
    assertThat(r.value("share_0.9")).isEqualTo("1.9999");
    assertThat(r.value("share_0.5")).isEqualTo("6");
    assertThat(r.value("share_0.25")).isEqualTo("7.9999");
    assertThat(r.value("share_0.05")).isEqualTo("9.9999");
    assertThat(r.value("values")).isEqualTo("[1, 1.9999, 6, 7.9999, 9.9999]");
  }

  @Test
  void aThresholdBelowZeroIsZeroAndABadShareIsRefused() throws Exception {
    double[] sorted = {-3, -2, -1, 0.5};
    assertThat(BestSpreadQuantiles.threshold(sorted, 0.5).toPlainString()).isEqualTo("0");
    assertThat(BestSpreadQuantiles.threshold(sorted, 0.25).toPlainString()).isEqualTo("0.5");

    Tools.Result r =
        Tools.run(new BestSpreadQuantiles(), "--file", quotes().toString(), "--shares", "1.5");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("--shares: each share must be in (0, 1], got 1.5");
  }
}
