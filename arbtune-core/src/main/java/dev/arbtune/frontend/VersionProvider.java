package dev.arbtune.frontend;

import dev.arbtune.result.Versions;
import picocli.CommandLine.IVersionProvider;

/** The version that Maven wrote into {@code dev/arbtune/version.properties} ({@link Versions}). */
public final class VersionProvider implements IVersionProvider {

  /** The project version, or {@code unknown} when run from unfiltered sources. */
  public static String version() {
    return Versions.version();
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "arbtune " + version(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
