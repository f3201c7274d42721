package dev.arbtune.backtest;

import dev.arbtune.result.Metric;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The backtest of the two-venue arbitrage strategy (formulas in docs/MODEL.md): a pure function of
 * a configuration and the quotes. It reads nothing but its arguments, writes nothing, keeps no
 * state between calls, and gives the same metrics for the same input on every run and thread. The
 * quote loop creates no objects (unless a trade log is requested, which gets one per trade).
 *
 * <pre>{@code
 * Quotes quotes = cache.get(Path.of(config.dataFile()));
 * BacktestMetrics metrics = Backtest.run(config, quotes);
 * }</pre>
 */
public final class Backtest {

  private static final double BPS = 1e4;

  private Backtest() {}

  /**
   * Runs {@code config} over {@code quotes}, restricted to the config's time window.
   *
   * @throws ConfigException when the config's time window holds no quotes
   */
  public static BacktestMetrics run(BacktestConfig config, Quotes quotes) {
    return run(config, quotes, null);
  }

  /**
   * Runs {@code config} over {@code quotes} and reports every trade to {@code tradeLog}: closed
   * trades when they close, then the trades still open at the end (marked at the last mid prices).
   * {@code config.dataFile()} is not read; {@code quotes} are the data.
   *
   * @param tradeLog receives the trades, or {@code null} for none
   * @throws ConfigException when the config's time window holds no quotes
   */
  public static BacktestMetrics run(
      BacktestConfig config, Quotes quotes, Consumer<? super Trade> tradeLog) {
    return run(config, quotes, tradeLog, Engine.DEFAULT);
  }

  /**
   * Runs {@code config} over {@code quotes} with the given engine, reporting every trade to {@code
   * tradeLog} as {@link #run(BacktestConfig, Quotes, Consumer)} does. Both engines give the same
   * metrics and trades.
   *
   * @param tradeLog receives the trades, or {@code null} for none
   * @throws ConfigException when the config's time window holds no quotes
   */
  public static BacktestMetrics run(
      BacktestConfig config, Quotes quotes, Consumer<? super Trade> tradeLog, Engine engine) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(quotes, "quotes");
    Objects.requireNonNull(engine, "engine");
    int from = windowStart(config, quotes);
    int to = windowEnd(config, quotes);
    if (from >= to) {
      throw emptyWindow(config, quotes);
    }
    return new Run(config, quotes, tradeLog, engine == Engine.FAST ? quotes.flatIndex() : null)
        .run(from, to);
  }

  /**
   * For tests: runs {@code config} over {@code quotes} with the fast engine and returns how many
   * rows of its holding stretches it marked one by one and how many it passed over in blocks.
   */
  static HoldingSteps holdingSteps(BacktestConfig config, Quotes quotes) {
    Run run = new Run(config, quotes, null, quotes.flatIndex());
    run.run(windowStart(config, quotes), windowEnd(config, quotes));
    return new HoldingSteps(run.rowsMarkedOneByOne, run.rowsPassedOver);
  }

  /**
   * How the fast engine went through the rows of its holding stretches (for tests).
   *
   * @param markedOneByOne rows stepped and marked (when valid) one at a time
   * @param passedOver rows in the blocks passed over whole
   */
  record HoldingSteps(long markedOneByOne, long passedOver) {}

  /**
   * The index of the first row of {@code quotes} in {@code config}'s window (the first row at or
   * after {@code start_time}, or 0): the run steps through {@code quotes_processed} rows from it.
   */
  public static int windowStart(BacktestConfig config, Quotes quotes) {
    return config.startTime() == null ? 0 : quotes.firstIndexAtOrAfter(config.startTime());
  }

  /**
   * The index after the last row of {@code quotes} in {@code config}'s window (the first row at or
   * after {@code end_time}, or the number of rows): the run steps through the rows before it unless
   * the drawdown stop ends it earlier.
   */
  public static int windowEnd(BacktestConfig config, Quotes quotes) {
    return config.endTime() == null ? quotes.size() : quotes.firstIndexAtOrAfter(config.endTime());
  }

  private static ConfigException emptyWindow(BacktestConfig config, Quotes quotes) {
    String field = config.startTime() != null ? BacktestConfig.START_TIME : BacktestConfig.END_TIME;
    return new ConfigException(
        field,
        "the window ["
            + (config.startTime() == null ? "start" : config.startTime())
            + ", "
            + (config.endTime() == null ? "end" : config.endTime())
            + ") holds no quotes; "
            + quotes.source()
            + " covers "
            + quotes.instant(0)
            + " to "
            + quotes.instant(quotes.size() - 1));
  }

  /** The state of one run: open trades in parallel primitive arrays, statistics as sums. */
  private static final class Run {
    private final Quotes quotes;
    private final Consumer<? super Trade> tradeLog;

    /** The fast engine's index, or {@code null} for the reference engine (every row stepped). */
    private final FlatIndex flat;

    /**
     * The fast engine's holding-period index, obtained when a trade is first open ({@code null}
     * before that, and always for the reference engine).
     */
    private HoldIndex hold;

    // For tests (holdingSteps): rows of holding stretches marked one by one, and passed over.
    private long rowsMarkedOneByOne;
    private long rowsPassedOver;

    /**
     * Below {@link #openFloor} by far more than any rounding: the fast engine jumps over the rows
     * whose best spread is below it (no trade open), none of which would open one.
     */
    private final double searchFloor;

    private final double minSpreadBps;
    private final double costBps;
    private final double halfSlip;
    private final double feeA;
    private final double feeB;
    private final double positionUsd;
    private final int maxOpen;
    private final double initialBalance;
    private final double stopDrawdownPct;

    /**
     * A little below the spread (bps) that opens a trade, {@code cost + min_spread}: the margin
     * (1e-9 relative plus 1e-9 bps) is far wider than the rounding error of either way of computing
     * a spread, so a row that the quick test skips would not have opened a trade.
     */
    private final double openFloor;

    // Open trades, oldest first.
    private int open;
    private boolean[] buyA = new boolean[1];
    private double[] qty = new double[1];
    private double[] entryBuy = new double[1];
    private double[] entrySell = new double[1];
    private double[] entryFees = new double[1];
    private long[] entryTime = new long[1];
    private int[] tradeId = new int[1];

    private int opened;
    private int closed;
    private int wins;
    private double realized;
    private double fees;
    private double grossProfit;
    private double grossLoss;
    private double meanPnl;
    private double m2Pnl;

    /** Sum of the closed trades' holding times, µs (a double: a long of µs may overflow). */
    private double holdingMicros;

    // Marking: the highest equity so far, the deepest drawdown, the last marked row's values.
    private double peak;
    private double maxDrawdown;
    private double unrealized;
    private double lastMidA = Double.NaN;
    private double lastMidB = Double.NaN;

    /**
     * Whether the last marked row lies in a block the fast engine skipped (its {@link #unrealized}
     * and mids are then not stored, and are computed at the end if needed).
     */
    private boolean lastMarkSkipped;

    Run(BacktestConfig c, Quotes quotes, Consumer<? super Trade> tradeLog, FlatIndex flat) {
      this.quotes = quotes;
      this.tradeLog = tradeLog;
      this.flat = flat;
      this.minSpreadBps = c.minSpreadBps();
      this.costBps = c.costBps();
      this.halfSlip = c.slippageBps() / 2 / BPS;
      this.feeA = c.takerFeeABps() / BPS;
      this.feeB = c.takerFeeBBps() / BPS;
      this.positionUsd = c.maxPositionUsd();
      this.maxOpen = c.maxOpenTrades();
      this.initialBalance = c.initialBalanceUsd();
      this.stopDrawdownPct =
          c.stopOnDrawdownPct() == null ? Double.POSITIVE_INFINITY : c.stopOnDrawdownPct();
      double threshold = costBps + minSpreadBps;
      this.openFloor = threshold - 1e-9 * Math.abs(threshold) - 1e-9;
      this.searchFloor = threshold - 1e-6 * Math.abs(threshold) - 1e-6;
      this.peak = initialBalance;
    }

    BacktestMetrics run(int from, int to) {
      return flat == null ? runEveryRow(from, to) : runSkipping(from, to);
    }

    /**
     * The reference engine: every row in turn, nothing skipped. Its own loop, not the fast one's
     * with the skips turned off: the reference stays as simple as the model, and the launcher's
     * compiler directives can treat the two loops differently (the fast engine's runs a few times
     * per job, the reference's over every row).
     */
    private BacktestMetrics runEveryRow(int from, int to) {
      final long[] ts = quotes.timestampColumn();
      final double[] bidAs = quotes.bidAColumn();
      final double[] askAs = quotes.askAColumn();
      final double[] bidBs = quotes.bidBColumn();
      final double[] askBs = quotes.askBColumn();
      long skipped = 0;
      int end = to;
      boolean stopped = false;
      for (int i = from; i < to; i++) {
        final double bidA = bidAs[i];
        final double askA = askAs[i];
        final double bidB = bidBs[i];
        final double askB = askBs[i];
        if (!Quotes.tradable(bidA, askA, bidB, askB)) {
          skipped++;
          continue;
        }
        if (open == 0
            && (bidB - askA) * BPS < openFloor * askA
            && (bidA - askB) * BPS < openFloor * askB) {
          // Nothing is open and neither spread comes near the opening threshold: a quick,
          // division-free test that is only taken when the formulas below would open nothing.
          continue;
        }
        final double sAB = (bidB - askA) / askA * BPS;
        final double sBA = (bidA - askB) / askB * BPS;
        boolean changed = open > 0;
        if (open > 0) {
          closeWhatShouldClose(sAB, sBA, bidA, askA, bidB, askB, ts[i]);
        }
        if (open < maxOpen && Math.max(sAB, sBA) - costBps >= minSpreadBps) {
          openTrade(sAB >= sBA, bidA, askA, bidB, askB, ts[i]);
          changed = true;
        }
        if (changed && mark((bidA + askA) / 2, (bidB + askB) / 2)) {
          end = i + 1;
          stopped = true;
          break;
        }
      }
      if (tradeLog != null) {
        reportOpenTrades(lastMidA, lastMidB);
      }
      return metrics(end - from, skipped, open == 0 ? 0 : unrealized, maxDrawdown, stopped);
    }

    /**
     * The fast engine: flat stretches jumped over ({@link FlatIndex}), holding stretches marked a
     * block at a time ({@link HoldIndex}); every row it does visit is treated as {@link
     * #runEveryRow} treats it, by a copy of that loop's body. A copy on purpose: with the body in
     * one method that both loops call, the optimising compiler no longer folds it into the
     * reference engine's loop, which then took 18% longer (docs/BENCHMARKS.md, "Run: less code per
     * job"); the differential tests hold the two to the same results.
     */
    private BacktestMetrics runSkipping(int from, int to) {
      final long[] ts = quotes.timestampColumn();
      final double[] bidAs = quotes.bidAColumn();
      final double[] askAs = quotes.askAColumn();
      final double[] bidBs = quotes.bidBColumn();
      final double[] askBs = quotes.askBColumn();
      long skipped = 0;
      int end = to;
      boolean stopped = false;
      for (int i = from; i < to; i++) {
        if (open == 0) {
          // Flat: equity cannot change until a trade opens, so jump to the next row that might
          // open one (the rows in between are counted, their invalid ones as skipped).
          int next = flat.next(i, to, searchFloor);
          skipped += flat.invalidBetween(i, next);
          if (next >= to) {
            break;
          }
          i = next;
        } else {
          // Holding: nothing opens or closes before the next event row, so the rows up to it are
          // only marked, a block at a time where bounds show that no mark changes anything.
          if (hold == null) {
            hold = quotes.holdIndex();
          }
          int next = nextEvent(i, to);
          if (next > i) {
            int stop = markStretch(i, next);
            if (stop >= 0) {
              skipped += flat.invalidBetween(i, stop + 1);
              end = stop + 1;
              stopped = true;
              break;
            }
            skipped += flat.invalidBetween(i, next);
            if (next >= to) {
              break;
            }
            i = next;
          }
        }
        final double bidA = bidAs[i];
        final double askA = askAs[i];
        final double bidB = bidBs[i];
        final double askB = askBs[i];
        if (!Quotes.tradable(bidA, askA, bidB, askB)) {
          skipped++;
          continue;
        }
        if (open == 0
            && (bidB - askA) * BPS < openFloor * askA
            && (bidA - askB) * BPS < openFloor * askB) {
          // Nothing is open and neither spread comes near the opening threshold: a quick,
          // division-free test that is only taken when the formulas below would open nothing.
          continue;
        }
        final double sAB = (bidB - askA) / askA * BPS;
        final double sBA = (bidA - askB) / askB * BPS;
        boolean changed = open > 0;
        if (open > 0) {
          closeWhatShouldClose(sAB, sBA, bidA, askA, bidB, askB, ts[i]);
        }
        if (open < maxOpen && Math.max(sAB, sBA) - costBps >= minSpreadBps) {
          openTrade(sAB >= sBA, bidA, askA, bidB, askB, ts[i]);
          changed = true;
        }
        if (changed && mark((bidA + askA) / 2, (bidB + askB) / 2)) {
          end = i + 1;
          stopped = true;
          break;
        }
      }
      if (lastMarkSkipped && open > 0) {
        markedAgain(end);
      }
      if (tradeLog != null) {
        reportOpenTrades(lastMidA, lastMidB);
      }
      return metrics(end - from, skipped, open == 0 ? 0 : unrealized, maxDrawdown, stopped);
    }

    /**
     * Marks the open trades at a row's mids: unrealized PnL, equity, peak and drawdown.
     *
     * @return whether the drawdown stop triggers on this row
     */
    private boolean mark(double midA, double midB) {
      unrealized = markToMarket(midA, midB);
      lastMidA = midA;
      lastMidB = midB;
      lastMarkSkipped = false;
      double equity = initialBalance + realized + unrealized;
      if (equity > peak) {
        peak = equity;
      } else {
        double drawdown = (peak - equity) / peak * 100;
        if (drawdown > maxDrawdown) {
          maxDrawdown = drawdown;
        }
        return drawdown >= stopDrawdownPct;
      }
      return false;
    }

    /**
     * The first row at or after {@code i} (with trades open) where something may happen besides a
     * mark: a close of an open trade's direction, or an open while there is room; {@code to} when
     * there is none.
     */
    private int nextEvent(int i, int to) {
      boolean ab = false;
      boolean ba = false;
      for (int k = 0; k < open; k++) {
        if (buyA[k]) {
          ab = true;
        } else {
          ba = true;
        }
      }
      int next = to;
      if (ab) {
        next = hold.nextNegAB(i, next);
      }
      if (ba) {
        next = hold.nextNegBA(i, next);
      }
      if (open < maxOpen) {
        next = flat.next(i, next, searchFloor);
      }
      return next;
    }

    /**
     * Marks the valid rows of {@code [from, to)}, on none of which a trade opens or closes: whole
     * aligned blocks are passed over when their bounds show that no row of theirs sets a peak,
     * deepens the maximum drawdown or stops the run; the other rows are marked one by one.
     *
     * @return the row where the drawdown stop triggers, or -1
     */
    private int markStretch(int from, int to) {
      final double[] bidAs = quotes.bidAColumn();
      final double[] askAs = quotes.askAColumn();
      final double[] bidBs = quotes.bidBColumn();
      final double[] askBs = quotes.askBColumn();
      final double[] blocks = hold.blockBounds();
      final double[] supers = hold.superBounds();
      stretchConstants();
      long passedBefore = rowsPassedOver;
      int i = from;
      while (i < to) {
        if ((i & (HoldIndex.SUPER - 1)) == 0
            && to - i >= HoldIndex.SUPER
            && passOver(supers, (i >>> HoldIndex.SUPER_SHIFT) * HoldIndex.BOUNDS)) {
          i += HoldIndex.SUPER;
          rowsPassedOver += HoldIndex.SUPER;
          continue;
        }
        if ((i & (HoldIndex.BLOCK - 1)) == 0
            && to - i >= HoldIndex.BLOCK
            && passOver(blocks, (i >>> HoldIndex.BLOCK_SHIFT) * HoldIndex.BOUNDS)) {
          i += HoldIndex.BLOCK;
          rowsPassedOver += HoldIndex.BLOCK;
          continue;
        }
        final double bidA = bidAs[i];
        final double askA = askAs[i];
        final double bidB = bidBs[i];
        final double askB = askBs[i];
        if (Quotes.tradable(bidA, askA, bidB, askB) && mark((bidA + askA) / 2, (bidB + askB) / 2)) {
          rowsMarkedOneByOne += i - from - (rowsPassedOver - passedBefore);
          return i;
        }
        i++;
      }
      // Counted once per stretch, not per row: the row loop stays as lean as the reference's.
      rowsMarkedOneByOne += to - from - (rowsPassedOver - passedBefore);
      return -1;
    }

    /**
     * Whether marking every valid row of the block whose bounds start at {@code bounds[o]} would
     * change nothing: no valid row; or the equity of every row lies in [L, U], computed with the
     * marking formulas at each trade's least and most favourable mids of the block (every floating
     * operation in them is monotone, so the bounds hold double for double), U does not exceed the
     * peak and L's drawdown neither deepens the maximum nor reaches the stop. A NaN anywhere makes
     * it false.
     */
    private boolean passOver(double[] bounds, int o) {
      double minA = bounds[o + HoldIndex.MIN_A];
      double maxA = bounds[o + HoldIndex.MAX_A];
      double minB = bounds[o + HoldIndex.MIN_B];
      double maxB = bounds[o + HoldIndex.MAX_B];
      if (minA > maxA) {
        return true;
      }
      if (passOverByBasis(maxA, maxB, bounds[o + HoldIndex.MIN_D], bounds[o + HoldIndex.MAX_D])) {
        lastMarkSkipped = true;
        return true;
      }
      double upper = 0;
      double lower = 0;
      for (int k = 0; k < open; k++) {
        if (buyA[k]) {
          upper += unrealizedOf(k, maxA, minB);
          lower += unrealizedOf(k, minA, maxB);
        } else {
          upper += unrealizedOf(k, minA, maxB);
          lower += unrealizedOf(k, maxA, minB);
        }
      }
      double base = initialBalance + realized;
      double drawdown = (peak - (base + lower)) / peak * 100;
      if (peak > 0
          && base + upper <= peak
          && drawdown <= maxDrawdown
          && drawdown < stopDrawdownPct) {
        lastMarkSkipped = true;
        return true;
      }
      return false;
    }

    // Sums over the open trades for passOverByBasis, set at the start of each holding stretch.

    /** Σ q of the buy-A trades minus Σ q of the buy-B ones: equity's slope in midA − midB. */
    private double netQty;

    /** Σ q. */
    private double qtySum;

    /** Σ (q·(e_sell − e_buy) − F_in): equity's part that does not depend on the mids. */
    private double constPart;

    /** Σ (q·(|e_sell| + |e_buy|) + |F_in|), for the rounding margin. */
    private double sizeSum;

    private void stretchConstants() {
      double net = 0;
      double all = 0;
      double c = 0;
      double size = 0;
      for (int k = 0; k < open; k++) {
        double q = qty[k];
        net += buyA[k] ? q : -q;
        all += q;
        c += q * (entrySell[k] - entryBuy[k]) - entryFees[k];
        size += q * (Math.abs(entrySell[k]) + Math.abs(entryBuy[k])) + Math.abs(entryFees[k]);
      }
      netQty = net;
      qtySum = all;
      constPart = c;
      sizeSum = size;
    }

    /**
     * The tighter pass-over test (docs/MODEL.md, "Engines"): in real numbers every row's equity is
     * {@code base + netQty·(midA − midB) + constPart}, so it lies within the block's least and
     * greatest {@code midA − midB}; the computed equity differs from it by less than the margin,
     * 10⁻⁹ of the sum of the magnitudes involved (the error of about 2n + 10 roundings of at most
     * 2⁻⁵³ each, n ≤ 100,000 open trades), and so does this test's own arithmetic. Refused (false)
     * with more trades open or where the magnitudes come near overflow.
     */
    private boolean passOverByBasis(double maxA, double maxB, double minD, double maxD) {
      if (open > 100_000) {
        return false;
      }
      double base = initialBalance + realized;
      double scale = Math.abs(base) + sizeSum + qtySum * (maxA + maxB);
      if (!(scale <= 1e300)) {
        return false;
      }
      double margin = 1e-9 * scale + 1e-300;
      double upper = base + (netQty * (netQty >= 0 ? maxD : minD) + constPart) + margin;
      double lower = base + (netQty * (netQty >= 0 ? minD : maxD) + constPart) - margin;
      double drawdown = (peak - lower) / peak * 100;
      return peak > 0 && upper <= peak && drawdown <= maxDrawdown && drawdown < stopDrawdownPct;
    }

    /**
     * Computes the last marked row's values when it lay in a passed-over block: the last valid row
     * before {@code end}, marked with the same open trades (nothing opened or closed after it).
     */
    private void markedAgain(int end) {
      final double[] bidAs = quotes.bidAColumn();
      final double[] askAs = quotes.askAColumn();
      final double[] bidBs = quotes.bidBColumn();
      final double[] askBs = quotes.askBColumn();
      for (int i = end - 1; ; i--) {
        final double bidA = bidAs[i];
        final double askA = askAs[i];
        final double bidB = bidBs[i];
        final double askB = askBs[i];
        if (Quotes.tradable(bidA, askA, bidB, askB)) {
          lastMidA = (bidA + askA) / 2;
          lastMidB = (bidB + askB) / 2;
          unrealized = markToMarket(lastMidA, lastMidB);
          return;
        }
      }
    }

    private void closeWhatShouldClose(
        double sAB, double sBA, double bidA, double askA, double bidB, double askB, long time) {
      int kept = 0;
      for (int k = 0; k < open; k++) {
        boolean ab = buyA[k];
        if ((ab ? sAB : sBA) < 0) {
          close(k, ab, bidA, askA, bidB, askB, time);
        } else {
          if (kept != k) {
            move(k, kept);
          }
          kept++;
        }
      }
      open = kept;
    }

    private void close(
        int k, boolean ab, double bidA, double askA, double bidB, double askB, long time) {
      double q = qty[k];
      // Sell what was bought at the bid of its venue, buy back what was sold at the ask of its.
      double exitSell = (ab ? bidA : bidB) * (1 - halfSlip);
      double exitBuy = (ab ? askB : askA) * (1 + halfSlip);
      double exitFees = q * exitSell * (ab ? feeA : feeB) + q * exitBuy * (ab ? feeB : feeA);
      double pnl =
          q * (exitSell - entryBuy[k]) + q * (entrySell[k] - exitBuy) - entryFees[k] - exitFees;
      fees += exitFees;
      realized += pnl;
      closed++;
      if (pnl > 0) {
        wins++;
        grossProfit += pnl;
      } else {
        grossLoss -= pnl;
      }
      double delta = pnl - meanPnl;
      meanPnl += delta / closed;
      m2Pnl += delta * (pnl - meanPnl);
      holdingMicros += time - entryTime[k];
      if (tradeLog != null) {
        tradeLog.accept(
            new Trade(
                tradeId[k],
                ab ? Direction.BUY_A_SELL_B : Direction.BUY_B_SELL_A,
                EpochUnit.instant(entryTime[k]),
                EpochUnit.instant(time),
                q,
                entryBuy[k],
                entrySell[k],
                exitSell,
                exitBuy,
                entryFees[k] + exitFees,
                pnl));
      }
    }

    private void openTrade(
        boolean ab, double bidA, double askA, double bidB, double askB, long time) {
      if (open == qty.length) {
        growOpenTrades();
      }
      double buy = (ab ? askA : askB) * (1 + halfSlip);
      double sell = (ab ? bidB : bidA) * (1 - halfSlip);
      double q = positionUsd / buy;
      double entry = q * buy * (ab ? feeA : feeB) + q * sell * (ab ? feeB : feeA);
      opened++;
      buyA[open] = ab;
      qty[open] = q;
      entryBuy[open] = buy;
      entrySell[open] = sell;
      entryFees[open] = entry;
      entryTime[open] = time;
      tradeId[open] = opened;
      open++;
      fees += entry;
    }

    /** PnL of the open trades if both legs were valued at the mid prices, entry fees included. */
    private double markToMarket(double midA, double midB) {
      double sum = 0;
      for (int k = 0; k < open; k++) {
        sum += unrealizedOf(k, midA, midB);
      }
      return sum;
    }

    private double unrealizedOf(int k, double midA, double midB) {
      boolean ab = buyA[k];
      double q = qty[k];
      return q * ((ab ? midA : midB) - entryBuy[k])
          + q * (entrySell[k] - (ab ? midB : midA))
          - entryFees[k];
    }

    private void reportOpenTrades(double midA, double midB) {
      for (int k = 0; k < open; k++) {
        boolean ab = buyA[k];
        tradeLog.accept(
            new Trade(
                tradeId[k],
                ab ? Direction.BUY_A_SELL_B : Direction.BUY_B_SELL_A,
                EpochUnit.instant(entryTime[k]),
                null,
                qty[k],
                entryBuy[k],
                entrySell[k],
                Double.NaN,
                Double.NaN,
                entryFees[k],
                unrealizedOf(k, midA, midB)));
      }
    }

    private void move(int from, int to) {
      buyA[to] = buyA[from];
      qty[to] = qty[from];
      entryBuy[to] = entryBuy[from];
      entrySell[to] = entrySell[from];
      entryFees[to] = entryFees[from];
      entryTime[to] = entryTime[from];
      tradeId[to] = tradeId[from];
    }

    private void growOpenTrades() {
      int capacity = (int) Math.min(maxOpen, Math.max(4L, 2L * qty.length));
      buyA = Arrays.copyOf(buyA, capacity);
      qty = Arrays.copyOf(qty, capacity);
      entryBuy = Arrays.copyOf(entryBuy, capacity);
      entrySell = Arrays.copyOf(entrySell, capacity);
      entryFees = Arrays.copyOf(entryFees, capacity);
      entryTime = Arrays.copyOf(entryTime, capacity);
      tradeId = Arrays.copyOf(tradeId, capacity);
    }

    private BacktestMetrics metrics(
        long processed, long skipped, double unrealized, double maxDrawdown, boolean stopped) {
      double std = closed >= 2 ? Math.sqrt(m2Pnl / (closed - 1)) : 0;
      Double sharpe = closed >= 2 && std > 0 ? meanPnl / std : null;
      Double profitFactor = grossLoss > 0 ? grossProfit / grossLoss : null;
      requireFinite(Metric.FEES_PAID_USD.key(), fees);
      requireFinite(Metric.REALIZED_PNL_USD.key(), realized);
      requireFinite(Metric.FINAL_BALANCE_USD.key(), initialBalance + realized);
      requireFinite(Metric.UNREALIZED_PNL_USD.key(), unrealized);
      requireFinite(Metric.MAX_DRAWDOWN_PCT.key(), maxDrawdown);
      requireFinite(Metric.PNL_STD_PER_TRADE_USD.key(), std);
      requireFinite(Metric.AVG_PNL_PER_TRADE_USD.key(), closed == 0 ? 0 : realized / closed);
      requireFinite(Metric.SHARPE_PER_TRADE.key(), sharpe == null ? 0 : sharpe);
      requireFinite(Metric.PROFIT_FACTOR.key(), profitFactor == null ? 0 : profitFactor);
      requireFinite(Metric.AVG_HOLDING_SECONDS.key(), holdingMicros);
      return new BacktestMetrics(
          opened,
          closed,
          open,
          initialBalance + realized,
          realized,
          maxDrawdown,
          closed == 0 ? 0 : (double) wins / closed,
          closed == 0 ? 0 : realized / closed,
          unrealized,
          fees,
          profitFactor,
          std,
          sharpe,
          closed == 0 ? 0 : holdingMicros / 1e6 / closed,
          processed,
          skipped,
          stopped);
    }

    /**
     * Fails the run when {@code value}, computed from finite inputs, is infinite or NaN: the
     * numbers overflowed, and a document must not present the result as a success.
     */
    private void requireFinite(String metric, double value) {
      if (!Double.isFinite(value)) {
        throw new BacktestOverflowException(
            "the backtest's numbers overflow: "
                + metric
                + " is not a finite number; the prices of data_file and max_position_usd ("
                + positionUsd
                + ") or initial_balance_usd ("
                + initialBalance
                + ") are too far apart in magnitude for a double");
      }
    }
  }
}
