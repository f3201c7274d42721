package dev.arbtune.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine against a deliberately plain re-implementation of docs/MODEL.md (objects, lists, no
 * care for speed) on random quotes and configs, including crossed, locked and zero-price rows.
 */
class BacktestPropertiesTest {

  static Stream<Arguments> engineAgreesWithTheReferenceModel() {
    return Tries.of(300, Gen.longs(), Gen.ints(1, 300));
  }

  @PropertyTest
  @MethodSource
  void engineAgreesWithTheReferenceModel(long seed, int rows) {
    Random r = new Random(seed);
    double[][] data = randomQuotes(r, rows);
    BacktestConfig config = randomConfig(r);
    Quotes quotes = TestQuotes.of(data);

    BacktestMetrics m = Backtest.run(config, quotes);
    Reference ref = new Reference(config, data);

    assertThat(m.totalTrades()).isEqualTo(ref.opened);
    assertThat(m.closedTrades()).isEqualTo(ref.closedPnl.size());
    assertThat(m.openTrades()).isEqualTo(ref.open.size());
    assertThat(m.quotesProcessed()).isEqualTo(ref.processed);
    assertThat(m.quotesSkipped()).isEqualTo(ref.skipped);
    assertThat(m.stoppedOnDrawdown()).isEqualTo(ref.stopped);
    assertThat(m.realizedPnlUsd()).isCloseTo(ref.realized(), within(1e-7));
    assertThat(m.finalBalanceUsd())
        .isCloseTo(config.initialBalanceUsd() + ref.realized(), within(1e-7));
    assertThat(m.feesPaidUsd()).isCloseTo(ref.fees, within(1e-7));
    assertThat(m.unrealizedPnlUsd()).isCloseTo(ref.unrealized, within(1e-7));
    assertThat(m.maxDrawdownPct()).isCloseTo(ref.maxDrawdown, within(1e-7));
    long wins = ref.closedPnl.stream().filter(p -> p > 0).count();
    assertThat(m.winRate())
        .isCloseTo(
            ref.closedPnl.isEmpty() ? 0 : (double) wins / ref.closedPnl.size(), within(1e-12));
  }

  static Stream<Arguments> tradeLogSumsToTheMetrics() {
    return Tries.of(100, Gen.longs(), Gen.ints(1, 300));
  }

  @PropertyTest
  @MethodSource
  void tradeLogSumsToTheMetrics(long seed, int rows) {
    Random r = new Random(seed);
    Quotes quotes = TestQuotes.of(randomQuotes(r, rows));
    BacktestConfig config = randomConfig(r);
    List<Trade> trades = new ArrayList<>();

    BacktestMetrics m = Backtest.run(config, quotes, trades::add);

    assertThat(trades).hasSize(m.totalTrades());
    assertThat(trades.stream().filter(Trade::isOpen).count()).isEqualTo(m.openTrades());
    assertThat(trades.stream().filter(t -> !t.isOpen()).mapToDouble(Trade::pnlUsd).sum())
        .isCloseTo(m.realizedPnlUsd(), within(1e-7));
    assertThat(trades.stream().filter(Trade::isOpen).mapToDouble(Trade::pnlUsd).sum())
        .isCloseTo(m.unrealizedPnlUsd(), within(1e-7));
    assertThat(m.openTrades()).isLessThanOrEqualTo(config.maxOpenTrades());
  }

  private static double[][] randomQuotes(Random r, int n) {
    double[][] rows = new double[n][];
    double mid = 100;
    for (int i = 0; i < n; i++) {
      mid = Math.max(1, mid * (1 + (r.nextGaussian() * 0.002)));
      double halfA = Math.abs(r.nextGaussian()) * 0.02;
      double halfB = Math.abs(r.nextGaussian()) * 0.02;
      double offsetB = r.nextGaussian() * 0.15;
      double bidA = mid - halfA;
      double askA = mid + halfA;
      double bidB = mid + offsetB - halfB;
      double askB = mid + offsetB + halfB;
      int kind = r.nextInt(20);
      if (kind == 0) {
        double t = bidA;
        bidA = askA + 0.01;
        askA = t;
      } else if (kind == 1) {
        bidA = 0;
      } else if (kind == 2) {
        askB = bidB;
      }
      rows[i] = new double[] {bidA, askA, bidB, askB};
    }
    return rows;
  }

  private static BacktestConfig randomConfig(Random r) {
    return new BacktestConfig(
        "x.csv",
        r.nextInt(4) == 0 ? 0 : r.nextDouble() * 20,
        r.nextInt(3) == 0 ? 0 : r.nextDouble() * 3,
        r.nextInt(3) == 0 ? 0 : r.nextDouble() * 3,
        r.nextInt(3) == 0 ? 0 : r.nextDouble() * 3,
        100 + r.nextDouble() * 5000,
        1 + r.nextInt(4),
        1000 + r.nextDouble() * 20000,
        r.nextInt(3) == 0 ? 0.05 + r.nextDouble() : null,
        null,
        null,
        null);
  }

  /** The model of docs/MODEL.md, written for clarity. */
  private static final class Reference {
    final List<double[]> open = new ArrayList<>(); // {buyA ? 1 : 0, q, eBuy, eSell, fIn}
    final List<Double> closedPnl = new ArrayList<>();
    int opened;
    long processed;
    long skipped;
    boolean stopped;
    double fees;
    double unrealized;
    double maxDrawdown;

    Reference(BacktestConfig c, double[][] rows) {
      double h = c.slippageBps() / 2 / 10_000;
      double phiA = c.takerFeeABps() / 10_000;
      double phiB = c.takerFeeBBps() / 10_000;
      double cost = c.takerFeeABps() + c.takerFeeBBps() + c.slippageBps();
      double peak = c.initialBalanceUsd();
      for (double[] q : rows) {
        processed++;
        double bidA = q[0];
        double askA = q[1];
        double bidB = q[2];
        double askB = q[3];
        boolean valid = bidA > 0 && bidB > 0 && askA >= bidA && askB >= bidB;
        if (!valid) {
          skipped++;
          continue;
        }
        double sAB = (bidB - askA) / askA * 1e4;
        double sBA = (bidA - askB) / askB * 1e4;
        int before = closedPnl.size();
        List<double[]> still = new ArrayList<>();
        for (double[] t : open) {
          boolean buyA = t[0] == 1;
          double spread = buyA ? sAB : sBA;
          if (spread >= 0) {
            still.add(t);
            continue;
          }
          double xSell = buyA ? bidA * (1 - h) : bidB * (1 - h);
          double xBuy = buyA ? askB * (1 + h) : askA * (1 + h);
          double phiX = buyA ? phiA : phiB;
          double phiY = buyA ? phiB : phiA;
          double fOut = t[1] * xSell * phiX + t[1] * xBuy * phiY;
          fees += fOut;
          closedPnl.add(t[1] * (xSell - t[2]) + t[1] * (t[3] - xBuy) - t[4] - fOut);
        }
        open.clear();
        open.addAll(still);
        boolean changed = !open.isEmpty() || closedPnl.size() != before;
        if (open.size() < c.maxOpenTrades() && Math.max(sAB, sBA) - cost >= c.minSpreadBps()) {
          boolean buyA = sAB >= sBA;
          double eBuy = buyA ? askA * (1 + h) : askB * (1 + h);
          double eSell = buyA ? bidB * (1 - h) : bidA * (1 - h);
          double qty = c.maxPositionUsd() / eBuy;
          double fIn = qty * eBuy * (buyA ? phiA : phiB) + qty * eSell * (buyA ? phiB : phiA);
          fees += fIn;
          open.add(new double[] {buyA ? 1 : 0, qty, eBuy, eSell, fIn});
          opened++;
          changed = true;
        }
        if (changed) {
          double mA = (bidA + askA) / 2;
          double mB = (bidB + askB) / 2;
          unrealized = 0;
          for (double[] t : open) {
            boolean buyA = t[0] == 1;
            unrealized +=
                t[1] * ((buyA ? mA : mB) - t[2]) + t[1] * (t[3] - (buyA ? mB : mA)) - t[4];
          }
          double equity = c.initialBalanceUsd() + realized() + unrealized;
          peak = Math.max(peak, equity);
          double dd = (peak - equity) / peak * 100;
          maxDrawdown = Math.max(maxDrawdown, dd);
          if (c.stopOnDrawdownPct() != null && dd >= c.stopOnDrawdownPct()) {
            stopped = true;
            break;
          }
        }
      }
      if (open.isEmpty()) {
        unrealized = 0;
      }
    }

    double realized() {
      return closedPnl.stream().mapToDouble(Double::doubleValue).sum();
    }
  }
}
