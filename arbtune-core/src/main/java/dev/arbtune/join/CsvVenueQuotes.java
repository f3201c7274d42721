package dev.arbtune.join;

import dev.arbtune.backtest.CsvScanner;
import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.QuotesFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;

/**
 * A venue file read row by row from its stream ({@link CsvScanner}): the time, bid and ask columns
 * of {@link VenueHeader}, the prices' text kept in the scanner's buffer until the next row.
 */
final class CsvVenueQuotes implements VenueQuotes, PriceText {

  /** Databento's UNDEF_PRICE: this side of the book is empty. */
  static final long UNDEF_PRICE = Long.MAX_VALUE;

  private static final int NONE = 0;
  private static final int TIME = 1;
  private static final int BID = 2;
  private static final int ASK = 3;

  /** Databento prices: not decided yet, decimal text (pretty_px), integers of 1e-9. */
  private static final int PX_UNDECIDED = 0;

  private static final int PX_DECIMAL = 1;
  private static final int PX_INTEGER = 2;

  private final InputStream stream;
  private final CsvScanner in;
  private final VenueHeader header;
  private final boolean checkOrder;
  private final String sortAdvice;
  private final boolean emptySides;
  private final boolean databento;
  private final int[] roles;
  private final int fieldsNeeded;

  private int pxKind = PX_UNDECIDED;
  private long pxKindLine;

  private long rows;
  private long time;
  private long line;
  private long prevTime = Long.MIN_VALUE;
  private long prevLine;

  private double bid;
  private double ask;
  // The prices' text in the scanner's buffer, or (Databento integers) the integers.
  private int bidStart;
  private int bidEnd;
  private int askStart;
  private int askEnd;
  private long bidUnits;
  private long askUnits;
  // The integer of the price read last (Databento integers only).
  private long units;

  CsvVenueQuotes(
      InputStream stream,
      CsvScanner in,
      VenueHeader header,
      boolean checkOrder,
      String sortAdvice) {
    this.stream = stream;
    this.sortAdvice = sortAdvice;
    this.in = in;
    this.header = header;
    this.checkOrder = checkOrder;
    VenueFormat format = header.format();
    this.databento = format == VenueFormat.DATABENTO_BBO;
    this.emptySides = databento || format == VenueFormat.TARDIS_QUOTES;
    roles = new int[header.fields()];
    roles[header.timeField()] = TIME;
    roles[header.bidField()] = BID;
    roles[header.askField()] = ASK;
    fieldsNeeded = Math.max(header.timeField(), Math.max(header.bidField(), header.askField())) + 1;
    in.labelFields(header.labels());
    in.nameTimeColumn(header.timeColumn());
  }

  @Override
  public boolean next() throws IOException {
    do {
      if (!in.nextLine()) {
        if (rows == 0) {
          throw new QuotesFormatException(in.source(), 0, null, "no quote rows after the header");
        }
        return false;
      }
    } while (in.lineIsBlank());
    readRow();
    line = in.lineNo();
    if (checkOrder && time < prevTime) {
      throw in.error(
          header.timeColumn(),
          "rows must be in time order, but this one ("
              + EpochUnit.instant(time)
              + ") is earlier than line "
              + prevLine
              + " ("
              + EpochUnit.instant(prevTime)
              + "); sort the file by time, or "
              + sortAdvice);
    }
    prevTime = time;
    prevLine = line;
    rows++;
    return true;
  }

  private void readRow() {
    CsvScanner in = this.in;
    int p = in.lineStart();
    int end = in.lineEnd();
    int field = 0;
    try {
      for (; field < fieldsNeeded; field++) {
        if (p > end) {
          throw in.fieldCount(field);
        }
        p = in.nextField(p, field);
        switch (roles[field]) {
          case TIME -> time = in.parseTimestamp(in.valueStart(), in.valueEnd());
          case BID -> {
            bidStart = in.valueStart();
            bidEnd = in.valueEnd();
            bid = price(bidStart, bidEnd, header.bidColumn());
            bidUnits = units;
          }
          case ASK -> {
            askStart = in.valueStart();
            askEnd = in.valueEnd();
            ask = price(askStart, askEnd, header.askColumn());
            askUnits = units;
          }
          default -> {}
        }
      }
    } catch (QuotesFormatException e) {
      throw in.explain(e);
    }
    for (; p <= end; field++) {
      p = in.nextField(p, field);
    }
    if (field != roles.length) {
      throw in.fieldCount(field);
    }
  }

  /** The price in {@code [s, e)}: NaN for an empty side where the format has them. */
  private double price(int s, int e, String column) {
    if (s == e && emptySides) {
      return Double.NaN;
    }
    if (!databento) {
      return in.parsePrice(s, e, column);
    }
    long v = integer(s, e);
    if (v == UNDEF_PRICE) {
      return Double.NaN;
    }
    boolean isInteger = v != Long.MIN_VALUE;
    if (pxKind == PX_UNDECIDED) {
      if (isInteger) {
        pxKind = PX_INTEGER;
      } else {
        in.parsePrice(s, e, column); // a non-number fails here, before it fixes the kind
        pxKind = PX_DECIMAL;
      }
      pxKindLine = in.lineNo();
    }
    if (pxKind == PX_DECIMAL) {
      if (isInteger) {
        throw kindMismatch(column, "an integer (units of 1e-9)", "decimal text (pretty_px)");
      }
      return in.parsePrice(s, e, column);
    }
    if (!isInteger) {
      in.parsePrice(s, e, column); // a non-number fails here
      throw kindMismatch(column, "decimal text (pretty_px)", "an integer (units of 1e-9)");
    }
    units = v;
    return Math.abs(v) <= (1L << 53) ? v / 1e9 : BigDecimal.valueOf(v, 9).doubleValue();
  }

  private QuotesFormatException kindMismatch(String column, String is, String first) {
    return in.error(
        column,
        "the price "
            + in.excerpt(in.valueStart(), in.valueEnd())
            + " is "
            + is
            + ", but the file's first price (line "
            + pxKindLine
            + ") is "
            + first
            + "; every price of a file must be of one kind");
  }

  /**
   * The integer in {@code [s, e)} (an optional minus and digits), or {@link Long#MIN_VALUE} when it
   * is none or does not fit in a long.
   */
  private long integer(int s, int e) {
    int i = s;
    boolean negative = i < e && in.byteAt(i) == '-';
    if (negative) {
      i++;
    }
    if (i == e || e - i > 19) {
      return Long.MIN_VALUE;
    }
    long v = 0;
    for (; i < e; i++) {
      int d = in.byteAt(i) - '0';
      if (d < 0 || d > 9 || v > (Long.MAX_VALUE - d) / 10) {
        return Long.MIN_VALUE;
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  @Override
  public long timeMicros() {
    return time;
  }

  @Override
  public double bid() {
    return bid;
  }

  @Override
  public double ask() {
    return ask;
  }

  @Override
  public void appendBid(StringBuilder out) {
    appendPrice(out, bid, bidStart, bidEnd, bidUnits);
  }

  @Override
  public void appendAsk(StringBuilder out) {
    appendPrice(out, ask, askStart, askEnd, askUnits);
  }

  /** Copies the prices' bytes from the scanner's buffer; not Databento integers (-1). */
  @Override
  public int copyPrices(byte[] out, int at) {
    if (pxKind == PX_INTEGER) {
      return -1;
    }
    int bidLength = Double.isNaN(bid) ? 0 : bidEnd - bidStart;
    int askLength = Double.isNaN(ask) ? 0 : askEnd - askStart;
    int end = at + bidLength + 1 + askLength;
    if (end > out.length) {
      return -1;
    }
    in.copyBytes(bidStart, bidStart + bidLength, out, at);
    out[at + bidLength] = ',';
    in.copyBytes(askStart, askStart + askLength, out, at + bidLength + 1);
    return end;
  }

  private void appendPrice(StringBuilder out, double value, int s, int e, long units) {
    if (Double.isNaN(value)) {
      return;
    }
    if (pxKind == PX_INTEGER) {
      appendNanoUnits(out, units);
    } else {
      in.appendAscii(out, s, e);
    }
  }

  /** Appends {@code units} / 10⁹ as a plain decimal without trailing zeros. */
  static void appendNanoUnits(StringBuilder out, long units) {
    if (units == Long.MIN_VALUE) {
      out.append(BigDecimal.valueOf(units, 9).stripTrailingZeros().toPlainString());
      return;
    }
    if (units < 0) {
      out.append('-');
      units = -units;
    }
    out.append(units / 1_000_000_000L);
    long fraction = units % 1_000_000_000L;
    if (fraction == 0) {
      return;
    }
    int digits = 9;
    while (fraction % 10 == 0) {
      fraction /= 10;
      digits--;
    }
    out.append('.');
    String text = Long.toString(fraction);
    for (int k = text.length(); k < digits; k++) {
      out.append('0');
    }
    out.append(text);
  }

  @Override
  public long line() {
    return line;
  }

  @Override
  public String source() {
    return in.source();
  }

  @Override
  public VenueFormat format() {
    return header.format();
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }
}
