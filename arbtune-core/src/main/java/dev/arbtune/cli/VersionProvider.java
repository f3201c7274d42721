package dev.arbtune.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version that Maven wrote into {@code dev/arbtune/version.properties}. */
public final class VersionProvider implements IVersionProvider {

  /** The project version, or {@code unknown} when run from unfiltered sources. */
  public static String version() {
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/dev/arbtune/version.properties")) {
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

  @Override
  public String[] getVersion() {
    return new String[] {
      "arbtune " + version(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
