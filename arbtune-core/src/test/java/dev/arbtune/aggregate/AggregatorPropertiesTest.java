package dev.arbtune.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.Docs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the aggregator over generated result directories. */
class AggregatorPropertiesTest {

  /** One generated file: where it goes and what it holds. */
  record GeneratedFile(String path, String content) {}

  @Provide
  Arbitrary<List<GeneratedFile>> directories() {
    Arbitrary<String> jobId = Arbitraries.of("a", "b", "c", "d", "e", "job_0001", "job_0002");
    Arbitrary<String> pnl =
        Arbitraries.oneOf(
            Arbitraries.integers().between(-50, 50).map(i -> Integer.toString(i * 25)),
            Arbitraries.doubles().between(-5000, 5000).map(d -> Double.toString(d)),
            Arbitraries.of("0", "-0.0", "NaN", "\"12\"", "null"));
    Arbitrary<String> metric =
        Arbitraries.oneOf(
            Arbitraries.doubles().between(0, 40).map(d -> Double.toString(d)),
            Arbitraries.integers().between(0, 40).map(i -> Integer.toString(i)),
            Arbitraries.of("Infinity", "\"x\""));
    Arbitrary<Boolean> present = Arbitraries.of(true, true, true, false);
    Arbitrary<String> goodDoc =
        Combinators.combine(jobId, pnl, metric, metric, present, present, present)
            .as(
                (id, p, dd, trades, hasPnl, hasDd, hasTrades) -> {
                  List<String> fields = new ArrayList<>();
                  if (hasPnl) {
                    fields.add("\"realized_pnl_usd\": " + p);
                  }
                  if (hasDd) {
                    fields.add("\"max_drawdown_pct\": " + dd);
                  }
                  if (hasTrades) {
                    fields.add("\"total_trades\": " + trades);
                  }
                  return Docs.withMetrics(id, "{" + String.join(", ", fields) + "}");
                });
    Arbitrary<String> badDoc =
        Arbitraries.of(
            "",
            "{",
            "[]",
            "null",
            "{ invalid json }",
            "{\"status\": \"error\", \"error\": \"x\"}",
            "{\"status\": \"success\", \"metrics\": []}",
            "{\"status\": \"success\"} {}");
    Arbitrary<String> content =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, goodDoc), net.jqwik.api.Tuple.of(1, badDoc));
    Arbitrary<String> folder = Arbitraries.of("", "s1/", "s2/deeper/");
    Arbitrary<GeneratedFile> file =
        Combinators.combine(folder, Arbitraries.integers().between(0, 9999), content)
            .as(
                (dir, n, text) ->
                    new GeneratedFile(dir + String.format(Locale.ROOT, "f%04d.json", n), text));
    return file.list().ofMaxSize(40).uniqueElements(GeneratedFile::path);
  }

  @Provide
  Arbitrary<Double> maxDrawdowns() {
    return Arbitraries.oneOf(
        Arbitraries.just(null), Arbitraries.doubles().between(0, 40).ofScale(1));
  }

  @Provide
  Arbitrary<Integer> minTrades() {
    return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.integers().between(0, 40));
  }

  @Property(tries = 60)
  void summariesAreConsistentSortedFilteredAndReproducible(
      @ForAll("directories") List<GeneratedFile> files,
      @ForAll @IntRange(min = 0, max = 12) int maxResults,
      @ForAll("maxDrawdowns") Double maxDrawdown,
      @ForAll("minTrades") Integer minTrades)
      throws IOException {
    Path dir = Files.createTempDirectory("arbtune-prop");
    try {
      for (GeneratedFile f : files) {
        Docs.write(dir, f.path(), f.content());
      }
      TuningResultsAggregator aggregator =
          TuningResultsAggregator.builder(dir)
              .maxResults(maxResults)
              .maxDrawdownPct(maxDrawdown)
              .minTrades(minTrades)
              .build();
      AggregatedSummary s = aggregator.summarize();

      assertThat(s.totalJobs()).isEqualTo(files.size());
      assertThat(s.successJobs() + s.errorJobs()).isEqualTo(s.totalJobs());
      assertThat(s.topByPnl()).hasSizeLessThanOrEqualTo(maxResults);
      assertThat(s.topByPnl()).isSortedAccordingTo(Ranking.byPnl());
      for (AggregatedJobResult job : s.topByPnl()) {
        assertThat(job.isSuccess()).isTrue();
        if (maxDrawdown != null) {
          assertThat(job.metric("max_drawdown_pct").getAsDouble()).isLessThanOrEqualTo(maxDrawdown);
        }
        if (minTrades != null) {
          assertThat(job.metric("total_trades").orElse(0)).isGreaterThanOrEqualTo(minTrades);
        }
      }

      // The streaming top-K equals filtering and fully sorting every job.
      List<AggregatedJobResult> all = aggregator.loadResults();
      assertThat(all.stream().filter(AggregatedJobResult::isSuccess).count())
          .isEqualTo(s.successJobs());
      List<AggregatedJobResult> expected =
          all.stream()
              .filter(AggregatedJobResult::isSuccess)
              .filter(aggregator::passesFilters)
              .sorted(Ranking.byPnl())
              .limit(maxResults)
              .toList();
      assertThat(s.topByPnl()).isEqualTo(expected);

      AggregatedSummary again = aggregator.summarize();
      assertThat(SummaryJson.toJson(again)).isEqualTo(SummaryJson.toJson(s));
      assertThat(SummaryText.format(again)).isEqualTo(SummaryText.format(s));
    } finally {
      deleteTree(dir);
    }
  }

  @Property(tries = 40)
  void summaryIsIdenticalWithOneThreadAndWithMany(
      @ForAll("directories") List<GeneratedFile> files,
      @ForAll @IntRange(min = 0, max = 8) int maxResults,
      @ForAll @IntRange(min = 0, max = 6) int maxErrors,
      @ForAll("metrics") String sortBy)
      throws IOException {
    Path dir = Files.createTempDirectory("arbtune-prop");
    try {
      StringBuilder jsonl = new StringBuilder();
      for (GeneratedFile f : files) {
        Docs.write(dir, f.path(), f.content());
        jsonl.append(f.content().replace('\n', ' ')).append('\n');
      }
      Docs.write(dir, "log/all.jsonl", jsonl.toString());
      java.util.function.IntFunction<String> run =
          threads -> {
            try {
              return SummaryJson.toJson(
                  TuningResultsAggregator.builder(dir)
                      .maxResults(maxResults)
                      .maxErrors(maxErrors)
                      .ranking(RankingSpec.by(sortBy))
                      .pareto(true)
                      .threads(threads)
                      .build()
                      .summarize());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          };
      String one = run.apply(1);
      assertThat(run.apply(2)).isEqualTo(one);
      assertThat(run.apply(5)).isEqualTo(one);
    } finally {
      deleteTree(dir);
    }
  }

  @Provide
  Arbitrary<String> metrics() {
    return Arbitraries.of("realized_pnl_usd", "max_drawdown_pct", "total_trades", "win_rate", "x");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
