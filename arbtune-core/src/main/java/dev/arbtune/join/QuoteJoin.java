package dev.arbtune.join;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Joins two venues' quote streams into the engine's quotes table, as of every event, streaming.
 * (Skeleton: written by the join engine's change.)
 */
public final class QuoteJoin {

  private QuoteJoin() {}

  /**
   * Joins the venue files {@code a} and {@code b} into {@code output} (gzip-compressed when its
   * name ends in {@code .gz}), written atomically: a reader never sees a half-written file, and a
   * failed join leaves no output.
   *
   * @return what was read, written and dropped
   * @throws dev.arbtune.backtest.QuotesFormatException when an input is malformed
   * @throws IOException when reading or writing fails
   */
  public static JoinStats join(VenueInput a, VenueInput b, JoinOptions options, Path output)
      throws IOException {
    throw new UnsupportedOperationException("join: not written yet");
  }
}
