package dev.arbtune.testing;

import java.nio.file.Path;

/** Files of the repository (data/, docs/) found from the test's working folder. */
public final class RepoFiles {

  private RepoFiles() {}

  /** The file {@code relative} to the repository root: the nearest folder above that holds it. */
  public static Path of(String relative) {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (p.resolve(relative).toFile().exists()) {
        return p.resolve(relative);
      }
    }
    throw new IllegalStateException(relative + " not found above " + here);
  }
}
