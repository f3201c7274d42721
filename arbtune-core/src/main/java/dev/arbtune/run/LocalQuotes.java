package dev.arbtune.run;

import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.backtest.VenueFiles;
import dev.arbtune.io.Excerpt;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/** Quotes files in a local folder, loaded through a shared {@link QuotesCache}. */
final class LocalQuotes implements QuotesSource {

  private final QuotesCache cache;
  private final Path dataRoot;
  private final boolean dataRootOption;
  private final VenueJoins joins;

  /**
   * @param dataRoot the folder relative paths are read from ({@code Path.of("")}: the current one)
   * @param dataRootOption whether the command offers {@code --data-root}, which a message about a
   *     missing relative file then suggests
   * @param joins where venue files are joined, or {@code null} to refuse them
   */
  LocalQuotes(QuotesCache cache, Path dataRoot, boolean dataRootOption, VenueJoins joins) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.dataRoot = Objects.requireNonNull(dataRoot, "dataRoot");
    this.dataRootOption = dataRootOption;
    this.joins = joins;
  }

  @Override
  public Path joined(VenueFiles venues) throws IOException {
    return joins == null ? QuotesSource.super.joined(venues) : joins.joined(venues);
  }

  @Override
  public Quotes load(String dataFile) throws IOException {
    return load(dataFile, EpochUnit.AUTO);
  }

  @Override
  public Quotes load(String dataFile, EpochUnit unit) throws IOException {
    return cache.get(dataRoot.resolve(dataFile), unit);
  }

  /**
   * The absolute path tried for a relative {@code dataFile} and, when the command has {@code
   * --data-root}, which folder relative paths are read from and how to change it; {@code null} for
   * an absolute one.
   */
  @Override
  public String lookedFor(String dataFile) {
    String tried;
    try {
      if (Path.of(dataFile).isAbsolute()) {
        return null;
      }
      tried = Excerpt.of(dataRoot.resolve(dataFile).toAbsolutePath().normalize().toString());
    } catch (InvalidPathException e) {
      return null;
    }
    if (!dataRootOption) {
      return tried;
    }
    return tried + QuotesSource.relativePathHint(dataRoot.toString());
  }
}
