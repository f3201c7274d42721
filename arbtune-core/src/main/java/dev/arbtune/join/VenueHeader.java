package dev.arbtune.join;

import dev.arbtune.backtest.QuotesFormatException;
import dev.arbtune.io.Excerpt;
import java.util.List;
import java.util.Locale;

/**
 * A venue file's header read: its format (recognised or given) and where its time, bid and ask
 * columns are.
 *
 * @param format the format, never {@link VenueFormat#AUTO}
 * @param timeColumn the time column's name (the format's, or the one the input names)
 * @param bidColumn the bid column's name
 * @param askColumn the ask column's name
 * @param timeField the time column's 0-based field index
 * @param bidField the bid column's field index
 * @param askField the ask column's field index
 * @param fields the number of fields of the header (and of every row)
 */
record VenueHeader(
    VenueFormat format,
    String timeColumn,
    String bidColumn,
    String askColumn,
    int timeField,
    int bidField,
    int askField,
    int fields) {

  /** The columns of each format that AUTO looks for, the time column first. */
  private static final List<String> BINANCE =
      List.of(
          "transaction_time",
          "update_id",
          "best_bid_price",
          "best_bid_qty",
          "best_ask_price",
          "best_ask_qty",
          "event_time");

  private static final List<String> TARDIS =
      List.of(
          "timestamp",
          "exchange",
          "symbol",
          "local_timestamp",
          "ask_amount",
          "ask_price",
          "bid_price",
          "bid_amount");

  private static final List<String> DATABENTO = List.of("ts_event", "bid_px_00", "ask_px_00");

  private static final List<String> GENERIC = List.of("timestamp", "bid", "ask");

  /** What an unknown header is told it should have been. */
  static final String EXPECTED =
      "binance-bookticker (update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,"
          + "transaction_time,event_time), tardis-quotes (exchange,symbol,timestamp,"
          + "local_timestamp,ask_amount,ask_price,bid_price,bid_amount), databento-bbo (ts_event,"
          + "bid_px_00,ask_px_00 among its columns) or generic (timestamp,bid,ask in any order,"
          + " other columns ignored)";

  /** The columns AUTO looks for in {@code format}'s header, the time column first. */
  private static List<String> signature(VenueFormat format) {
    return switch (format) {
      case BINANCE_BOOKTICKER -> BINANCE;
      case TARDIS_QUOTES -> TARDIS;
      case DATABENTO_BBO -> DATABENTO;
      case GENERIC -> GENERIC;
      case AUTO -> throw new IllegalArgumentException("auto is no format");
    };
  }

  /** The bid column of {@code format}. */
  private static String bid(VenueFormat format) {
    return switch (format) {
      case BINANCE_BOOKTICKER -> "best_bid_price";
      case TARDIS_QUOTES -> "bid_price";
      case DATABENTO_BBO -> "bid_px_00";
      default -> "bid";
    };
  }

  /** The ask column of {@code format}. */
  private static String ask(VenueFormat format) {
    return switch (format) {
      case BINANCE_BOOKTICKER -> "best_ask_price";
      case TARDIS_QUOTES -> "ask_price";
      case DATABENTO_BBO -> "ask_px_00";
      default -> "ask";
    };
  }

  /**
   * Reads the header {@code names} (stripped, lower case) of {@code source} (line {@code line}) for
   * {@code input}.
   *
   * @throws QuotesFormatException when no format fits (AUTO) or the header lacks a column that the
   *     format needs
   */
  static VenueHeader resolve(VenueInput input, List<String> names, String source, long line) {
    String timeOverride =
        input.timeColumn() == null ? null : input.timeColumn().strip().toLowerCase(Locale.ROOT);
    VenueFormat format = input.format();
    if (format == VenueFormat.AUTO) {
      format = recognise(names, timeOverride);
      if (format == null) {
        throw new QuotesFormatException(
            source,
            line,
            null,
            "the header is of no known format; expected the header of "
                + EXPECTED
                + (timeOverride == null ? "" : ", with the time column " + timeOverride)
                + ", found: "
                + Excerpt.quoted(String.join(",", names)));
      }
    }
    String time = timeOverride != null ? timeOverride : signature(format).get(0);
    String bid = bid(format);
    String ask = ask(format);
    int timeField = field(names, time, format, timeOverride != null, source, line);
    int bidField = field(names, bid, format, false, source, line);
    int askField = field(names, ask, format, false, source, line);
    if (timeField == bidField || timeField == askField) {
      throw new QuotesFormatException(
          source, line, time, "the time column cannot be the bid or the ask column");
    }
    return new VenueHeader(format, time, bid, ask, timeField, bidField, askField, names.size());
  }

  /** The format whose columns {@code names} has, tried in order, or null. */
  private static VenueFormat recognise(List<String> names, String timeOverride) {
    for (VenueFormat f : VenueFormat.values()) {
      if (f == VenueFormat.AUTO) {
        continue;
      }
      List<String> wanted = signature(f);
      // A time column of the user's choice stands for the format's own.
      List<String> needed = timeOverride == null ? wanted : wanted.subList(1, wanted.size());
      if (names.containsAll(needed) && (timeOverride == null || names.contains(timeOverride))) {
        return f;
      }
    }
    return null;
  }

  private static int field(
      List<String> names,
      String column,
      VenueFormat format,
      boolean given,
      String source,
      long line) {
    int at = names.indexOf(column);
    if (at < 0) {
      throw new QuotesFormatException(
          source,
          line,
          null,
          "the header lacks "
              + column
              + (given
                  ? ", the time column given"
                  : ", which the " + format.label() + " format reads")
              + "; found: "
              + Excerpt.quoted(String.join(",", names)));
    }
    if (names.lastIndexOf(column) != at) {
      throw new QuotesFormatException(source, line, column, "the header names it twice");
    }
    return at;
  }

  /** The field labels for messages: the three columns read, others unnamed. */
  String[] labels() {
    String[] labels = new String[fields];
    labels[timeField] = timeColumn;
    labels[bidField] = bidColumn;
    labels[askField] = askColumn;
    return labels;
  }
}
