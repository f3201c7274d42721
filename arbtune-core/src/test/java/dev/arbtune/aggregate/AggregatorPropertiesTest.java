package dev.arbtune.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.Docs;
import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of the aggregator over generated result directories. */
class AggregatorPropertiesTest {

  /** One generated file: where it goes and what it holds. */
  record GeneratedFile(String path, String content) {}

  static Gen<List<GeneratedFile>> directories() {
    Gen<String> jobId = Gen.of("a", "b", "c", "d", "e", "job_0001", "job_0002");
    Gen<String> pnl =
        Gen.oneOf(
            Gen.ints(-50, 50).map(i -> Integer.toString(i * 25)),
            Gen.oneOf(Gen.decimals(-5000, 5000, 2), Gen.doubles(-5000, 5000))
                .map(d -> Double.toString(d)),
            Gen.of("0", "-0.0", "NaN", "\"12\"", "null"));
    Gen<String> metric =
        Gen.oneOf(
            Gen.oneOf(Gen.decimals(0, 40, 2), Gen.doubles(0, 40)).map(d -> Double.toString(d)),
            Gen.ints(0, 40).map(i -> Integer.toString(i)),
            Gen.of("Infinity", "\"x\""));
    Gen<Boolean> present = Gen.of(true, true, true, false);
    Gen<String> goodDoc =
        s -> {
          String id = jobId.draw(s);
          String p = pnl.draw(s);
          String dd = metric.draw(s);
          String trades = metric.draw(s);
          List<String> fields = new ArrayList<>();
          if (present.draw(s)) {
            fields.add("\"realized_pnl_usd\": " + p);
          }
          if (present.draw(s)) {
            fields.add("\"max_drawdown_pct\": " + dd);
          }
          if (present.draw(s)) {
            fields.add("\"total_trades\": " + trades);
          }
          return Docs.withMetrics(id, "{" + String.join(", ", fields) + "}");
        };
    Gen<String> badDoc =
        Gen.of(
            "",
            "{",
            "[]",
            "null",
            "{ invalid json }",
            "{\"status\": \"error\", \"error\": \"x\"}",
            "{\"status\": \"success\", \"metrics\": []}",
            "{\"status\": \"success\"} {}");
    Gen<String> content = Gen.frequencyOf(Gen.w(4, goodDoc), Gen.w(1, badDoc));
    Gen<String> folder = Gen.of("", "s1/", "s2/deeper/");
    Gen<Integer> number = Gen.ints(0, 9999);
    Gen<GeneratedFile> file =
        s -> {
          String dir = folder.draw(s);
          int n = number.draw(s);
          return new GeneratedFile(
              dir + String.format(Locale.ROOT, "f%04d.json", n), content.draw(s));
        };
    return file.uniqueList(40, GeneratedFile::path);
  }

  static Gen<Double> maxDrawdowns() {
    return Gen.oneOf(Gen.just(null), Gen.decimals(0, 40, 1));
  }

  static Gen<Integer> minTrades() {
    return Gen.oneOf(Gen.just(null), Gen.ints(0, 40));
  }

  static Stream<Arguments> summariesAreConsistentSortedFilteredAndReproducible() {
    return Tries.of(60, directories(), Gen.ints(0, 12), maxDrawdowns(), minTrades());
  }

  @PropertyTest
  @MethodSource
  void summariesAreConsistentSortedFilteredAndReproducible(
      List<GeneratedFile> files, int maxResults, Double maxDrawdown, Integer minTrades)
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

  static Stream<Arguments> summaryIsIdenticalWithOneThreadAndWithMany() {
    return Tries.of(40, directories(), Gen.ints(0, 8), Gen.ints(0, 6), metrics());
  }

  @PropertyTest
  @MethodSource
  void summaryIsIdenticalWithOneThreadAndWithMany(
      List<GeneratedFile> files, int maxResults, int maxErrors, String sortBy) throws IOException {
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

  static Gen<String> metrics() {
    return Gen.of("realized_pnl_usd", "max_drawdown_pct", "total_trades", "win_rate", "x");
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
