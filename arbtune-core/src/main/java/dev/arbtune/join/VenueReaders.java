package dev.arbtune.join;

import java.io.IOException;

/** Opens a venue's quote file in its format. */
public final class VenueReaders {

  private VenueReaders() {}

  /**
   * Opens {@code input} for reading: recognises its format (when {@link VenueFormat#AUTO}), reads
   * the header and checks that it has the format's columns.
   *
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   * @throws dev.arbtune.backtest.QuotesFormatException when the file is empty or its header is of
   *     no known format (the message lists the expected headers)
   * @throws IOException when it cannot be read
   */
  public static VenueQuotes open(VenueInput input) throws IOException {
    throw new UnsupportedOperationException("venue readers: not written yet");
  }
}
