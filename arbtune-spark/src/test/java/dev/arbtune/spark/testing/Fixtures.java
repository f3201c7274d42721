package dev.arbtune.spark.testing;

import dev.arbtune.aggregate.SummaryJson;
import dev.arbtune.aggregate.TuningResultsAggregator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The real data, plans, a results folder with every kind of broken file, folder comparisons. */
public final class Fixtures {

  private Fixtures() {}

  /** The repository root (holding data/ and examples/). */
  public static Path repoRoot() {
    String given = System.getProperty("arbtune.repo");
    try {
      if (given != null) {
        return Path.of(given).toRealPath();
      }
      for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
        if (Files.exists(p.resolve("data/eurusd_sample.csv"))) {
          return p.toRealPath();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("data/eurusd_sample.csv not found");
  }

  /** A plan line whose config sets {@code data_file} and the given extra fields. */
  public static String line(String jobId, String dataFile, String output, String extraConfig) {
    return "{\"job_id\": \""
        + jobId
        + "\", \"config\": {\"data_file\": \""
        + dataFile
        + "\""
        + (extraConfig.isEmpty() ? "" : ", " + extraConfig)
        + "}, \"output_json\": \""
        + output
        + "\"}";
  }

  /**
   * A plan over the real quotes (the BTC day, the EUR/USD sample, the gzip-compressed EUR/USD
   * month) with every way a job can fail: a missing quotes file, a malformed one, an empty time
   * window, an unknown config key, a line that is not JSON, one without a job id, an output path
   * escaping the root, and a blank line. Relative data files are read from the repository root.
   */
  public static Path writeMixedPlan(Path dir) throws IOException {
    Path badQuotes = dir.resolve("bad_quotes.csv");
    Files.writeString(badQuotes, "timestamp,bid\n2022-12-13T00:00:00Z,1\n");
    String btc = "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv";
    String eur = "data/eurusd_sample.csv";
    List<String> lines =
        List.of(
            line("s_0001", btc, "s/s_0001.json", "\"min_spread_bps\": 1.0, \"slippage_bps\": 0.5"),
            line("s_0002", btc, "s/s_0002.json", "\"min_spread_bps\": 3, \"tag\": \"btc\""),
            line("s_0003", btc, "s/s_0003.json", "\"min_spread_bps\": 0.5, \"max_open_trades\": 3"),
            line(
                "s_0004",
                eur,
                "s/s_0004.json",
                "\"min_spread_bps\": 0, \"taker_fee_a_bps\": 0, \"taker_fee_b_bps\": 0,"
                    + " \"slippage_bps\": 0"),
            line("s_0005", eur, "s/eur/s_0005.json", "\"min_spread_bps\": 0.2"),
            line(
                "s_0006",
                "data/eurusd_fxcm_vs_oanda_1s_2014-05.csv.gz",
                "s/s_0006.json",
                "\"min_spread_bps\": 0.5, \"taker_fee_a_bps\": 0, \"taker_fee_b_bps\": 0"),
            "",
            line("s_0007", "data/missing.csv", "s/s_0007.json", ""),
            line("s_0008", badQuotes.toString(), "s/s_0008.json", ""),
            line("s_0009", btc, "s/s_0009.json", "\"start_time\": \"2030-01-01T00:00:00Z\""),
            line("s_0010", btc, "s/s_0010.json", "\"min_sprd_bps\": 3"),
            "{this is not json",
            "{\"config\": {\"data_file\": \"" + btc + "\"}, \"output_json\": \"s/s_0012.json\"}",
            line("s_0013", btc, "../escape.json", ""),
            "   ",
            line("s_0015", eur, "s/s_0015.json", "\"min_spread_bps\": 0.1, \"tag\": \"eur\""));
    Path plan = dir.resolve("plan.jsonl");
    Files.writeString(plan, String.join("\n", lines) + "\n");
    return plan;
  }

  /**
   * Every regular file below {@code root} (hidden ones too) by relative path, as text; but for the
   * lock file {@code .arbtune.lock} that the local runner holds while a session runs (not a
   * document, and it names the process).
   */
  public static Map<String, String> files(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path f :
          (Iterable<Path>)
              walk.filter(Files::isRegularFile)
                      .filter(f -> !f.equals(root.resolve(".arbtune.lock")))
                  ::iterator) {
        out.put(
            root.relativize(f).toString(),
            new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /** {@link #files}, with every {@code runtime_seconds} value set to 0. */
  public static Map<String, String> filesWithoutRuntime(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, String> e : files(root).entrySet()) {
      out.put(
          e.getKey(),
          e.getValue().replaceAll("\"runtime_seconds\": [-0-9.eE+]+", "\"runtime_seconds\": 0"));
    }
    return out;
  }

  /** A success document as the runner writes it (pretty, Python layout). */
  public static String successDoc(String jobId, String tag, double pnl, double dd, int trades) {
    return "{\n  \"status\": \"success\",\n  \"config\": {\n    \"min_spread_bps\": 30.0,\n"
        + "    \"slippage_bps\": 5,\n    \"tag\": \""
        + tag
        + "\"\n  },\n  \"metrics\": {\n    \"total_trades\": "
        + trades
        + ",\n    \"realized_pnl_usd\": "
        + pnl
        + ",\n    \"max_drawdown_pct\": "
        + dd
        + ",\n    \"win_rate\": 0.5\n  },\n  \"config_summary\": {\n    \"job_id\": \""
        + jobId
        + "\"\n  }\n}\n";
  }

  /**
   * A results folder with every kind of document the aggregator must cope with: the shipped example
   * session (36 files, four broken), empty, truncated, invalid UTF-8, UTF-16, not an object, a NaN
   * metric, a failed job, duplicate job ids, a success without PnL, a byte-order mark, hidden and
   * underscore names, a folder named {@code *.json}, nested folders, JSON Lines files with good,
   * blank, CRLF and broken lines, and an aggregator summary inside.
   */
  public static Path brokenResults(Path dir) throws IOException {
    Path root = Files.createDirectories(dir.resolve("results"));
    Path sess = Files.createDirectories(root.resolve("sess001"));
    try (Stream<Path> example = Files.list(repoRoot().resolve("examples/sess001"))) {
      for (Path f : (Iterable<Path>) example::iterator) {
        Files.copy(f, sess.resolve(f.getFileName()));
      }
    }
    Path nested = Files.createDirectories(root.resolve("nested/deeper"));
    Files.writeString(nested.resolve("empty.json"), "");
    Files.writeString(
        nested.resolve("truncated.json"), successDoc("trunc", "x", 1.0, 1.0, 1).substring(0, 60));
    byte[] utf8 = successDoc("bad_utf8", "x", 2.0, 1.0, 2).getBytes(StandardCharsets.UTF_8);
    byte[] broken = new byte[utf8.length + 2];
    System.arraycopy(utf8, 0, broken, 0, 40);
    broken[40] = (byte) 0xff;
    broken[41] = (byte) 0xfe;
    System.arraycopy(utf8, 40, broken, 42, utf8.length - 40);
    Files.write(nested.resolve("invalid_utf8.json"), broken);
    Files.write(nested.resolve("utf16.json"), successDoc("u16", "x", 1, 1, 1).getBytes("UTF-16"));
    Files.writeString(root.resolve("not_object.json"), "[1, 2, 3]\n");
    Files.writeString(
        root.resolve("nan.json"),
        successDoc("nan_job", "x", 1.0, 1.0, 3)
            .replace("\"realized_pnl_usd\": 1.0", "\"realized_pnl_usd\": NaN"));
    Files.writeString(
        root.resolve("failed.json"),
        "{\"status\": \"error\", \"error\": \"plan line 9: boom\", \"config_summary\":"
            + " {\"job_id\": \"failed_1\"}}\n");
    Files.writeString(root.resolve("dup_a.json"), successDoc("dup", "x", 50.0, 2.0, 5));
    Files.writeString(nested.resolve("dup_b.json"), successDoc("dup", "x", 50.0, 2.0, 5));
    Files.writeString(
        root.resolve("no_pnl.json"),
        successDoc("no_pnl", "x", 0, 1.0, 4).replace("    \"realized_pnl_usd\": 0.0,\n", ""));
    Files.writeString(root.resolve("bom.json"), "\uFEFF" + successDoc("bom", "x", 12.5, 3.0, 7));
    Files.writeString(root.resolve(".hidden.json"), successDoc("hidden", "x", 99.0, 9.0, 9));
    Files.writeString(root.resolve("_underscore.json"), successDoc("under", "x", -5.0, 4.0, 2));
    Path folderJson = Files.createDirectories(root.resolve("folder.json"));
    Files.writeString(folderJson.resolve("inner.json"), successDoc("inner", "y", 7.0, 0.5, 8));
    Files.writeString(root.resolve("notes.txt"), "not a result\n");
    String compact1 =
        "{\"status\": \"success\", \"config\": {\"tag\": \"jl\", \"min_spread_bps\": 2.0},"
            + " \"metrics\": {\"total_trades\": 11, \"realized_pnl_usd\": 77.25,"
            + " \"max_drawdown_pct\": 1.5}, \"config_summary\": {\"job_id\": \"jl_1\"}}";
    String compact2 = compact1.replace("jl_1", "jl_2").replace("77.25", "-3");
    String dupLine = compact1.replace("jl_1", "dup");
    String noId = compact1.replace(", \"config_summary\": {\"job_id\": \"jl_1\"}", "");
    Files.writeString(
        root.resolve("part-0001.jsonl"),
        compact1
            + "\n\n   \n"
            + compact2
            + "\r\n{\"status\": \"success\", \"metrics\": {\n42\n"
            + dupLine
            + "\n"
            + noId
            + "\n{\"status\": \"error\", \"error\": \"line failure\"}");
    Path lines = Files.createDirectories(root.resolve("nested/lines"));
    Files.writeString(lines.resolve("empty.jsonl"), "");
    Files.writeString(lines.resolve("blank.jsonl"), "\n\n  \n");
    // An aggregator summary left inside the folder: skipped, not a job.
    String summary = SummaryJson.toJson(TuningResultsAggregator.of(root).summarize());
    Files.writeString(root.resolve("summary.json"), summary);
    Files.writeString(root.resolve("summaries.jsonl"), summary.replace("\n", "") + "\n");
    return root;
  }
}
