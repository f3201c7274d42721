package dev.arbtune.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays a page out in headless Chromium at a given window width and measures the tables that match a
 * CSS selector: whether each is wider than the box it sits in (it would scroll or stick out), and
 * which of its cells show less than their content (clipped). Like {@link Chromium}, a copy of the
 * page gets a small script that writes its findings into the DOM, which {@code --dump-dom} prints.
 */
public final class ChromiumLayout {

  /**
   * One table: its width, the width of its container, the page's, the clipped cells, and the job
   * ids ({@code code.id}) broken over more than one line.
   */
  public record Table(
      int index,
      double width,
      double containerWidth,
      double viewportWidth,
      List<String> clipped,
      List<String> wrappedIds) {

    /** Whether the table fits its container and the page. */
    public boolean fits() {
      return width <= containerWidth + 0.5 && width <= viewportWidth;
    }
  }

  private static final String SCRIPT =
      """
      <script>
      window.addEventListener('load', function () {
        var out = [];
        document.querySelectorAll('SELECTOR').forEach(function (t, i) {
          var box = t.parentElement;
          var clipped = [];
          t.querySelectorAll('th, td').forEach(function (c) {
            if (c.scrollWidth > c.clientWidth + 1) {
              clipped.push(c.textContent.slice(0, 40) + ' (' + c.scrollWidth + ' > '
                  + c.clientWidth + ')');
            }
          });
          var wrapped = [];
          t.querySelectorAll('code.id').forEach(function (c) {
            if (c.getClientRects().length > 1) {
              wrapped.push(c.textContent.slice(0, 60));
            }
          });
          out.push({ index: i, width: t.getBoundingClientRect().width,
                     container: box.clientWidth, viewport: document.documentElement.clientWidth,
                     clipped: clipped, wrapped: wrapped });
        });
        var pre = document.createElement('pre');
        pre.id = 'arbtune-layout';
        pre.textContent = JSON.stringify(out);
        document.body.appendChild(pre);
      });
      </script>
      """;

  private ChromiumLayout() {}

  /**
   * Opens a copy of {@code page} at {@code width} x 1000 CSS pixels and measures every table that
   * matches {@code selector}.
   *
   * @throws AssertionError when Chromium is missing, hangs or prints no result
   */
  public static List<Table> tables(Path page, Path work, int width, String selector) {
    Chromium.Dump dump =
        Chromium.run(
            page,
            work,
            SCRIPT.replace("SELECTOR", selector),
            "arbtune-layout",
            List.of(
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--window-size=" + width + ",1000"));
    List<Table> tables = new ArrayList<>();
    try {
      for (JsonNode t : new ObjectMapper().readTree(dump.json())) {
        List<String> clipped = new ArrayList<>();
        t.get("clipped").forEach(c -> clipped.add(c.asText()));
        List<String> wrapped = new ArrayList<>();
        t.get("wrapped").forEach(c -> wrapped.add(c.asText()));
        tables.add(
            new Table(
                t.get("index").asInt(),
                t.get("width").asDouble(),
                t.get("container").asDouble(),
                t.get("viewport").asDouble(),
                clipped,
                wrapped));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tables;
  }
}
