package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

  @TempDir Path tmp;

  private static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("data/eurusd_sample.csv"))) {
        return p;
      }
    }
    throw new IllegalStateException("data/ not found");
  }

  private static String job(String id, String dataFile) {
    return "{\"job_id\": \""
        + id
        + "\", \"config\": {\"data_file\": \""
        + dataFile
        + "\", \"tag\": \"t\"}, \"output_json\": \"t/"
        + id
        + ".json\"}";
  }

  private Path plan(String... lines) throws Exception {
    Path p = tmp.resolve("plan.jsonl");
    Files.write(p, List.of(lines));
    return p;
  }

  @Test
  void allSucceededExitsZeroWithASummaryOnStderr() throws Exception {
    Path plan =
        plan(
            job("t_1", "data/eurusd_sample.csv"),
            job("t_2", "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv"));
    Path out = tmp.resolve("out");

    CliRun r =
        CliRun.of(
            "run",
            "--jobs",
            plan.toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            repoRoot().toString(),
            "--parallelism",
            "2");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("Session summary")
        .contains("total:     2")
        .contains("attempted: 2")
        .contains("success:   2")
        .contains("error:     0")
        .contains("skipped:   0");
    assertThat(out.resolve("t/t_1.json")).exists();
    assertThat(out.resolve("t/t_2.json")).exists();
  }

  @Test
  void anErrorJobExitsOneAndIsNamedOnStderr() throws Exception {
    Path plan = plan(job("t_1", "data/eurusd_sample.csv"), job("t_2", "data/nope.csv"));

    CliRun r =
        CliRun.of(
            "run",
            "--jobs",
            plan.toString(),
            "--output-root",
            tmp.resolve("out").toString(),
            "--data-root",
            repoRoot().toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("[run] error: job t_2: plan line 2: data_file not found: data/nope.csv")
        .contains("error:     1");
  }

  @Test
  void quietPrintsOnlyTheSummary() throws Exception {
    Path plan = plan(job("t_2", "data/nope.csv"));

    CliRun r =
        CliRun.of(
            "run", "--jobs", plan.toString(), "--output-root", tmp.resolve("out").toString(), "-q");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("[run] error").contains("error:     1");
  }

  @Test
  void resumeCountsSkippedJobs() throws Exception {
    Path plan = plan(job("t_1", "data/eurusd_sample.csv"));
    String[] args = {
      "run",
      "--jobs",
      plan.toString(),
      "--output-root",
      tmp.resolve("out").toString(),
      "--data-root",
      repoRoot().toString(),
      "--resume"
    };
    CliRun.of(args);

    CliRun again = CliRun.of(args);

    assertThat(again.code()).isZero();
    assertThat(again.err()).contains("attempted: 0").contains("skipped:   1");
  }

  @Test
  void missingPlanExitsOne() {
    CliRun r =
        CliRun.of(
            "run",
            "--jobs",
            tmp.resolve("nope.jsonl").toString(),
            "--output-root",
            tmp.resolve("out").toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("nope.jsonl");
  }

  @Test
  void badOptionValuesAreUsageErrors() throws Exception {
    Path plan = plan(job("t_1", "data/eurusd_sample.csv"));
    String out = tmp.resolve("out").toString();

    assertThat(CliRun.of("run", "--output-root", out).code()).isEqualTo(2);
    assertThat(
            CliRun.of("run", "--jobs", plan.toString(), "--output-root", out, "--parallelism", "0")
                .code())
        .isEqualTo(2);
    CliRun r = CliRun.of("run", "--jobs", plan.toString(), "--output-root", out, "--max-jobs", "0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--max-jobs must be at least 1");
  }

  @Test
  void helpExplainsEveryOption() {
    CliRun r = CliRun.of("run", "--help");

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains(
            "--jobs",
            "--output-root",
            "--parallelism",
            "--resume",
            "--stop-on-error",
            "--max-jobs",
            "--data-root",
            "--no-fsync",
            "--quiet",
            "Exit codes:");
  }
}
