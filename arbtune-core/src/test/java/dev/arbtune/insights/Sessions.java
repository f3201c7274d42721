package dev.arbtune.insights;

import static dev.arbtune.testing.GridDocs.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.arbtune.aggregate.CollectedSummary;
import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.result.Json;
import dev.arbtune.testing.Docs;
import dev.arbtune.testing.GridDocs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/** Sessions for the insights tests and the insights as the bytes of their JSON. */
final class Sessions {

  private Sessions() {}

  /**
   * 3,000 jobs of a 10 x 15 x 20 grid (a, b, d) with noisy PnLs and Sharpe ratios (fixed seed), so
   * that floating-point sums depend on their order and every value of a has more than 128 jobs
   * (estimated medians): 2,000 as one JSON Lines file (several blocks), 1,000 as single files,
   * enough for every thread to get work. {@code name} maps a job's index to its file name.
   */
  static void noisyGrid(Path dir, UnaryOperator<String> name) {
    Random random = new Random(11);
    StringBuilder lines = new StringBuilder();
    int i = 0;
    for (int a = 1; a <= 10; a++) {
      for (int b = 1; b <= 15; b++) {
        for (int d = 1; d <= 20; d++) {
          String id = String.format("n_%04d", i);
          String doc =
              GridDocs.success(
                  id,
                  map("a", a, "b", b * 0.25, "d", d, "tag", "noisy"),
                  map(
                      "realized_pnl_usd",
                      random.nextGaussian() * 123.456 + a * b * 0.1 - d * 0.37,
                      "max_drawdown_pct",
                      1 + random.nextDouble() * 9,
                      "sharpe_per_trade",
                      random.nextGaussian() * 0.3,
                      "closed_trades",
                      40 + random.nextInt(100),
                      "total_trades",
                      140));
          if (i < 2000) {
            lines.append(doc).append('\n');
          } else {
            Docs.write(dir, name.apply(id) + ".json", doc);
          }
          i++;
        }
      }
    }
    Docs.write(dir, name.apply("lines") + ".jsonl", lines.toString());
  }

  /** The insights of {@code dir} with {@code threads} threads, as their JSON text. */
  static String insightsJson(Path dir, int threads) throws IOException {
    return json(insights(dir, threads, InsightCollector::new));
  }

  /** The insights of {@code dir} with {@code threads} threads. */
  static Insights insights(
      Path dir, int threads, java.util.function.Supplier<InsightCollector> collectors)
      throws IOException {
    CollectedSummary<InsightCollector> run =
        TuningResultsAggregator.builder(dir)
            .threads(threads)
            .build()
            .summarize(new ScanProgress(), collectors);
    return Insights.compute(run, InsightOptions.DEFAULTS);
  }

  /** The insights as the JSON the CLI writes. */
  static String json(Insights in) {
    try {
      return Json.prettyWriter().writeValueAsString(InsightsJson.toMap(in));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Values of a fixed-seed standard normal, scaled. */
  static List<Double> normal(long seed, int n, double sd) {
    Random random = new Random(seed);
    List<Double> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(random.nextGaussian() * sd);
    }
    return out;
  }
}
