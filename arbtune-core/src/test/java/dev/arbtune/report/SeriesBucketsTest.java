package dev.arbtune.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.run.QuotesSource;
import dev.arbtune.show.Replay;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesBucketsTest {

  @Test
  void aOneRowSpikeAmongAMillionSurvivesAndTheSeriesStaysSmall() {
    int n = 1_200_000;
    SeriesBuckets b = new SeriesBuckets(0, n - 1, 700);
    for (int i = 0; i < n; i++) {
      b.add(i, i == 654_321 ? 1e6 : Math.sin(i / 1000.0));
    }
    double[][] s = b.series();
    assertThat(s[0].length).isLessThanOrEqualTo(4 * 700).isGreaterThanOrEqualTo(700);
    assertThat(Arrays.stream(s[1]).max().orElseThrow()).isEqualTo(1e6);
    assertThat(Arrays.stream(s[1]).min().orElseThrow())
        .isCloseTo(-1.0, org.assertj.core.api.Assertions.within(1e-6));
    for (int i = 1; i < s[0].length; i++) {
      assertThat(s[0][i]).isGreaterThanOrEqualTo(s[0][i - 1]);
    }
    assertThat(b.points()).isEqualTo(n);
  }

  @Test
  void aJobOfMillionsOfRowsChartsFromFewPoints() throws Exception {
    // 1.2 M rows, one second apart, trading back and forth, with one spread spike.
    int n = 1_200_000;
    long[] ts = new long[n];
    double[] bidA = new double[n];
    double[] askA = new double[n];
    double[] bidB = new double[n];
    double[] askB = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = 1_700_000_000_000_000L + i * 1_000_000L;
      double offset = Math.sin(i / 5000.0) * 0.2;
      bidA[i] = 100 - 0.01;
      askA[i] = 100 + 0.01;
      bidB[i] = 100 + offset - 0.01 + (i == 777_777 ? 5 : 0);
      askB[i] = 100 + offset + 0.01 + (i == 777_777 ? 5 : 0);
    }
    Quotes quotes = new Quotes("big", ts, bidA, askA, bidB, askB);
    QuotesSource source =
        new QuotesSource() {
          @Override
          public Quotes load(String dataFile) {
            return quotes;
          }

          @Override
          public String lookedFor(String dataFile) {
            return null;
          }
        };
    Map<String, Object> config =
        new BacktestConfig("big.csv", 5, 0, 0, 0, 1000, 2, 10000, null, null, null, null).toMap();
    Replay replay = Replay.of(config, "big", source);

    JobCharts.Series s = JobCharts.of("big", replay);

    assertThat(replay.trades()).hasSizeGreaterThan(10);
    assertThat(s.rows()).isEqualTo(n);
    for (double[][] series : new double[][][] {s.equity(), s.drawdown(), s.spreadAb()}) {
      assertThat(series[0].length).isLessThanOrEqualTo(4 * JobCharts.BUCKETS + 2);
    }
    double spike = (bidB[777_777] - askA[777_777]) / askA[777_777] * 1e4;
    assertThat(Arrays.stream(s.spreadAb()[1]).max().orElseThrow()).isEqualTo(spike);
    assertThat(JobCharts.equityPng(s)).isNotEmpty();
    assertThat(JobCharts.spreadPng(s)).isNotEmpty();
  }
}
