package dev.arbtune.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.aggregate.SweepRoots;
import dev.arbtune.io.AtomicFiles;
import dev.arbtune.io.Excerpt;
import dev.arbtune.io.OutputPathException;
import dev.arbtune.io.OutputTarget;
import dev.arbtune.result.Json;
import dev.arbtune.result.ResultFormatException;
import dev.arbtune.result.ResultReader;
import dev.arbtune.run.OutputPaths;
import dev.arbtune.sweep.SweepLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The output checks of the commands that read a results folder ({@code aggregate}, {@code report}),
 * and the check of arbtune's own file names that every command with output options makes.
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
   * Refuses outputs that would overwrite each other, a file named as arbtune's own ({@link
   * #refuseOwnFileNames}), a sweep's own file ({@link #refuseSweepFiles}) or a document the scan of
   * {@code resultsDir} reads as a job: an existing {@code *.json} or {@code *.jsonl} file inside it
   * that is not an aggregator summary. (A summary written there by {@code --output-json} is skipped
   * by every scan, so it may be replaced; so may a new file.)
   */
  static void refuseOverlaps(List<OutputTarget> outputs, Path resultsDir)
      throws OutputPathException {
    OutputTarget.refuseOverlaps(outputs, List.of());
    refuseOwnFileNames(outputs);
    refuseSweepFiles(outputs, resultsDir);
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

  /**
   * Refuses an output whose file name, as given or where its symbolic links lead, is one of the
   * names arbtune keeps for itself, in any folder: a run root's lock ({@code .arbtune.lock}), a
   * sweep root's lock ({@code .arbtune-sweep.lock}), or a temporary file ({@code .arbtune-*.tmp}).
   * Replacing a lock would let a second session start beside a running one; a temporary file is
   * renamed or deleted by its writer. Every command with output options calls this.
   */
  static void refuseOwnFileNames(List<OutputTarget> outputs) throws OutputPathException {
    for (OutputTarget out : outputs) {
      if (out == null || out.isStdout()) {
        continue;
      }
      for (Path path : new Path[] {out.given(), out.target()}) {
        String why = path == null ? null : ownFileName(path.getFileName());
        if (why != null) {
          boolean asGiven = path == out.given() || path.equals(out.given());
          throw new OutputPathException(
              out.option()
                  + " "
                  + Excerpt.of(out.toString())
                  + (asGiven
                      ? " is named "
                      : " leads to " + Excerpt.of(path.toString()) + ", named ")
                  + why);
        }
      }
    }
  }

  /**
   * The end of the refusal of a file named {@code name}, or {@code null} when it may be written.
   */
  private static String ownFileName(Path name) {
    if (name == null) {
      return null;
    }
    String n = name.toString();
    if (n.equals(OutputPaths.LOCK_FILE)) {
      return n
          + ", the lock file a run keeps in its output root; writing it would break that lock,"
          + " so give another file name";
    }
    if (n.equals(SweepLayout.LOCK_FILE)) {
      return n
          + ", the lock file a sweep keeps in its output root; writing it would break that"
          + " lock, so give another file name";
    }
    if (n.startsWith(AtomicFiles.TEMPORARY_PREFIX) && n.endsWith(".tmp")) {
      return "like the temporary files arbtune writes and then renames or deletes ("
          + AtomicFiles.TEMPORARY_PREFIX
          + "*.tmp); give another file name";
    }
    return null;
  }

  /**
   * Refuses an output that is one of the files a sweep's output root keeps for itself: its plan
   * ({@code jobs.jsonl}), its inputs record ({@code inputs.json}), its lock, quickstart's session
   * file ({@code session.yaml}) and data ({@code data/}), and the data file its inputs record names
   * (wherever it is). The sweep roots looked at are the folder the output goes into, {@code
   * resultsDir} and, when {@code resultsDir} is a root's {@code results/}, that root. The sweep's
   * own outputs, {@code summary.json} and {@code report.html}, may be written again.
   */
  static void refuseSweepFiles(List<OutputTarget> outputs, Path resultsDir)
      throws OutputPathException {
    for (OutputTarget out : outputs) {
      if (out == null || out.isStdout() || out.target() == null) {
        continue;
      }
      // Named as the user gave them where possible: --results-dir first.
      Set<Path> roots = new LinkedHashSet<>();
      addRoot(roots, resultsDir);
      if (resultsDir != null) {
        Path dir = resultsDir.normalize();
        Path name = dir.getFileName();
        if (name != null && name.toString().equals(SweepRoots.RESULTS_FOLDER)) {
          addRoot(roots, dir.getParent() != null ? dir.getParent() : Path.of("."));
        }
      }
      addRoot(roots, out.target().getParent());
      for (Path root : roots) {
        String role = sweepRole(out, root);
        if (role != null) {
          throw new OutputPathException(
              out.option()
                  + " "
                  + Excerpt.of(out.toString())
                  + " is "
                  + role
                  + " of the sweep in "
                  + Excerpt.of(root.toString())
                  + "; writing it would destroy a file the sweep needs, so give another path (the"
                  + " sweep's summary.json and report.html may be replaced)");
        }
      }
    }
  }

  /** Adds {@code dir}, as the user would name it, when it is a sweep's output root. */
  private static void addRoot(Set<Path> roots, Path dir) {
    if (dir != null && SweepRoots.resultsOf(dir).isPresent()) {
      roots.add(dir);
    }
  }

  /** What {@code out} writes of the sweep root {@code root}, or {@code null} when nothing. */
  private static String sweepRole(OutputTarget out, Path root) {
    SweepLayout layout = new SweepLayout(root);
    Map<Path, String> own = new LinkedHashMap<>();
    own.put(layout.plan(), "the plan (jobs.jsonl)");
    own.put(layout.inputs(), "the inputs record (inputs.json)");
    own.put(layout.lock(), "the lock (" + layout.lock().getFileName() + ")");
    own.put(root.resolve(QuickstartCommand.SESSION), "the session file (session.yaml)");
    Path data = recordedDataFile(layout.inputs());
    if (data != null) {
      own.put(data, "the data file (named in its inputs.json)");
    }
    for (String name : QuickstartCommand.DATA) {
      own.putIfAbsent(root.resolve("data").resolve(name), "an input (data/" + name + ")");
    }
    for (Map.Entry<Path, String> e : own.entrySet()) {
      if (sameFile(out, e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Whether {@code out} writes {@code file}: the same path, or the same existing file. */
  private static boolean sameFile(OutputTarget out, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Path real =
          parent != null && Files.isDirectory(parent)
              ? parent.toRealPath().resolve(file.getFileName())
              : file.toAbsolutePath().normalize();
      return real.equals(out.target().toAbsolutePath().normalize()) || out.sameFileAs(file);
    } catch (IOException e) {
      return out.sameFileAs(file);
    }
  }

  /** The largest inputs record read for its data file; a sweep writes a few hundred bytes. */
  private static final long MAX_INPUTS_RECORD = 1 << 16;

  /** The {@code data_file} an inputs record names, or {@code null} when it names none. */
  private static Path recordedDataFile(Path inputs) {
    try {
      if (!Files.isRegularFile(inputs) || Files.size(inputs) > MAX_INPUTS_RECORD) {
        return null;
      }
      JsonNode dataFile =
          new ObjectMapper(Json.factory()).readTree(inputs.toFile()).get("data_file");
      return dataFile != null && dataFile.isTextual() && !dataFile.asText().isEmpty()
          ? Path.of(dataFile.asText())
          : null;
    } catch (IOException | RuntimeException e) {
      return null; // an unreadable record names no file
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
