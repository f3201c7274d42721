package dev.arbtune.join;

import java.io.Closeable;
import java.io.IOException;

/**
 * One venue's quotes, read one at a time in time order: a cursor. After {@link #next()} returns
 * true, the accessors describe that quote until the next call.
 *
 * <p>Errors in the input (a malformed value, a row earlier than the one before it) are {@link
 * dev.arbtune.backtest.QuotesFormatException}s naming the file, the line and the column.
 */
public interface VenueQuotes extends Closeable {

  /**
   * Moves to the next quote.
   *
   * @return false at the end of the input
   * @throws dev.arbtune.backtest.QuotesFormatException when the next row is malformed or out of
   *     time order
   * @throws IOException when reading fails
   */
  boolean next() throws IOException;

  /** The current quote's time in epoch microseconds (finer fractions truncated). */
  long timeMicros();

  /** The current quote's best bid, or NaN when that side of the book is empty. */
  double bid();

  /** The current quote's best ask, or NaN when that side of the book is empty. */
  double ask();

  /**
   * Appends the current bid as text: the source's own decimal text where it has one (so that the
   * joined file copies prices unchanged), else the plain decimal form of {@link #bid()}; nothing
   * when that side is empty.
   */
  void appendBid(StringBuilder out);

  /** Appends the current ask as text, as {@link #appendBid} does the bid. */
  void appendAsk(StringBuilder out);

  /** The 1-based line of the current quote in its file. */
  long line();

  /** The file's name, as the user gave it, for messages. */
  String source();

  /** The format the file is read in (never {@link VenueFormat#AUTO}: the recognised one). */
  VenueFormat format();
}
