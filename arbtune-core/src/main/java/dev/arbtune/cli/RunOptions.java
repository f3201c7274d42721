package dev.arbtune.cli;

import dev.arbtune.run.SessionOptions;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How jobs are run, shared by {@code run} and {@code sweep}. */
final class RunOptions {

  /** Most jobs at once: each holds a thread and its trade state. */
  static final int MAX_PARALLELISM = 256;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description =
          "Jobs run at once, 1 to 256 (default: the number of processors, here ${DEFAULT-VALUE}).")
  int parallelism = SessionOptions.defaultParallelism();

  @Option(
      names = "--data-root",
      paramLabel = "DIR",
      description =
          "Resolve relative config.data_file (and venue_a, venue_b) paths against DIR instead"
              + " of the current folder.")
  Path dataRoot;

  @Option(
      names = "--no-fsync",
      description =
          "Do not force each document to disk before renaming it into place, nor its folder"
              + " after: faster; documents are still never seen half-written, but a power cut may"
              + " lose recent ones. By default a document survives a power cut once written.")
  boolean noFsync;

  /**
   * The parallelism, checked.
   *
   * @throws ParameterException (a usage error) when out of range
   */
  int parallelism() {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new ParameterException(
          mixee.commandLine(),
          "--parallelism must be between 1 and " + MAX_PARALLELISM + ", got " + parallelism);
    }
    return parallelism;
  }

  /** The folder relative data files are read from: --data-root, else the current folder. */
  Path dataRoot() {
    return dataRoot == null ? Path.of("") : dataRoot;
  }

  /** Whether documents are forced to disk before the rename. */
  boolean durable() {
    return !noFsync;
  }
}
