package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.QuotesDiskCache;
import dev.arbtune.result.ResultDocument;
import dev.arbtune.result.ResultReader;
import dev.arbtune.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --quotes-cache DIR} on the commands that load quotes. */
class QuotesCacheOptionTest {

  @TempDir Path tmp;

  private static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("data/eurusd_sample.csv"))) {
        return p;
      }
    }
    throw new IllegalStateException("data/ not found");
  }

  private List<Path> cacheFiles(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(QuotesDiskCache.SUFFIX)).toList();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "sweep", "backtest", "show", "quickstart", "report"})
  void everyCommandThatLoadsQuotesOffersIt(String command) {
    Cli.Result r = Cli.run(command, "--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out().replaceAll("\\s+", " "))
        .contains("--quotes-cache=DIR")
        .contains("40 bytes a row")
        .contains("Safe to delete");
  }

  /** The metrics of a zero-cost backtest of {@code data} (but its running time). */
  private Map<String, Object> backtest(Path data, Path cache) throws Exception {
    Cli.Result r =
        Cli.run(
            "backtest",
            "--data-file",
            data.toString(),
            "--quotes-cache",
            cache.toString(),
            "--min-spread-bps",
            "0",
            "--taker-fee-a-bps",
            "0",
            "--taker-fee-b-bps",
            "0",
            "--slippage-bps",
            "0");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("warning");
    ResultDocument doc = new ResultReader().read(r.out().getBytes(StandardCharsets.UTF_8));
    Map<String, Object> metrics = new java.util.LinkedHashMap<>(doc.metrics());
    metrics.remove("runtime_seconds");
    return metrics;
  }

  @Test
  void backtestWritesTheCacheAndALaterRunReadsIt() throws Exception {
    Path data = tmp.resolve("q.csv");
    Files.copy(repoRoot().resolve("data/eurusd_sample.csv"), data);
    Path cache = tmp.resolve("cache");
    Map<String, Object> first = backtest(data, cache);
    assertThat(cacheFiles(cache)).hasSize(1);

    // The same length and modification time with other prices: only the cache has the old ones.
    FileTime mtime = Files.getLastModifiedTime(data);
    String text = Files.readString(data);
    Files.writeString(data, text.replace(",1.387", ",1.397"));
    Files.setLastModifiedTime(data, mtime);

    assertThat(backtest(data, cache)).isEqualTo(first);
    Files.setLastModifiedTime(data, FileTime.fromMillis(mtime.toMillis() + 5000));
    assertThat(backtest(data, cache)).as("touched: read from the CSV again").isNotEqualTo(first);
  }

  @Test
  void sweepWithAnUnwritableFolderWarnsOnceAndRuns() throws Exception {
    Path notAFolder = Files.writeString(tmp.resolve("cache"), "in the way");
    Cli.Result r =
        Cli.run(
            "sweep",
            "--config",
            repoRoot().resolve("examples/session.yaml").toString(),
            "--output-root",
            tmp.resolve("out").toString(),
            "--data-root",
            repoRoot().toString(),
            "--quotes-cache",
            notAFolder.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err().lines().filter(l -> l.contains("quotes cache folder")))
        .singleElement()
        .asString()
        .contains(notAFolder.toString(), "read from the CSV files")
        .doesNotContain("Exception");
    assertThat(r.out()).contains("Total Jobs:           12\n");
  }

  @Test
  void runAndSweepFillTheCache() throws Exception {
    Path cache = tmp.resolve("cache");
    Cli.Result r =
        Cli.run(
            "sweep",
            "--config",
            repoRoot().resolve("examples/session.yaml").toString(),
            "--output-root",
            tmp.resolve("out").toString(),
            "--data-root",
            repoRoot().toString(),
            "--quotes-cache",
            cache.toString(),
            "-q");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(cacheFiles(cache)).hasSize(1);
    byte[] written = Files.readAllBytes(cacheFiles(cache).get(0));

    Path plan = tmp.resolve("plan.jsonl");
    Files.writeString(
        plan,
        "{\"job_id\": \"j1\", \"output_json\": \"j1.json\", \"config\": {\"data_file\":"
            + " \"data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv\"}}\n");
    Cli.Result run =
        Cli.run(
            "run",
            "--jobs",
            plan.toString(),
            "--output-root",
            tmp.resolve("run").toString(),
            "--data-root",
            repoRoot().toString(),
            "--quotes-cache",
            cache.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(cacheFiles(cache)).hasSize(1);
    assertThat(Files.readAllBytes(cacheFiles(cache).get(0))).isEqualTo(written);
  }
}
