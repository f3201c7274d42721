package dev.arbtune.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.spark.testing.Fixtures;
import dev.arbtune.spark.testing.TestSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.spi.ToolProvider;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkSweepTest {

  /** The local command line, found as a tool (this module does not depend on arbtune's CLI). */
  private static final ToolProvider LOCAL = ToolProvider.findFirst("arbtune").orElseThrow();

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = TestSpark.session();
  }

  private static int localRun(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    return LOCAL.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void writesTheSameDocumentsAsTheLocalRunner(@TempDir Path tmp) throws Exception {
    Path plan = Fixtures.writeMixedPlan(tmp);
    String repo = Fixtures.repoRoot().toString();
    Path local = tmp.resolve("local");
    Path distributed = tmp.resolve("spark");

    int code =
        localRun(
            "run",
            "--jobs",
            plan.toString(),
            "--output-root",
            local.toString(),
            "--data-root",
            repo,
            "-q");
    SweepSummary summary =
        SparkSweep.run(
            spark, new SweepOptions(plan.toString(), distributed.toString(), repo, false, 0));

    assertThat(code).isEqualTo(1);
    Map<String, String> expected = Fixtures.filesWithoutRuntime(local);
    assertThat(expected).hasSize(14).containsKey("_invalid_plan_lines/line_000012.json");
    assertThat(Fixtures.filesWithoutRuntime(distributed)).isEqualTo(expected);
    assertThat(summary.total()).isEqualTo(14);
    assertThat(summary.success()).isEqualTo(7);
    assertThat(summary.error()).isEqualTo(7);
    assertThat(summary.firstErrors()).hasSize(7);
    assertThat(summary.firstErrors().get(0))
        .isEqualTo(
            "plan line 8: data_file not found: data/missing.csv (looked for "
                + repo
                + "/data/missing.csv: a relative data_file or venue file is read from --data-root "
                + repo
                + ")");
  }

  @Test
  void resumeSkipsSuccessDocumentsAndRunsTheRestAgain(@TempDir Path tmp) throws Exception {
    Path plan = Fixtures.writeMixedPlan(tmp);
    String repo = Fixtures.repoRoot().toString();
    Path out = tmp.resolve("out");
    SweepOptions resume = new SweepOptions(plan.toString(), out.toString(), repo, true, 3);
    SparkSweep.run(spark, resume);
    String kept = Files.readString(out.resolve("s/s_0001.json"));
    Files.delete(out.resolve("s/s_0002.json"));
    Files.writeString(
        out.resolve("s/eur/s_0005.json"), "{\"status\": \"error\", \"error\": \"x\"}");
    Path leftover = out.resolve("s/.arbtune-s_0003.json.1f2e3d.tmp");
    Files.writeString(leftover, "half a document");
    // A success document of the same job but another config is not this line's result.
    Path stale = out.resolve("s/s_0003.json");
    String fresh = Files.readString(stale);
    Files.writeString(
        stale, fresh.replaceFirst("\"taker_fee_a_bps\": [0-9.]+", "\"taker_fee_a_bps\": 99.0"));

    SweepSummary again = SparkSweep.run(spark, resume);

    assertThat(again.skipped()).isEqualTo(4);
    assertThat(again.success()).isEqualTo(3);
    assertThat(Files.readString(stale)).doesNotContain("99.0").contains("\"status\": \"success\"");
    assertThat(again.error()).isEqualTo(7);
    assertThat(again.allSucceeded()).isFalse();
    assertThat(Files.readString(out.resolve("s/s_0001.json"))).isEqualTo(kept);
    assertThat(Files.readString(out.resolve("s/s_0002.json"))).contains("\"status\": \"success\"");
    assertThat(Files.readString(out.resolve("s/eur/s_0005.json")))
        .contains("\"status\": \"success\"");
    assertThat(leftover).doesNotExist();
  }

  @Test
  void aMissingPlanIsReportedAsSuch(@TempDir Path tmp) {
    SweepOptions options =
        new SweepOptions(tmp.resolve("nope.jsonl").toString(), tmp.toString(), null, false, 0);

    assertThatThrownBy(() -> SparkSweep.run(spark, options))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("plan not found");
  }

  @Test
  void anEmptyPlanRunsNothing(@TempDir Path tmp) throws Exception {
    Path plan = Files.writeString(tmp.resolve("empty.jsonl"), "\n  \n");

    SweepSummary s =
        SparkSweep.run(
            spark, new SweepOptions(plan.toString(), tmp.resolve("o").toString(), null, false, 0));

    assertThat(s.total()).isZero();
    assertThat(s.allSucceeded()).isTrue();
    assertThat(tmp.resolve("o")).doesNotExist();
  }
}
