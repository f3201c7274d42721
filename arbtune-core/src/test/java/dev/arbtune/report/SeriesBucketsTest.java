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

  /** Indexes of the NaN values (line breaks) of a series. */
  private static int[] breaks(double[][] s) {
    return java.util.stream.IntStream.range(0, s[1].length)
        .filter(i -> Double.isNaN(s[1][i]))
        .toArray();
  }

  @Test
  void aWeekendWithoutQuotesBreaksTheLineOnceAndNowhereElse() {
    // Rows 1 to 3 s apart (irregular, as quotes that come on change) for two days, no row for two
    // days, then one more day: one break, between the last row before and the first row after.
    long day = 86_400_000_000L;
    java.util.Random random = new java.util.Random(7);
    SeriesBuckets b = new SeriesBuckets(0, 5 * day, 700);
    long t = 0;
    long lastBefore = -1;
    long firstAfter = -1;
    while (t <= 5 * day) {
      if (t < 2 * day || t >= 4 * day) {
        b.add(t, random.nextGaussian());
        if (t < 2 * day) {
          lastBefore = t;
        } else if (firstAfter < 0) {
          firstAfter = t;
        }
      }
      t += 1_000_000L * (1 + random.nextInt(3));
    }

    double[][] s = b.seriesBrokenAtGaps();

    int[] breaks = breaks(s);
    assertThat(breaks).hasSize(1);
    int k = breaks[0];
    assertThat(s[0][k - 1]).isEqualTo(lastBefore);
    assertThat(s[0][k + 1]).isEqualTo(firstAfter);
    assertThat(s[0][k]).isBetween((double) lastBefore, (double) firstAfter);
    // Apart from the break, the same points as the unbroken series.
    double[][] plain = b.series();
    assertThat(s[0].length).isEqualTo(plain[0].length + 1);
    for (int i = 0; i < plain[0].length; i++) {
      int j = i < k ? i : i + 1;
      assertThat(s[0][j]).isEqualTo(plain[0][i]);
      assertThat(s[1][j]).isEqualTo(plain[1][i]);
    }
  }

  @Test
  void rowsFartherApartThanBucketsButRegularAreNotBroken() {
    // A 1-minute file over two hours in 700 buckets: every row lands several buckets from the
    // last, yet that is the file's own spacing, not a gap.
    long minute = 60_000_000L;
    SeriesBuckets b = new SeriesBuckets(0, 120 * minute, 700);
    for (int i = 0; i <= 120; i++) {
      b.add(i * minute, Math.sin(i));
    }
    assertThat(breaks(b.seriesBrokenAtGaps())).isEmpty();
    assertThat(b.seriesBrokenAtGaps()[0]).containsExactly(b.series()[0]);
  }

  @Test
  void aMissingHalfHourInAOneMinuteFileIsBroken() {
    long minute = 60_000_000L;
    SeriesBuckets b = new SeriesBuckets(0, 1440 * minute, 700);
    for (int i = 0; i <= 1440; i++) {
      if (i <= 600 || i >= 630) {
        b.add(i * minute, Math.sin(i));
      }
    }
    double[][] s = b.seriesBrokenAtGaps();
    int[] breaks = breaks(s);
    assertThat(breaks).hasSize(1);
    assertThat(s[0][breaks[0] - 1]).isEqualTo(600 * minute);
    assertThat(s[0][breaks[0] + 1]).isEqualTo(630 * minute);
  }

  @Test
  void fewPointsAndEqualTimesDoNotBreak() {
    SeriesBuckets empty = new SeriesBuckets(0, 10, 700);
    assertThat(empty.seriesBrokenAtGaps()[0]).isEmpty();
    SeriesBuckets same = new SeriesBuckets(5, 5, 700);
    same.add(5, 1);
    same.add(5, 2);
    assertThat(breaks(same.seriesBrokenAtGaps())).isEmpty();
    SeriesBuckets two = new SeriesBuckets(0, 1_000_000_000L, 700);
    two.add(0, 1);
    two.add(1_000_000_000L, 2);
    assertThat(breaks(two.seriesBrokenAtGaps())).isEmpty();
  }

  @Test
  void theSpreadChartOfAJobWithAGapRendersWithNoLineAcrossTheGap() throws Exception {
    // One day of 1 s rows, four days without any, one more day: the re-run's spread chart draws,
    // and the middle of its plot (inside the gap) has no pixel of the s_ab line's blue.
    long day = 86_400_000_000L;
    java.util.List<Long> times = new java.util.ArrayList<>();
    for (long t = 0; t <= 6 * day; t += 10_000_000L) {
      if (t < day || t >= 5 * day) {
        times.add(1_700_000_000_000_000L + t);
      }
    }
    int n = times.size();
    long[] ts = new long[n];
    double[] bidA = new double[n];
    double[] askA = new double[n];
    double[] bidB = new double[n];
    double[] askB = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = times.get(i);
      double offset = Math.sin(i / 500.0) * 0.2;
      bidA[i] = 100 - 0.01;
      askA[i] = 100 + 0.01;
      bidB[i] = 100 + offset - 0.01;
      askB[i] = 100 + offset + 0.01;
    }
    Quotes quotes = new Quotes("gap", ts, bidA, askA, bidB, askB);
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
        new BacktestConfig("gap.csv", 5, 0, 0, 0, 1000, 2, 10000, null, null, null, null).toMap();
    JobCharts.Series s = JobCharts.of("gap", Replay.of(config, "gap", source));

    assertThat(breaks(s.spreadAb())).hasSize(1);
    assertThat(breaks(s.spreadBa())).hasSize(1);
    assertThat(breaks(s.equity())).isEmpty();
    assertThat(JobCharts.spreadPng(s)).isNotEmpty();
    assertThat(JobCharts.equityPng(s)).isNotEmpty();
    java.awt.image.BufferedImage image =
        org.knowm.xchart.BitmapEncoder.getBufferedImage(JobCharts.spreadChart(s));
    // Near the right end (inside the last day): the line is there, so the colour test sees it.
    assertThat(bluePixels(image, image.getWidth() * 92 / 100)).isPositive();
    assertThat(bluePixels(image, image.getWidth() / 2)).isZero();
  }

  private static int bluePixels(java.awt.image.BufferedImage image, int x) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      java.awt.Color c = new java.awt.Color(image.getRGB(x, y));
      if (Math.abs(c.getRed() - Charts.BLUE.getRed()) < 40
          && Math.abs(c.getGreen() - Charts.BLUE.getGreen()) < 40
          && Math.abs(c.getBlue() - Charts.BLUE.getBlue()) < 40) {
        count++;
      }
    }
    return count;
  }
}
