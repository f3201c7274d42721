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
 * every job, so a row costs one read of its 40 bytes instead of one per job. What the per-row scans
 * read of every job (thresholds, open-trade count, window) is in one array per field (structure of
 * arrays); the rest of a job's state (statistics, peak, drawdown, its open trades) in one block of
 * an array per job, so that stepping a job touches a few cache lines rather than one per field.
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

    // What the per-row scans read, one array per field (structure of arrays).
    private final double[] minSpread;
    private final double[] cost;
    private final double[] floor;
    private final int[] from;
    private final int[] to;
    private final int[] open;
    private final boolean[] active;
    private final int[] stepped;

    // The rest of each job's state, one block of D doubles (and I ints) per job, so that stepping
    // one job touches a few cache lines rather than one per field.
    private static final int D = 16;
    private static final int REALIZED = 0;
    private static final int FEES = 1;
    private static final int GROSS_PROFIT = 2;
    private static final int GROSS_LOSS = 3;
    private static final int MEAN_PNL = 4;
    private static final int M2_PNL = 5;
    private static final int HOLDING_MICROS = 6;
    private static final int PEAK = 7;
    private static final int MAX_DRAWDOWN = 8;
    private static final int UNREALIZED = 9;
    private static final int INITIAL = 10;
    private static final int STOP_PCT = 11;
    private static final int HALF_SLIP = 12;
    private static final int FEE_A = 13;
    private static final int FEE_B = 14;
    private static final int POSITION = 15;
    private final double[] st;

    private static final int I = 4;
    private static final int OPENED = 0;
    private static final int CLOSED = 1;
    private static final int WINS = 2;
    private static final int MAX_OPEN = 3;
    private final int[] in;

    private final int[] end;
    private final long[] skipped;
    private final boolean[] stopped;

    // Open trades: job j's slots are base[j] .. base[j] + capacity - 1, oldest first, T doubles a
    // slot (the direction as 1 for buy A, 0 for buy B); entry times beside them.
    private static final int T = 5;
    private static final int BUY_A = 0;
    private static final int QTY = 1;
    private static final int ENTRY_BUY = 2;
    private static final int ENTRY_SELL = 3;
    private static final int ENTRY_FEES = 4;
    private final int[] base;
    private final double[] trades;
    private final long[] entryTime;

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
      from = new int[jobs];
      to = new int[jobs];
      open = new int[jobs];
      active = new boolean[jobs];
      stepped = new int[jobs];
      Arrays.fill(stepped, -1);
      st = new double[jobs * D];
      in = new int[jobs * I];
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
        int d = j * D;
        st[d + HALF_SLIP] = c.slippageBps() / 2 / BPS;
        st[d + FEE_A] = c.takerFeeABps() / BPS;
        st[d + FEE_B] = c.takerFeeBBps() / BPS;
        st[d + POSITION] = c.maxPositionUsd();
        st[d + INITIAL] = c.initialBalanceUsd();
        st[d + PEAK] = c.initialBalanceUsd();
        st[d + STOP_PCT] =
            c.stopOnDrawdownPct() == null ? Double.POSITIVE_INFINITY : c.stopOnDrawdownPct();
        in[j * I + MAX_OPEN] = c.maxOpenTrades();
        base[j] = (int) slots;
        // No more trades can be open at once than rows in the window.
        slots += (long) T * Math.min(c.maxOpenTrades(), to[j] - from[j]);
        if (slots > Integer.MAX_VALUE - 8) {
          throw new IllegalArgumentException("too many open-trade slots for one sweep");
        }
      }
      end = to.clone();
      skipped = new long[jobs];
      stopped = new boolean[jobs];
      trades = new double[(int) slots];
      entryTime = new long[(int) (slots / T)];
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
        if (!Quotes.tradable(bidA, askA, bidB, askB)) {
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
          if (open[j] < in[j * I + MAX_OPEN] && best - cost[j] >= minSpread[j]) {
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
      int d = j * D;
      double u = markToMarket(j, midA, midB);
      st[d + UNREALIZED] = u;
      double equity = st[d + INITIAL] + st[d + REALIZED] + u;
      double peak = st[d + PEAK];
      if (equity > peak) {
        st[d + PEAK] = equity;
        return false;
      }
      double drawdown = (peak - equity) / peak * 100;
      if (drawdown > st[d + MAX_DRAWDOWN]) {
        st[d + MAX_DRAWDOWN] = drawdown;
      }
      return drawdown >= st[d + STOP_PCT];
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
        int s = b + k * T;
        boolean ab = trades[s + BUY_A] != 0;
        if ((ab ? sAB : sBA) < 0) {
          close(j, s, ab, bidA, askA, bidB, askB, time);
        } else {
          if (kept != k) {
            int to = b + kept * T;
            System.arraycopy(trades, s, trades, to, T);
            entryTime[to / T] = entryTime[s / T];
          }
          kept++;
        }
      }
      open[j] = kept;
    }

    private void close(
        int j, int s, boolean ab, double bidA, double askA, double bidB, double askB, long time) {
      int d = j * D;
      double q = trades[s + QTY];
      double h = st[d + HALF_SLIP];
      double fa = st[d + FEE_A];
      double fb = st[d + FEE_B];
      // Sell what was bought at the bid of its venue, buy back what was sold at the ask of its.
      double exitSell = (ab ? bidA : bidB) * (1 - h);
      double exitBuy = (ab ? askB : askA) * (1 + h);
      double exitFees = q * exitSell * (ab ? fa : fb) + q * exitBuy * (ab ? fb : fa);
      double pnl =
          q * (exitSell - trades[s + ENTRY_BUY])
              + q * (trades[s + ENTRY_SELL] - exitBuy)
              - trades[s + ENTRY_FEES]
              - exitFees;
      st[d + FEES] += exitFees;
      st[d + REALIZED] += pnl;
      int c = ++in[j * I + CLOSED];
      if (pnl > 0) {
        in[j * I + WINS]++;
        st[d + GROSS_PROFIT] += pnl;
      } else {
        st[d + GROSS_LOSS] -= pnl;
      }
      double delta = pnl - st[d + MEAN_PNL];
      st[d + MEAN_PNL] += delta / c;
      st[d + M2_PNL] += delta * (pnl - st[d + MEAN_PNL]);
      st[d + HOLDING_MICROS] += time - entryTime[s / T];
    }

    private void openTrade(
        int j, boolean ab, double bidA, double askA, double bidB, double askB, long time) {
      int d = j * D;
      double h = st[d + HALF_SLIP];
      double fa = st[d + FEE_A];
      double fb = st[d + FEE_B];
      double buy = (ab ? askA : askB) * (1 + h);
      double sell = (ab ? bidB : bidA) * (1 - h);
      double q = st[d + POSITION] / buy;
      double entry = q * buy * (ab ? fa : fb) + q * sell * (ab ? fb : fa);
      in[j * I + OPENED]++;
      int s = base[j] + T * open[j]++;
      trades[s + BUY_A] = ab ? 1 : 0;
      trades[s + QTY] = q;
      trades[s + ENTRY_BUY] = buy;
      trades[s + ENTRY_SELL] = sell;
      trades[s + ENTRY_FEES] = entry;
      entryTime[s / T] = time;
      st[d + FEES] += entry;
    }

    private double markToMarket(int j, double midA, double midB) {
      int b = base[j];
      int e = b + T * open[j];
      double sum = 0;
      for (int s = b; s < e; s += T) {
        boolean ab = trades[s + BUY_A] != 0;
        double q = trades[s + QTY];
        sum +=
            q * ((ab ? midA : midB) - trades[s + ENTRY_BUY])
                + q * (trades[s + ENTRY_SELL] - (ab ? midB : midA))
                - trades[s + ENTRY_FEES];
      }
      return sum;
    }

    private int[] sorted(java.util.function.IntToDoubleFunction key) {
      return IntStream.range(0, jobs)
          .boxed()
          .sorted(Comparator.comparingDouble(key::applyAsDouble))
          .mapToInt(Integer::intValue)
          .toArray();
    }

    private BacktestMetrics metrics(int j) {
      int d = j * D;
      int c = in[j * I + CLOSED];
      int opened = in[j * I + OPENED];
      double realized = st[d + REALIZED];
      double fees = st[d + FEES];
      double grossLoss = st[d + GROSS_LOSS];
      double std = c >= 2 ? Math.sqrt(st[d + M2_PNL] / (c - 1)) : 0;
      Double sharpe = c >= 2 && std > 0 ? st[d + MEAN_PNL] / std : null;
      Double profitFactor = grossLoss > 0 ? st[d + GROSS_PROFIT] / grossLoss : null;
      double u = open[j] == 0 ? 0 : st[d + UNREALIZED];
      double[] mustBeFinite = {
        fees,
        realized,
        st[d + INITIAL] + realized,
        u,
        st[d + MAX_DRAWDOWN],
        std,
        c == 0 ? 0 : realized / c,
        sharpe == null ? 0 : sharpe,
        profitFactor == null ? 0 : profitFactor,
        st[d + HOLDING_MICROS]
      };
      for (double v : mustBeFinite) {
        if (!Double.isFinite(v)) {
          throw new ArithmeticException("config " + j + ": the backtest's numbers overflow");
        }
      }
      return new BacktestMetrics(
          opened,
          c,
          open[j],
          st[d + INITIAL] + realized,
          realized,
          st[d + MAX_DRAWDOWN],
          c == 0 ? 0 : (double) in[j * I + WINS] / c,
          c == 0 ? 0 : realized / c,
          u,
          fees,
          profitFactor,
          std,
          sharpe,
          c == 0 ? 0 : st[d + HOLDING_MICROS] / 1e6 / c,
          end[j] - from[j],
          skipped[j],
          stopped[j]);
    }
  }
}
