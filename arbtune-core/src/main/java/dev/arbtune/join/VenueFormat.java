package dev.arbtune.join;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The formats of one venue's quote file that {@code arbtune join} reads. */
public enum VenueFormat {
  /** Recognised by the file's header. */
  AUTO("auto"),
  /**
   * Binance bookTicker dumps: {@code
   * update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time,event_time};
   * time = {@code transaction_time}.
   */
  BINANCE_BOOKTICKER("binance-bookticker"),
  /**
   * Tardis.dev {@code quotes} / {@code book_ticker}: {@code
   * exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount}; time =
   * {@code timestamp} (microseconds).
   */
  TARDIS_QUOTES("tardis-quotes"),
  /**
   * Databento MBP-1 / BBO CSV: time = {@code ts_event} (nanoseconds), {@code bid_px_00}, {@code
   * ask_px_00}.
   */
  DATABENTO_BBO("databento-bbo"),
  /** {@code timestamp,bid,ask} in any column order; more columns ignored. */
  GENERIC("generic");

  /** The names the command line accepts, in order. */
  public static final List<String> LABELS =
      Arrays.stream(values()).map(VenueFormat::label).toList();

  private final String label;

  VenueFormat(String label) {
    this.label = label;
  }

  /** The name on the command line. */
  public String label() {
    return label;
  }

  /**
   * The format named {@code text} (letter case ignored).
   *
   * @throws IllegalArgumentException naming the accepted names when {@code text} names none
   */
  public static VenueFormat parse(String text) {
    String wanted = text.strip().toLowerCase(Locale.ROOT);
    for (VenueFormat f : values()) {
      if (f.label.equals(wanted)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown format '" + text + "'; expected one of " + String.join(", ", LABELS));
  }
}
