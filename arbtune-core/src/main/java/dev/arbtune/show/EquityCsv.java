package dev.arbtune.show;

import dev.arbtune.backtest.EquityRecorder;
import dev.arbtune.backtest.Quotes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;

/**
 * The equity of every marked row as CSV: {@code time,equity,drawdown_pct,open_trades}. A row is
 * marked when equity is recomputed on it (docs/MODEL.md: a trade was open at its start, or one
 * opened); equity stays unchanged between marked rows. Times are ISO-8601 in UTC as in the trade
 * log; numbers in full precision.
 */
public final class EquityCsv {

  /** The header row. */
  public static final List<String> COLUMNS =
      List.of("time", "equity", "drawdown_pct", "open_trades");

  private EquityCsv() {}

  /**
   * Writes the header and one row per marked row of {@code replay} to {@code out} (not closed).
   *
   * @return the curve's totals
   * @throws IOException when writing fails
   */
  public static EquityRecorder.Curve write(Replay replay, Writer out) throws IOException {
    Objects.requireNonNull(replay, "replay");
    Objects.requireNonNull(out, "out");
    out.write(String.join(",", COLUMNS));
    out.write('\n');
    Quotes quotes = replay.quotes();
    StringBuilder row = new StringBuilder(96);
    try {
      return replay.equity(
          (i, equity, drawdown, open) -> {
            row.setLength(0);
            row.append(quotes.instant(i))
                .append(',')
                .append(equity)
                .append(',')
                .append(drawdown)
                .append(',')
                .append(open)
                .append('\n');
            try {
              out.append(row);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
