package dev.arbtune.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.testing.Docs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnDocumentsTest {

  @TempDir Path tmp;

  static final String PLAN_LINE =
      "{\"job_id\":\"s_0001\",\"config\":{\"data_file\":\"d.csv\",\"tag\":\"s\"},"
          + "\"output_json\":\"s/s_0001.json\"}";

  private static boolean own(String source, int line, String json) {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return OwnDocuments.isOwn(source, line, b, 0, b.length);
  }

  @Test
  void planLinesAndASweepsInputsRecordAreOwnDocuments() {
    assertThat(own("jobs.jsonl", 1, PLAN_LINE)).isTrue();
    assertThat(own("x/plan.jsonl", 7, PLAN_LINE)).isTrue();
    assertThat(own("inputs.json", 0, "{\"data_file\":\"/d.csv\",\"size\":1,\"modified\":null}"))
        .isTrue();
    assertThat(own("a/inputs.json", 0, "{\"data_file\":\"/d.csv\"}")).isTrue();
  }

  @Test
  void jobsAndOtherDocumentsAreNot() {
    // a document with a status is a job, whatever else it holds
    assertThat(
            own(
                "jobs.jsonl",
                1,
                "{\"status\":\"error\",\"job_id\":\"j\",\"config\":{},\"output_json\":\"j.json\"}"))
        .isFalse();
    // only a file named inputs.json is an inputs record; and not when it has config or metrics
    assertThat(own("other.json", 0, "{\"data_file\":\"/d.csv\"}")).isFalse();
    assertThat(own("inputs.json", 0, "{\"data_file\":\"/d.csv\",\"config\":{}}")).isFalse();
    assertThat(own("x.jsonl", 3, "{\"job_id\":\"j\",\"config\":{}}")).isFalse();
    assertThat(own("x.jsonl", 3, "{\"job_id\":1,\"config\":{},\"output_json\":\"j.json\"}"))
        .isFalse();
    assertThat(own("x.json", 0, "[1]")).isFalse();
    assertThat(own("x.json", 0, "{\"job_id\":")).isFalse();
  }

  /** Plan lines in a JSON Lines file are skipped, not error jobs; other lines still count. */
  @Test
  void aPlanFileAmongTheResultsAddsNoJob() throws IOException {
    Docs.write(tmp, "a.json", Docs.success("a", 10, 1, 5));
    Files.writeString(tmp.resolve("jobs.jsonl"), PLAN_LINE + "\n" + PLAN_LINE + "\n{oops\n");
    AggregatedSummary s = TuningResultsAggregator.of(tmp).summarize();
    assertThat(s.totalJobs()).isEqualTo(2); // a.json and the malformed line
    assertThat(s.errorJobs()).isEqualTo(1);
    assertThat(s.skippedFiles()).isEqualTo(2);
  }

  @Test
  void aFolderWithAJobsFileOfResultsIsNoSweepRoot() throws IOException {
    Docs.write(tmp.resolve("results"), "a.json", Docs.success("a", 10, 1, 5));
    Files.writeString(tmp.resolve("jobs.jsonl"), Docs.success("b", 5, 1, 5) + "\n");
    assertThat(SweepRoots.resultsOf(tmp)).isEmpty();
    Files.writeString(tmp.resolve("jobs.jsonl"), "\n  \n" + PLAN_LINE + "\n");
    assertThat(SweepRoots.resultsOf(tmp)).contains(tmp.resolve("results"));
    Files.delete(tmp.resolve("results/a.json"));
    Files.delete(tmp.resolve("results"));
    assertThat(SweepRoots.resultsOf(tmp)).isEmpty();
  }
}
