package dev.arbtune.bench.gen;

import dev.arbtune.bench.ToolRunner;
import dev.arbtune.frontend.UserInputException;
import dev.arbtune.frontend.VersionProvider;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Generates a pair of venue quote files, each in a real vendor's layout, for benchmarking and
 * testing {@code arbtune join}: two venues quoting one instrument at their own jittered times, a
 * shared random-walk mid, a slowly mean-reverting basis between the venues, occasional locked and
 * crossed quotes, and now and then a venue that goes silent for minutes. Same settings, same bytes.
 *
 * <pre>
 * java -cp arbtune-bench/target/benchmarks.jar dev.arbtune.bench.gen.VenueFileGenerator \
 *     --out-a /tmp/a.csv --out-b /tmp/b.csv --rows 1000000
 * </pre>
 */
@Command(
    name = "VenueFileGenerator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Generate two venues' quote files of one instrument (a BTC-like price, tick 0.1), each in a"
          + " vendor's layout, as inputs of arbtune join. Venue A and venue B quote at their own"
          + " jittered times around --step-ms; their mids share a random walk and differ by a"
          + " mean-reverting basis of a few bps; 1%% of quotes are locked, 0.1%% crossed; about every"
          + " --gap-every quotes a venue goes silent for 1 to 10 minutes.",
      "",
      "Formats: binance-bookticker (times in ms), tardis-quotes (us), databento-bbo (ns, prices"
          + " as integers of 1e-9), generic (timestamp,bid,ask with ISO-8601 times). A name ending"
          + " in .gz is gzip-compressed. Same settings, same bytes.",
      "",
      "Prints key=value lines: rows_a, rows_b, bytes_a, bytes_b, seconds."
    })
public final class VenueFileGenerator implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--out-a", required = true, paramLabel = "FILE", description = "Venue A's file.")
  Path outA;

  @Option(names = "--out-b", required = true, paramLabel = "FILE", description = "Venue B's file.")
  Path outB;

  @Option(
      names = "--rows",
      paramLabel = "N",
      description = "Quotes per venue (default: ${DEFAULT-VALUE}).")
  long rows = 1_000_000;

  @Option(
      names = "--step-ms",
      paramLabel = "MS",
      description = "Mean time between two quotes of one venue (default: ${DEFAULT-VALUE}).")
  int stepMs = 100;

  @Option(
      names = "--format-a",
      paramLabel = "FORMAT",
      description = "Venue A's layout (default: ${DEFAULT-VALUE}).")
  String formatA = "binance-bookticker";

  @Option(
      names = "--format-b",
      paramLabel = "FORMAT",
      description = "Venue B's layout (default: ${DEFAULT-VALUE}).")
  String formatB = "tardis-quotes";

  @Option(
      names = "--gap-every",
      paramLabel = "N",
      description =
          "About how many quotes of a venue between two silences of 1 to 10 minutes; 0 for none"
              + " (default: ${DEFAULT-VALUE}).")
  long gapEvery = 200_000;

  @Option(
      names = "--start",
      paramLabel = "INSTANT",
      description = "Time of the first quotes (default: ${DEFAULT-VALUE}).")
  Instant start = Instant.parse("2024-01-01T00:00:00Z");

  @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: 42).")
  long seed = 42;

  /** The program. */
  public static void main(String[] args) {
    ToolRunner.main(new VenueFileGenerator(), args);
  }

  @Override
  public Integer call() throws IOException {
    if (rows < 1) {
      throw new UserInputException("--rows must be at least 1, got " + rows);
    }
    if (stepMs < 1) {
      throw new UserInputException("--step-ms must be at least 1, got " + stepMs);
    }
    if (gapEvery < 0) {
      throw new UserInputException("--gap-every must be 0 or more, got " + gapEvery);
    }
    Layout layoutA = Layout.parse(formatA, "--format-a");
    Layout layoutB = Layout.parse(formatB, "--format-b");
    long began = System.nanoTime();
    try (Writer a = open(outA);
        Writer b = open(outB)) {
      generate(layoutA, a, layoutB, b);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("rows_a=" + rows);
    out.println("rows_b=" + rows);
    out.println("bytes_a=" + Files.size(outA));
    out.println("bytes_b=" + Files.size(outB));
    out.printf(Locale.ROOT, "seconds=%.1f%n", (System.nanoTime() - began) / 1e9);
    out.flush();
    return 0;
  }

  private static Writer open(Path file) throws IOException {
    OutputStream os = Files.newOutputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      os = new GZIPOutputStream(os, 1 << 16);
    }
    return new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.US_ASCII), 1 << 20);
  }

  /**
   * Writes both files: the two venues' next quote times are merged, so that the shared mid moves in
   * time order whichever venue quotes next.
   */
  private void generate(Layout layoutA, Writer a, Layout layoutB, Writer b) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    Venue va = new Venue(layoutA, a, "binance", random.split());
    Venue vb = new Venue(layoutB, b, "bybit", random.split());
    va.header();
    vb.header();
    long startMicros = start.getEpochSecond() * 1_000_000L + start.getNano() / 1_000;
    long stepMicros = stepMs * 1_000L;
    va.next = startMicros + va.interval(stepMicros);
    vb.next = startMicros + vb.interval(stepMicros);
    long midTicks = 300_000; // 30,000.0
    double basisBps = 0;
    StringBuilder row = new StringBuilder(160);
    while (va.written < rows || vb.written < rows) {
      boolean pickA = vb.written >= rows || (va.written < rows && va.next <= vb.next);
      Venue v = pickA ? va : vb;
      long t = v.next;
      // The mid moves by at most a tick a quote; the basis (A over B, in bps) is an AR(1), an
      // Ornstein-Uhlenbeck process sampled at quotes, of standard deviation about 2 bps.
      midTicks += random.nextInt(3) - 1;
      basisBps = 0.999 * basisBps + random.nextGaussian() * 0.1;
      long venueMid = pickA ? midTicks + Math.round(basisBps * midTicks / 10_000) : midTicks;
      long bid = venueMid;
      long ask = venueMid + 1 + (random.nextInt(10) == 0 ? 1 : 0);
      int shape = random.nextInt(1000);
      if (shape < 10) {
        ask = bid; // locked
      } else if (shape == 10) {
        ask = bid - 1; // crossed
      }
      v.write(row, t, bid, ask);
      v.next = t + v.interval(stepMicros);
      if (gapEvery > 0 && random.nextLong(gapEvery) == 0) {
        v.next += (60 + random.nextInt(540)) * 1_000_000L;
      }
    }
  }

  /** The vendors' layouts. */
  private enum Layout {
    BINANCE("binance-bookticker"),
    TARDIS("tardis-quotes"),
    DATABENTO("databento-bbo"),
    GENERIC("generic");

    final String label;

    Layout(String label) {
      this.label = label;
    }

    static Layout parse(String text, String option) {
      for (Layout l : values()) {
        if (l.label.equals(text)) {
          return l;
        }
      }
      throw new UserInputException(
          option
              + " must be one of binance-bookticker, tardis-quotes, databento-bbo, generic; got "
              + text);
    }
  }

  /** One venue's file and clock. */
  private static final class Venue {
    final Layout layout;
    final Writer out;
    final String exchange;
    final SplittableRandom random;
    long next;
    long written;

    Venue(Layout layout, Writer out, String exchange, SplittableRandom random) {
      this.layout = layout;
      this.out = out;
      this.exchange = exchange;
      this.random = random;
    }

    /** Microseconds to the next quote: uniform in [step / 2, 3 step / 2), at least 1. */
    long interval(long stepMicros) {
      return Math.max(1, stepMicros / 2 + random.nextLong(stepMicros));
    }

    void header() throws IOException {
      out.write(
          switch (layout) {
            case BINANCE ->
                "update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,"
                    + "transaction_time,event_time\n";
            case TARDIS ->
                "exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,"
                    + "bid_price,bid_amount\n";
            case DATABENTO ->
                "ts_recv,ts_event,rtype,publisher_id,instrument_id,action,side,"
                    + "depth,price,size,flags,ts_in_delta,sequence,bid_px_00,ask_px_00,bid_sz_00,"
                    + "ask_sz_00,bid_ct_00,ask_ct_00,symbol\n";
            case GENERIC -> "timestamp,bid,ask\n";
          });
    }

    void write(StringBuilder row, long micros, long bidTicks, long askTicks) throws IOException {
      row.setLength(0);
      long qtyBid = 1 + random.nextInt(5000);
      long qtyAsk = 1 + random.nextInt(5000);
      switch (layout) {
        case BINANCE -> {
          long ms = micros / 1000;
          row.append(1_000_000_000L + written).append(',');
          price(row, bidTicks).append(',');
          quantity(row, qtyBid).append(',');
          price(row, askTicks).append(',');
          quantity(row, qtyAsk).append(',');
          row.append(ms).append(',').append(ms + 1 + random.nextInt(5));
        }
        case TARDIS -> {
          row.append(exchange).append(",BTCUSD,").append(micros).append(',');
          row.append(micros + 500 + random.nextInt(5000)).append(',');
          quantity(row, qtyAsk).append(',');
          price(row, askTicks).append(',');
          price(row, bidTicks).append(',');
          quantity(row, qtyBid);
        }
        case DATABENTO -> {
          long ns = micros * 1000;
          row.append(ns + 20_000 + random.nextInt(100_000)).append(',').append(ns);
          row.append(",1,1,4916,A,B,0,").append(bidTicks * 100_000_000L).append(",1,130,");
          row.append(10_000 + random.nextInt(5000)).append(',').append(written + 1).append(',');
          row.append(bidTicks * 100_000_000L).append(',').append(askTicks * 100_000_000L);
          row.append(',').append(qtyBid).append(',').append(qtyAsk).append(",1,1,BTC");
        }
        case GENERIC -> {
          row.append(Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1000));
          row.append(',');
          price(row, bidTicks).append(',');
          price(row, askTicks);
        }
      }
      row.append('\n');
      out.append(row);
      written++;
    }

    /** Ticks of 0.1 as a decimal: 300001 is 30000.1. */
    private static StringBuilder price(StringBuilder row, long ticks) {
      return row.append(ticks / 10).append('.').append(ticks % 10);
    }

    /** Thousandths as a decimal: 1234 is 1.234. */
    private static StringBuilder quantity(StringBuilder row, long thousandths) {
      row.append(thousandths / 1000).append('.');
      long frac = thousandths % 1000;
      if (frac < 100) {
        row.append('0');
      }
      if (frac < 10) {
        row.append('0');
      }
      return row.append(frac);
    }
  }
}
