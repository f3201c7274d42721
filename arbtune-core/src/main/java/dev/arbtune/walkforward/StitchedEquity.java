package dev.arbtune.walkforward;

import dev.arbtune.backtest.Backtest;
import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.Engine;
import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.EquityRecorder;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.result.Metric;
import dev.arbtune.run.QuotesSource;
import dev.arbtune.show.Replay;
import dev.arbtune.show.ReplayException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The test windows' equity, one after the other: each tested winner is re-run on its test window
 * with the engine's equity recording ({@link Replay#equity}, as {@code show} and the report's
 * charts do), and its curve is shifted so that it starts where the realized PnL of the windows
 * before it left off. Within a window the curve includes the open trades marked at the mids; a
 * trade still open at the window's end is dropped there (the next window starts from the realized
 * total), so the curve may step down or up at a window edge by that window's unrealized PnL.
 *
 * <p>The worst drawdown (USD, peak to trough) is taken over every marked row; the curve kept for
 * the JSON is downsampled to at most {@link #MAX_POINTS} points, each slice of rows keeping its
 * lowest and highest point.
 */
final class StitchedEquity {

  /** Most points of the curve kept. */
  static final int MAX_POINTS = 2000;

  private long[] times = new long[1024];
  private double[] values = new double[1024];
  private int size;
  private boolean started;
  private double initial;
  private BigDecimal realized = BigDecimal.ZERO;
  private long trades;
  private int windows;
  private double peak = Double.NEGATIVE_INFINITY;
  private double maxDrawdown;

  /**
   * Adds window {@code w}'s test run: re-runs its config, appends its curve and adds its metrics.
   *
   * @return {@code null}, or why the curve could not be rebuilt (the metrics are still added)
   */
  String add(
      Map<String, Object> testConfig,
      Map<String, Object> testMetrics,
      String jobId,
      QuotesSource source,
      Engine engine) {
    if (!started) {
      started = true;
      initial = number(testConfig.get(BacktestConfig.INITIAL_BALANCE_USD), 0);
    }
    double base = initial + realized.doubleValue();
    String problem = null;
    try {
      Replay replay = Replay.of(testConfig, jobId, source, engine);
      Quotes q = replay.quotes();
      double start = replay.config().initialBalanceUsd();
      point(q.timestamp(Backtest.windowStart(replay.config(), q)), base);
      double[] last = {start};
      EquityRecorder.Curve curve =
          replay.equity(
              (row, equity, drawdownPct, open) -> {
                point(q.timestamp(row), base + equity - start);
                last[0] = equity;
              });
      point(q.timestamp(curve.end() - 1), base + last[0] - start);
    } catch (ReplayException e) {
      problem = e.getMessage();
    }
    realized =
        realized.add(WalkForwardResult.decimal(testMetrics.get(Metric.REALIZED_PNL_USD.key())));
    trades += (long) number(testMetrics.get(Metric.TOTAL_TRADES.key()), 0);
    windows++;
    return problem;
  }

  void point(long micros, double equity) {
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    times[size] = micros;
    values[size] = equity;
    size++;
    peak = Math.max(peak, equity);
    maxDrawdown = Math.max(maxDrawdown, peak - equity);
  }

  /** The test windows' realized PnL, added exactly as their documents wrote it. */
  BigDecimal realized() {
    return realized;
  }

  /** The test windows' trades ({@code total_trades}). */
  long trades() {
    return trades;
  }

  /** Test windows added. */
  int windows() {
    return windows;
  }

  /** The worst fall of the stitched curve from its highest point so far, USD. */
  double maxDrawdownUsd() {
    return maxDrawdown;
  }

  /**
   * The curve, at most {@link #MAX_POINTS} points: all when there are that few, else the first and
   * last and, from each of {@code MAX_POINTS / 2 - 1} equal slices of the points between them, the
   * lowest and the highest (in time order).
   *
   * @return two lists: ISO-8601 times and equity values (USD)
   */
  List<List<Object>> curve() {
    List<Object> t = new ArrayList<>();
    List<Object> v = new ArrayList<>();
    if (size <= MAX_POINTS) {
      for (int i = 0; i < size; i++) {
        add(t, v, i);
      }
      return List.of(t, v);
    }
    add(t, v, 0);
    int slices = MAX_POINTS / 2 - 1;
    int inner = size - 2;
    for (int s = 0; s < slices; s++) {
      int from = 1 + (int) ((long) inner * s / slices);
      int to = 1 + (int) ((long) inner * (s + 1) / slices);
      if (from >= to) {
        continue;
      }
      int lo = from;
      int hi = from;
      for (int i = from + 1; i < to; i++) {
        if (values[i] < values[lo]) {
          lo = i;
        }
        if (values[i] > values[hi]) {
          hi = i;
        }
      }
      add(t, v, Math.min(lo, hi));
      if (lo != hi) {
        add(t, v, Math.max(lo, hi));
      }
    }
    add(t, v, size - 1);
    return List.of(t, v);
  }

  private void add(List<Object> t, List<Object> v, int i) {
    t.add(EpochUnit.instant(times[i]).toString());
    v.add(WalkForwardResult.usd(values[i]));
  }

  private static double number(Object value, double otherwise) {
    return value instanceof Number n ? n.doubleValue() : otherwise;
  }
}
