package dev.arbtune.aggregate;

import static dev.arbtune.testing.Docs.success;
import static dev.arbtune.testing.Docs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.arbtune.result.ErrorKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultScannerTest {

  @TempDir Path dir;

  private static String line(String id, double pnl) {
    return success(id, pnl, 1.0, 3).replace("\n", " ");
  }

  private List<AggregatedJobResult> load() throws IOException {
    return TuningResultsAggregator.of(dir).loadResults();
  }

  @Test
  void eachJsonLinesLineIsOneJobWithItsLineNumber() throws IOException {
    write(
        dir,
        "part-0000.jsonl",
        line("a", 1)
            + "\n"
            + "\n"
            + "{ broken\n"
            + "   \n"
            + line("b", 2)
            + "\r\n"
            + "[1]\n"
            + line("c", 3));
    List<AggregatedJobResult> jobs = load();
    assertThat(jobs)
        .extracting(
            AggregatedJobResult::jobId, AggregatedJobResult::line, AggregatedJobResult::status)
        .containsExactly(
            tuple("a", 1, JobStatus.SUCCESS),
            tuple("part-0000:3", 3, JobStatus.ERROR),
            tuple("b", 5, JobStatus.SUCCESS),
            tuple("part-0000:6", 6, JobStatus.ERROR),
            tuple("c", 7, JobStatus.SUCCESS));
    assertThat(jobs.get(1).error().kind()).isEqualTo(ErrorKind.MALFORMED_JSON);
    assertThat(jobs.get(1).error().message()).startsWith("column ");
    assertThat(jobs.get(1).location()).isEqualTo("part-0000.jsonl:3");
    assertThat(jobs.get(3).error().kind()).isEqualTo(ErrorKind.NOT_AN_OBJECT);
  }

  @Test
  void linesLongerThanTheReadBlockAndManyBlocksKeepTheirNumbers() throws IOException {
    StringBuilder sb = new StringBuilder();
    String padding = "x".repeat(3 << 20); // one line of 3 MiB, longer than a 1 MiB block
    sb.append("{\"status\": \"success\", \"pad\": \"")
        .append(padding)
        .append("\", \"config_summary\": {\"job_id\": \"long\"}}\n");
    int n = 5000;
    for (int i = 2; i <= n; i++) {
      sb.append(line("j" + i, i)).append('\n');
    }
    write(dir, "big.jsonl", sb.toString());
    List<AggregatedJobResult> jobs = load();
    assertThat(jobs).hasSize(n);
    assertThat(jobs.get(0).jobId()).isEqualTo("long");
    for (int i = 1; i < n; i++) {
      assertThat(jobs.get(i).line()).isEqualTo(i + 1);
      assertThat(jobs.get(i).jobId()).isEqualTo("j" + (i + 1));
    }
  }

  @Test
  void emptyJsonLinesFileHasNoJobs() throws IOException {
    write(dir, "empty.jsonl", "");
    write(dir, "blank.jsonl", "\n\n  \n");
    assertThat(load()).isEmpty();
  }

  @Test
  void summaryDocumentsAmongTheResultsAreSkippedNotCounted() throws IOException {
    write(dir, "r/a.json", success("a", 5, 1, 1));
    write(dir, "r/b.json", "{ broken");
    AggregatedSummary first = TuningResultsAggregator.of(dir.resolve("r")).summarize();
    write(dir, "r/summary.json", SummaryJson.toJson(first));
    write(
        dir,
        "r/log.jsonl",
        dev.arbtune.result.Json.compactWriter().writeValueAsString(SummaryJson.toMap(first))
            + "\n");
    AggregatedSummary second = TuningResultsAggregator.of(dir.resolve("r")).summarize();
    assertThat(second.skippedFiles()).isEqualTo(2);
    assertThat(second.totalJobs()).isEqualTo(2);
    assertThat(second.errorJobs()).isEqualTo(1);
  }

  @Test
  void aSeedSummaryWithOtherRankingIsSkippedToo() throws IOException {
    write(
        dir,
        "s.json",
        "{\"total_jobs\": 0, \"success_jobs\": 0, \"error_jobs\": 0, \"filters\": {}, \"top\": []}");
    write(dir, "not-summary.json", "{\"total_jobs\": 3}");
    AggregatedSummary s = TuningResultsAggregator.of(dir).summarize();
    assertThat(s.skippedFiles()).isEqualTo(1);
    assertThat(s.errorJobs()).isEqualTo(1);
  }

  @Test
  void duplicateJobIdsAndMissingPnlAreWarnings() throws IOException {
    write(dir, "a/x.json", success("dup", 5, 1, 1));
    write(dir, "b/x.json", success("dup", 6, 1, 1));
    write(dir, "c.jsonl", line("dup", 7) + "\n");
    write(dir, "nopnl.json", dev.arbtune.testing.Docs.withMetrics("np", "{\"total_trades\": 2}"));
    AggregatedSummary s = TuningResultsAggregator.of(dir).summarize();
    assertThat(s.warnings())
        .extracting(Warning::kind, Warning::message)
        .containsExactly(
            tuple(Warning.DUPLICATE_JOB_ID, "job_id \"dup\" is claimed by 3 documents"),
            tuple(
                Warning.MISSING_PNL,
                "nopnl.json: success document without metrics.realized_pnl_usd (ranked as 0)"));
    assertThat(s.hasProblems()).isTrue();
    assertThat(s.errorJobs()).isZero();
  }

  @Test
  void unreadableSubfolderIsAWarning() throws IOException {
    write(dir, "ok.json", success("ok", 1, 1, 1));
    Path locked = Files.createDirectories(dir.resolve("locked"));
    write(locked, "hidden.json", success("hidden", 1, 1, 1));
    locked.toFile().setReadable(false);
    locked.toFile().setExecutable(false);
    try {
      AggregatedSummary s = TuningResultsAggregator.of(dir).summarize();
      if (Files.isReadable(locked)) {
        // Running as root: permissions do not apply, and both files are read.
        assertThat(s.totalJobs()).isEqualTo(2);
      } else {
        assertThat(s.totalJobs()).isEqualTo(1);
        assertThat(s.warnings())
            .extracting(Warning::kind, Warning::subject)
            .containsExactly(tuple(Warning.UNREADABLE_DIRECTORY, "locked"));
      }
    } finally {
      locked.toFile().setReadable(true);
      locked.toFile().setExecutable(true);
    }
  }

  @Test
  void errorsAreListedByLocationAndCappedWithATruncationCount() throws IOException {
    for (int i = 0; i < 30; i++) {
      write(dir, String.format("e%02d.json", i), "{ broken " + i);
    }
    AggregatedSummary s =
        TuningResultsAggregator.builder(dir).maxErrors(10).threads(3).build().summarize();
    assertThat(s.errorJobs()).isEqualTo(30);
    assertThat(s.errors()).hasSize(10);
    assertThat(s.errorsTruncated()).isEqualTo(20);
    assertThat(s.errors())
        .extracting(ErrorReport::source)
        .containsExactly(
            "e00.json",
            "e01.json",
            "e02.json",
            "e03.json",
            "e04.json",
            "e05.json",
            "e06.json",
            "e07.json",
            "e08.json",
            "e09.json");
    assertThat(s.errorKinds()).containsExactly(java.util.Map.entry(ErrorKind.MALFORMED_JSON, 30L));
  }

  @Test
  void bytesThatAreNotUtf8InAJsonLinesFileAreOneBadLine() throws IOException {
    byte[] good = (line("ok", 1) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}', '\n'};
    byte[] all = new byte[good.length + bad.length];
    System.arraycopy(bad, 0, all, 0, bad.length);
    System.arraycopy(good, 0, all, bad.length, good.length);
    write(dir, "mixed.jsonl", all);
    assertThat(load())
        .extracting(AggregatedJobResult::line, AggregatedJobResult::status)
        .containsExactly(tuple(1, JobStatus.ERROR), tuple(2, JobStatus.SUCCESS));
  }

  @Test
  void aFolderNamedLikeAResultFileIsEnteredAndSpecialFilesAreIgnored() throws Exception {
    write(dir, "odd.json/inner.json", success("inner", 1, 1, 1));
    write(dir, "odd.jsonl/inner.jsonl", line("inner2", 2) + "\n");
    Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe.json").toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    assertThat(load())
        .extracting(AggregatedJobResult::source)
        .containsExactly("odd.json/inner.json", "odd.jsonl/inner.jsonl");
  }

  @Test
  void oversizedFilesAndLinesAreErrorJobsAndTheRestIsAggregated() throws IOException {
    byte[] big = new byte[dev.arbtune.result.ResultReader.MAX_DOCUMENT_BYTES + 10];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    write(dir, "big.json", big);
    byte[] ok = (line("fine", 1) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] jsonl = new byte[ok.length + big.length + 1 + ok.length];
    System.arraycopy(ok, 0, jsonl, 0, ok.length);
    System.arraycopy(big, 0, jsonl, ok.length, big.length);
    jsonl[ok.length + big.length] = '\n';
    System.arraycopy(ok, 0, jsonl, ok.length + big.length + 1, ok.length);
    write(dir, "log.jsonl", jsonl);
    write(dir, "good.json", success("good", 5, 1, 1));
    List<AggregatedJobResult> jobs = load();
    assertThat(jobs)
        .extracting(AggregatedJobResult::location, AggregatedJobResult::status)
        .containsExactly(
            tuple("big.json", JobStatus.ERROR),
            tuple("good.json", JobStatus.SUCCESS),
            tuple("log.jsonl:1", JobStatus.SUCCESS),
            tuple("log.jsonl:2", JobStatus.ERROR),
            tuple("log.jsonl:3", JobStatus.SUCCESS));
    assertThat(jobs.get(0).error().kind()).isEqualTo(ErrorKind.TOO_LARGE);
    assertThat(jobs.get(0).error().message()).startsWith("8,388,618 bytes, more than the 8 MiB");
    assertThat(jobs.get(3).error().kind()).isEqualTo(ErrorKind.TOO_LARGE);
    assertThat(jobs.get(3).jobId()).isEqualTo("log:2");
  }

  @Test
  void aFailedJobsMessageIsCutToItsFirstLine() throws IOException {
    String traceback = "Traceback (most recent call last):\\n" + "  File x, line 1\\n".repeat(5000);
    write(dir, "e.json", "{\"status\": \"error\", \"error\": \"" + traceback + "\"}");
    write(dir, "f.json", "{\"status\": \"error\", \"error\": \"" + "y".repeat(500) + "\"}");
    List<AggregatedJobResult> jobs = load();
    assertThat(jobs.get(0).error().message()).isEqualTo("Traceback (most recent call last):...");
    assertThat(jobs.get(1).error().message()).hasSize(200).endsWith("yyy...");
  }
}
