package dev.arbtune.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class JobChartsAxesTest {

  private static final double[][] NONE = {{}, {}};

  @Test
  void equityAndDrawdownTimeAxesStartAndEndAtTheSamePixelColumns() {
    // Equity labels like "10,000.5" are wider than drawdown labels like "-0.02": drawn as they
    // come, the two plots would start at different columns.
    long t0 = 1_700_000_000_000_000L;
    long hour = 3_600_000_000L;
    double[] times = {t0, t0 + hour, t0 + 5 * hour, t0 + 30 * hour};
    JobCharts.Series s =
        new JobCharts.Series(
            "job",
            t0,
            new double[][] {times, {10_000, 10_000.5, 9_998.25, 9_999}},
            new double[][] {times, {0, 0, 0.0225, 0.015}},
            new double[][] {times, {-1, -0.5, 0.2, -0.3}},
            new double[][] {times, {-1.2, -0.6, -0.1, -0.4}},
            NONE,
            NONE,
            0,
            4);
    JobCharts.TimeAxis time = JobCharts.TimeAxis.of(t0, (long) times[3]);
    java.awt.image.BufferedImage scratch =
        new java.awt.image.BufferedImage(
            Charts.WIDTH, 400, java.awt.image.BufferedImage.TYPE_INT_RGB);
    org.knowm.xchart.XYChart eq = JobCharts.equityChart(s, time);
    org.knowm.xchart.XYChart dd = JobCharts.drawdownChart(s, time);
    eq.paint(scratch.createGraphics(), Charts.WIDTH, eq.getHeight());
    dd.paint(scratch.createGraphics(), Charts.WIDTH, dd.getHeight());
    assertThat(Math.abs(eq.getScreenXFromChart(0) - dd.getScreenXFromChart(0)))
        .as("the case is one where the labels differ in width")
        .isGreaterThan(3);

    JobCharts.Stacked stacked = JobCharts.equityImage(s);

    assertThat(stacked.equityAxis()[0]).isCloseTo(stacked.drawdownAxis()[0], within(1.0));
    assertThat(stacked.equityAxis()[1]).isCloseTo(stacked.drawdownAxis()[1], within(1.0));
    assertThat(stacked.equityAxis()[1]).isGreaterThan(stacked.equityAxis()[0] + 500);
    assertThat(stacked.image().getWidth()).isEqualTo(Charts.WIDTH);
    assertThat(JobCharts.equityPng(s)).isNotEmpty();
  }
}
