package dev.arbtune.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.arbtune.insights.Heatmap;
import dev.arbtune.insights.ParamValue;
import dev.arbtune.insights.ParameterInsight;
import dev.arbtune.insights.PnlDistribution;
import dev.arbtune.insights.SamplePoint;
import dev.arbtune.insights.ValueStats;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.HeatMapStyler;

class ChartsTest {

  private static BufferedImage decode(byte[] png) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(img).isNotNull();
    return img;
  }

  private static boolean isGreen(int rgb) {
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    return g > 120 && g > r + 40 && g > b + 40;
  }

  @Test
  void scatterIsAPngOfTheDeclaredSizeAndNotBlank() throws IOException {
    List<SamplePoint> points = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      points.add(new SamplePoint(i * 3 - 50, i % 10));
    }
    BufferedImage img = decode(Charts.scatter(points, 1000, null));
    assertThat(img.getWidth()).isEqualTo(Charts.WIDTH);
    assertThat(img.getHeight()).isEqualTo(Charts.HEIGHT);
    assertThat(distinctColours(img)).isGreaterThan(10);
  }

  /**
   * One positive cell at x index 2 (the rightmost column) and y index 0 (the lowest row) among
   * negative ones: the green must be drawn at the right and at the bottom, which checks that the
   * cells are handed to XChart as {x, y, value} rows, not transposed.
   */
  @Test
  void heatmapPutsCellXYAtColumnXAndRowY() throws IOException {
    List<ParamValue> xs = List.of(ParamValue.of(1), ParamValue.of(2), ParamValue.of(3));
    List<ParamValue> ys = List.of(ParamValue.of(10), ParamValue.of(20), ParamValue.of(30));
    double[][] median = new double[3][3];
    long[][] jobs = new long[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        median[i][j] = -100;
        jobs[i][j] = 1;
      }
    }
    median[2][0] = 100;
    BufferedImage img = decode(Charts.heatmap(new Heatmap("x", "y", xs, ys, median, jobs, true)));
    long sumX = 0;
    long sumY = 0;
    long n = 0;
    int minX = Integer.MAX_VALUE;
    int maxX = 0;
    int minY = Integer.MAX_VALUE;
    int maxY = 0;
    for (int x = 0; x < img.getWidth() * 3 / 4; x++) { // the colour legend is further right
      for (int y = 0; y < img.getHeight(); y++) {
        int rgb = img.getRGB(x, y);
        if ((rgb & 0xffffff) != 0xffffff && !isGreen(rgb) && isRed(rgb)) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
        if (isGreen(rgb)) {
          sumX += x;
          sumY += y;
          n++;
        }
      }
    }
    assertThat(n).isGreaterThan(100);
    double gx = (double) sumX / n;
    double gy = (double) sumY / n;
    // the green cell's centre lies in the right third and the bottom third of the red grid
    assertThat(gx).isGreaterThan(minX + 2.0 * (maxX - minX) / 3);
    assertThat(gy).isGreaterThan(minY + 2.0 * (maxY - minY) / 3);
  }

  private static boolean isRed(int rgb) {
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    return r > 180 && g < 90;
  }

  private static Heatmap heatmapOf(double[][] median) {
    List<ParamValue> xs = new ArrayList<>();
    List<ParamValue> ys = new ArrayList<>();
    for (int i = 0; i < median.length; i++) {
      xs.add(ParamValue.of(i + 1));
    }
    for (int j = 0; j < median[0].length; j++) {
      ys.add(ParamValue.of(10 * (j + 1)));
    }
    long[][] jobs = new long[median.length][median[0].length];
    for (long[] row : jobs) {
      java.util.Arrays.fill(row, 1);
    }
    return new Heatmap("x", "y", xs, ys, median, jobs, true);
  }

  private static boolean isReddish(int rgb) {
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    return r > g + 25 && r > b + 25;
  }

  @Test
  void heatmapCellsAreNeverRedWhenEveryMedianIsPositive() throws IOException {
    Heatmap h = heatmapOf(new double[][] {{10, 20, 30}, {40, 50, 60}, {70, 80, 90}});
    BufferedImage img = decode(Charts.heatmap(h));
    long reddish = 0;
    long greenish = 0;
    for (int x = 0; x < img.getWidth() * 3 / 4; x++) { // the colour legend is further right
      for (int y = 0; y < img.getHeight(); y++) {
        int rgb = img.getRGB(x, y);
        reddish += isReddish(rgb) ? 1 : 0;
        greenish += isGreen(rgb) ? 1 : 0;
      }
    }
    assertThat(reddish).isZero();
    assertThat(greenish).isGreaterThan(1000);
  }

  @Test
  void heatmapScaleIsCentredAtZero() {
    for (double[][] median :
        new double[][][] {
          {{10, 20}, {30, 90}}, {{-90, -20}, {-30, -10}}, {{-7, 20}, {30, 3}}, {{0, 0}, {0, 0}}
        }) {
      HeatMapStyler s = Charts.heatmapChart(heatmapOf(median)).getStyler();
      double largest =
          java.util.Arrays.stream(median)
              .flatMapToDouble(java.util.Arrays::stream)
              .map(Math::abs)
              .max()
              .orElseThrow();
      assertThat(s.getMin()).isEqualTo(-s.getMax());
      assertThat(s.getMax()).isGreaterThanOrEqualTo(largest).isGreaterThan(0);
      // a round step (1, 2, 2.5 or 5 times a power of 10): at most twice what is needed
      assertThat(s.getMax()).isLessThanOrEqualTo(Math.max(4, 2.0001 * largest));
      assertThat(s.getSplitNumber() % 2).isZero(); // 0 is a step boundary
    }
  }

  @Test
  void heatmapPrintsSmallMediansWithDecimalsInCellsAndLegend() {
    double v = 0.39894685455404166;
    HeatMapStyler s =
        Charts.heatmapChart(heatmapOf(new double[][] {{-v, v / 2}, {v, -v / 4}})).getStyler();
    assertThat(s.getHeatMapValueDecimalPattern()).isEqualTo("#,##0.00"); // range 0.8
    assertThat(s.getMax()).isEqualTo(0.4);
    assertThat(s.getHeatMapDecimalValueFormatter().apply(-0.4)).isEqualTo("-0.4");
    assertThat(s.getHeatMapDecimalValueFormatter().apply(0.1 * 3)).isEqualTo("0.3");
    HeatMapStyler big =
        Charts.heatmapChart(heatmapOf(new double[][] {{-1234, 20}, {5678, 0}})).getStyler();
    assertThat(big.getHeatMapValueDecimalPattern()).isEqualTo("#,##0");
    assertThat(big.getMax()).isEqualTo(8000.0); // 4 steps of 2,000 (5678 / 4 = 1419.5)
    assertThat(big.getHeatMapDecimalValueFormatter().apply(-2000.0)).isEqualTo("-2,000");
  }

  @Test
  void histogramLabelsShowSmallPnlsWithDecimals() throws IOException {
    double[] edges = new double[9];
    for (int i = 0; i <= 8; i++) {
      edges[i] = -0.4 + 0.1 * i;
    }
    PnlDistribution d =
        new PnlDistribution(
            80, -0.4, 0, -0.2, 0.2, 0.4, edges, new long[] {10, 10, 10, 10, 10, 10, 10, 10});
    List<String> labels = Charts.histogramLabels(d);
    assertThat(labels)
        .containsExactly("-0.35", "-0.25", "-0.15", "-0.05", "0.05", "0.15", "0.25", "0.35");
    assertThat(decode(Charts.histogram(d)).getWidth()).isEqualTo(Charts.WIDTH);
  }

  @Test
  void parameterChartAxisShowsSmallPnlsWithDecimals() {
    ParameterInsight p =
        new ParameterInsight(
            "fee",
            List.of(
                new ValueStats(ParamValue.of(1), 3, -0.004, -0.003, true, 0.001, 0.0),
                new ValueStats(ParamValue.of(2), 3, 0.002, 0.0035, true, 0.004, 1.0)),
            0.5,
            0.4,
            false);
    CategoryChart chart = Charts.parameterChart(p);
    assertThat(chart.getStyler().getYAxisDecimalPattern()).isEqualTo("#,##0.####");
    assertThat(chart.getStyler().getLegendPosition().name()).startsWith("Outside");
  }

  @Test
  void scatterLegendSitsOutsideThePlotWhereItHidesNoPoint() {
    List<SamplePoint> points = List.of(new SamplePoint(-5, 1), new SamplePoint(100, 9.5));
    XYChart chart = Charts.scatterChart(points, 2, null);
    assertThat(chart.getStyler().getLegendPosition().name()).startsWith("Outside");
    assertThat(chart.getStyler().getYAxisDecimalPattern()).isEqualTo("#,##0");
    assertThat(chart.getStyler().getXAxisDecimalPattern()).isEqualTo("#,##0.#");
  }

  private static int distinctColours(BufferedImage img) {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int x = 0; x < img.getWidth(); x += 3) {
      for (int y = 0; y < img.getHeight(); y += 3) {
        seen.add(img.getRGB(x, y));
      }
    }
    return seen.size();
  }

  /** Values that made XChart's tick search loop forever or fail, alone and among ordinary ones. */
  static final double[][] EXTREME_PNLS = {
    {1e15},
    {1e15, 10, -5},
    {1e300},
    {-1e300, 10, -5},
    {1e-300},
    {1e-300, 2e-300, 0},
    {Double.MAX_VALUE, -Double.MAX_VALUE, 3},
    {Double.MIN_VALUE, 0},
    {1e15, 1e15 + 0.125, 1e15 + 0.25},
    {7, 7, 7}
  };

  /**
   * Every chart over extreme PnLs and drawdowns is drawn (a PNG of the declared width) and names
   * its unit. The time limit only guards against a hang; before the fix these looped forever in
   * XChart's tick search or threw from it.
   */
  @Test
  void chartsOfExtremeValuesAreDrawn() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          for (double[] pnls : EXTREME_PNLS) {
            List<SamplePoint> points = new ArrayList<>();
            List<ValueStats> values = new ArrayList<>();
            double[][] median = new double[pnls.length][2];
            for (int i = 0; i < pnls.length; i++) {
              double dd = i % 2 == 0 ? 1e20 : 2.5;
              points.add(new SamplePoint(pnls[i], dd));
              values.add(new ValueStats(ParamValue.of(i), 1, pnls[i], pnls[i], true, pnls[i], 1.0));
              median[i][0] = pnls[i];
              median[i][1] = -pnls[i] / 2;
            }
            String what = java.util.Arrays.toString(pnls);
            assertThat(decode(Charts.scatter(points, points.size(), null)).getWidth())
                .as(what)
                .isEqualTo(Charts.WIDTH);
            assertThat(decode(Charts.heatmap(heatmapOf(median))).getWidth()).as(what).isPositive();
            ParameterInsight p = new ParameterInsight("x", values, 0.5, 0.4, false);
            assertThat(decode(Charts.parameter(p)).getWidth()).as(what).isEqualTo(Charts.WIDTH);
            double[] sorted = pnls.clone();
            java.util.Arrays.sort(sorted);
            double lo = sorted[0];
            double hi = sorted[sorted.length - 1];
            int bins = lo == hi ? 1 : 5;
            double[] edges = new double[bins + 1];
            long[] counts = new long[bins];
            for (int i = 0; i <= bins; i++) {
              edges[i] = i == bins ? hi : lo + i * (hi / bins - lo / bins);
            }
            counts[0] = sorted.length;
            PnlDistribution d =
                new PnlDistribution(sorted.length, lo, lo, lo, hi, hi, edges, counts);
            assertThat(decode(Charts.histogram(d)).getWidth()).as(what).isEqualTo(Charts.WIDTH);
          }
        });
  }

  @Test
  void largeValuesAreDrawnInAPowerOfTenNamedInTheAxisTitle() {
    List<SamplePoint> points = List.of(new SamplePoint(1e15, 1e20), new SamplePoint(-5, 2));
    XYChart chart = Charts.scatterChart(points, 2, null);
    assertThat(chart.getYAxisTitle()).isEqualTo("realized PnL (USD \u00d7 10^15)");
    assertThat(chart.getXAxisTitle()).isEqualTo("max drawdown (% \u00d7 10^18)");
    assertThat(chart.getSeries("jobs").getYData()).containsExactly(1.0, -5e-15);
    // ordinary values keep their units
    XYChart plain = Charts.scatterChart(List.of(new SamplePoint(12, 3)), 1, null);
    assertThat(plain.getYAxisTitle()).isEqualTo("realized PnL (USD)");
  }

  @Test
  void aRangeTooNarrowForItsMagnitudeIsDrawnBetweenFixedBounds() {
    List<SamplePoint> points =
        List.of(new SamplePoint(1e15, 5), new SamplePoint(1e15 + 0.125, 5 + 1e-12));
    XYChart chart = Charts.scatterChart(points, 2, null);
    assertThat(chart.getStyler().getYAxisMin()).isLessThan(1.0);
    assertThat(chart.getStyler().getYAxisMax()).isGreaterThan(1.0);
    assertThat(chart.getStyler().getXAxisMin()).isLessThan(5.0);
    assertThat(chart.getStyler().getXAxisMax()).isGreaterThan(5.0);
  }

  @Test
  void anInfiniteStatisticLeavesItsChartOutWithAReason() {
    ValueStats inf = new ValueStats(ParamValue.of(1), 2, Double.POSITIVE_INFINITY, 1, true, 1, 1.0);
    ParameterInsight p = new ParameterInsight("x", List.of(inf), 0.5, 0.4, false);
    assertThatThrownBy(() -> Charts.parameter(p))
        .isInstanceOf(Charts.NotDrawableException.class)
        .hasMessage("the chart of PnL by x has a value too large to compute with");
  }

  /**
   * Grid values whose plain decimals run to hundreds of characters (0 and 1e-300, 0 and 1e300): as
   * labels of the heatmap's rows they left the plot a negative width, and XChart's category axis
   * divided by zero. The time limit only guards against a hang.
   */
  @Test
  void heatmapOverValuesWithHundredsOfDigitsIsDrawn() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          for (double odd : new double[] {1e-300, 1e300, -1e-300, Double.MIN_VALUE}) {
            List<ParamValue> two = List.of(ParamValue.of(0), ParamValue.of(odd));
            List<ParamValue> three =
                List.of(ParamValue.of(0), ParamValue.of(0.5), ParamValue.of(1));
            double[][] median = {{1e-300, 2e-300, 0}, {-1e-300, 3e-300, 1e-300}};
            double[][] transposed = {{1e-300, -1e-300}, {2e-300, 3e-300}, {0, 1e-300}};
            long[][] jobs = {{2, 2, 2}, {2, 2, 2}};
            long[][] jobsT = {{2, 2}, {2, 2}, {2, 2}};
            String what = Double.toString(odd);
            assertThat(
                    decode(Charts.heatmap(new Heatmap("a", "b", two, three, median, jobs, true)))
                        .getWidth())
                .as(what)
                .isEqualTo(Charts.WIDTH);
            assertThat(
                    decode(
                            Charts.heatmap(
                                new Heatmap("b", "a", three, two, transposed, jobsT, true)))
                        .getWidth())
                .as(what)
                .isEqualTo(Charts.WIDTH);
            ParameterInsight p =
                new ParameterInsight(
                    "a",
                    List.of(
                        new ValueStats(two.get(0), 2, 1e-300, 1e-300, true, 1e-300, 1.0),
                        new ValueStats(two.get(1), 2, 2e-300, 2e-300, true, 2e-300, 1.0)),
                    0.5,
                    0.4,
                    false);
            assertThat(decode(Charts.parameter(p)).getWidth()).as(what).isEqualTo(Charts.WIDTH);
          }
        });
  }

  /** Many long labels, rotated on the x axis of a parameter chart, leave the plot its height. */
  @Test
  void parameterChartOfManyValuesWithHundredsOfDigitsIsDrawn() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          List<ValueStats> values = new ArrayList<>();
          for (int i = 0; i < 14; i++) {
            values.add(new ValueStats(ParamValue.of((i + 1) * 1e300), 1, i, i, true, i, 1.0));
          }
          ParameterInsight p = new ParameterInsight("a", values, 0.5, 0.4, false);
          assertThat(decode(Charts.parameter(p)).getWidth()).isEqualTo(Charts.WIDTH);
        });
  }

  /**
   * Category labels are at most {@link Charts#MAX_LABEL} characters, stay distinct, and ordinary
   * values keep the form the tables show.
   */
  @Test
  void categoryLabelsAreBoundedDistinctAndKeepOrdinaryValues() {
    assertThat(
            Charts.categoryLabels(
                List.of(
                    ParamValue.of(0.5),
                    ParamValue.of(12),
                    ParamValue.of("btc.csv"),
                    ParamValue.NULL)))
        .containsExactly("0.5", "12", "btc.csv", "null");
    List<ParamValue> odd =
        List.of(
            ParamValue.of(0),
            ParamValue.of(1e-300),
            ParamValue.of(-1.2345678901234567e-300),
            ParamValue.of(-1e300),
            ParamValue.of(Double.MIN_VALUE),
            ParamValue.of("x".repeat(500) + "a"),
            ParamValue.of("x".repeat(500) + "b"),
            ParamValue.of("x".repeat(500) + "c"));
    List<String> labels = Charts.categoryLabels(odd);
    assertThat(labels).hasSize(odd.size()).doesNotHaveDuplicates();
    assertThat(labels)
        .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(Charts.MAX_LABEL));
    assertThat(labels.subList(0, 4))
        .containsExactly("0", "1E-300", "-1.2345678901234568E-300", "-1E+300");
  }
}
