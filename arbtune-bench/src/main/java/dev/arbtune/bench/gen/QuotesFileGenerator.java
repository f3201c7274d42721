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
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Generates a quotes file in the engine's format ({@code timestamp,best_bid_a,best_ask_a,
 * best_bid_b,best_ask_b}): two venues quoting a random walk around 1.3 with five decimals, one row
 * every 100 ms (ISO-8601 times with milliseconds), the same bytes for the same settings.
 *
 * <pre>
 * java -cp arbtune-bench/target/benchmarks.jar dev.arbtune.bench.gen.QuotesFileGenerator \
 *     --out bench/out/quotes-30m.csv --rows 30000000
 * </pre>
 */
@Command(
    name = "QuotesFileGenerator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Generate a quotes CSV of N rows (two venues around a random walk, a row every 100 ms,"
          + " ISO-8601 times with milliseconds, prices with five decimals), the same bytes for"
          + " the same settings. Prints key=value lines: path, rows, bytes, seconds."
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
    long start = System.nanoTime();
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    try (Writer w =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.US_ASCII),
            1 << 20)) {
      write(w, rows, seed);
    }
    PrintWriter p = spec.commandLine().getOut();
    p.println("path=" + out.toAbsolutePath().normalize());
    p.println("rows=" + rows);
    p.println("bytes=" + Files.size(out));
    p.printf("seconds=%.3f%n", (System.nanoTime() - start) / 1e9);
    return 0;
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
