package dev.arbtune.aggregate;

import static dev.arbtune.testing.Docs.success;
import static dev.arbtune.testing.Docs.withMetrics;
import static dev.arbtune.testing.Docs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.result.ErrorKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuningResultsAggregatorTest {

  @TempDir Path dir;

  private AggregatedSummary summarize() throws IOException {
    return TuningResultsAggregator.of(dir).summarize();
  }

  private static List<String> ids(AggregatedSummary s) {
    return s.topByPnl().stream().map(AggregatedJobResult::jobId).toList();
  }

  private AggregatedJobResult onlyJob() throws IOException {
    List<AggregatedJobResult> all = TuningResultsAggregator.of(dir).loadResults();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void emptyDirectoryGivesZeroCounts() throws IOException {
    AggregatedSummary s = summarize();
    assertThat(s.totalJobs()).isZero();
    assertThat(s.successJobs()).isZero();
    assertThat(s.errorJobs()).isZero();
    assertThat(s.topByPnl()).isEmpty();
    assertThat(s.filters()).isEmpty();
  }

  @Test
  void oneFileIsOneSuccessJob() throws IOException {
    write(dir, "sess001_0001.json", success("sess001_0001", 1000.0, 5.0, 10));
    AggregatedSummary s = summarize();
    assertThat(s.totalJobs()).isEqualTo(1);
    assertThat(s.successJobs()).isEqualTo(1);
    AggregatedJobResult job = s.topByPnl().get(0);
    assertThat(job.jobId()).isEqualTo("sess001_0001");
    assertThat(job.tag()).isEqualTo("sess001");
    assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(job.source()).isEqualTo("sess001_0001.json");
    assertThat(job.error()).isNull();
    assertThat(job.metrics().get("realized_pnl_usd")).isEqualTo(new BigDecimal("1000.0"));
  }

  @Test
  void jobIdsThatDifferOnlyInEscapedLoneSurrogatesAreNotDuplicates() throws IOException {
    // Three different ids: Jackson reads "\\ud800" and "\\udc00" as lone surrogates.
    write(dir, "a.json", success("job\\ud800", 3.0, 5.0, 10));
    write(dir, "b.json", success("job\\udc00", 2.0, 5.0, 10));
    write(dir, "c.json", success("job?", 1.0, 5.0, 10));

    AggregatedSummary s = summarize();

    assertThat(ids(s)).containsExactly("job\uD800", "job\uDC00", "job?");
    assertThat(s.warnings()).extracting(Warning::kind).doesNotContain(Warning.DUPLICATE_JOB_ID);
  }

  @Test
  void manyFilesAreRankedByPnlDescending() throws IOException {
    double[] pnls = {150.0, -20.0, 1250.0, 950.0, 0.0, 1050.0};
    for (int i = 0; i < pnls.length; i++) {
      String id = "j" + i;
      write(dir, id + ".json", success(id, pnls[i], 5.0, 10));
    }
    assertThat(ids(summarize())).containsExactly("j2", "j5", "j3", "j0", "j4", "j1");
  }

  @Test
  void missingPnlRanksAsZero() throws IOException {
    write(dir, "pos.json", withMetrics("pos", "{\"realized_pnl_usd\": 1}"));
    write(dir, "neg.json", withMetrics("neg", "{\"realized_pnl_usd\": -1}"));
    write(dir, "none.json", withMetrics("none", "{}"));
    assertThat(ids(summarize())).containsExactly("pos", "none", "neg");
  }

  @Test
  void tiesBreakByJobIdThenPath() throws IOException {
    write(dir, "b/x.json", withMetrics("same", "{\"realized_pnl_usd\": 5}"));
    write(dir, "a/x.json", withMetrics("same", "{\"realized_pnl_usd\": 5.0}"));
    write(dir, "c.json", withMetrics("alpha", "{\"realized_pnl_usd\": 5}"));
    write(dir, "z.json", withMetrics("zeta", "{\"realized_pnl_usd\": -0.0}"));
    write(dir, "y.json", withMetrics("eta", "{\"realized_pnl_usd\": 0}"));
    AggregatedSummary s = summarize();
    assertThat(s.topByPnl())
        .extracting(AggregatedJobResult::jobId, AggregatedJobResult::source)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alpha", "c.json"),
            org.assertj.core.groups.Tuple.tuple("same", "a/x.json"),
            org.assertj.core.groups.Tuple.tuple("same", "b/x.json"),
            org.assertj.core.groups.Tuple.tuple("eta", "y.json"),
            org.assertj.core.groups.Tuple.tuple("zeta", "z.json"));
  }

  @Test
  void jobIdFallsBackToFileNameWithoutJson() throws IOException {
    write(dir, "run_7.json", "{\"status\":\"success\",\"config_summary\":{\"job_id\":\"\"}}");
    assertThat(onlyJob().jobId()).isEqualTo("run_7");
  }

  @Test
  void jobIdFallsBackWhenConfigSummaryIsNotAnObject() throws IOException {
    write(dir, "run_8.json", "{\"status\":\"success\",\"config_summary\":\"x\"}");
    assertThat(onlyJob().jobId()).isEqualTo("run_8");
  }

  @Test
  void maxDrawdownFilterKeepsJobsAtOrBelowTheLimitAndDropsJobsWithoutIt() throws IOException {
    write(dir, "a.json", success("a", 100, 15.0, 10));
    write(dir, "b.json", success("b", 200, 15.01, 10));
    write(dir, "c.json", success("c", 50, 3.0, 10));
    write(dir, "d.json", withMetrics("d", "{\"realized_pnl_usd\": 500}"));
    AggregatedSummary s =
        TuningResultsAggregator.builder(dir).maxDrawdownPct(15.0).build().summarize();
    assertThat(ids(s)).containsExactly("a", "c");
    assertThat(s.successJobs()).isEqualTo(4);
    assertThat(s.filters()).containsExactly(Map.entry("max_drawdown_pct", 15.0));
  }

  @Test
  void minTradesFilterCountsMissingAsZero() throws IOException {
    write(dir, "a.json", success("a", 100, 1.0, 5));
    write(dir, "b.json", success("b", 200, 1.0, 4));
    write(dir, "c.json", withMetrics("c", "{\"realized_pnl_usd\": 500}"));
    write(dir, "d.json", withMetrics("d", "{\"realized_pnl_usd\": 50, \"total_trades\": 5.0}"));
    AggregatedSummary s = TuningResultsAggregator.builder(dir).minTrades(5).build().summarize();
    assertThat(ids(s)).containsExactly("a", "d");
    assertThat(s.filters()).containsExactly(Map.entry("min_trades", 5));
    AggregatedSummary zero = TuningResultsAggregator.builder(dir).minTrades(0).build().summarize();
    assertThat(ids(zero)).containsExactly("c", "b", "a", "d");
  }

  @Test
  void bothFiltersAreRecordedInSeedOrder() throws IOException {
    AggregatedSummary s =
        TuningResultsAggregator.builder(dir).minTrades(5).maxDrawdownPct(15.0).build().summarize();
    assertThat(s.filters().keySet()).containsExactly("max_drawdown_pct", "min_trades");
  }

  @Test
  void maxResultsKeepsTheBest() throws IOException {
    for (int i = 0; i < 30; i++) {
      write(dir, "j" + i + ".json", success("j" + String.format("%02d", i), i * 10.0, 1.0, 5));
    }
    AggregatedSummary s = TuningResultsAggregator.builder(dir).maxResults(3).build().summarize();
    assertThat(ids(s)).containsExactly("j29", "j28", "j27");
    assertThat(s.totalJobs()).isEqualTo(30);
    assertThat(TuningResultsAggregator.builder(dir).maxResults(0).build().summarize().topByPnl())
        .isEmpty();
    assertThat(TuningResultsAggregator.of(dir).maxResults()).isEqualTo(100);
    assertThat(TuningResultsAggregator.of(dir).summarize().topByPnl()).hasSize(30);
  }

  @Test
  void negativeMaxResultsIsRefused() {
    assertThatThrownBy(() -> TuningResultsAggregator.builder(dir).maxResults(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void errorJobsAreCountedButNeverRanked() throws IOException {
    write(dir, "ok.json", success("ok", 10, 1.0, 5));
    write(
        dir,
        "failed.json",
        "{\"status\":\"error\",\"error\":\"boom\",\"metrics\":{\"realized_pnl_usd\":1e9}}");
    write(dir, "odd.json", "{\"status\":\"SUCCESS\",\"metrics\":{\"realized_pnl_usd\":1e9}}");
    write(dir, "bad.json", "{ invalid json }");
    AggregatedSummary s = summarize();
    assertThat(s.totalJobs()).isEqualTo(4);
    assertThat(s.successJobs()).isEqualTo(1);
    assertThat(s.errorJobs()).isEqualTo(3);
    assertThat(ids(s)).containsExactly("ok");
  }

  @Test
  void everyKindOfBadInputIsOneErrorJobAndTheRestIsStillAggregated() throws IOException {
    byte[] notUtf8 = {'{', '"', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    char[] deep = new char[100_000];
    Arrays.fill(deep, '[');
    Map<String, Object> bad = new TreeMap<>();
    bad.put("empty.json", "");
    bad.put("truncated.json", "{\"status\": \"success\", \"metrics\": {\"realized_pnl_usd\": 1");
    bad.put("invalid.json", "{ invalid json }");
    bad.put("array.json", "[{\"status\": \"success\"}]");
    bad.put("number.json", "42");
    bad.put("null.json", "null");
    bad.put("trailing.json", "{\"status\": \"success\"} garbage");
    bad.put("not-utf8.json", notUtf8);
    bad.put("deep.json", new String(deep));
    bad.put("deep-inside.json", "{\"status\":\"success\",\"config\":" + new String(deep));
    bad.put(
        "long-number.json", withMetrics("x", "{\"realized_pnl_usd\": " + "1".repeat(3000) + "}"));
    bad.put("config-array.json", "{\"status\": \"success\", \"config\": []}");
    bad.put("metrics-string.json", "{\"status\": \"success\", \"metrics\": \"n/a\"}");
    bad.put("pnl-string.json", withMetrics("x", "{\"realized_pnl_usd\": \"12.5\"}"));
    bad.put("pnl-nan.json", withMetrics("x", "{\"realized_pnl_usd\": NaN}"));
    bad.put("pnl-inf.json", withMetrics("x", "{\"realized_pnl_usd\": Infinity}"));
    bad.put("dd-neg-inf.json", withMetrics("x", "{\"max_drawdown_pct\": -Infinity}"));
    bad.put("dd-null.json", withMetrics("x", "{\"max_drawdown_pct\": null}"));
    bad.put("trades-bool.json", withMetrics("x", "{\"total_trades\": true}"));
    bad.put("pnl-overflow.json", withMetrics("x", "{\"realized_pnl_usd\": 1e400}"));
    for (Map.Entry<String, Object> e : bad.entrySet()) {
      if (e.getValue() instanceof byte[] b) {
        write(dir, e.getKey(), b);
      } else {
        write(dir, e.getKey(), (String) e.getValue());
      }
    }
    write(dir, "good1.json", success("good1", 10, 1.0, 5));
    write(dir, "good2.json", success("good2", 20, 1.0, 5));

    AggregatedSummary s = summarize();
    assertThat(s.totalJobs()).isEqualTo(bad.size() + 2);
    assertThat(s.errorJobs()).isEqualTo(bad.size());
    assertThat(ids(s)).containsExactly("good2", "good1");

    Map<String, ErrorKind> kinds = new TreeMap<>();
    for (AggregatedJobResult job : TuningResultsAggregator.of(dir).loadResults()) {
      if (!job.isSuccess()) {
        kinds.put(job.source(), job.error().kind());
        assertThat(job.error().message()).isNotBlank();
      }
    }
    assertThat(kinds)
        .containsEntry("empty.json", ErrorKind.EMPTY)
        .containsEntry("truncated.json", ErrorKind.MALFORMED_JSON)
        .containsEntry("invalid.json", ErrorKind.MALFORMED_JSON)
        .containsEntry("array.json", ErrorKind.NOT_AN_OBJECT)
        .containsEntry("number.json", ErrorKind.NOT_AN_OBJECT)
        .containsEntry("null.json", ErrorKind.NOT_AN_OBJECT)
        .containsEntry("trailing.json", ErrorKind.MALFORMED_JSON)
        .containsEntry("not-utf8.json", ErrorKind.MALFORMED_JSON)
        .containsEntry("deep.json", ErrorKind.NOT_AN_OBJECT)
        .containsEntry("deep-inside.json", ErrorKind.MALFORMED_JSON)
        .containsEntry("long-number.json", ErrorKind.MALFORMED_JSON)
        .containsEntry("config-array.json", ErrorKind.INVALID_FIELD)
        .containsEntry("metrics-string.json", ErrorKind.INVALID_FIELD)
        .containsEntry("pnl-string.json", ErrorKind.INVALID_METRIC)
        .containsEntry("pnl-nan.json", ErrorKind.INVALID_METRIC)
        .containsEntry("pnl-inf.json", ErrorKind.INVALID_METRIC)
        .containsEntry("dd-neg-inf.json", ErrorKind.INVALID_METRIC)
        .containsEntry("dd-null.json", ErrorKind.INVALID_METRIC)
        .containsEntry("trades-bool.json", ErrorKind.INVALID_METRIC)
        .containsEntry("pnl-overflow.json", ErrorKind.INVALID_METRIC)
        .hasSize(bad.size());
  }

  @Test
  void invalidMetricMessageNamesTheMetricAndValue() throws IOException {
    write(dir, "x.json", withMetrics("x", "{\"realized_pnl_usd\": \"12.5\"}"));
    AggregatedJobResult job = onlyJob();
    assertThat(job.status()).isEqualTo(JobStatus.ERROR);
    assertThat(job.jobId()).isEqualTo("x");
    assertThat(job.error().message())
        .isEqualTo("metrics.realized_pnl_usd is the string \"12.5\", expected a finite number");
  }

  @Test
  void statusErrorKeepsTheDocumentsMessageConfigAndTag() throws IOException {
    write(
        dir,
        "e.json",
        "{\"status\":\"error\",\"error\":\"data_file not found\",\"config\":{\"tag\":\"s1\"},"
            + "\"config_summary\":{\"job_id\":\"s1_0003\"}}");
    AggregatedJobResult job = onlyJob();
    assertThat(job.jobId()).isEqualTo("s1_0003");
    assertThat(job.tag()).isEqualTo("s1");
    assertThat(job.config()).containsEntry("tag", "s1");
    assertThat(job.error()).isEqualTo(new JobError(ErrorKind.STATUS_ERROR, "data_file not found"));
  }

  @Test
  void missingStatusIsAnError() throws IOException {
    write(dir, "m.json", "{\"metrics\":{\"realized_pnl_usd\":1}}");
    assertThat(onlyJob().error().message()).isEqualTo("no \"status\" field");
  }

  @Test
  void scansRecursivelyAndIgnoresOtherFiles() throws IOException {
    write(dir, "a/b/c/deep.json", success("deep", 1, 1, 1));
    write(dir, "top.json", success("top", 2, 1, 1));
    write(dir, "notes.txt", "not json");
    write(dir, "data.json.bak", "{}");
    write(dir, "log.JSONL", "{}");
    Files.createDirectories(dir.resolve("dir.json"));
    AggregatedSummary s = summarize();
    assertThat(s.totalJobs()).isEqualTo(2);
    assertThat(s.topByPnl())
        .extracting(AggregatedJobResult::source)
        .containsExactly("top.json", "a/b/c/deep.json");
  }

  @Test
  void doesNotFollowSymlinkedDirectoriesButReadsSymlinkedFiles() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    write(outside, "elsewhere.json", success("elsewhere", 1, 1, 1));
    Path results = Files.createDirectories(dir.resolve("results"));
    write(results, "real.json", success("real", 2, 1, 1));
    Files.createSymbolicLink(results.resolve("linked-dir"), outside);
    Files.createSymbolicLink(results.resolve("linked.json"), outside.resolve("elsewhere.json"));
    Files.createSymbolicLink(results.resolve("dangling.json"), outside.resolve("gone.json"));
    List<AggregatedJobResult> all = TuningResultsAggregator.of(results).loadResults();
    assertThat(all)
        .extracting(AggregatedJobResult::source)
        .containsExactly("dangling.json", "linked.json", "real.json");
    assertThat(all.get(0).error().kind()).isEqualTo(ErrorKind.UNREADABLE);
    assertThat(all.get(1).jobId()).isEqualTo("elsewhere");
  }

  @Test
  void aResultsDirectoryThatIsASymlinkIsScanned() throws IOException {
    Path real = Files.createDirectories(dir.resolve("real"));
    write(real, "a.json", success("a", 1, 1, 1));
    Path link = Files.createSymbolicLink(dir.resolve("latest"), real);
    assertThat(TuningResultsAggregator.of(link).summarize().totalJobs()).isEqualTo(1);
  }

  @Test
  void missingDirectoryIsNoSuchFile() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> TuningResultsAggregator.of(missing).summarize())
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void fileInsteadOfDirectoryIsNotADirectory() {
    Path file = write(dir, "x.json", "{}");
    assertThatThrownBy(() -> TuningResultsAggregator.of(file).loadResults())
        .isInstanceOf(NotDirectoryException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void writesNothingIntoTheResultsDirectory() throws IOException {
    write(dir, "a.json", success("a", 1, 1, 1));
    write(dir, "sub/b.json", "{ broken");
    Map<String, FileTime> before = snapshot(dir);
    TuningResultsAggregator.builder(dir).maxDrawdownPct(5.0).minTrades(1).build().summarize();
    TuningResultsAggregator.of(dir).loadResults();
    assertThat(snapshot(dir)).isEqualTo(before);
  }

  @Test
  void loadResultsReturnsEveryJobOrderedBySource() throws IOException {
    write(dir, "b.json", success("b", 1, 1, 1));
    write(dir, "a.json", "{ broken");
    write(dir, "c/a.json", success("ca", 3, 1, 1));
    assertThat(TuningResultsAggregator.of(dir).loadResults())
        .extracting(AggregatedJobResult::source, AggregatedJobResult::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a.json", JobStatus.ERROR),
            org.assertj.core.groups.Tuple.tuple("b.json", JobStatus.SUCCESS),
            org.assertj.core.groups.Tuple.tuple("c/a.json", JobStatus.SUCCESS));
  }

  private static Map<String, FileTime> snapshot(Path root) throws IOException {
    Map<String, FileTime> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        files.put(root.relativize(p).toString(), Files.getLastModifiedTime(p));
      }
    }
    return files;
  }

  /** Collects the ids of the jobs it is fed. */
  static final class IdCollector implements JobCollector<IdCollector> {
    final List<String> ids = new java.util.ArrayList<>();
    final List<String> unmatched = new java.util.ArrayList<>();

    @Override
    public void accept(AggregatedJobResult job) {
      ids.add(job.jobId());
    }

    @Override
    public void acceptUnmatched(AggregatedJobResult job) {
      unmatched.add(job.jobId());
    }

    @Override
    public void merge(IdCollector other) {
      ids.addAll(other.ids);
      unmatched.addAll(other.unmatched);
    }
  }

  @Test
  void collectorsSeeEverySuccessJobThatPassesTheFiltersOnceAcrossThreads() throws IOException {
    for (int i = 0; i < 200; i++) {
      write(dir, "s/j" + i + ".json", success("j" + i, i, i % 20, 5));
    }
    write(dir, "bad.json", "{ broken");
    CollectedSummary<IdCollector> r =
        TuningResultsAggregator.builder(dir)
            .maxDrawdownPct(9.0)
            .threads(4)
            .build()
            .summarize(new ScanProgress(), IdCollector::new);
    assertThat(r.collected().ids).hasSize(100).doesNotHaveDuplicates();
    assertThat(r.summary().matchedJobs()).isEqualTo(100);
    assertThat(r.collected().ids).contains("j0", "j9", "j180").doesNotContain("j10", "j19");
    assertThat(r.collected().unmatched).hasSize(100).contains("j10", "j19").doesNotContain("j0");
  }
}
