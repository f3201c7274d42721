package dev.arbtune.cli;

import dev.arbtune.backtest.ConfigException;
import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.QuotesFormatException;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.frontend.UserInputException;
import dev.arbtune.frontend.VersionProvider;
import dev.arbtune.io.Excerpt;
import dev.arbtune.io.OutputTarget;
import dev.arbtune.join.Durations;
import dev.arbtune.join.JoinOptions;
import dev.arbtune.join.JoinStats;
import dev.arbtune.join.JoinSummary;
import dev.arbtune.join.QuoteJoin;
import dev.arbtune.join.VenueFormat;
import dev.arbtune.join.VenueInput;
import dev.arbtune.join.VenueSettingNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code arbtune join}: two venues' own quote files joined into one quotes CSV, streaming. */
@Command(
    name = "join",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Join two venues' own quote files (Binance bookTicker, Tardis.dev quotes / book_ticker,"
          + " Databento MBP-1 / BBO CSV, or a generic timestamp,bid,ask file; .csv or .csv.gz) into"
          + " the quotes CSV that backtest, run and sweep read, as of every event, streaming.",
      "",
      "One row per distinct event time of either venue once both have quoted, holding each venue's"
          + " latest quote at or before that time (updates sharing a timestamp all applied, the"
          + " last in file order wins) and, unless --no-age-columns, how old each leg was"
          + " (age_a_us, age_b_us). Rows where a leg is older than --max-staleness, or where a"
          + " venue's book has an empty side, are dropped and counted. The rules and the formats"
          + " are in docs/JOIN.md. A summary goes to stderr; bad input exits with 1, one line"
          + " naming file, line and column, and leaves no output file; so does a join that keeps"
          + " no row (files of different days, a wrong time unit), saying why."
    })
final class JoinCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--venue-a",
      required = true,
      paramLabel = "FILE",
      description =
          "Venue A's quote file (.csv or .csv.gz); its quotes become best_bid_a,best_ask_a.")
  Path venueA;

  @Option(
      names = "--venue-b",
      required = true,
      paramLabel = "FILE",
      description = "Venue B's quote file; its quotes become best_bid_b,best_ask_b.")
  Path venueB;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description =
          "The joined quotes CSV (gzip-compressed when FILE ends in .gz; parent folders are"
              + " created; a file is replaced atomically, and a failed join leaves none; a pipe or"
              + " device is written in place; - is stdout). Refused when it is one of the inputs.")
  Path output;

  @Option(
      names = "--max-staleness",
      paramLabel = "DURATION",
      description =
          "Drop (and count) the rows where either venue's latest quote is older than DURATION:"
              + " 5s, 250ms, 100us, 2m, 6h, 1d or ISO-8601 (PT5S); none keeps every row; 0s keeps"
              + " only times at which both venues quote (default: 5s).")
  String maxStaleness = "5s";

  @Option(
      names = "--grid",
      paramLabel = "DURATION",
      description =
          "Instead of one row per event, rows at the multiples of DURATION since the epoch only:"
              + " at each such instant g after a quote of either venue in [g - DURATION, g), with"
              + " each venue's latest quote strictly before g (default: one row per event).")
  String grid;

  @Option(names = "--no-age-columns", description = "Leave out the columns age_a_us and age_b_us.")
  boolean noAgeColumns;

  @Option(
      names = "--format-a",
      paramLabel = "FORMAT",
      description =
          "Venue A's format: auto (by its header, the default), binance-bookticker, tardis-quotes,"
              + " databento-bbo or generic.")
  String formatA = "auto";

  @Option(
      names = "--format-b",
      paramLabel = "FORMAT",
      description = "Venue B's format, as --format-a.")
  String formatB = "auto";

  @Option(
      names = "--time-column-a",
      paramLabel = "NAME",
      description =
          "Read venue A's time from column NAME instead of the format's own (e.g. event_time,"
              + " ts_recv).")
  String timeColumnA;

  @Option(
      names = "--time-column-b",
      paramLabel = "NAME",
      description = "Venue B's time column, as --time-column-a.")
  String timeColumnB;

  @Option(
      names = "--time-unit-a",
      paramLabel = "UNIT",
      description =
          "Unit of venue A's epoch-integer times: s, ms, us or ns (default: auto, by magnitude;"
              + " ISO-8601 times are read too).")
  String timeUnitA = "auto";

  @Option(
      names = "--time-unit-b",
      paramLabel = "UNIT",
      description = "Unit of venue B's epoch-integer times, as --time-unit-a.")
  String timeUnitB = "auto";

  @Option(
      names = "--sort",
      description =
          "Sort both files by time (stable: rows of equal time keep their order) instead of"
              + " refusing a row out of time order. Each file is then held in memory whole, about"
              + " 40 bytes a row plus its prices' text (a 50 M-row file needs some 3 GB; give the"
              + " JVM more with ARBTUNE_JAVA_OPTS=-Xmx8g); without it the join streams in constant"
              + " memory.")
  boolean sort;

  @Option(
      names = {"-q", "--quiet"},
      description =
          "No summary on stderr (the warning that most rows were dropped as stale stays).")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    JoinOptions options =
        new JoinOptions(
            duration("--max-staleness", maxStaleness, true),
            grid == null ? 0 : positive("--grid", duration("--grid", grid, false)),
            !noAgeColumns);
    VenueInput a = input("a", venueA, formatA, timeColumnA, timeUnitA);
    VenueInput b = input("b", venueB, formatB, timeColumnB, timeUnitB);
    OutputTarget target = OutputTarget.of("--output", output);
    JoinStats stats;
    try {
      stats = QuoteJoin.join(a, b, options, target, spec.commandLine().getOut());
    } catch (QuotesFormatException e) {
      throw new UserInputException(e.getMessage(), e);
    }
    PrintWriter err = spec.commandLine().getErr();
    if (stats.rowsOut() == 0) { // a file of only a header would fail every backtest later
      if (target.mode() == OutputTarget.Mode.REPLACE) {
        Files.deleteIfExists(target.target());
      }
      for (String line : JoinSummary.lines(stats, options, target.toString(), "--max-staleness")) {
        err.println("arbtune join: " + line);
      }
      throw new UserInputException(
          "the join wrote "
              + JoinSummary.noRow(stats, "--max-staleness")
              + (target.mode() == OutputTarget.Mode.REPLACE ? " (no output file kept)" : ""));
    }
    if (!quiet) {
      for (String line : JoinSummary.lines(stats, options, target.toString(), "--max-staleness")) {
        err.println("arbtune join: " + line);
      }
    }
    String warning =
        JoinSummary.staleWarning(
            stats, options, "--max-staleness", "--time-unit-a and --time-unit-b");
    if (warning != null) { // even with -q: something is likely wrong
      err.println("arbtune join: warning: " + warning);
    }
    err.flush();
    return ExitCodes.OK;
  }

  private VenueInput input(String venue, Path file, String format, String column, String unit) {
    String suffix = "-" + venue;
    VenueFormat f;
    try {
      f = VenueFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw usage("--format" + suffix + ": " + e.getMessage());
    }
    EpochUnit u;
    try {
      u = EpochUnit.parse(unit);
    } catch (ConfigException e) {
      throw usage("--time-unit" + suffix + ": " + e.getMessage().replaceFirst("^time_unit: ", ""));
    }
    if (column != null && column.isBlank()) {
      throw usage("--time-column" + suffix + " is empty; give a column name");
    }
    if (!Files.exists(file)) {
      throw new UserInputException(
          "--venue" + suffix + " " + Excerpt.of(file.toString()) + ": no such file");
    }
    if (Files.isDirectory(file)) {
      throw new UserInputException(
          "--venue"
              + suffix
              + " "
              + Excerpt.of(file.toString())
              + " is a folder; give its quote file");
    }
    return new VenueInput(
        file, f, column, u, sort, VenueSettingNames.options("--time-unit" + suffix, "--sort"));
  }

  private long duration(String option, String text, boolean noneAllowed) {
    try {
      return noneAllowed ? Durations.parseLimitMicros(text) : Durations.parseMicros(text);
    } catch (IllegalArgumentException e) {
      throw usage(option + ": " + e.getMessage() + (noneAllowed ? ", or none" : ""));
    }
  }

  private long positive(String option, long micros) {
    if (micros <= 0) {
      throw usage(option + " must be longer than 0");
    }
    return micros;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
