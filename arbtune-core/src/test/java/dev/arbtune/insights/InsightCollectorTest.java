package dev.arbtune.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.CollectedSummary;
import dev.arbtune.aggregate.JobStatus;
import dev.arbtune.aggregate.ScanProgress;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.testing.GridDocs;
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

  /** 10 jobs: keys p00..p09 vary (10 values), f is fixed, and q varies in jobs 0-4 only. */
  private static List<AggregatedJobResult> tenVaryingKeys() {
    List<AggregatedJobResult> jobs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("f", "fixed");
      for (int k = 9; k >= 0; k--) { // not in name order
        config.put(String.format("p%02d", k), (long) (i * (k + 1)));
      }
      jobs.add(job("j" + i, config, i * 10.0 - 45));
    }
    return jobs;
  }

  @Test
  void onlyTheFirstVaryingKeysByNameAreAnalysedAndTheOthersAreListed() throws IOException {
    InsightCollector c = new InsightCollector(256, 0, 256, 3);
    tenVaryingKeys().forEach(c::accept);
    Insights in = compute(c);
    assertThat(in.parameters())
        .extracting(ParameterInsight::name)
        .containsExactlyInAnyOrder("p00", "p01", "p02");
    assertThat(in.parameters().get(0).values()).hasSize(10);
    assertThat(in.fixed()).containsExactly("f");
    assertThat(in.skipped())
        .extracting(SkippedParameter::name)
        .containsExactly("p03", "p04", "p05", "p06", "p07", "p08", "p09");
    assertThat(in.skipped())
        .allSatisfy(
            s -> {
              assertThat(s.beyondCap()).isTrue();
              assertThat(s.reason())
                  .isEqualTo(
                      "more than 3 parameters vary: 3 are analysed (those in every job first, then"
                          + " by name), to bound memory");
            });
    assertThat(InsightsText.format(in))
        .contains(
            "  Not analysed: 7 more varying parameters beyond the 3 analysed (those in every job"
                + " first, then by name: a cap that bounds memory; the JSON summary lists them all):"
                + " p03, p04, p05, p06, p07, ...\n")
        .doesNotContain("Not analysed: p0");
    assertThat(Sessions.json(in))
        .contains("\"name\": \"p09\",\n      \"reason\": \"more than 3 parameters vary");
  }

  @Test
  void theCapCountsOnlyKeysThatVaryAndKeepsEveryNumberOfTheAnalysedOnes() throws IOException {
    InsightCollector capped = new InsightCollector(256, 0, 256, 3);
    InsightCollector full = new InsightCollector(256, 0, 256, 64);
    for (AggregatedJobResult j : tenVaryingKeys()) {
      capped.accept(j);
      full.accept(j);
    }
    Insights a = compute(capped);
    Insights b = compute(full);
    assertThat(a.parameters())
        .isEqualTo(b.parameters().stream().filter(p -> p.name().compareTo("p03") < 0).toList());
    assertThat(a.robustness()).isEqualTo(b.robustness());
    assertThat(a.distribution()).isEqualTo(b.distribution());
  }

  /** Every fifth job (by the number in its id) failed the filters; the others passed. */
  private static void see(InsightCollector c, AggregatedJobResult j) {
    if (Integer.parseInt(j.jobId().substring(1)) % 5 == 0) {
      c.acceptUnmatched(j);
    } else {
      c.accept(j);
    }
  }

  /**
   * The insights of {@code jobs} dealt to {@code threads} collectors made by {@code collectors}
   * (job i to collector (7i + offset) mod threads) and merged, as {@link InsightCollector#collect}
   * computes them: with a second pass, dealt the same way, when the first was not complete.
   */
  private String insights(
      List<AggregatedJobResult> jobs,
      int threads,
      int offset,
      java.util.function.Supplier<InsightCollector> collectors,
      List<Boolean> secondPasses)
      throws IOException {
    InsightCollector[] parts = new InsightCollector[threads];
    for (int p = 0; p < parts.length; p++) {
      parts[p] = collectors.get();
    }
    for (int i = 0; i < jobs.size(); i++) {
      see(parts[(i * 7 + offset) % parts.length], jobs.get(i));
    }
    for (int p = parts.length - 1; p > 0; p--) {
      parts[p - 1].merge(parts[p]);
    }
    if (parts[0].complete()) {
      secondPasses.add(false);
      return Sessions.json(compute(parts[0]));
    }
    secondPasses.add(true);
    return insights(jobs, threads, offset, parts[0].secondPass(), new ArrayList<>());
  }

  @Test
  void cappedKeysDoNotDependOnHowJobsAreSplitOrOrdered() throws IOException {
    List<AggregatedJobResult> jobs = new ArrayList<>();
    Random random = new Random(5);
    for (int i = 0; i < 300; i++) {
      Map<String, Object> config = new LinkedHashMap<>();
      for (int k = 0; k < 12; k++) {
        // k00-k11: in every job; each has 1 to 4 values, some only after many jobs
        config.put(String.format("k%02d", k), (long) (i % (k % 4 + 1) == 0 || i < 200 ? 0 : k));
      }
      config.put("m" + random.nextInt(20), (long) random.nextInt(3)); // partial keys
      if (i % 4 != 0) {
        config.put("e", (long) i % 3); // missing from a quarter of the jobs
      }
      if (i % 50 != 7) {
        config.put("c" + i % 3, (long) i % 4); // in nearly every job, one of three keys
      }
      jobs.add(job("j" + i, config, random.nextGaussian() * 50 + i % 7));
    }
    List<Boolean> secondPasses = new ArrayList<>();
    java.util.function.Supplier<InsightCollector> capped = () -> new InsightCollector(256, 0, 8, 5);
    String expected = insights(jobs, 1, 0, capped, secondPasses);
    for (int seed = 0; seed < 12; seed++) {
      List<AggregatedJobResult> shuffled = new ArrayList<>(jobs);
      java.util.Collections.shuffle(shuffled, new Random(seed));
      assertThat(insights(shuffled, 1 + seed % 4, seed, capped, secondPasses))
          .as("seed " + seed)
          .isEqualTo(expected);
    }
    assertThat(expected).contains("5 are analysed (those in every job first");
    assertThat(secondPasses)
        .as("some splits needed a second pass, some did not")
        .contains(true, false);
  }

  @Test
  void keysInEveryJobComeFirstInTheCapWhateverTheirNames() throws IOException {
    InsightCollector c = new InsightCollector(256, 0, 256, 3);
    List<AggregatedJobResult> jobs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("z_spread", (long) i % 4); // in every job, last by name
      for (int k = 0; k < 6; k++) {
        if ((i + k) % 3 != 0) {
          config.put("a" + k, (long) i % 5); // missing from a third of the jobs, varying
        }
      }
      jobs.add(job("j" + i, config, i % 4 * 10.0));
    }
    jobs.forEach(c::accept);
    // a0 was dropped when a1 and a4 still looked like keys in every job: a second pass
    assertThat(c.complete()).isFalse();
    InsightCollector second = c.secondPass().get();
    jobs.forEach(second::accept);
    Insights in = compute(second);
    assertThat(in.parameters()).extracting(ParameterInsight::name).containsExactly("z_spread");
    assertThat(in.skipped())
        .extracting(SkippedParameter::name, SkippedParameter::beyondCap)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a0", false),
            org.assertj.core.groups.Tuple.tuple("a1", false),
            org.assertj.core.groups.Tuple.tuple("a2", true),
            org.assertj.core.groups.Tuple.tuple("a3", true),
            org.assertj.core.groups.Tuple.tuple("a4", true),
            org.assertj.core.groups.Tuple.tuple("a5", true));
  }

  /**
   * Jobs where keys b00-b02 vary and are in every job but the last, which instead has four keys
   * a0-a3 of its own; the key z varies too. With a cap of 2 partial keys and 3 parameters, a
   * collector that sees the last job last has dropped z (b00-b02 come first) before b00-b02 leave
   * the tracked keys: z, the only tracked key that varies, must be analysed all the same.
   */
  private static List<AggregatedJobResult> droppedThenNeeded() {
    List<AggregatedJobResult> jobs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("z", (long) i % 3);
      for (int k = 0; k < 3; k++) {
        config.put("b0" + k, (long) i);
      }
      jobs.add(job("j" + i, config, i * 3.0));
    }
    Map<String, Object> last = new LinkedHashMap<>();
    last.put("z", 1L);
    for (int k = 0; k < 4; k++) {
      last.put("a" + k, 1L);
    }
    jobs.add(job("last", last, 7.0));
    return jobs;
  }

  @Test
  void aParameterDroppedTooEarlyIsAnalysedInASecondPass() throws IOException {
    InsightCollector first = new InsightCollector(256, 0, 2, 3);
    droppedThenNeeded().forEach(first::accept);
    assertThat(first.complete()).isFalse();
    assertThat(first.analysedKeys()).containsExactly("z");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> compute(first))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("InsightCollector.collect");

    InsightCollector second = first.secondPass().get();
    droppedThenNeeded().forEach(second::accept);
    assertThat(second.complete()).isTrue();
    Insights in = compute(second);
    assertThat(in.parameters()).extracting(ParameterInsight::name).containsExactly("z");
    assertThat(in.parameters().get(0).values()).hasSize(3);

    // seen in another order, one pass is enough, with the same result
    List<AggregatedJobResult> lastFirst = new ArrayList<>(droppedThenNeeded());
    lastFirst.add(0, lastFirst.remove(lastFirst.size() - 1));
    InsightCollector other = new InsightCollector(256, 0, 2, 3);
    lastFirst.forEach(other::accept);
    assertThat(other.complete()).isTrue();
    assertThat(Sessions.json(compute(other))).isEqualTo(Sessions.json(in));
  }

  @Test
  void collectReadsTheResultsAgainWhenAThreadDroppedAParameterThatIsAnalysed() throws IOException {
    // the job without b00-b63 sorts last: one thread sees it last
    for (int i = 0; i < 70; i++) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("z", (long) i % 5);
      for (int k = 0; k < 64; k++) {
        config.put(String.format("b%02d", k), (long) i);
      }
      GridDocs.write(dir, String.format("j%02d", i), config, Map.of("realized_pnl_usd", i * 1.5));
    }
    Map<String, Object> last = new LinkedHashMap<>();
    last.put("z", 1L);
    for (int k = 0; k < 300; k++) {
      last.put(String.format("a%03d", k), 1L);
    }
    GridDocs.write(dir, "zz_last", last, Map.of("realized_pnl_usd", 2.0));
    String one = null;
    for (int threads : new int[] {1, 3}) {
      TuningResultsAggregator aggregator =
          TuningResultsAggregator.builder(dir).threads(threads).build();
      Insights in =
          Insights.compute(
              InsightCollector.collect(aggregator, new ScanProgress()), InsightOptions.DEFAULTS);
      assertThat(in.parameters()).extracting(ParameterInsight::name).containsExactly("z");
      assertThat(in.parameters().get(0).values()).hasSize(5);
      if (one == null) {
        one = Sessions.json(in);
      } else {
        assertThat(Sessions.json(in)).isEqualTo(one);
      }
    }
    InsightCollector firstPass =
        TuningResultsAggregator.builder(dir)
            .threads(1)
            .build()
            .summarize(new ScanProgress(), InsightCollector::new)
            .collected();
    assertThat(firstPass.complete()).as("one pass was not enough").isFalse();
  }
}
