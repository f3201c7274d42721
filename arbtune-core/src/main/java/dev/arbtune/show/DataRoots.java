package dev.arbtune.show;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.aggregate.SweepRoots;
import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.VenueFiles;
import dev.arbtune.result.Json;
import dev.arbtune.run.JobDocument;
import dev.arbtune.run.VenueJoins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a job's relative {@code data_file} (or {@code venue_a}, {@code venue_b}) is read from when
 * it is re-run: {@code --data-root} when given (as {@code run} does); otherwise the current folder,
 * unless the file is not there and the results come from a sweep's output root whose {@code
 * inputs.json} records the file (as {@code quickstart} runs with its output root as data root):
 * then that folder, whether or not the file is still there (a missing file is then reported at the
 * path the sweep read).
 */
public final class DataRoots {

  /** The largest inputs record read; a sweep writes a few hundred bytes. */
  private static final long MAX_INPUTS_RECORD = 1 << 16;

  /** The largest result document read for its {@code joined_file}. */
  private static final long MAX_DOCUMENT = 1 << 24;

  private DataRoots() {}

  /**
   * The data root to re-run a job with.
   *
   * @param given {@code --data-root}, or {@code null}
   * @param resultsDir the folder given as {@code --results-dir} (a sweep root, its {@code
   *     results/}, or any folder)
   * @param dataFile the job's {@code data_file}
   */
  public static Path of(Path given, Path resultsDir, String dataFile) {
    Objects.requireNonNull(resultsDir, "resultsDir");
    if (given != null) {
      return given;
    }
    Path here = Path.of("");
    Path rel;
    try {
      rel = Path.of(dataFile).normalize();
    } catch (InvalidPathException | NullPointerException e) {
      return here;
    }
    if (rel.isAbsolute() || Files.exists(rel) || rel.getNameCount() == 0) {
      return here;
    }
    Path root = sweepRoot(resultsDir);
    Path recorded = root == null ? null : recordedDataFile(root.resolve("inputs.json"));
    if (recorded == null
        || !recorded.endsWith(rel)
        || recorded.getNameCount() < rel.getNameCount()) {
      return here;
    }
    // The sweep read the file there: re-run from there even when it is gone since, so that the
    // message names the path the sweep used, not one in the current folder it never read.
    int keep = recorded.getNameCount() - rel.getNameCount();
    Path folder = recorded.getRoot();
    if (keep > 0) {
      Path sub = recorded.subpath(0, keep);
      folder = folder == null ? sub : folder.resolve(sub);
    }
    return folder == null ? here : folder;
  }

  /**
   * The file whose folder a re-run job's relative paths are read from, as {@link #of} takes it: its
   * {@code data_file}, or for a job that names venue files its {@code venue_a}; {@code null} when
   * the config has neither.
   */
  public static String inputFile(Map<String, ?> config) {
    Object f = config.get(BacktestConfig.DATA_FILE);
    if (f == null) {
      f = config.get(VenueFiles.VENUE_A);
    }
    return f instanceof String s ? s : null;
  }

  /**
   * Where a re-run joins venue files: the sweep's own {@code joined/} folder when {@code
   * resultsDir} is a sweep's output root or its {@code results/} (so that the sweep's join is
   * found, not done again), else {@code arbtune-joined} in the temporary folder.
   */
  public static Path joinedFolder(Path resultsDir) {
    Path root = sweepRoot(resultsDir);
    return root != null
        ? root.resolve(VenueJoins.FOLDER)
        : Path.of(System.getProperty("java.io.tmpdir"), "arbtune-joined");
  }

  /** The sweep output root {@code dir} is, or whose {@code results/} it is; else {@code null}. */
  private static Path sweepRoot(Path dir) {
    if (SweepRoots.resultsOf(dir).isPresent()) {
      return dir;
    }
    Path abs = dir.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    if (parent != null
        && abs.getFileName() != null
        && abs.getFileName().toString().equals(SweepRoots.RESULTS_FOLDER)
        && SweepRoots.resultsOf(parent).isPresent()) {
      return parent;
    }
    return null;
  }

  /**
   * The joined quotes a venue job read, to re-run it on when a venue file it names is no longer
   * found under {@code root}: its document's {@code config_summary.joined_file}, when that file
   * still exists. {@code null} when the job names no venue files, both are found, or the document
   * records no joined file that exists (the re-run then reports the missing venue file).
   *
   * @param config the document's config
   * @param document the result document's file
   */
  public static Path joinedFallback(Map<String, ?> config, Path root, Path document) {
    Object a = config.get(VenueFiles.VENUE_A);
    Object b = config.get(VenueFiles.VENUE_B);
    if (!(a instanceof String va) || !(b instanceof String vb)) {
      return null;
    }
    try {
      if (Files.isRegularFile(root.resolve(va)) && Files.isRegularFile(root.resolve(vb))) {
        return null;
      }
      if (!Files.isRegularFile(document) || Files.size(document) > MAX_DOCUMENT) {
        return null;
      }
      JsonNode joined =
          new ObjectMapper(Json.factory())
              .readTree(document.toFile())
              .path("config_summary")
              .path(JobDocument.JOINED_FILE);
      if (!joined.isTextual() || joined.asText().isEmpty()) {
        return null;
      }
      Path file = Path.of(joined.asText());
      return Files.isRegularFile(file) ? file : null;
    } catch (IOException | RuntimeException e) {
      return null; // no usable record: the re-run reports the missing venue file
    }
  }

  /** {@code config} re-pointed at {@code joined}: its venue keys replaced by {@code data_file}. */
  public static Map<String, Object> onJoinedFile(Map<String, ?> config, Path joined) {
    Map<String, Object> m = new LinkedHashMap<>(config);
    VenueFiles.FIELDS.forEach(m::remove);
    m.put(BacktestConfig.DATA_FILE, joined.toString());
    return m;
  }

  private static Path recordedDataFile(Path inputs) {
    try {
      if (!Files.isRegularFile(inputs) || Files.size(inputs) > MAX_INPUTS_RECORD) {
        return null;
      }
      JsonNode record = new ObjectMapper(Json.factory()).readTree(inputs.toFile());
      JsonNode dataFile = record.get("data_file");
      if (dataFile == null) { // a sweep of venue files: inputFile's venue_a, as the sweep read it
        dataFile = record.get(VenueFiles.VENUE_A + "_file");
      }
      return dataFile != null && dataFile.isTextual() && !dataFile.asText().isEmpty()
          ? Path.of(dataFile.asText()).normalize()
          : null;
    } catch (IOException | RuntimeException e) {
      return null; // an unreadable record names no file
    }
  }
}
