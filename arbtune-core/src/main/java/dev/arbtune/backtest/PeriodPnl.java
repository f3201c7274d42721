package dev.arbtune.backtest;

import dev.arbtune.result.DocumentLayout;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A job's realized PnL split into equal-duration blocks of its window (the {@code period_pnl} of a
 * result document; docs/MODEL.md): a closed trade counts in the block where it closed.
 *
 * @param blockStarts the start of each block, µs since the epoch, strictly increasing and equally
 *     spaced
 * @param end the time of the window's last row, µs since the epoch
 * @param pnlUsd each block's realized PnL, USD, as written (see {@link Collector#finish})
 * @param trades closed trades per block
 */
public record PeriodPnl(long[] blockStarts, long end, double[] pnlUsd, int[] trades) {

  /** The key of the result document that holds it. */
  public static final String KEY = "period_pnl";

  public PeriodPnl {
    Objects.requireNonNull(blockStarts, "blockStarts");
    Objects.requireNonNull(pnlUsd, "pnlUsd");
    Objects.requireNonNull(trades, "trades");
    if (pnlUsd.length != blockStarts.length || trades.length != blockStarts.length) {
      throw new IllegalArgumentException("one PnL and one trade count per block");
    }
    blockStarts = blockStarts.clone();
    pnlUsd = pnlUsd.clone();
    trades = trades.clone();
  }

  /**
   * The blocks' length in µs for a window from {@code first} to {@code last} (µs) in {@code blocks}
   * blocks: ⌈(last − first) / blocks⌉, at least 1, so that the blocks cover the window, the last
   * one including {@code last}.
   */
  public static long blockMicros(long first, long last, int blocks) {
    long span = last - first;
    return Math.max(1, span / blocks + (span % blocks == 0 ? 0 : 1));
  }

  /** The entries of the document's {@code period_pnl} object, in their order. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    // writeTo lays out the same members: keep the two in step (PeriodPnlLayoutTest)
    Times times = times();
    m.put("block_starts", times.startsText);
    m.put("end", times.endText);
    Double[] pnl = new Double[pnlUsd.length];
    Integer[] counts = new Integer[trades.length];
    for (int k = 0; k < pnl.length; k++) {
      pnl[k] = pnlUsd[k];
      counts[k] = trades[k];
    }
    m.put("pnl_usd", List.of(pnl));
    m.put("trades", List.of(counts));
    return Collections.unmodifiableMap(m);
  }

  /**
   * Lays out {@link #toMap()}'s members, in its order, as the members of the object being written
   * (a result document's {@code period_pnl}), without building the map.
   */
  public void writeTo(DocumentLayout out) {
    Times times = times();
    out.beginArray("block_starts");
    for (String start : times.startsText) {
      out.item(start);
    }
    out.end().member("end", times.endText).beginArray("pnl_usd");
    for (double pnl : pnlUsd) {
      out.item(pnl);
    }
    out.end().beginArray("trades");
    for (int count : trades) {
      out.item(count);
    }
    out.end();
  }

  /** The text of the block starts and end, formatted once for every job of one file and window. */
  private Times times() {
    Times times = lastTimes;
    if (times == null || times.end != end || !Arrays.equals(times.blockStarts, blockStarts)) {
      times = new Times(blockStarts, end);
      lastTimes = times;
    }
    return times;
  }

  /**
   * The times of the last {@link #toMap()} or {@link #writeTo}, as written: every job of one file
   * and window has the same blocks, so a sweep formats them once instead of once per job.
   */
  private static volatile Times lastTimes;

  /** Block starts and end (µs) and their text; immutable. */
  private static final class Times {
    private final long[] blockStarts;
    private final long end;
    private final List<String> startsText;
    private final String endText;

    Times(long[] blockStarts, long end) {
      this.blockStarts = blockStarts.clone();
      this.end = end;
      List<String> starts = new ArrayList<>(blockStarts.length);
      for (long s : blockStarts) {
        starts.add(EpochUnit.instant(s).toString());
      }
      this.startsText = Collections.unmodifiableList(starts);
      this.endText = EpochUnit.instant(end).toString();
    }
  }

  /** The start of block {@code k} as an instant. */
  public Instant blockStart(int k) {
    return EpochUnit.instant(blockStarts[k]);
  }

  /**
   * Receives a run's trades (as {@link Backtest#run(BacktestConfig, Quotes, Consumer)} reports
   * them) and keeps the closed ones' close times and the running sum of their PnL, added in close
   * order as the engine adds {@code realized_pnl_usd}. Not thread-safe.
   */
  public static final class Collector implements Consumer<Trade> {
    private long[] closeTimes = new long[16];
    private double[] running = new double[16];
    private int closed;
    private double sum;

    @Override
    public void accept(Trade trade) {
      if (trade.exitTime() == null) {
        return;
      }
      if (closed == closeTimes.length) {
        closeTimes = Arrays.copyOf(closeTimes, 2 * closed);
        running = Arrays.copyOf(running, 2 * closed);
      }
      sum += trade.pnlUsd();
      closeTimes[closed] = EpochUnit.micros(trade.exitTime());
      running[closed] = sum;
      closed++;
    }

    /**
     * The blocks of a window from {@code first} to {@code last} (µs). Block {@code k}'s PnL is
     * {@code round6(R_k) − round6(R_{k−1})}, computed in decimal, where {@code R_k} is the running
     * sum of closed trades' PnL after the last trade closed in blocks 0..k ({@code R_{-1}} = 0) and
     * {@code round6} rounds half-even to 6 places as the metrics are: added in block order as
     * decimals, the values give exactly the document's {@code realized_pnl_usd}.
     */
    public PeriodPnl finish(long first, long last, int blocks) {
      long width = blockMicros(first, last, blocks);
      long[] starts = new long[blocks];
      for (int k = 0; k < blocks; k++) {
        starts[k] = first + k * width;
      }
      double[] pnl = new double[blocks];
      int[] counts = new int[blocks];
      BigDecimal previous = BigDecimal.ZERO;
      int t = 0;
      for (int k = 0; k < blocks; k++) {
        while (t < closed && (k == blocks - 1 || (closeTimes[t] - first) / width <= k)) {
          counts[k]++;
          t++;
        }
        if (counts[k] == 0) {
          continue; // R_k = R_{k-1}: the difference is a decimal 0, written 0.0 as pnl[k] holds
        }
        BigDecimal total = rounded(running[t - 1]);
        pnl[k] = total.subtract(previous).doubleValue();
        previous = total;
      }
      return new PeriodPnl(starts, last, pnl, counts);
    }

    private static BigDecimal rounded(double value) {
      return BigDecimal.valueOf(BacktestMetrics.round(value, BacktestMetrics.DECIMALS));
    }
  }
}
