package dev.arbtune.cli;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.BacktestMetrics;
import dev.arbtune.backtest.ConfigException;
import dev.arbtune.backtest.QuotesCache;
import dev.arbtune.backtest.Trade;
import dev.arbtune.backtest.TradesCsv;
import dev.arbtune.io.AtomicFiles;
import dev.arbtune.result.ResultWriter;
import dev.arbtune.run.JobDocument;
import dev.arbtune.run.JobRunner;
import dev.arbtune.run.QuotesSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code arbtune backtest}: one backtest job, its result document on stdout or in a file. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Backtest the two-venue arbitrage strategy over a quotes CSV (plain or .gz) and print the"
          + " result document (JSON) on stdout, or write it to --output-json.",
      "",
      "The model and every metric are defined in docs/MODEL.md. A configuration or data error"
          + " exits with 1 and, when --output-json is given, writes an error document there; a"
          + " result that cannot be written exits with 2."
    })
final class BacktestCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--data-file",
      required = true,
      paramLabel = "FILE",
      description =
          "Quotes CSV with the columns timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b"
              + " (any order; gzip-compressed files are read too).")
  String dataFile;

  @Option(
      names = "--min-spread-bps",
      paramLabel = "BPS",
      description =
          "Open a trade when the better direction's spread minus the entry costs c (both taker"
              + " fees plus the slippage: one buy and one sell fill) is at least BPS. Closing"
              + " costs about c again, so a round trip costs about 2c (default: "
              + BacktestConfig.DEFAULT_MIN_SPREAD_BPS
              + ").")
  Double minSpreadBps;

  @Option(
      names = "--taker-fee-a-bps",
      paramLabel = "BPS",
      description =
          "Taker fee on venue A, bps of each fill's notional (default: "
              + BacktestConfig.DEFAULT_TAKER_FEE_BPS
              + ").")
  Double takerFeeABps;

  @Option(
      names = "--taker-fee-b-bps",
      paramLabel = "BPS",
      description =
          "Taker fee on venue B, bps of each fill's notional (default: "
              + BacktestConfig.DEFAULT_TAKER_FEE_BPS
              + ").")
  Double takerFeeBBps;

  @Option(
      names = "--slippage-bps",
      paramLabel = "BPS",
      description =
          "Slippage of a pair of legs, half on each fill; at most 10000 (default: "
              + BacktestConfig.DEFAULT_SLIPPAGE_BPS
              + ").")
  Double slippageBps;

  @Option(
      names = "--max-position-usd",
      paramLabel = "USD",
      description =
          "Notional of one trade, bought at the buy leg's fill price; at most 1e12 (default: "
              + BacktestConfig.DEFAULT_MAX_POSITION_USD
              + ").")
  Double maxPositionUsd;

  @Option(
      names = "--max-open-trades",
      paramLabel = "N",
      description =
          "Trades open at once; at most one opens per quote (default: "
              + BacktestConfig.DEFAULT_MAX_OPEN_TRADES
              + ").")
  Integer maxOpenTrades;

  @Option(
      names = "--initial-balance-usd",
      paramLabel = "USD",
      description =
          "Starting equity; at most 1e12 (default: "
              + BacktestConfig.DEFAULT_INITIAL_BALANCE_USD
              + ").")
  Double initialBalanceUsd;

  @Option(
      names = "--stop-on-drawdown-pct",
      paramLabel = "PCT",
      description =
          "Stop the run when equity falls PCT percent below its peak; open trades stay open"
              + " (default: never).")
  Double stopOnDrawdownPct;

  @Option(
      names = "--tag",
      paramLabel = "TAG",
      description = "Free label written into the config, usually the session name.")
  String tag;

  @Option(
      names = "--start-time",
      paramLabel = "TIME",
      description = "Use quotes from this ISO-8601 instant on (inclusive).")
  String startTime;

  @Option(
      names = "--end-time",
      paramLabel = "TIME",
      description = "Use quotes before this ISO-8601 instant (exclusive).")
  String endTime;

  @Option(
      names = "--time-unit",
      paramLabel = "UNIT",
      description =
          "Unit of the quotes file's epoch-integer timestamps: s, ms, us or ns (default: auto, by"
              + " magnitude; docs/MODEL.md).")
  String timeUnit;

  @Option(
      names = "--job-id",
      paramLabel = "ID",
      description =
          "config_summary.job_id of the document (default: the --output-json file name without"
              + " .json, else \"backtest\").")
  String jobId;

  @Option(
      names = "--output-json",
      paramLabel = "FILE",
      description =
          "Write the result document to FILE (atomically; parent folders are created) instead of"
              + " stdout.")
  Path outputJson;

  @Option(
      names = "--trades-csv",
      paramLabel = "FILE",
      description =
          "Also write the trade log to FILE: one row per trade, open trades last (columns in"
              + " docs/MODEL.md).")
  Path tradesCsv;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    String id = jobId != null ? jobId : defaultJobId();
    Map<String, Object> given = givenConfig();
    BacktestConfig config;
    try {
      config = BacktestConfig.fromMap(given);
    } catch (ConfigException e) {
      throw fail(id, given, "config." + e.getMessage());
    }
    List<Trade> trades = tradesCsv == null ? null : new ArrayList<>();
    QuotesSource quotes = QuotesSource.local(new QuotesCache(), Path.of(""));
    JobDocument doc = JobDocument.run(0, id, config, quotes, trades == null ? null : trades::add);
    if (!doc.isSuccess()) {
      throw fail(id, doc.config(), doc.error());
    }
    if (outputJson == null) {
      PrintWriter out = spec.commandLine().getOut();
      doc.writeTo(out);
    } else {
      write(
          outputJson,
          () -> new ResultWriter(true).writeSuccess(outputJson, id, doc.config(), doc.metrics()));
    }
    if (tradesCsv != null) {
      write(tradesCsv, () -> AtomicFiles.writeText(tradesCsv, w -> TradesCsv.write(trades, w)));
    }
    err.println(summaryLine(doc.backtestMetrics(), runtime(doc)));
    if (outputJson != null) {
      err.println("arbtune backtest: result written to " + outputJson);
    }
    if (tradesCsv != null) {
      err.println("arbtune backtest: " + trades.size() + " trades written to " + tradesCsv);
    }
    return ExitCodes.OK;
  }

  private static double runtime(JobDocument doc) {
    return doc.metrics().get("runtime_seconds") instanceof Number n ? n.doubleValue() : 0;
  }

  private Map<String, Object> givenConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(BacktestConfig.DATA_FILE, dataFile);
    putIfSet(m, BacktestConfig.MIN_SPREAD_BPS, minSpreadBps);
    putIfSet(m, BacktestConfig.TAKER_FEE_A_BPS, takerFeeABps);
    putIfSet(m, BacktestConfig.TAKER_FEE_B_BPS, takerFeeBBps);
    putIfSet(m, BacktestConfig.SLIPPAGE_BPS, slippageBps);
    putIfSet(m, BacktestConfig.MAX_POSITION_USD, maxPositionUsd);
    putIfSet(m, BacktestConfig.MAX_OPEN_TRADES, maxOpenTrades);
    putIfSet(m, BacktestConfig.INITIAL_BALANCE_USD, initialBalanceUsd);
    putIfSet(m, BacktestConfig.STOP_ON_DRAWDOWN_PCT, stopOnDrawdownPct);
    putIfSet(m, BacktestConfig.TAG, tag);
    putIfSet(m, BacktestConfig.START_TIME, startTime);
    putIfSet(m, BacktestConfig.END_TIME, endTime);
    putIfSet(m, BacktestConfig.TIME_UNIT, timeUnit);
    return m;
  }

  private static void putIfSet(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  private String defaultJobId() {
    if (outputJson == null || outputJson.getFileName() == null) {
      return "backtest";
    }
    String name = outputJson.getFileName().toString();
    return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
  }

  /**
   * Writes the error document (when there is a file to write it to) and ends with exit code 1; when
   * even the error document cannot be written, the message says why too.
   */
  private UserInputException fail(String id, Map<String, ?> config, String message) {
    if (outputJson != null) {
      try {
        new ResultWriter(true).writeError(outputJson, id, config, message);
        spec.commandLine()
            .getErr()
            .println("arbtune backtest: error document written to " + outputJson);
      } catch (IOException e) {
        return new UserInputException(
            message + "; and cannot write " + outputJson + ": " + JobRunner.describe(e));
      }
    }
    return new UserInputException(message);
  }

  @FunctionalInterface
  private interface Write {
    void run() throws IOException;
  }

  /**
   * Runs a write; a failure is an I/O error (exit 2), with the reason: the job itself succeeded,
   * the disk or the folder did not.
   */
  private static void write(Path file, Write write) throws IOException {
    try {
      write.run();
    } catch (IOException e) {
      throw new IOException("cannot write " + file + ": " + JobRunner.describe(e), e);
    }
  }

  private static String summaryLine(BacktestMetrics m, double runtime) {
    return String.format(
        Locale.ROOT,
        "arbtune backtest: %d trades (%d closed, %d open), realized PnL %+,.2f USD,"
            + " max drawdown %.2f%%, %d quotes (%d skipped) in %.3f s",
        m.totalTrades(),
        m.closedTrades(),
        m.openTrades(),
        m.realizedPnlUsd(),
        m.maxDrawdownPct(),
        m.quotesProcessed(),
        m.quotesSkipped(),
        runtime);
  }
}
