package dev.arbtune.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.CollectedSummary;
import dev.arbtune.aggregate.JobStatus;
import dev.arbtune.aggregate.TuningResultsAggregator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InsightCollectorTest {

  @TempDir Path dir;

  private static AggregatedJobResult job(String id, Map<String, Object> config, double pnl) {
    return job(id, config, Map.of("realized_pnl_usd", pnl));
  }

  private static AggregatedJobResult job(
      String id, Map<String, Object> config, Map<String, Object> metrics) {
    return new AggregatedJobResult(
        id, null, config, metrics, JobStatus.SUCCESS, id + ".json", 0, null);
  }

  private Insights compute(InsightCollector c) throws IOException {
    AggregatedSummary empty = TuningResultsAggregator.of(dir).summarize();
    return Insights.compute(new CollectedSummary<>(empty, c), InsightOptions.DEFAULTS);
  }

  /** Two collectors with two values each of x (4 in all, the cap) and one more value of y. */
  @Test
  void mergedDistinctValuesUpToTheCapAreStillAnalysed() throws IOException {
    InsightCollector a = new InsightCollector(4, 0);
    InsightCollector b = new InsightCollector(4, 0);
    for (int i = 0; i < 4; i++) {
      (i < 2 ? a : b).accept(job("j" + i, Map.of("x", (long) i, "y", (long) i % 2), i));
    }
    a.merge(b);
    Insights in = compute(a);
    assertThat(in.skipped()).isEmpty();
    assertThat(in.parameters()).extracting(ParameterInsight::name).containsExactly("x", "y");
    assertThat(in.parameters().get(0).values()).hasSize(4);
  }

  @Test
  void mergedDistinctValuesBeyondTheCapAreNotAnalysed() throws IOException {
    InsightCollector a = new InsightCollector(4, 0);
    InsightCollector b = new InsightCollector(4, 0);
    for (int i = 0; i < 5; i++) {
      (i < 3 ? a : b).accept(job("j" + i, Map.of("x", (long) i, "y", (long) i % 2), i));
    }
    a.merge(b);
    Insights in = compute(a);
    assertThat(in.skipped()).extracting(SkippedParameter::name).containsExactly("x");
    assertThat(in.skipped().get(0).reason()).startsWith("more than 4 distinct values");
  }

  @Test
  void sharpeVarianceOfMergedCollectorsIsThatOfAllTheirJobs() throws IOException {
    // 1,000 Sharpe ratios around 5 (a large mean makes a naive merge lose digits), dealt
    // unevenly to three collectors
    Random random = new Random(9);
    List<Double> sharpe = new ArrayList<>();
    InsightCollector[] parts = {
      new InsightCollector(), new InsightCollector(), new InsightCollector()
    };
    for (int i = 0; i < 1000; i++) {
      double sr = 5 + random.nextGaussian() * 0.01;
      sharpe.add(sr);
      parts[i % 7 == 0 ? 0 : i % 2 + 1].acceptUnmatched(
          job("j" + i, Map.of("x", (long) i % 3), Map.of("sharpe_per_trade", sr)));
    }
    parts[1].merge(parts[2]);
    parts[0].merge(parts[1]);
    java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
    for (double x : sharpe) {
      sum = sum.add(new java.math.BigDecimal(x));
    }
    java.math.BigDecimal mean = sum.divide(java.math.BigDecimal.valueOf(1000), Moments.PRECISION);
    java.math.BigDecimal ss = java.math.BigDecimal.ZERO;
    for (double x : sharpe) {
      java.math.BigDecimal d = new java.math.BigDecimal(x).subtract(mean);
      ss = ss.add(d.multiply(d));
    }
    double expected = ss.divide(java.math.BigDecimal.valueOf(999), Moments.PRECISION).doubleValue();
    SelectionBias b = compute(parts[0]).selectionBias();
    assertThat(b.sharpeJobs()).isEqualTo(1000);
    assertThat(b.trials()).isEqualTo(1000);
    assertThat(b.sharpeVariance()).isEqualTo(expected);
    assertThat(b.sharpeVariance()).isCloseTo(1e-4, within(2e-5));
  }

  @Test
  void keysInEveryJobAreTrackedAndOthersAreCappedAndCounted() throws IOException {
    InsightCollector c = new InsightCollector(256, 0, 3);
    for (int i = 0; i < 100; i++) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("zz_spread", (long) i % 4); // in every job: tracked, though last by name
      config.put(String.format("id_%03d", i), 1L); // a key of its own
      c.accept(job("j" + i, config, i % 4 * 10.0));
    }
    Insights in = compute(c);
    assertThat(in.parameters()).extracting(ParameterInsight::name).containsExactly("zz_spread");
    assertThat(in.parameters().get(0).etaSquared()).isEqualTo(1.0);
    // the first 3 of the partial keys by name, then a count of the rest
    assertThat(in.skipped())
        .containsExactly(
            new SkippedParameter("id_000", "missing from 99 of 100 jobs"),
            new SkippedParameter("id_001", "missing from 99 of 100 jobs"),
            new SkippedParameter("id_002", "missing from 99 of 100 jobs"));
    assertThat(in.untrackedKeys()).isEqualTo(97);
    assertThat(in.untrackedKeysExact()).isTrue();
    assertThat(InsightsText.format(in))
        .contains("  and 97 more keys not analysed: too many distinct keys")
        .doesNotContain("id_003");
  }

  @Test
  void trackedKeysDoNotDependOnHowJobsAreSplitOrOrdered() throws IOException {
    List<AggregatedJobResult> jobs = new ArrayList<>();
    Random random = new Random(4);
    for (int i = 0; i < 400; i++) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("p", (long) i % 5);
      config.put("k" + random.nextInt(60), 1L); // 60 partial keys (and q): 10 tracked, 51 not
      if (i % 3 == 0) {
        config.put("q", (long) i % 2); // in a third of the jobs
      }
      jobs.add(job("j" + i, config, random.nextGaussian() * 50 + i % 5));
    }
    InsightCollector one = new InsightCollector(256, 0, 10);
    jobs.forEach(one::accept);
    String expected = Sessions.json(compute(one));
    for (int seed = 0; seed < 5; seed++) {
      List<AggregatedJobResult> shuffled = new ArrayList<>(jobs);
      java.util.Collections.shuffle(shuffled, new Random(seed));
      InsightCollector[] parts = new InsightCollector[2 + seed];
      for (int p = 0; p < parts.length; p++) {
        parts[p] = new InsightCollector(256, 0, 10);
      }
      for (int i = 0; i < shuffled.size(); i++) {
        parts[(i * 7 + seed) % parts.length].accept(shuffled.get(i));
      }
      for (int p = parts.length - 1; p > 0; p--) {
        parts[p - 1].merge(parts[p]);
      }
      assertThat(Sessions.json(compute(parts[0]))).as("seed " + seed).isEqualTo(expected);
    }
    assertThat(expected).contains("\"untracked_keys\": 51");
  }
}
