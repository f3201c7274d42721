package dev.arbtune.bench;

import dev.arbtune.result.ResultDocument;
import dev.arbtune.result.ResultFormatException;
import dev.arbtune.result.ResultReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast one typical result document (about 700 bytes) is parsed from memory: a plain one (the
 * reader's fast path, as nearly every document a scan meets) and the same document with one escape
 * in a string, which the fast path declines and Jackson reads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResultParseBenchmark {

  private final ResultReader reader = new ResultReader();
  private byte[] document;
  private byte[] declined;
  private byte[] withPeriodPnl;

  @Setup
  public void setUp() {
    document =
        ("{\"status\": \"success\", \"config\": {\"data_file\": \"data/eurusd.csv\","
                + " \"min_spread_bps\": 30.0, \"taker_fee_a_bps\": 5.0, \"taker_fee_b_bps\": 5.0,"
                + " \"slippage_bps\": 5.0, \"max_position_usd\": 1000.0, \"max_open_trades\": 1,"
                + " \"initial_balance_usd\": 10000.0, \"stop_on_drawdown_pct\": null,"
                + " \"tag\": \"sess001\"}, \"metrics\": {\"total_trades\": 10, \"closed_trades\": 8,"
                + " \"open_trades\": 2, \"final_balance_usd\": 11000.0, \"realized_pnl_usd\": 1000.0,"
                + " \"max_drawdown_pct\": 5.0, \"win_rate\": 0.75, \"avg_pnl_per_trade_usd\": 125.0,"
                + " \"runtime_seconds\": 0.123}, \"config_summary\": {\"job_id\": \"sess001_0001\"}}")
            .getBytes(StandardCharsets.UTF_8);
    String text = new String(document, StandardCharsets.UTF_8);
    declined = text.replace("\"sess001\"}", "\"sess\\u003001\"}").getBytes(StandardCharsets.UTF_8);
    if (declined.length == document.length) {
      throw new IllegalStateException("the declined document has no escape");
    }
    StringBuilder pnl = new StringBuilder(", \"period_pnl\": {\"block_starts\": [");
    for (int k = 0; k < 16; k++) {
      pnl.append(k == 0 ? "" : ", ").append(String.format("\"2014-05-%02dT05:00:00Z\"", 1 + k));
    }
    pnl.append("], \"end\": \"2014-05-16T23:59:58Z\", \"pnl_usd\": [");
    for (int k = 0; k < 16; k++) {
      pnl.append(k == 0 ? "" : ", ").append(k % 3 == 0 ? "-" : "").append(12.5 + k * 3.25);
    }
    pnl.append("], \"trades\": [");
    for (int k = 0; k < 16; k++) {
      pnl.append(k == 0 ? "" : ", ").append(k % 4);
    }
    pnl.append("]}}");
    withPeriodPnl = (text.substring(0, text.length() - 1) + pnl).getBytes(StandardCharsets.UTF_8);
  }

  /** A plain document: the fast path. */
  @Benchmark
  public ResultDocument parseDocument() throws ResultFormatException {
    return reader.read(document);
  }

  /** The same with one escape in its tag (a unicode escape): declined, read by Jackson. */
  @Benchmark
  public ResultDocument parseDeclinedDocument() throws ResultFormatException {
    return reader.read(declined);
  }

  /**
   * A plain document as arbtune writes it since issue 15, with a 16-block {@code period_pnl} (about
   * 1,300 bytes), read as plain {@code aggregate} reads it: {@code period_pnl} skipped.
   */
  @Benchmark
  public ResultDocument parseDocumentWithPeriodPnl() throws ResultFormatException {
    return reader.read(withPeriodPnl);
  }

  /**
   * The same document read as {@code aggregate --insights} reads it: {@code period_pnl} too, into
   * block boundaries and micro-dollars.
   */
  @Benchmark
  public ResultDocument parseDocumentReadingPeriodPnl() throws ResultFormatException {
    return reader.read(withPeriodPnl, 0, withPeriodPnl.length, true);
  }

  /** A plain document, then the three metrics a scan reads of every job. */
  @Benchmark
  public Object parseAndReadMetrics() throws ResultFormatException {
    ResultDocument doc = reader.read(document);
    Map<String, Object> m = doc.metrics();
    return new Object[] {
      m.get("realized_pnl_usd"), m.get("max_drawdown_pct"), m.get("total_trades")
    };
  }
}
