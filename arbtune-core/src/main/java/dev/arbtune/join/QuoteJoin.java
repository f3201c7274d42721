package dev.arbtune.join;

import dev.arbtune.io.AsciiWriterStream;
import dev.arbtune.io.OutputTarget;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Joins two venues' quote streams into the engine's quotes table, as of every event, streaming:
 * memory does not grow with the input (one quote of each venue read ahead, the latest quote of
 * each, a line buffer).
 *
 * <p>Event mode ({@link JoinOptions#gridMicros()} = 0): one row per distinct event time {@code t}
 * of either venue, once both venues have quoted at some time at or before {@code t}. The row holds
 * each venue's latest quote at or before {@code t}: all updates sharing a timestamp applied, the
 * last in file order wins. Grid mode (step {@code D} > 0): rows only at the multiples {@code g} of
 * {@code D} since the epoch for which some quote of either venue has its time in {@code [g - D,
 * g)}, each venue's latest quote strictly before {@code g}.
 *
 * <p>The age of a venue's leg is the row's time minus the time of the venue's latest quote. A row
 * where either age is above {@link JoinOptions#maxStalenessMicros()} is dropped as stale; else a
 * row where either venue's latest quote has an empty side (NaN) is dropped as one-sided; event
 * times before both venues have quoted are counted, not written ({@link JoinStats}).
 *
 * <p>The output: the header {@code timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b} (and
 * {@code age_a_us,age_b_us} with {@link JoinOptions#ageColumns()}), LF line ends, the timestamp as
 * {@link java.time.Instant#toString()} writes it, the prices as the venues' cursors give their
 * text.
 */
public final class QuoteJoin {

  private QuoteJoin() {}

  /**
   * Joins the venue files {@code a} and {@code b} into {@code output} (gzip-compressed when its
   * name ends in {@code .gz}; {@code -} is stdout), written atomically: a reader never sees a
   * half-written file, and a failed join leaves no output.
   *
   * @return what was read, written and dropped
   * @throws dev.arbtune.backtest.QuotesFormatException when an input is malformed
   * @throws dev.arbtune.io.OutputPathException when the output is a folder or one of the inputs
   *     (nothing is touched then)
   * @throws IOException when reading or writing fails
   */
  public static JoinStats join(VenueInput a, VenueInput b, JoinOptions options, Path output)
      throws IOException {
    Objects.requireNonNull(output, "output");
    PrintWriter stdout =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
            false);
    return join(a, b, options, OutputTarget.of("--output", output), stdout);
  }

  /**
   * Joins the venue files {@code a} and {@code b} into {@code output}, as {@link #join(VenueInput,
   * VenueInput, JoinOptions, Path)} does, stdout being {@code stdout} (flushed, not closed).
   *
   * @throws dev.arbtune.io.OutputPathException when the output is one of the inputs (nothing is
   *     touched then)
   */
  public static JoinStats join(
      VenueInput a, VenueInput b, JoinOptions options, OutputTarget output, Writer stdout)
      throws IOException {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(output, "output");
    OutputTarget.refuseOverlaps(
        List.of(output),
        List.of(
            new OutputTarget.Input("--venue-a", a.file()),
            new OutputTarget.Input("--venue-b", b.file())));
    try (VenueQuotes qa = VenueReaders.open(a);
        VenueQuotes qb = VenueReaders.open(b)) {
      JoinStats[] stats = new JoinStats[1];
      output.writeAscii(
          stdout,
          os -> stats[0] = new JoinEngine(qa, qb, options, os).run(),
          true,
          isGzipName(output));
      return stats[0];
    }
  }

  /**
   * Joins two open cursors, writing the quotes table (header included) to {@code out}, which is
   * neither flushed nor closed.
   *
   * @return what was read, written and dropped
   * @throws dev.arbtune.backtest.QuotesFormatException when a cursor's input is malformed or a
   *     quote is earlier than the one before it
   * @throws IOException when reading or writing fails
   */
  public static JoinStats join(VenueQuotes a, VenueQuotes b, JoinOptions options, Writer out)
      throws IOException {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(out, "out");
    return new JoinEngine(a, b, options, new AsciiWriterStream(out)).run();
  }

  /** Whether {@code output} is written gzip-compressed: a file whose name ends in {@code .gz}. */
  static boolean isGzipName(OutputTarget output) {
    return !output.isStdout()
        && output.given().getFileName() != null
        && output.given().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
  }
}
