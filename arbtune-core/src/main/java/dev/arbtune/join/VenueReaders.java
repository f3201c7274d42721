package dev.arbtune.join;

import dev.arbtune.backtest.CsvScanner;
import dev.arbtune.backtest.QuotesFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens a venue's quote file in its format. The formats, and the rules every file follows, are in
 * docs/JOIN.md ("Input formats").
 */
public final class VenueReaders {

  private VenueReaders() {}

  /**
   * Opens {@code input} for reading: recognises its format (when {@link VenueFormat#AUTO}), reads
   * the header and checks that it has the format's columns. With {@link VenueInput#sort()} the
   * whole file is read (and checked) here and held in memory.
   *
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   * @throws dev.arbtune.backtest.QuotesFormatException when the file is empty or its header is of
   *     no known format (the message lists the expected headers)
   * @throws IOException when it cannot be read
   */
  public static VenueQuotes open(VenueInput input) throws IOException {
    Objects.requireNonNull(input, "input");
    Path file = input.file();
    String source = file.toString();
    InputStream stream = Files.newInputStream(file);
    VenueQuotes rows;
    try {
      CsvScanner in =
          CsvScanner.open(stream, source, input.unit(), "time", input.names().timeUnit());
      if (!in.nextLine()) {
        throw new QuotesFormatException(
            source, 0, null, "empty file; expected the header of " + VenueHeader.EXPECTED);
      }
      VenueHeader header = VenueHeader.resolve(input, in.readHeader(), source, in.lineNo());
      rows = new CsvVenueQuotes(stream, in, header, !input.sort(), input.names().sortAdvice());
    } catch (IOException | RuntimeException e) {
      stream.close();
      throw e;
    }
    return input.sort() ? new SortedVenueQuotes(rows) : rows;
  }
}
