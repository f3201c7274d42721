package dev.arbtune.result;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of arbtune, as Maven wrote it into {@code dev/arbtune/version.properties} at build
 * time: the one place that reads it, for the command line's {@code --version} and the report's
 * header alike.
 */
public final class Versions {

  private static final String RESOURCE = "/dev/arbtune/version.properties";

  private Versions() {}

  /** The project version, or {@code unknown} when run from unfiltered sources. */
  public static String version() {
    try (InputStream in = Versions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
