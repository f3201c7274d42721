package dev.arbtune.run;

import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesCache;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/** Quotes files in a local folder, loaded through a shared {@link QuotesCache}. */
final class LocalQuotes implements QuotesSource {

  private final QuotesCache cache;
  private final Path dataRoot;

  LocalQuotes(QuotesCache cache, Path dataRoot) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.dataRoot = Objects.requireNonNull(dataRoot, "dataRoot");
  }

  @Override
  public Quotes load(String dataFile) throws IOException {
    return load(dataFile, EpochUnit.AUTO);
  }

  @Override
  public Quotes load(String dataFile, EpochUnit unit) throws IOException {
    return cache.get(dataRoot.resolve(dataFile), unit);
  }

  @Override
  public String lookedFor(String dataFile) {
    Path resolved = dataRoot.resolve(dataFile);
    return resolved.toString().equals(dataFile)
        ? null
        : resolved.toAbsolutePath().normalize().toString();
  }
}
