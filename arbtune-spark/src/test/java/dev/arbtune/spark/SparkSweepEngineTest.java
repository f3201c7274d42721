package dev.arbtune.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.Engine;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.spark.cli.SparkMain;
import dev.arbtune.spark.testing.Fixtures;
import dev.arbtune.spark.testing.TestSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SweepOptions#engine()} and {@code sweep --engine}: the engine reaches the executors (only
 * the fast one builds its per-file index on the quotes they hold), and both write the same
 * documents but for {@code runtime_seconds}.
 */
class SparkSweepEngineTest {

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = TestSpark.session();
  }

  @AfterEach
  void forgetLoadedQuotes() {
    HadoopQuotes.clear();
  }

  /** Jobs over {@code data/q.csv} (a copy of the BTC perpetuals day: trades held for hours). */
  private static void writePlan(java.nio.file.Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("data"));
    Files.copy(
        Fixtures.repoRoot().resolve("data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv"),
        tmp.resolve("data/q.csv"));
    StringBuilder lines = new StringBuilder();
    int n = 0;
    for (String spread : new String[] {"0", "1", "3"}) {
      for (String open : new String[] {"1", "8"}) {
        n++;
        lines
            .append(
                Fixtures.line(
                    "j" + n,
                    "q.csv",
                    "j" + n + ".json",
                    "\"min_spread_bps\": "
                        + spread
                        + ", \"max_open_trades\": "
                        + open
                        + ", \"taker_fee_a_bps\": 0, \"taker_fee_b_bps\": 0, \"slippage_bps\": 0"))
            .append('\n');
      }
    }
    Files.writeString(tmp.resolve("plan.jsonl"), lines);
  }

  /** The quotes the executors of this JVM hold for {@code data/q.csv}, loaded then if need be. */
  private static Quotes held(java.nio.file.Path tmp) throws Exception {
    Quotes q =
        new HadoopQuotes(
                new Path(tmp.resolve("data").toUri()),
                null,
                spark.sparkContext().hadoopConfiguration())
            .load("q.csv");
    assertThat(HadoopQuotes.size()).as("the executors' entry, not a new one").isEqualTo(1);
    return q;
  }

  private static SweepSummary sweep(java.nio.file.Path tmp, String out, Engine engine)
      throws Exception {
    HadoopQuotes.clear(); // as a new executor JVM: nothing held in memory
    String plan = tmp.resolve("plan.jsonl").toString();
    String root = tmp.resolve(out).toString();
    String data = tmp.resolve("data").toString();
    return SparkSweep.run(
        spark,
        engine == null
            ? new SweepOptions(plan, root, data, false, 2, null)
            : new SweepOptions(plan, root, data, false, 2, null, engine));
  }

  @Test
  void theEngineReachesTheExecutorsAndBothWriteTheSameDocuments(@TempDir java.nio.file.Path tmp)
      throws Exception {
    writePlan(tmp);

    assertThat(sweep(tmp, "reference", Engine.REFERENCE).success()).isEqualTo(6);
    assertThat(held(tmp).hasEngineIndex()).as("reference: no index built").isFalse();
    assertThat(sweep(tmp, "fast", Engine.FAST).success()).isEqualTo(6);
    assertThat(held(tmp).hasEngineIndex()).as("fast: the executors built it").isTrue();
    assertThat(sweep(tmp, "default", null).success()).isEqualTo(6);
    assertThat(held(tmp).hasEngineIndex()).as("the default is fast").isTrue();

    Map<String, String> expected = Fixtures.filesWithoutRuntime(tmp.resolve("reference"));
    assertThat(expected).hasSize(6);
    assertThat(String.join("", expected.values()))
        .containsPattern("\"total_trades\": [1-9]")
        .containsPattern("\"open_trades\": [2-8]");
    assertThat(Fixtures.filesWithoutRuntime(tmp.resolve("fast"))).isEqualTo(expected);
    assertThat(Fixtures.filesWithoutRuntime(tmp.resolve("default"))).isEqualTo(expected);
  }

  @Test
  void theCommandLineTakesTheEngineAndRefusesAnUnknownOne(@TempDir java.nio.file.Path tmp)
      throws Exception {
    writePlan(tmp);
    String[] args = {
      "sweep",
      "--jobs",
      tmp.resolve("plan.jsonl").toString(),
      "--output-root",
      tmp.resolve("out").toString(),
      "--data-root",
      tmp.resolve("data").toString(),
      "-q",
      "--engine"
    };
    HadoopQuotes.clear();

    String[] reference = run(append(args, "reference"));
    assertThat(reference[0]).as(reference[2]).isEqualTo("0");
    assertThat(held(tmp).hasEngineIndex()).as("reference: no index built").isFalse();
    HadoopQuotes.clear();
    String[] fast = run(append(args, "fast"));
    assertThat(fast[0]).as(fast[2]).isEqualTo("0");
    assertThat(held(tmp).hasEngineIndex()).as("fast: the executors built it").isTrue();

    String[] unknown = run(append(args, "turbo"));
    assertThat(unknown[0]).isEqualTo("2");
    assertThat(unknown[2]).contains("--engine must be 'fast' or 'reference', got 'turbo'");

    String help = run("sweep", "--help")[1].replaceAll("\\s+", " ");
    assertThat(help)
        .contains("--engine=fast|reference")
        .contains("'reference' steps through every quote")
        .contains("(docs/MODEL.md, Engines; default: fast)");
  }

  private static String[] append(String[] args, String last) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }

  /** Exit code, stdout and stderr of the Spark application's command line. */
  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SparkMain.run(new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }
}
