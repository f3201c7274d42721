package dev.arbtune.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Opens an HTML page in headless Chromium (Debian's {@code chromium}) and reports what a person
 * would see go wrong: console errors, script errors, blocked loads, and images that do not decode
 * or are blank. A copy of the page gets a small script (and a Content-Security-Policy that allows
 * it) which, once the page has loaded, checks every image (decoded, natural size, pixel variance
 * measured by drawing it on a canvas) and writes the findings as JSON into the DOM, which {@code
 * --dump-dom} prints. Console messages are also read from Chromium's log on stderr.
 *
 * <p>Fails (throws) when Chromium is not installed: {@code .ci/run} installs it.
 */
public final class Chromium {

  /** What Chromium saw. */
  public record Report(List<ImageCheck> images, List<String> errors, String title) {}

  /** One {@code <img>}: whether it decoded, its natural size and the variance of its pixels. */
  public record ImageCheck(
      String alt, boolean decoded, int width, int height, double variance, int colours) {}

  private static final String CHECK_SCRIPT =
      """
      <script>
      (function () {
        var errors = [];
        window.addEventListener('error', function (e) {
          var t = e.target;
          errors.push(t && t !== window && t.tagName
              ? 'failed to load ' + t.tagName + ' ' + String(t.src || t.href).slice(0, 80)
              : 'script error: ' + e.message);
        }, true);
        document.addEventListener('securitypolicyviolation', function (e) {
          errors.push('CSP blocked ' + e.blockedURI + ' (' + e.violatedDirective + ')');
        });
        var origError = console.error;
        console.error = function () {
          errors.push('console.error: ' + Array.prototype.join.call(arguments, ' '));
          origError.apply(console, arguments);
        };
        window.addEventListener('load', function () {
          var images = [];
          document.querySelectorAll('img').forEach(function (img) {
            var r = { alt: (img.alt || '').slice(0, 60), decoded: img.complete && img.naturalWidth > 0,
                      width: img.naturalWidth, height: img.naturalHeight, variance: 0, colours: 0 };
            if (r.decoded) {
              var c = document.createElement('canvas');
              c.width = img.naturalWidth; c.height = img.naturalHeight;
              var g = c.getContext('2d');
              g.drawImage(img, 0, 0);
              var d = g.getImageData(0, 0, c.width, c.height).data;
              var n = 0, sum = 0, sq = 0, seen = {};
              for (var i = 0; i < d.length; i += 4) {
                var y = 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
                n++; sum += y; sq += y * y;
                if (r.colours < 1000) {
                  var k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
                  if (!seen[k]) { seen[k] = 1; r.colours++; }
                }
              }
              r.variance = sq / n - (sum / n) * (sum / n);
            }
            images.push(r);
          });
          var pre = document.createElement('pre');
          pre.id = 'arbtune-check';
          pre.textContent = JSON.stringify({ images: images, errors: errors, title: document.title });
          document.body.appendChild(pre);
        });
      })();
      </script>
      """;

  private static final Pattern CSP =
      Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">");

  private Chromium() {}

  /** The executable: {@code chromium} on the PATH. */
  static String executable() {
    return "chromium";
  }

  /**
   * What one Chromium run of a page with an injected script found.
   *
   * @param json the text of the {@code <pre id="ID">} the script wrote, unescaped
   * @param log Chromium's stderr
   */
  record Dump(String json, List<String> log) {}

  /**
   * Opens a copy of {@code page} (in a fresh folder under {@code work}, with {@code script}
   * injected after {@code <head>} and inline scripts allowed by the page's policy) in headless
   * Chromium with {@code flags} added, and returns what the script wrote into {@code <pre
   * id="resultId">}.
   *
   * @throws AssertionError when Chromium is missing, hangs or the script wrote nothing
   */
  static Dump run(Path page, Path work, String script, String resultId, List<String> flags) {
    try {
      Path dir = Files.createTempDirectory(work, "chromium");
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
      html = html.substring(0, head + 6) + "\n" + script + html.substring(head + 6);
      Path copy = dir.resolve("page.html");
      Files.writeString(copy, html, StandardCharsets.UTF_8);
      Path out = dir.resolve("dom.html");
      Path log = dir.resolve("stderr.log");
      List<String> cmd = new ArrayList<>();
      cmd.add(executable());
      cmd.addAll(
          List.of(
              "--headless",
              "--no-sandbox",
              "--disable-gpu",
              "--no-first-run",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              "--disable-extensions",
              "--user-data-dir=" + profile,
              "--virtual-time-budget=10000"));
      cmd.addAll(flags);
      cmd.add("--dump-dom");
      cmd.add(copy.toUri().toString());
      Process p;
      try {
        p =
            new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(log.toFile())
                .start();
      } catch (IOException e) {
        throw new AssertionError(
            "cannot start chromium ("
                + e.getMessage()
                + "): run the tests with ./verify, which installs it when missing"
                + " (Debian's chromium package)",
            e);
      }
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("chromium did not finish in 90 s on " + page);
      }
      Matcher m =
          Pattern.compile("<pre id=\"" + resultId + "\">(.*?)</pre>", Pattern.DOTALL)
              .matcher(Files.readString(out, StandardCharsets.UTF_8));
      if (!m.find()) {
        throw new AssertionError(
            "chromium printed no "
                + resultId
                + " result (exit "
                + p.exitValue()
                + "); stderr:\n"
                + Files.readString(log, StandardCharsets.UTF_8));
      }
      Dump dump = new Dump(unescape(m.group(1)), Files.readAllLines(log, StandardCharsets.UTF_8));
      deleteTree(dir);
      return dump;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Opens {@code page} (a copy of it, in a fresh folder under {@code work}) and reports.
   *
   * @throws AssertionError when Chromium is missing, hangs or prints no check result
   */
  public static Report open(Path page, Path work) {
    Dump dump =
        run(
            page,
            work,
            CHECK_SCRIPT,
            "arbtune-check",
            List.of("--disable-quic", "--enable-logging=stderr", "--v=0"));
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(dump.json());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<ImageCheck> images = new ArrayList<>();
    for (JsonNode i : root.get("images")) {
      images.add(
          new ImageCheck(
              i.get("alt").asText(),
              i.get("decoded").asBoolean(),
              i.get("width").asInt(),
              i.get("height").asInt(),
              i.get("variance").asDouble(),
              i.get("colours").asInt()));
    }
    List<String> errors = new ArrayList<>();
    root.get("errors").forEach(e -> errors.add(e.asText()));
    for (String line : dump.log()) {
      if (line.contains("CONSOLE") && !line.contains(":INFO:CONSOLE")) {
        errors.add("log: " + line);
      } else if (line.contains("CONSOLE") && line.contains("Uncaught")) {
        errors.add("log: " + line);
      }
    }
    return new Report(images, errors, root.get("title").asText());
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
