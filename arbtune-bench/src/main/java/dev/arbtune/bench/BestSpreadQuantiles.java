package dev.arbtune.bench;

import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesLoader;
import dev.arbtune.frontend.UserInputException;
import dev.arbtune.frontend.VersionProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Thresholds that open trades on a given share of a quotes file's rows: for each share {@code p},
 * the largest {@code min_spread_bps} (at zero costs, to 4 decimals, rounded down) such that the
 * best spread {@code max(s_ab, s_ba)} (the engine's formulas, docs/MODEL.md) reaches it on at least
 * {@code p} of the valid rows. {@code bench/engines.sh} plans its busy sweep from them.
 */
@Command(
    name = "BestSpreadQuantiles",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Print, for each share p, the largest min_spread_bps (4 decimals, rounded down, at least 0)"
          + " that max(s_ab, s_ba) reaches on at least p of the file's valid rows (at zero"
          + " costs). Prints key=value lines: rows, valid_rows, best_max_bps, then"
          + " share_<p>=<bps> for each share, and values=[...] (YAML list, the shares' order)."
    })
public final class BestSpreadQuantiles implements Callable<Integer> {

  private static final double BPS = 1e4;

  @Spec CommandSpec spec;

  @Option(names = "--file", required = true, paramLabel = "FILE", description = "Quotes file.")
  Path file;

  @Option(
      names = "--shares",
      split = ",",
      paramLabel = "P",
      defaultValue = "0.9,0.8,0.7,0.6,0.5,0.4,0.3,0.2,0.1,0.05",
      description = "Shares of the valid rows, each in (0, 1] (default: ${DEFAULT-VALUE}).")
  List<Double> shares;

  public static void main(String[] args) {
    ToolRunner.main(new BestSpreadQuantiles(), args);
  }

  @Override
  public Integer call() throws IOException {
    for (double p : shares) {
      if (!(p > 0 && p <= 1)) {
        throw new UserInputException("--shares: each share must be in (0, 1], got " + p);
      }
    }
    Quotes q = QuotesLoader.load(file, EpochUnit.AUTO);
    double[] best = bestSpreads(q);
    if (best.length == 0) {
      throw new UserInputException(file + ": no valid row (every row is crossed or not positive)");
    }
    Arrays.sort(best);
    PrintWriter out = spec.commandLine().getOut();
    out.println("rows=" + q.size());
    out.println("valid_rows=" + best.length);
    out.printf(Locale.ROOT, "best_max_bps=%.6f%n", best[best.length - 1]);
    List<String> values = new ArrayList<>();
    for (double p : shares) {
      String v = threshold(best, p).toPlainString();
      out.println("share_" + BigDecimal.valueOf(p).stripTrailingZeros().toPlainString() + "=" + v);
      values.add(v);
    }
    out.println("values=[" + String.join(", ", values) + "]");
    return 0;
  }

  /**
   * The largest 4-decimal value {@code v >= 0} reached by at least {@code p} of {@code sorted}
   * (ascending): the {@code ceil(p n)}-th largest value, rounded down.
   */
  static BigDecimal threshold(double[] sorted, double p) {
    int n = sorted.length;
    int k = (int) Math.ceil(p * n - 1e-9); // how many values must reach it
    double v = sorted[n - Math.max(1, Math.min(n, k))];
    if (!(v > 0)) {
      return BigDecimal.ZERO;
    }
    return new BigDecimal(v).setScale(4, RoundingMode.FLOOR).stripTrailingZeros();
  }

  /** {@code max(s_ab, s_ba)} of every valid row whose spreads are numbers, in row order. */
  static double[] bestSpreads(Quotes q) {
    double[] best = new double[q.size()];
    int n = 0;
    for (int i = 0; i < q.size(); i++) {
      double bidA = q.bidA(i);
      double askA = q.askA(i);
      double bidB = q.bidB(i);
      double askB = q.askB(i);
      if (!Quotes.tradable(bidA, askA, bidB, askB)) {
        continue;
      }
      double sAB = (bidB - askA) / askA * BPS;
      double sBA = (bidA - askB) / askB * BPS;
      double b = Math.max(sAB, sBA);
      if (!Double.isNaN(b)) {
        best[n++] = b;
      }
    }
    return Arrays.copyOf(best, n);
  }
}
