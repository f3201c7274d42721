package dev.arbtune.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser check must be able to fail: broken and blank images and errors are caught. */
class ChromiumTest {

  @TempDir Path tmp;

  private static String png(boolean striped) throws IOException {
    BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 40; x++) {
      for (int y = 0; y < 20; y++) {
        img.setRGB(x, y, striped && x % 4 < 2 ? 0x2563eb : 0xffffff);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
  }

  @Test
  void reportsBrokenAndBlankImagesAndScriptErrors() throws IOException {
    String page =
        "<!DOCTYPE html><html><head><title>t</title></head><body>"
            + "<img alt=\"good\" src=\""
            + png(true)
            + "\"><img alt=\"blank\" src=\""
            + png(false)
            + "\"><img alt=\"broken\" src=\"data:image/png;base64,AAAA\">"
            + "<script>console.error('boom');</script>"
            + "</body></html>";
    Path file = Files.writeString(tmp.resolve("p.html"), page);
    Chromium.Report r = Chromium.open(file, tmp);
    assertThat(r.title()).isEqualTo("t");
    assertThat(r.images())
        .extracting(Chromium.ImageCheck::alt)
        .containsExactly("good", "blank", "broken");
    Chromium.ImageCheck good = r.images().get(0);
    assertThat(good.decoded()).isTrue();
    assertThat(good.width()).isEqualTo(40);
    assertThat(good.variance()).isGreaterThan(100);
    assertThat(r.images().get(1).decoded()).isTrue();
    assertThat(r.images().get(1).variance()).isZero();
    assertThat(r.images().get(2).decoded()).isFalse();
    assertThat(r.errors()).anyMatch(e -> e.contains("boom"));
    assertThat(r.errors()).anyMatch(e -> e.contains("failed to load IMG"));
  }
}
