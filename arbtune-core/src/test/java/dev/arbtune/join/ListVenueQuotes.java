package dev.arbtune.join;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A venue's quotes from a list, for tests: each quote's prices are given as text (empty = an empty
 * side, NaN), copied verbatim into the join's output as a reader copies the source's text.
 */
final class ListVenueQuotes implements VenueQuotes {

  /** One quote: time in epoch microseconds, bid and ask as text ({@code ""} for an empty side). */
  record Quote(long time, String bid, String ask) {
    Quote {
      Objects.requireNonNull(bid, "bid");
      Objects.requireNonNull(ask, "ask");
    }

    double bidValue() {
      return bid.isEmpty() ? Double.NaN : Double.parseDouble(bid);
    }

    double askValue() {
      return ask.isEmpty() ? Double.NaN : Double.parseDouble(ask);
    }
  }

  private final String source;
  private final List<Quote> quotes;
  private int index = -1;
  private Quote current;

  ListVenueQuotes(String source, List<Quote> quotes) {
    this.source = Objects.requireNonNull(source, "source");
    this.quotes = new ArrayList<>(quotes);
  }

  @Override
  public boolean next() {
    if (index + 1 >= quotes.size()) {
      index = quotes.size();
      current = null;
      return false;
    }
    current = quotes.get(++index);
    return true;
  }

  @Override
  public long timeMicros() {
    return current.time();
  }

  @Override
  public double bid() {
    return current.bidValue();
  }

  @Override
  public double ask() {
    return current.askValue();
  }

  @Override
  public void appendBid(StringBuilder out) {
    out.append(current.bid());
  }

  @Override
  public void appendAsk(StringBuilder out) {
    out.append(current.ask());
  }

  /** The line of the current quote in a file with a header: its index plus 2. */
  @Override
  public long line() {
    return index + 2L;
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public VenueFormat format() {
    return VenueFormat.GENERIC;
  }

  @Override
  public void close() {
    // nothing to release
  }
}
