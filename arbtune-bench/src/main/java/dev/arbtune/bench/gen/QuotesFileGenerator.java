package dev.arbtune.bench.gen;

import dev.arbtune.bench.ToolRunner;
import dev.arbtune.frontend.VersionProvider;
import java.io.BufferedWriter;
import java.io.IOException;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * Generates a quotes file in the engine's format ({@code timestamp,best_bid_a,best_ask_a,
 * best_bid_b,best_ask_b}), the same bytes for the same settings, in one of two modes:
 *
 * <ul>
 *   <li>{@code walk} (the default): two venues quoting a random walk around 1.3 with five decimals,
 *       one row every 100 ms (ISO-8601 times with milliseconds);
 *   <li>{@code basis}: a persistent basis, as between two crypto perpetuals: one row a second, a
 *       random-walk mid around 20,000 (about 1 bp a second), venue A's mid above venue B's by an
 *       Ornstein-Uhlenbeck basis (default mean 3 bps, standard deviation 2 bps, half-life 600
 *       rows), prices on a 0.1 tick, spreads of 1 tick mostly (2 or 3 ticks sometimes), so that
 *       {@code s_ba >= 0} on about 93% of the rows.
 * </ul>
 *
 * <pre>
 * java -cp arbtune-bench/target/benchmarks.jar dev.arbtune.bench.gen.QuotesFileGenerator \
 *     --out bench/out/quotes-30m.csv --rows 30000000
 * java -cp arbtune-bench/target/benchmarks.jar dev.arbtune.bench.gen.QuotesFileGenerator \
 *     --mode basis --out bench/out/basis-1m.csv --rows 1000000 --seed 17
 * </pre>
 */
@Command(
    name = "QuotesFileGenerator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Generate a quotes CSV of N rows, the same bytes for the same settings. Mode walk: two"
          + " venues around a random walk, a row every 100 ms, ISO-8601 times with milliseconds,"
          + " prices with five decimals. Mode basis: a row a second, a random-walk mid around"
          + " 20,000 on a 0.1 tick, spreads of 1 to 3 ticks, venue A above venue B by an"
          + " Ornstein-Uhlenbeck basis (a persistent basis, as between two crypto perpetuals)."
          + " Prints key=value lines: path, mode, rows, bytes, seconds, and in mode basis the"
          + " written file's basis_mean_bps and s_ba_nonnegative_share."
    })
public final class QuotesFileGenerator implements Callable<Integer> {

  /** The first row's time. */
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The file to write (replaced).")
  Path out;

  @Option(names = "--rows", required = true, paramLabel = "N", description = "Rows to write.")
  long rows;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      defaultValue = "walk",
      converter = ModeConverter.class,
      description = "walk or basis (default: ${DEFAULT-VALUE}).")
  Mode mode;

  @Option(
      names = "--basis-mean-bps",
      paramLabel = "BPS",
      defaultValue = "3",
      description =
          "Mode basis: the basis's mean, venue A's mid over B's (default: ${DEFAULT-VALUE}).")
  double basisMeanBps;

  @Option(
      names = "--basis-sd-bps",
      paramLabel = "BPS",
      defaultValue = "2",
      description = "Mode basis: the basis's standard deviation (default: ${DEFAULT-VALUE}).")
  double basisSdBps;

  @Option(
      names = "--basis-half-life",
      paramLabel = "ROWS",
      defaultValue = "600",
      description =
          "Mode basis: rows after which a deviation of the basis from its mean has halved"
              + " (default: ${DEFAULT-VALUE}).")
  double basisHalfLife;

  @Option(
      names = "--spread-scale",
      paramLabel = "K",
      defaultValue = "1",
      description =
          "Mode basis: quotes K times as wide (K to 3K ticks), so that a small basis rarely"
              + " crosses them, as between two FX venues (default: ${DEFAULT-VALUE}).")
  int spreadScale;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  public static void main(String[] args) {
    ToolRunner.main(new QuotesFileGenerator(), args);
  }

  @Override
  public Integer call() throws IOException {
    if (rows < 1) {
      throw new ParameterException(spec.commandLine(), "--rows must be 1 or more, got " + rows);
    }
    BasisModel model = null;
    if (mode == Mode.BASIS) {
      try {
        model = new BasisModel(basisMeanBps, basisSdBps, basisHalfLife, spreadScale);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    long start = System.nanoTime();
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    BasisStats stats = null;
    try (Writer w =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.US_ASCII),
            1 << 20)) {
      if (model == null) {
        write(w, rows, seed);
      } else {
        stats = writeBasis(w, rows, seed, model);
      }
    }
    PrintWriter p = spec.commandLine().getOut();
    p.println("path=" + out.toAbsolutePath().normalize());
    p.println("mode=" + mode.label);
    p.println("rows=" + rows);
    p.println("bytes=" + Files.size(out));
    if (stats != null) {
      p.printf(Locale.ROOT, "basis_mean_bps=%.4f%n", stats.basisMeanBps());
      p.printf(Locale.ROOT, "s_ba_nonnegative_share=%.4f%n", stats.sBaNonNegativeShare());
    }
    p.printf("seconds=%.3f%n", (System.nanoTime() - start) / 1e9);
    return 0;
  }

  /** The generator's modes. */
  enum Mode {
    WALK("walk"),
    BASIS("basis");

    final String label;

    Mode(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** Reads {@code walk} or {@code basis}. */
  static final class ModeConverter implements ITypeConverter<Mode> {
    @Override
    public Mode convert(String value) {
      for (Mode m : Mode.values()) {
        if (m.label.equals(value)) {
          return m;
        }
      }
      throw new TypeConversionException("expected walk or basis, got '" + value + "'");
    }
  }

  /**
   * The persistent-basis mode's settings: the Ornstein-Uhlenbeck basis (venue A's mid over venue
   * B's, in bps) has mean {@code meanBps}, stationary standard deviation {@code sdBps}, and a
   * deviation from the mean halves in {@code halfLifeRows} rows; each quote is {@code spreadScale}
   * times 1 to 3 ticks wide.
   */
  record BasisModel(double meanBps, double sdBps, double halfLifeRows, int spreadScale) {

    /** The mid's starting price. */
    static final double START_MID = 20_000;

    /** The price tick (prices are whole multiples of it, written with one decimal). */
    static final double TICK = 0.1;

    /** The mid's standard deviation per row (a second), relative: about 60% a year. */
    static final double MID_VOLATILITY = 1e-4;

    BasisModel {
      if (!Double.isFinite(meanBps) || Math.abs(meanBps) > 1_000) {
        throw new IllegalArgumentException(
            "--basis-mean-bps must be between -1000 and 1000, got " + meanBps);
      }
      if (!Double.isFinite(sdBps) || sdBps < 0 || sdBps > 1_000) {
        throw new IllegalArgumentException(
            "--basis-sd-bps must be between 0 and 1000, got " + sdBps);
      }
      if (!Double.isFinite(halfLifeRows) || halfLifeRows <= 0) {
        throw new IllegalArgumentException(
            "--basis-half-life must be above 0 rows, got " + halfLifeRows);
      }
      if (spreadScale < 1 || spreadScale > 1_000) {
        throw new IllegalArgumentException(
            "--spread-scale must be between 1 and 1000, got " + spreadScale);
      }
    }
  }

  /** What a basis-mode file holds: its mean basis and the share of rows with s_ba ≥ 0. */
  record BasisStats(double basisMeanBps, double sBaNonNegativeShare) {}

  /**
   * Writes the header and {@code rows} one-second rows of the persistent-basis mode drawn from
   * {@code seed}; returns the written prices' statistics.
   */
  static BasisStats writeBasis(Writer w, long rows, long seed, BasisModel model)
      throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    w.write("timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n");
    long seconds = START.getEpochSecond();
    double phi = Math.pow(0.5, 1 / model.halfLifeRows());
    double shock = model.sdBps() * Math.sqrt(1 - phi * phi);
    double mid = BasisModel.START_MID;
    double basis = model.meanBps();
    double basisSum = 0;
    long sBaNonNegative = 0;
    StringBuilder row = new StringBuilder(64);
    for (long i = 0; i < rows; i++) {
      if (i > 0) {
        mid = Math.max(100, mid * Math.exp(BasisModel.MID_VOLATILITY * gaussian(random)));
        basis = model.meanBps() + phi * (basis - model.meanBps()) + shock * gaussian(random);
      }
      long[] a = quote(mid * (1 + basis / 1e4), spreadTicks(random) * model.spreadScale());
      long[] b = quote(mid, spreadTicks(random) * model.spreadScale());
      basisSum += ((a[0] + a[1]) / (double) (b[0] + b[1]) - 1) * 1e4;
      if (a[0] >= b[1]) { // bid_a >= ask_b, i.e. s_ba >= 0
        sBaNonNegative++;
      }
      row.setLength(0);
      row.append(Instant.ofEpochSecond(seconds + i));
      appendTicks(row.append(','), a[0]);
      appendTicks(row.append(','), a[1]);
      appendTicks(row.append(','), b[0]);
      appendTicks(row.append(','), b[1]);
      w.append(row).append('\n');
    }
    return new BasisStats(basisSum / rows, sBaNonNegative / (double) rows);
  }

  /** A spread of 1 tick on 85% of the quotes, 2 on 12%, 3 on 3%. */
  private static int spreadTicks(SplittableRandom random) {
    int u = random.nextInt(100);
    return u < 85 ? 1 : u < 97 ? 2 : 3;
  }

  /** Bid and ask, in ticks, of a quote {@code spread} ticks wide around {@code mid}. */
  private static long[] quote(double mid, int spread) {
    long bid = Math.round(mid / BasisModel.TICK - spread / 2.0);
    return new long[] {bid, bid + spread};
  }

  /** A standard normal draw (Box-Muller; one draw per call, so the stream stays simple). */
  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble(); // (0, 1]
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** {@code ticks} × 0.1 with one decimal. */
  private static void appendTicks(StringBuilder sb, long ticks) {
    sb.append(ticks / 10).append('.').append(ticks % 10);
  }

  /** Writes the header and {@code rows} rows drawn from {@code seed}. */
  static void write(Writer w, long rows, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    w.write("timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n");
    long millis = START.toEpochMilli();
    long mid = 130_000; // in units of 1e-5
    StringBuilder row = new StringBuilder(64);
    for (long i = 0; i < rows; i++) {
      mid = Math.max(1_000, mid + random.nextInt(-2, 3));
      long offsetB = random.nextInt(-4, 5);
      row.setLength(0);
      row.append(Instant.ofEpochMilli(millis + 100 * i));
      if (row.length() == 20) { // a whole second prints without its fraction
        row.insert(19, ".000");
      }
      appendPrice(row.append(','), mid - 1 - random.nextInt(2));
      appendPrice(row.append(','), mid + 1 + random.nextInt(2));
      appendPrice(row.append(','), mid + offsetB - 1 - random.nextInt(2));
      appendPrice(row.append(','), mid + offsetB + 1 + random.nextInt(2));
      w.append(row).append('\n');
    }
  }

  /** {@code units} × 10⁻⁵ with five decimals. */
  private static void appendPrice(StringBuilder sb, long units) {
    sb.append(units / 100_000).append('.');
    String fraction = Long.toString(units % 100_000);
    sb.append("00000", 0, 5 - fraction.length()).append(fraction);
  }
}
