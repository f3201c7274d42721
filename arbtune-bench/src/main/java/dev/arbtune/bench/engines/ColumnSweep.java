package dev.arbtune.bench.engines;

import dev.arbtune.backtest.Backtest;
import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.BacktestMetrics;
import dev.arbtune.backtest.Quotes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A prototype of issue 17's alternative engine, for benchmarks only: many configurations over one
 * {@link Quotes} in a single pass over the rows, "jobs as columns" as vectorised sweep engines do.
 * Each row's prices, validity, spreads and mid prices are read and computed once and shared by
 * every job; each job's state (statistics, open trades) lives in arrays indexed by job (structure
 * of arrays), so a row costs one read of its 40 bytes instead of one per job.
 *
 * <p>It follows docs/MODEL.md's rules with the reference engine's own expressions, in its order
 * (closes before the open, at most one open a row, oldest-first closes, ties buy A, invalid rows
 * skipped and counted, marks, peak and drawdown, the drawdown stop, time windows), so that each
 * job's metrics equal {@code Backtest.run(config, quotes, null, Engine.REFERENCE)} to the bit
 * ({@code ColumnSweepTest}). Two refinements, both exact:
 *
 * <ul>
 *   <li>only jobs with a trade open are stepped on every row (a list of them);
 *   <li>with {@code thresholdOrder}, the jobs with nothing open are kept sorted by a floor a little
 *       below their opening threshold {@code cost + min_spread}, so that a row only visits the flat
 *       jobs whose floor its best spread reaches (usually none on sparse data); without it every
 *       flat job is tested on every valid row, as a plain vectorised engine does.
 * </ul>
 *
 * <p>It keeps no trade log; an overflowing metric is an {@link ArithmeticException}.
 */
public final class ColumnSweep {

  private static final double BPS = 1e4;

  private ColumnSweep() {}

  /**
   * Runs every config over {@code quotes} in one pass; the metrics in the configs' order.
   *
   * @param thresholdOrder visit only the flat jobs whose opening floor a row's best spread reaches
   * @throws IllegalArgumentException when a config's time window holds no quotes
   */
  public static List<BacktestMetrics> run(
      List<BacktestConfig> configs, Quotes quotes, boolean thresholdOrder) {
    Objects.requireNonNull(configs, "configs");
    Objects.requireNonNull(quotes, "quotes");
    if (configs.isEmpty()) {
      return List.of();
    }
    return new Sweep(configs, quotes).run(thresholdOrder);
  }

  /** The state of all jobs of one sweep, one array element per job (or per trade slot). */
  private static final class Sweep {
    private final Quotes quotes;
    private final int jobs;

    // Configuration, per job.
    private final double[] minSpread;
    private final double[] cost;
    private final double[] floor;
    private final double[] halfSlip;
    private final double[] feeA;
    private final double[] feeB;
    private final double[] position;
    private final double[] initial;
    private final double[] stopPct;
    private final int[] maxOpen;
    private final int[] from;
    private final int[] to;

    // Results and running state, per job.
    private final int[] open;
    private final int[] opened;
    private final int[] closed;
    private final int[] wins;
    private final double[] realized;
    private final double[] fees;
    private final double[] grossProfit;
    private final double[] grossLoss;
    private final double[] meanPnl;
    private final double[] m2Pnl;
    private final double[] holdingMicros;
    private final double[] peak;
    private final double[] maxDrawdown;
    private final double[] unrealized;
    private final int[] end;
    private final long[] skipped;
    private final boolean[] stopped;
    private final boolean[] active;
    private final int[] stepped;

    // Open trades: job j's slots are base[j] .. base[j] + capacity - 1, oldest first.
    private final int[] base;
    private final boolean[] tBuyA;
    private final double[] tQty;
    private final double[] tBuy;
    private final double[] tSell;
    private final double[] tFees;
    private final long[] tTime;

    // The jobs with a trade open, in no particular order, and each one's place in it (-1: none).
    private final int[] openJobs;
    private final int[] openPlace;
    private int openCount;

    Sweep(List<BacktestConfig> configs, Quotes quotes) {
      this.quotes = quotes;
      this.jobs = configs.size();
      minSpread = new double[jobs];
      cost = new double[jobs];
      floor = new double[jobs];
      halfSlip = new double[jobs];
      feeA = new double[jobs];
      feeB = new double[jobs];
      position = new double[jobs];
      initial = new double[jobs];
      stopPct = new double[jobs];
      maxOpen = new int[jobs];
      from = new int[jobs];
      to = new int[jobs];
      base = new int[jobs];
      long slots = 0;
      for (int j = 0; j < jobs; j++) {
        BacktestConfig c = Objects.requireNonNull(configs.get(j), "config");
        from[j] = Backtest.windowStart(c, quotes);
        to[j] = Backtest.windowEnd(c, quotes);
        if (from[j] >= to[j]) {
          throw new IllegalArgumentException("config " + j + ": its time window holds no quotes");
        }
        minSpread[j] = c.minSpreadBps();
        cost[j] = c.costBps();
        double threshold = cost[j] + minSpread[j];
        floor[j] = threshold - 1e-6 * Math.abs(threshold) - 1e-6;
        halfSlip[j] = c.slippageBps() / 2 / BPS;
        feeA[j] = c.takerFeeABps() / BPS;
        feeB[j] = c.takerFeeBBps() / BPS;
        position[j] = c.maxPositionUsd();
        initial[j] = c.initialBalanceUsd();
        stopPct[j] =
            c.stopOnDrawdownPct() == null ? Double.POSITIVE_INFINITY : c.stopOnDrawdownPct();
        maxOpen[j] = c.maxOpenTrades();
        base[j] = (int) slots;
        // No more trades can be open at once than rows in the window.
        slots += Math.min(maxOpen[j], to[j] - from[j]);
        if (slots > Integer.MAX_VALUE - 8) {
          throw new IllegalArgumentException("too many open-trade slots for one sweep");
        }
      }
      open = new int[jobs];
      opened = new int[jobs];
      closed = new int[jobs];
      wins = new int[jobs];
      realized = new double[jobs];
      fees = new double[jobs];
      grossProfit = new double[jobs];
      grossLoss = new double[jobs];
      meanPnl = new double[jobs];
      m2Pnl = new double[jobs];
      holdingMicros = new double[jobs];
      peak = initial.clone();
      maxDrawdown = new double[jobs];
      unrealized = new double[jobs];
      end = to.clone();
      skipped = new long[jobs];
      stopped = new boolean[jobs];
      active = new boolean[jobs];
      stepped = new int[jobs];
      Arrays.fill(stepped, -1);
      int n = (int) slots;
      tBuyA = new boolean[n];
      tQty = new double[n];
      tBuy = new double[n];
      tSell = new double[n];
      tFees = new double[n];
      tTime = new long[n];
      openJobs = new int[jobs];
      openPlace = new int[jobs];
      Arrays.fill(openPlace, -1);
    }

    List<BacktestMetrics> run(boolean thresholdOrder) {
      // Flat jobs are visited in this order: by opening floor when thresholdOrder, so that the
      // visit of a row stops at the first floor above its best spread.
      int[] order = sorted(j -> thresholdOrder ? floor[j] : 0);
      double[] orderFloor = new double[jobs];
      for (int k = 0; k < jobs; k++) {
        orderFloor[k] = thresholdOrder ? floor[order[k]] : Double.NEGATIVE_INFINITY;
      }
      int[] byFrom = sorted(j -> from[j]);
      int[] byTo = sorted(j -> to[j]);
      int lo = from[byFrom[0]];
      int hi = to[byTo[jobs - 1]];
      int nextStart = 0;
      int nextEnd = 0;
      // Invalid rows before the current one (from lo): a job's quotes_skipped is a difference.
      long invalid = 0;
      for (int i = lo; i < hi; i++) {
        while (nextEnd < jobs && to[byTo[nextEnd]] == i) {
          finish(byTo[nextEnd++], invalid);
        }
        while (nextStart < jobs && from[byFrom[nextStart]] == i) {
          int j = byFrom[nextStart++];
          active[j] = true;
          skipped[j] = -invalid;
        }
        final double bidA = quotes.bidA(i);
        final double askA = quotes.askA(i);
        final double bidB = quotes.bidB(i);
        final double askB = quotes.askB(i);
        if (!(bidA > 0 && askA >= bidA && bidB > 0 && askB >= bidB)) {
          invalid++;
          continue;
        }
        final double sAB = (bidB - askA) / askA * BPS;
        final double sBA = (bidA - askB) / askB * BPS;
        final double best = Math.max(sAB, sBA);
        final double midA = (bidA + askA) / 2;
        final double midB = (bidB + askB) / 2;
        // Backwards, so that removing a job (the last one moves into its place) skips none.
        for (int p = openCount - 1; p >= 0; p--) {
          int j = openJobs[p];
          stepped[j] = i;
          long time = quotes.timestamp(i);
          closeWhatShouldClose(j, sAB, sBA, bidA, askA, bidB, askB, time);
          if (open[j] < maxOpen[j] && best - cost[j] >= minSpread[j]) {
            openTrade(j, sAB >= sBA, bidA, askA, bidB, askB, time);
          }
          boolean stop = mark(j, midA, midB);
          if (stop) {
            end[j] = i + 1;
            stopped[j] = true;
            finish(j, invalid);
          } else if (open[j] == 0) {
            removeOpen(j);
          }
        }
        for (int k = 0; k < jobs && orderFloor[k] <= best; k++) {
          int j = order[k];
          if (!active[j] || open[j] > 0 || stepped[j] == i) {
            continue;
          }
          if (best - cost[j] >= minSpread[j]) {
            openTrade(j, sAB >= sBA, bidA, askA, bidB, askB, quotes.timestamp(i));
            if (mark(j, midA, midB)) {
              end[j] = i + 1;
              stopped[j] = true;
              finish(j, invalid);
            } else {
              addOpen(j);
            }
          }
        }
      }
      while (nextEnd < jobs) {
        finish(byTo[nextEnd++], invalid);
      }
      List<BacktestMetrics> out = new ArrayList<>(jobs);
      for (int j = 0; j < jobs; j++) {
        out.add(metrics(j));
      }
      return out;
    }

    /** Ends job {@code j}'s run (window end or stop) if it is still running. */
    private void finish(int j, long invalidBefore) {
      if (!active[j]) {
        return;
      }
      active[j] = false;
      skipped[j] += invalidBefore;
      if (openPlace[j] >= 0) {
        removeOpen(j);
      }
    }

    private void addOpen(int j) {
      openPlace[j] = openCount;
      openJobs[openCount++] = j;
    }

    private void removeOpen(int j) {
      int p = openPlace[j];
      int last = openJobs[--openCount];
      openJobs[p] = last;
      openPlace[last] = p;
      openPlace[j] = -1;
    }

    /** Marks job {@code j} at the row's mids; whether its drawdown stop triggers. */
    private boolean mark(int j, double midA, double midB) {
      double u = markToMarket(j, midA, midB);
      unrealized[j] = u;
      double equity = initial[j] + realized[j] + u;
      if (equity > peak[j]) {
        peak[j] = equity;
        return false;
      }
      double drawdown = (peak[j] - equity) / peak[j] * 100;
      if (drawdown > maxDrawdown[j]) {
        maxDrawdown[j] = drawdown;
      }
      return drawdown >= stopPct[j];
    }

    private void closeWhatShouldClose(
        int j,
        double sAB,
        double sBA,
        double bidA,
        double askA,
        double bidB,
        double askB,
        long time) {
      int b = base[j];
      int n = open[j];
      int kept = 0;
      for (int k = 0; k < n; k++) {
        boolean ab = tBuyA[b + k];
        if ((ab ? sAB : sBA) < 0) {
          close(j, b + k, ab, bidA, askA, bidB, askB, time);
        } else {
          if (kept != k) {
            move(b + k, b + kept);
          }
          kept++;
        }
      }
      open[j] = kept;
    }

    private void close(
        int j, int s, boolean ab, double bidA, double askA, double bidB, double askB, long time) {
      double q = tQty[s];
      double h = halfSlip[j];
      double exitSell = (ab ? bidA : bidB) * (1 - h);
      double exitBuy = (ab ? askB : askA) * (1 + h);
      double exitFees =
          q * exitSell * (ab ? feeA[j] : feeB[j]) + q * exitBuy * (ab ? feeB[j] : feeA[j]);
      double pnl = q * (exitSell - tBuy[s]) + q * (tSell[s] - exitBuy) - tFees[s] - exitFees;
      fees[j] += exitFees;
      realized[j] += pnl;
      int c = ++closed[j];
      if (pnl > 0) {
        wins[j]++;
        grossProfit[j] += pnl;
      } else {
        grossLoss[j] -= pnl;
      }
      double delta = pnl - meanPnl[j];
      meanPnl[j] += delta / c;
      m2Pnl[j] += delta * (pnl - meanPnl[j]);
      holdingMicros[j] += time - tTime[s];
    }

    private void openTrade(
        int j, boolean ab, double bidA, double askA, double bidB, double askB, long time) {
      double h = halfSlip[j];
      double buy = (ab ? askA : askB) * (1 + h);
      double sell = (ab ? bidB : bidA) * (1 - h);
      double q = position[j] / buy;
      double entry = q * buy * (ab ? feeA[j] : feeB[j]) + q * sell * (ab ? feeB[j] : feeA[j]);
      opened[j]++;
      int s = base[j] + open[j]++;
      tBuyA[s] = ab;
      tQty[s] = q;
      tBuy[s] = buy;
      tSell[s] = sell;
      tFees[s] = entry;
      tTime[s] = time;
      fees[j] += entry;
    }

    private double markToMarket(int j, double midA, double midB) {
      int b = base[j];
      int n = open[j];
      double sum = 0;
      for (int s = b; s < b + n; s++) {
        boolean ab = tBuyA[s];
        double q = tQty[s];
        sum += q * ((ab ? midA : midB) - tBuy[s]) + q * (tSell[s] - (ab ? midB : midA)) - tFees[s];
      }
      return sum;
    }

    private void move(int fromSlot, int toSlot) {
      tBuyA[toSlot] = tBuyA[fromSlot];
      tQty[toSlot] = tQty[fromSlot];
      tBuy[toSlot] = tBuy[fromSlot];
      tSell[toSlot] = tSell[fromSlot];
      tFees[toSlot] = tFees[fromSlot];
      tTime[toSlot] = tTime[fromSlot];
    }

    private int[] sorted(java.util.function.IntToDoubleFunction key) {
      return IntStream.range(0, jobs)
          .boxed()
          .sorted(Comparator.comparingDouble(key::applyAsDouble))
          .mapToInt(Integer::intValue)
          .toArray();
    }

    private BacktestMetrics metrics(int j) {
      int c = closed[j];
      double std = c >= 2 ? Math.sqrt(m2Pnl[j] / (c - 1)) : 0;
      Double sharpe = c >= 2 && std > 0 ? meanPnl[j] / std : null;
      Double profitFactor = grossLoss[j] > 0 ? grossProfit[j] / grossLoss[j] : null;
      double u = open[j] == 0 ? 0 : unrealized[j];
      double[] mustBeFinite = {
        fees[j],
        realized[j],
        initial[j] + realized[j],
        u,
        maxDrawdown[j],
        std,
        c == 0 ? 0 : realized[j] / c,
        sharpe == null ? 0 : sharpe,
        profitFactor == null ? 0 : profitFactor,
        holdingMicros[j]
      };
      for (double v : mustBeFinite) {
        if (!Double.isFinite(v)) {
          throw new ArithmeticException("config " + j + ": the backtest's numbers overflow");
        }
      }
      return new BacktestMetrics(
          opened[j],
          c,
          open[j],
          initial[j] + realized[j],
          realized[j],
          maxDrawdown[j],
          c == 0 ? 0 : (double) wins[j] / c,
          c == 0 ? 0 : realized[j] / c,
          u,
          fees[j],
          profitFactor,
          std,
          sharpe,
          c == 0 ? 0 : holdingMicros[j] / 1e6 / c,
          end[j] - from[j],
          skipped[j],
          stopped[j]);
    }
  }
}
