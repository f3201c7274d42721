package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.aggregate.AggregatedSummary;
import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.result.ResultDocument;
import dev.arbtune.result.ResultReader;
import dev.arbtune.testing.Cli;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    Cli.Result r =
        Cli.run(
            "run",
            "--jobs",
            plan.toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            repoRoot().toString(),
            "--parallelism",
            "2");

    assertThat(r.exitCode()).as(r.err()).isZero();
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

    Cli.Result r =
        Cli.run(
            "run",
            "--jobs",
            plan.toString(),
            "--output-root",
            tmp.resolve("out").toString(),
            "--data-root",
            repoRoot().toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("[run] error: job t_2: plan line 2: data_file not found: data/nope.csv")
        .contains("error:     1");
  }

  @Test
  void aJobWhoseOutputJsonCannotBeWrittenGetsItsErrorDocumentInTheInvalidLinesFolder()
      throws Exception {
    String longName = "x".repeat(295) + ".json"; // 300 characters: too long for a file name
    String line =
        "{\"job_id\": \"%s\", \"config\": {\"data_file\": \"%s\"}, \"output_json\": \"%s\"}";
    Path plan =
        plan(
            job("t_1", "data/eurusd_sample.csv"),
            line.formatted("t_2", "data/eurusd_sample.csv", "t/" + longName),
            line.formatted("t_3", "data/eurusd_sample.csv", ".arbtune.lock/t_3.json"),
            line.formatted("t_4", "data/nope.csv", "t/" + longName.replace('x', 'y')));
    Path out = tmp.resolve("out");

    Cli.Result r =
        Cli.run(
            "run",
            "--jobs",
            plan.toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            repoRoot().toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("success:   1")
        .contains("error:     3")
        .contains(
            "[run] error: job t_2: plan line 2: cannot write the result "
                + dev.arbtune.io.Excerpt.of(out.resolve("t/" + longName).toString())
                + ": the file name is too long;")
        .contains("[run] error: job t_3: plan line 3: cannot write the result")
        .contains(
            "its error document is "
                + out.resolve("_invalid_plan_lines/line_000002.json")
                + " instead");
    ResultReader reader = new ResultReader();
    ResultDocument second = reader.read(out.resolve("_invalid_plan_lines/line_000002.json"));
    assertThat(second.status()).isEqualTo("error");
    assertThat(second.declaredJobId()).isEqualTo("t_2");
    assertThat(second.error())
        .contains("cannot write the result")
        .contains("the file name is too long");
    assertThat(second.config()).containsEntry("data_file", "data/eurusd_sample.csv");
    ResultDocument third = reader.read(out.resolve("_invalid_plan_lines/line_000003.json"));
    assertThat(third.declaredJobId()).isEqualTo("t_3");
    assertThat(third.error()).contains(".arbtune.lock");
    ResultDocument fourth = reader.read(out.resolve("_invalid_plan_lines/line_000004.json"));
    assertThat(fourth.error())
        .startsWith("plan line 4: data_file not found: data/nope.csv")
        .contains("cannot write the error document");
    AggregatedSummary summary = TuningResultsAggregator.of(out).summarize();
    assertThat(summary.totalJobs()).as("one result per job").isEqualTo(4);
    assertThat(summary.errorJobs()).isEqualTo(3);
  }

  @Test
  void quietPrintsOnlyTheSummary() throws Exception {
    Path plan = plan(job("t_2", "data/nope.csv"));

    Cli.Result r =
        Cli.run(
            "run", "--jobs", plan.toString(), "--output-root", tmp.resolve("out").toString(), "-q");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("[run] error").contains("error:     1");
  }

  @Test
  void quietPrintsNothingWhenEveryJobSucceeded() throws Exception {
    Path plan = plan(job("t_1", "data/eurusd_sample.csv"));

    Cli.Result r =
        Cli.run(
            "run",
            "--jobs",
            plan.toString(),
            "--output-root",
            tmp.resolve("out").toString(),
            "--data-root",
            repoRoot().toString(),
            "-q");

    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEmpty();
  }

  /**
   * A relative data_file that is not there: the error names the absolute path it tried and points
   * to --data-root (relative to the current folder without it, to the folder given with it).
   */
  @Test
  void aMissingRelativeDataFileNamesThePathTriedAndSuggestsDataRoot() throws Exception {
    Path plan = plan(job("t_2", "data/nope.csv"));

    Cli.Result here =
        Cli.run("run", "--jobs", plan.toString(), "--output-root", tmp.resolve("a").toString());
    assertThat(here.exitCode()).isEqualTo(1);
    assertThat(here.err())
        .contains(
            "data_file not found: data/nope.csv (looked for "
                + Path.of("data/nope.csv").toAbsolutePath()
                + ": a relative data_file or venue file is read from the current folder; run from the folder"
                + " it is relative to, or give --data-root DIR)");

    Cli.Result rooted =
        Cli.run(
            "run",
            "--jobs",
            plan.toString(),
            "--output-root",
            tmp.resolve("b").toString(),
            "--data-root",
            tmp.toString());
    assertThat(rooted.err())
        .contains(
            "data_file not found: data/nope.csv (looked for "
                + tmp.resolve("data/nope.csv")
                + ": a relative data_file or venue file is read from --data-root "
                + tmp
                + ")");
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
    Cli.run(args);

    Cli.Result again = Cli.run(args);

    assertThat(again.exitCode()).isZero();
    assertThat(again.err()).contains("attempted: 0").contains("skipped:   1");
  }

  @Test
  void missingPlanExitsOne() {
    Cli.Result r =
        Cli.run(
            "run",
            "--jobs",
            tmp.resolve("nope.jsonl").toString(),
            "--output-root",
            tmp.resolve("out").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("nope.jsonl");
  }

  @Test
  void aPlainRunRunsJobsAgainOverTheirSuccessDocuments() throws Exception {
    Path plan = plan(job("t_1", "data/eurusd_sample.csv"));
    Path out = tmp.resolve("out");
    String[] args = {
      "run",
      "--jobs",
      plan.toString(),
      "--output-root",
      out.toString(),
      "--data-root",
      repoRoot().toString()
    };
    Cli.run(args);
    Path doc = out.resolve("t/t_1.json");
    Files.writeString(doc, Files.readString(doc).replace("\"total_trades\"", "\"edited\""));

    Cli.Result again = Cli.run(args);

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err()).contains("attempted: 1").contains("skipped:   0");
    assertThat(Files.readString(doc)).contains("\"total_trades\"").doesNotContain("edited");
  }

  @Test
  void aPlanThatIsAFolderExitsOneNamingIt() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("plans"));

    Cli.Result r =
        Cli.run("run", "--jobs", folder.toString(), "--output-root", tmp.resolve("out").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "arbtune run: error: --jobs "
                + folder
                + " is a folder; give the plan file (JSON Lines, one job per line)\n");
  }

  @Test
  void anOutputRootThatIsAFileIsOneErrorNotOnePerJob() throws Exception {
    Path plan = plan(job("t_1", "data/eurusd_sample.csv"), job("t_2", "data/eurusd_sample.csv"));
    Path file = Files.writeString(tmp.resolve("out.txt"), "x");

    Cli.Result r = Cli.run("run", "--jobs", plan.toString(), "--output-root", file.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "arbtune run: error: --output-root "
                + file
                + " is a file; give a folder (it is created if missing)\n");
  }

  @Test
  void aRootInUseByAnotherSessionExitsOneNamingIt() throws Exception {
    Path plan = plan(job("t_1", "data/eurusd_sample.csv"));
    Path out = Files.createDirectories(tmp.resolve("out"));
    try (FileChannel channel =
            FileChannel.open(
                out.resolve(".arbtune.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {

      Cli.Result r = Cli.run("run", "--jobs", plan.toString(), "--output-root", out.toString());

      assertThat(held.isValid()).isTrue();
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err())
          .startsWith("arbtune run: error: another arbtune session")
          .contains("is running on the output root " + out)
          .doesNotContain("[run] error");
    }
  }

  @Test
  void aJobIdUsedTwiceIsAWarning() throws Exception {
    Path plan =
        plan(
            job("t_1", "data/eurusd_sample.csv"),
            job("t_1", "data/eurusd_sample.csv").replace("t/t_1.json", "t/again.json"));

    Cli.Result r =
        Cli.run(
            "run",
            "--jobs",
            plan.toString(),
            "--output-root",
            tmp.resolve("out").toString(),
            "--data-root",
            repoRoot().toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("[run] warning: plan line 2: job_id t_1 is also the job_id of plan line 1");
  }

  @Test
  void badOptionValuesAreUsageErrors() throws Exception {
    Path plan = plan(job("t_1", "data/eurusd_sample.csv"));
    String out = tmp.resolve("out").toString();

    assertThat(Cli.run("run", "--output-root", out).exitCode()).isEqualTo(2);
    assertThat(
            Cli.run("run", "--jobs", plan.toString(), "--output-root", out, "--parallelism", "0")
                .exitCode())
        .isEqualTo(2);
    Cli.Result r =
        Cli.run("run", "--jobs", plan.toString(), "--output-root", out, "--max-jobs", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--max-jobs must be at least 1");
  }

  @Test
  void helpExplainsEveryOption() {
    Cli.Result r = Cli.run("run", "--help");

    assertThat(r.exitCode()).isZero();
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
            ".arbtune.lock",
            "_invalid_plan_lines/",
            "/dev/stdin",
            "Exit codes:");
  }

  @Test
  void aResultPathThatIsAFolderIsNamedNotItsTemporaryFile() throws Exception {
    Path out = tmp.resolve("out");
    Files.createDirectories(out.resolve("t/t_1.json"));
    Path plan = plan(job("t_1", "data/eurusd_sample.csv"));

    Cli.Result r =
        Cli.run(
            "run",
            "--jobs",
            plan.toString(),
            "--output-root",
            out.toString(),
            "--data-root",
            repoRoot().toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "[run] error: job t_1: plan line 1: cannot write the result "
                + out.resolve("t/t_1.json")
                + ": it is a folder, not a file; its error document is "
                + out.resolve("_invalid_plan_lines/line_000001.json")
                + " instead")
        .doesNotContain(".tmp");
  }
}
