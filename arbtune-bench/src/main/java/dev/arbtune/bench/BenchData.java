package dev.arbtune.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's data files from wherever a benchmark is started. */
public final class BenchData {

  /** The real EUR/USD month: 325,660 rows. */
  public static final String EURUSD_MONTH = "data/eurusd_fxcm_vs_oanda_1s_2014-05.csv.gz";

  /** Rows of {@link #EURUSD_MONTH}. */
  public static final int EURUSD_ROWS = 325_660;

  private BenchData() {}

  /**
   * {@code relative} under the directory named by the system property {@code arbtune.root}, else
   * under the working directory or one of its parents.
   */
  public static Path file(String relative) {
    String root = System.getProperty("arbtune.root");
    if (root != null) {
      return Path.of(root).resolve(relative);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(relative))) {
        return p.resolve(relative);
      }
    }
    throw new IllegalStateException(
        relative + " not found; run from the repository or set -Darbtune.root=DIR");
  }
}
