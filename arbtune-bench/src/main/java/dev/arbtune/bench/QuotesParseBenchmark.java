package dev.arbtune.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rows per second that quotes are loaded at: the hand-written {@link QuotesLoader} on the
 * uncompressed EUR/USD month held in memory and on the gzip file read from disk, against the
 * baseline of FastCSV 4.4.0 with {@link Double#parseDouble} and {@link Instant#parse} on the same
 * bytes. One operation is one row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class QuotesParseBenchmark {

  private byte[] csv;

  @Setup
  public void setUp() throws IOException {
    try (InputStream in =
        new GZIPInputStream(Files.newInputStream(BenchData.file(BenchData.EURUSD_MONTH)))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      csv = out.toByteArray();
    }
  }

  @Benchmark
  @OperationsPerInvocation(BenchData.EURUSD_ROWS)
  public Quotes loaderFromMemory() throws IOException {
    return QuotesLoader.load(new ByteArrayInputStream(csv), "eurusd.csv", csv.length);
  }

  @Benchmark
  @OperationsPerInvocation(BenchData.EURUSD_ROWS)
  public Quotes loaderFromGzipFile() throws IOException {
    return QuotesLoader.load(BenchData.file(BenchData.EURUSD_MONTH));
  }

  @Benchmark
  @OperationsPerInvocation(BenchData.EURUSD_ROWS)
  public double fastCsvBaselineFromMemory() throws IOException {
    double sum = 0;
    try (CsvReader<CsvRecord> reader =
        CsvReader.builder()
            .ofCsvRecord(
                new InputStreamReader(new ByteArrayInputStream(csv), StandardCharsets.UTF_8))) {
      boolean header = true;
      for (CsvRecord r : reader) {
        if (header) {
          header = false;
          continue;
        }
        sum += Instant.parse(r.getField(0)).toEpochMilli();
        sum += Double.parseDouble(r.getField(1)) + Double.parseDouble(r.getField(2));
        sum += Double.parseDouble(r.getField(3)) + Double.parseDouble(r.getField(4));
      }
    }
    return sum;
  }
}
