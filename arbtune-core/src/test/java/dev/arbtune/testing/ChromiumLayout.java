package dev.arbtune.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final Pattern RESULT =
      Pattern.compile("<pre id=\"arbtune-layout\">(.*?)</pre>", Pattern.DOTALL);
  private static final Pattern CSP =
      Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">");

  private ChromiumLayout() {}

  /**
   * Opens a copy of {@code page} at {@code width} x 1000 CSS pixels and measures every table that
   * matches {@code selector}.
   *
   * @throws AssertionError when Chromium is missing, hangs or prints no result
   */
  public static List<Table> tables(Path page, Path work, int width, String selector) {
    try {
      Path dir = Files.createTempDirectory(work, "layout");
      Path profile = Files.createDirectory(dir.resolve("profile"));
      String html = Files.readString(page, StandardCharsets.UTF_8);
      Matcher csp = CSP.matcher(html);
      if (csp.find()) {
        String policy = csp.group(1) + "; script-src 'unsafe-inline'";
        html = html.substring(0, csp.start(1)) + policy + html.substring(csp.end(1));
      }
      int head = html.indexOf("<head>");
      if (head < 0) {
        throw new AssertionError("no <head> in " + page);
      }
      html =
          html.substring(0, head + 6)
              + "\n"
              + SCRIPT.replace("SELECTOR", selector)
              + html.substring(head + 6);
      Path copy = dir.resolve("page.html");
      Files.writeString(copy, html, StandardCharsets.UTF_8);
      Path out = dir.resolve("dom.html");
      Path log = dir.resolve("stderr.log");
      List<String> cmd =
          List.of(
              Chromium.executable(),
              "--headless",
              "--no-sandbox",
              "--disable-gpu",
              "--no-first-run",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              "--disable-extensions",
              "--hide-scrollbars",
              "--force-device-scale-factor=1",
              "--window-size=" + width + ",1000",
              "--user-data-dir=" + profile,
              "--virtual-time-budget=10000",
              "--dump-dom",
              copy.toUri().toString());
      Process p =
          new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("chromium did not finish in 90 s on " + page);
      }
      Matcher m = RESULT.matcher(Files.readString(out, StandardCharsets.UTF_8));
      if (!m.find()) {
        throw new AssertionError(
            "chromium printed no layout result (exit "
                + p.exitValue()
                + "); stderr:\n"
                + Files.readString(log, StandardCharsets.UTF_8));
      }
      String json =
          m.group(1)
              .replace("&quot;", "\"")
              .replace("&lt;", "<")
              .replace("&gt;", ">")
              .replace("&amp;", "&");
      List<Table> tables = new ArrayList<>();
      for (JsonNode t : new ObjectMapper().readTree(json)) {
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
      return tables;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
