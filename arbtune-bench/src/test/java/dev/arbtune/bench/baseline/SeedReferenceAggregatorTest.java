package dev.arbtune.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.bench.gen.ResultDirGenerator;
import dev.arbtune.bench.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedReferenceAggregatorTest {

  @TempDir static Path tmp;

  private static Path results;

  @BeforeAll
  static void generate() {
    results = tmp.resolve("results");
    Tools.Result r =
        Tools.run(
            new ResultDirGenerator(),
            "--out",
            results.toString(),
            "--count",
            "600",
            "--files-per-dir",
            "250",
            "--broken-fraction",
            "0.2");
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  private static List<String> rankedIds(Tools.Result r) {
    List<String> ids = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      if (line.startsWith("rank=")) {
        ids.add(line.split(" ")[1].substring("job_id=".length()));
      }
    }
    return ids;
  }

  private static void assertSameAsCore(Tools.Result r, AggregatedSummary core) {
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.number("total_jobs")).isEqualTo(core.totalJobs());
    assertThat(r.number("success_jobs")).isEqualTo(core.successJobs());
    assertThat(r.number("error_jobs")).isEqualTo(core.errorJobs());
    assertThat(rankedIds(r))
        .isNotEmpty()
        .containsExactlyElementsOf(
            core.topByPnl().stream().map(AggregatedJobResult::jobId).toList());
  }

  @Test
  void countsAndRanksLikeTheCoreAggregator() throws IOException {
    Tools.Result r = Tools.run(new SeedReferenceAggregator(), "--results-dir", results.toString());
    AggregatedSummary core =
        TuningResultsAggregator.builder(results).maxResults(10).build().summarize();
    assertThat(core.errorJobs()).isGreaterThan(80);
    assertSameAsCore(r, core);
    assertThat(rankedIds(r)).hasSize(10);
  }

  @Test
  void filtersLikeTheCoreAggregator() throws IOException {
    Tools.Result r =
        Tools.run(
            new SeedReferenceAggregator(),
            "--results-dir",
            results.toString(),
            "--max-drawdown-pct",
            "2",
            "--min-trades",
            "40",
            "--max-results",
            "25");
    AggregatedSummary core =
        TuningResultsAggregator.builder(results)
            .maxResults(25)
            .maxDrawdownPct(2.0)
            .minTrades(40)
            .build()
            .summarize();
    assertSameAsCore(r, core);
  }

  @Test
  void treatsDataAfterTheDocumentAsAnErrorLikePythonsJsonLoad() throws IOException {
    Path dir = tmp.resolve("extra");
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("a.json"), "{\"status\": \"success\"}\n{\"status\": \"success\"}");
    Files.writeString(dir.resolve("b.json"), "{\"status\": \"success\"}\n");
    Tools.Result r = Tools.run(new SeedReferenceAggregator(), "--results-dir", dir.toString());
    assertThat(r.number("total_jobs")).isEqualTo(2);
    assertThat(r.number("error_jobs")).isEqualTo(1);
  }

  @Test
  void missingFolderIsAnInputError() {
    Tools.Result r =
        Tools.run(new SeedReferenceAggregator(), "--results-dir", tmp.resolve("nope").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("not found").contains("nope");
  }
}
