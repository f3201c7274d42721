package dev.arbtune.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.insights.Heatmap;
import dev.arbtune.insights.ParamValue;
import dev.arbtune.insights.SamplePoint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

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

  private static int distinctColours(BufferedImage img) {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int x = 0; x < img.getWidth(); x += 3) {
      for (int y = 0; y < img.getHeight(); y += 3) {
        seen.add(img.getRGB(x, y));
      }
    }
    return seen.size();
  }
}
