package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code walkforward --engine fast|reference}: train runs, test runs and the stitched curve give
 * the same walkforward.json and documents with either engine (but for {@code runtime_seconds}), and
 * a walk-forward resumes under the other engine.
 */
class WalkforwardEngineTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final String BTC = "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv";

  @TempDir Path tmp;

  private Path session() throws IOException {
    // Persistent basis: trades stay open for hours, stops trigger, several trades open at once.
    return Files.writeString(
        tmp.resolve("btc.yaml"),
        "data_file: "
            + REPO.resolve(BTC)
            + "\ntag_prefix: btc\ntaker_fee_a_bps: 0\ntaker_fee_b_bps: 0\nslippage_bps: 0\ngrids:\n"
            + "  - name: min_spread_bps\n    values: [0, 2, 5]\n"
            + "  - name: max_open_trades\n    values: [1, 8]\n"
            + "  - name: stop_on_drawdown_pct\n    values: [100, 0.01]\n");
  }

  private Cli.Result walkforward(Path session, Path root, String engine) {
    Stream<String> args =
        Stream.of(
            "walkforward",
            "--config",
            session.toString(),
            "--output-root",
            root.toString(),
            "--train",
            "90m",
            "--test",
            "30m",
            "--sort-by",
            "realized_pnl_usd",
            "-q");
    if (engine != null) {
      args = Stream.concat(args, Stream.of("--engine", engine));
    }
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void bothEnginesGiveTheSameWalkForwardAndItResumesUnderTheOther() throws IOException {
    Path session = session();
    Map<String, String> byEngine = new TreeMap<>();
    for (String engine : new String[] {"fast", "reference", null}) {
      Path root = tmp.resolve("wf-" + engine);
      Cli.Result r = walkforward(session, root, engine);
      assertThat(r.exitCode()).as(r.err()).isZero();
      Map<String, String> files = files(root);
      assertThat(files)
          .containsKeys("walkforward.json", "train/results/w001/btc/btc_0001.json")
          .containsKey("test/results/w010/btc");
      byEngine.put(String.valueOf(engine), files.toString());
    }
    String walkforward = files(tmp.resolve("wf-fast")).get("walkforward.json");
    assertThat(walkforward).containsPattern("\"trades\": [1-9]"); // the stitched record traded
    assertThat(byEngine.get("fast")).contains("\"stopped_on_drawdown\": true");
    assertThat(byEngine.get("fast"))
        .isEqualTo(byEngine.get("reference"))
        .isEqualTo(byEngine.get("null"));

    // Resuming under the other engine is allowed: nothing runs again, nothing changes.
    Path root = tmp.resolve("wf-reference");
    Map<String, String> before = files(root);
    Cli.Result resumed = walkforward(session, root, "fast");
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.err()).doesNotContain("--fresh");
    assertThat(files(root)).isEqualTo(before);
  }

  @Test
  void anUnknownEngineIsAUsageError() throws IOException {
    Cli.Result r = walkforward(session(), tmp.resolve("wf"), "turbo");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE_OR_FAILURE);
    assertThat(r.err()).contains("--engine must be 'fast' or 'reference', got 'turbo'");
    assertThat(tmp.resolve("wf")).doesNotExist();
  }

  /**
   * Every JSON file under {@code root} (and each folder's name, so that a missing results folder
   * shows), by path relative to it, with {@code runtime_seconds} removed.
   */
  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path f : all.toList()) {
        String name = root.relativize(f).toString().replace('\\', '/');
        if (Files.isDirectory(f)) {
          files.put(name, "");
        } else if (name.endsWith(".json")) {
          files.put(
              name,
              Files.readString(f).replaceAll("\"runtime_seconds\"\\s*:\\s*[0-9.eE+-]+,?", ""));
        }
      }
    }
    return files;
  }
}
