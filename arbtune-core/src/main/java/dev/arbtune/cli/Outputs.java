package dev.arbtune.cli;

import dev.arbtune.io.Excerpt;
import dev.arbtune.io.OutputPathException;
import dev.arbtune.io.OutputTarget;
import dev.arbtune.result.ResultFormatException;
import dev.arbtune.result.ResultReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The output checks of the commands that read a results folder ({@code aggregate}, {@code report}).
 */
final class Outputs {

  private Outputs() {}

  /**
   * Resolves an output option; {@code null} when it was not given.
   *
   * @throws IOException as {@link OutputTarget#of}
   */
  static OutputTarget resolve(String option, Path given) throws IOException {
    return given == null ? null : OutputTarget.of(option, given);
  }

  /**
   * Refuses outputs that would overwrite each other or a document the scan of {@code resultsDir}
   * reads as a job: an existing {@code *.json} or {@code *.jsonl} file inside it that is not an
   * aggregator summary. (A summary written there by {@code --output-json} is skipped by every scan,
   * so it may be replaced; so may a new file.)
   */
  static void refuseOverlaps(List<OutputTarget> outputs, Path resultsDir)
      throws OutputPathException {
    OutputTarget.refuseOverlaps(outputs, List.of());
    for (OutputTarget out : outputs) {
      if (out != null && readAsJob(out.target(), resultsDir)) {
        throw new OutputPathException(
            out.option()
                + " "
                + Excerpt.of(out.toString())
                + " is a result document inside --results-dir "
                + Excerpt.of(resultsDir.toString())
                + "; writing it would destroy that job's result, so give a path outside the"
                + " results folder or a new file name");
      }
    }
  }

  private static boolean readAsJob(Path target, Path resultsDir) {
    if (target == null || !Files.isRegularFile(target)) {
      return false;
    }
    String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".json") && !name.endsWith(".jsonl")) {
      return false;
    }
    try {
      if (!target.toRealPath().startsWith(resultsDir.toRealPath())) {
        return false;
      }
    } catch (IOException e) {
      return false;
    }
    if (name.endsWith(".jsonl")) {
      return true;
    }
    try {
      return !new ResultReader().read(target).summaryDocument();
    } catch (IOException | ResultFormatException | RuntimeException e) {
      return true; // an unreadable document is an error job of the scan: still an input
    }
  }

  /**
   * Refuses an explicit {@code --format} together with an output on stdout: the two would mix.
   * Without {@code --format}, the command prints nothing else on stdout.
   */
  static void refuseFormatWithStdout(CommandSpec spec, List<OutputTarget> outputs) {
    Objects.requireNonNull(spec, "spec");
    boolean formatGiven = spec.commandLine().getParseResult().hasMatchedOption("--format");
    for (OutputTarget out : outputs) {
      if (out != null && out.isStdout() && formatGiven) {
        throw new ParameterException(
            spec.commandLine(),
            "--format and "
                + out.option()
                + " - both write stdout; leave out --format (the summary then goes to stdout"
                + " only as "
                + out.option()
                + ")");
      }
    }
  }

  /** Whether any output goes to stdout. */
  static boolean anyOnStdout(List<OutputTarget> outputs) {
    return outputs.stream().anyMatch(o -> o != null && o.isStdout());
  }
}
