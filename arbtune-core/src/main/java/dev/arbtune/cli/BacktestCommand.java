package dev.arbtune.cli;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.BacktestMetrics;
import dev.arbtune.backtest.ConfigException;
import dev.arbtune.backtest.Engine;
import dev.arbtune.backtest.Trade;
import dev.arbtune.backtest.TradesCsv;
import dev.arbtune.frontend.EngineOption;
import dev.arbtune.frontend.ExitCodes;
import dev.arbtune.frontend.UserInputException;
import dev.arbtune.frontend.VersionProvider;
import dev.arbtune.io.IoMessages;
import dev.arbtune.io.OutputPathException;
import dev.arbtune.io.OutputTarget;
import dev.arbtune.result.Metric;
import dev.arbtune.result.ResultWriter;
import dev.arbtune.run.JobDocument;
import dev.arbtune.run.QuotesSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
              + " (any order; gzip-compressed files are read too; a pipe such as <(zcat q.csv.gz)"
              + " is read once, as a stream).")
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
          "Write the result document to FILE instead of stdout (parent folders are created; a"
              + " file, or the target of a symbolic link, is replaced atomically; a pipe or device"
              + " is written in place; - is stdout; see 'Output paths' in the README).")
  Path outputJson;

  @Option(
      names = "--trades-csv",
      paramLabel = "FILE",
      description =
          "Also write the trade log to FILE: one row per trade, open trades last (columns in"
              + " docs/MODEL.md); written like --output-json, - is stdout (then give --output-json"
              + " FILE).")
  Path tradesCsv;

  @Mixin QuotesCacheOption quotesCache;

  @Mixin EngineOption engine;

  private OutputTarget documentTarget;

  private OutputTarget tradesTarget;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    resolveOutputs();
    Engine chosen = engine.engine();
    String id = jobId != null ? jobId : defaultJobId();
    Map<String, Object> given = givenConfig();
    BacktestConfig config;
    try {
      config = BacktestConfig.fromMap(given);
    } catch (ConfigException e) {
      throw fail(id, given, "config." + e.getMessage());
    }
    List<Trade> trades = tradesTarget == null ? null : new ArrayList<>();
    QuotesSource quotes = QuotesSource.currentFolder(quotesCache.cache());
    JobDocument doc =
        JobDocument.run(0, id, config, quotes, trades == null ? null : trades::add, chosen);
    if (!doc.isSuccess()) {
      throw fail(id, doc.config(), doc.error());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (documentTarget == null) {
      doc.writeTo(out);
    } else {
      documentTarget.write(
          out,
          w -> ResultWriter.success(w, id, doc.config(), doc.metrics(), Map.of(), doc.extra()),
          true);
    }
    if (tradesTarget != null) {
      tradesTarget.write(out, w -> TradesCsv.write(trades, w), true);
    }
    err.println(summaryLine(doc.backtestMetrics(), runtime(doc)));
    if (documentTarget != null) {
      err.println("arbtune backtest: result written to " + documentTarget);
    }
    if (tradesTarget != null) {
      err.println("arbtune backtest: " + trades.size() + " trades written to " + tradesTarget);
    }
    return ExitCodes.OK;
  }

  /**
   * Decides where the document and the trade log go, before anything runs: neither may be the data
   * file, nor each other, nor may both go to stdout.
   */
  private void resolveOutputs() throws IOException {
    documentTarget = outputJson == null ? null : OutputTarget.of("--output-json", outputJson);
    tradesTarget = tradesCsv == null ? null : OutputTarget.of("--trades-csv", tradesCsv);
    if (documentTarget == null && tradesTarget != null && tradesTarget.isStdout()) {
      throw new OutputPathException(
          "--trades-csv - and the result document (on stdout without --output-json) would both"
              + " go to stdout; give --output-json FILE");
    }
    List<OutputTarget.Input> inputs = new ArrayList<>();
    try {
      inputs.add(new OutputTarget.Input("--data-file", Path.of(dataFile)));
    } catch (InvalidPathException e) {
      // not a path: the job reports it
    }
    List<OutputTarget> outputs = new ArrayList<>();
    outputs.add(documentTarget);
    outputs.add(tradesTarget);
    OutputTarget.refuseOverlaps(outputs, inputs);
    Outputs.refuseOwnFileNames(outputs);
  }

  private static double runtime(JobDocument doc) {
    return doc.metrics().get(Metric.RUNTIME_SECONDS.key()) instanceof Number n
        ? n.doubleValue()
        : 0;
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
    if (outputJson == null
        || OutputTarget.isStdout(outputJson)
        || outputJson.getFileName() == null) {
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
    if (documentTarget != null) {
      try {
        documentTarget.write(
            spec.commandLine().getOut(), w -> ResultWriter.error(w, id, config, message), true);
        spec.commandLine()
            .getErr()
            .println("arbtune backtest: error document written to " + documentTarget);
      } catch (IOException e) {
        return new UserInputException(message + "; and " + IoMessages.describe(e));
      }
    }
    return new UserInputException(message);
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
