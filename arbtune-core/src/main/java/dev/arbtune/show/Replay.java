package dev.arbtune.show;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.BacktestMetrics;
import dev.arbtune.backtest.ConfigException;
import dev.arbtune.backtest.Engine;
import dev.arbtune.backtest.EquityRecorder;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.Trade;
import dev.arbtune.run.JobDocument;
import dev.arbtune.run.QuotesSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A job re-run from its result document's config, exactly as {@code arbtune run} runs it (the same
 * data file resolution, the same engine), with its trade log.
 *
 * @param config the document's config, validated
 * @param quotes the data the job was re-run on
 * @param metrics the engine's metrics
 * @param metricsMap the metrics as a document writes them (rounded), {@code runtime_seconds} 0
 * @param trades the trade log: closed trades in closing order, then the open ones
 */
public record Replay(
    BacktestConfig config,
    Quotes quotes,
    BacktestMetrics metrics,
    Map<String, Object> metricsMap,
    List<Trade> trades) {

  public Replay {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(quotes, "quotes");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(metricsMap, "metricsMap");
    trades = List.copyOf(trades);
  }

  /**
   * Re-runs the config of a result document.
   *
   * @param documentConfig the document's {@code config} object
   * @param jobId the job's id, for messages
   * @param source where the quotes come from (the data root of {@code run})
   * @throws ReplayException when the config is invalid, or the data file missing, unreadable or not
   *     a quotes table
   */
  public static Replay of(Map<String, ?> documentConfig, String jobId, QuotesSource source)
      throws ReplayException {
    return of(documentConfig, jobId, source, Engine.DEFAULT);
  }

  /**
   * Re-runs the config of a result document with the given backtest engine (both give the same
   * metrics and trades).
   *
   * @see #of(Map, String, QuotesSource)
   */
  public static Replay of(
      Map<String, ?> documentConfig, String jobId, QuotesSource source, Engine engine)
      throws ReplayException {
    Objects.requireNonNull(documentConfig, "documentConfig");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(source, "source");
    BacktestConfig config;
    try {
      config = BacktestConfig.fromMap(documentConfig);
    } catch (ConfigException e) {
      throw new ReplayException("the document's config." + e.getMessage(), false);
    }
    List<Trade> trades = new ArrayList<>();
    JobDocument doc = JobDocument.run(0, jobId, config, source, trades::add, engine);
    if (!doc.isSuccess()) {
      throw new ReplayException(doc.error(), doc.error().startsWith("data_file not found"));
    }
    Quotes quotes;
    try {
      quotes = source.load(config); // cached: loaded (and joined) once
    } catch (IOException | RuntimeException e) {
      throw new ReplayException(
          "cannot read "
              + (config.venues() == null ? "data_file " + config.dataFile() : "the joined quotes")
              + " again",
          false);
    }
    Map<String, Object> map = doc.backtestMetrics().toMap(0);
    return new Replay(config, quotes, doc.backtestMetrics(), map, trades);
  }

  /**
   * Rebuilds the equity of every marked row ({@link EquityRecorder}) into {@code sink}.
   *
   * @return the curve's totals
   */
  public EquityRecorder.Curve equity(EquityRecorder.Sink sink) {
    return EquityRecorder.replay(config, quotes, trades, sink);
  }
}
