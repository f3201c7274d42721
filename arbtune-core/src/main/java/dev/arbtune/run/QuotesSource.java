package dev.arbtune.run;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.ConfigException;
import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.backtest.VenueFiles;
import dev.arbtune.io.Excerpt;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the quotes of a job come from: the local folder of {@link JobRunner}, or any other store (a
 * distributed runner reads them from shared storage). Implementations must be thread-safe and
 * should load each file once.
 */
public interface QuotesSource {

  /**
   * The quotes of a job's {@code data_file}.
   *
   * @throws java.nio.file.NoSuchFileException when there is no such file
   * @throws IOException when it cannot be read
   * @throws dev.arbtune.backtest.QuotesFormatException when it is not a usable quotes table; the
   *     message names the file
   */
  Quotes load(String dataFile) throws IOException;

  /**
   * The quotes of a job's {@code data_file}, its epoch integers read in {@code unit} (the job's
   * {@code time_unit}). Sources that read files must override this; the default serves only {@link
   * EpochUnit#AUTO} (through {@link #load(String)}) and refuses any other unit, so that a unit is
   * never silently ignored.
   *
   * @throws java.nio.file.NoSuchFileException when there is no such file
   * @throws IOException when it cannot be read
   * @throws dev.arbtune.backtest.QuotesFormatException when it is not a usable quotes table; the
   *     message names the file
   * @throws ConfigException (field {@code time_unit}) when this source cannot read in {@code unit}
   */
  default Quotes load(String dataFile, EpochUnit unit) throws IOException {
    if (unit == EpochUnit.AUTO) {
      return load(dataFile);
    }
    throw new ConfigException(
        BacktestConfig.TIME_UNIT, "this quotes source reads timestamps by magnitude only");
  }

  /**
   * The quotes of a job: its {@code data_file} read in its {@code time_unit}, or, for a job that
   * names venue files, the file {@link #joined} joins them into.
   *
   * @throws IOException as {@link #load(String, EpochUnit)}
   * @throws ConfigException when a venue file is missing, or this source does not join venue files
   */
  default Quotes load(BacktestConfig config) throws IOException {
    if (config.venues() == null) {
      return load(config.dataFile(), config.timeUnit());
    }
    return load(joined(config.venues()).toString(), EpochUnit.AUTO);
  }

  /**
   * The quotes file that {@code venues} are joined into, joined once and kept ({@link VenueJoins}).
   * The default refuses: a source that cannot join (a distributed runner's) says to join first.
   *
   * @throws ConfigException (field {@code venue_a}) when this source does not join venue files, or
   *     naming the venue file that is missing
   * @throws dev.arbtune.backtest.QuotesFormatException when a venue file is malformed
   * @throws IOException when reading or writing fails
   */
  default Path joined(VenueFiles venues) throws IOException {
    throw new ConfigException(VenueFiles.VENUE_A, NO_JOINS);
  }

  /** What a runner that cannot join venue files says. */
  String NO_JOINS =
      "this runner does not join venue files; join the venue files first with arbtune join and"
          + " give data_file";

  /**
   * Where {@code dataFile} was looked for, as a message about a missing file shows it, or {@code
   * null} when that is {@code dataFile} itself.
   */
  String lookedFor(String dataFile);

  /**
   * What a message about a missing relative {@code data_file} says after the path it tried: which
   * folder relative paths are read from and how to change it, the same words for every runner.
   *
   * @param dataRoot {@code --data-root} as the user gave it; {@code null} or empty when none was
   *     given (the current folder)
   */
  static String relativePathHint(String dataRoot) {
    return dataRoot == null || dataRoot.isEmpty()
        ? ": a relative data_file or venue file is read from the current folder; run from the folder it is"
            + " relative to, or give --data-root DIR"
        : ": a relative data_file or venue file is read from --data-root " + Excerpt.of(dataRoot);
  }

  /**
   * The local folder {@code dataRoot}: a relative {@code data_file} is resolved against it (an
   * absolute one is read as it is), through {@code cache}. A missing relative file's message names
   * the absolute path tried and suggests {@code --data-root} (of {@code run} and {@code sweep}).
   *
   * @param dataRoot {@code Path.of("")} for the current working directory
   */
  static QuotesSource local(QuotesCache cache, Path dataRoot) {
    return new LocalQuotes(cache, dataRoot, true, null);
  }

  /**
   * The local folder {@code dataRoot} as {@link #local(QuotesCache, Path)}, joining venue files
   * into {@code joinedFolder} (relative venue paths are read from {@code dataRoot} too).
   */
  static QuotesSource local(QuotesCache cache, Path dataRoot, Path joinedFolder) {
    return local(cache, dataRoot, joinedFolder, SessionListener.NONE);
  }

  /**
   * The local folder {@code dataRoot} as {@link #local(QuotesCache, Path, Path)}, {@code listener}
   * hearing of each join ({@link VenueJoins}).
   */
  static QuotesSource local(
      QuotesCache cache, Path dataRoot, Path joinedFolder, SessionListener listener) {
    return new LocalQuotes(cache, dataRoot, true, new VenueJoins(joinedFolder, dataRoot, listener));
  }

  /**
   * Files named relative to the current folder, for a command without {@code --data-root} ({@code
   * arbtune backtest}): a missing file's message names the absolute path tried, nothing more.
   */
  static QuotesSource currentFolder(QuotesCache cache) {
    return new LocalQuotes(cache, Path.of(""), false, null);
  }
}
