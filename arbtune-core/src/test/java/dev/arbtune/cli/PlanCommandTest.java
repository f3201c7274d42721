package dev.arbtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

  @TempDir Path dir;

  private static final String SESSION =
      """
      data_file: data/q.csv
      tag_prefix: sess001
      taker_fee_a_bps: 4
      grids:
        - name: min_spread_bps
          values: [20, 30]
        - name: slippage_bps
          range: {start: 1, stop: 5, step: 2}
      """;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  private Path session(String yaml) throws IOException {
    Path f = dir.resolve("session.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void writesOneLinePerJobAndReportsTheCountOnStderr() throws IOException {
    Path config = session(SESSION);
    Path output = dir.resolve("out/jobs.jsonl");
    Result r = run("plan", "--config", config.toString(), "--output", output.toString());
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("arbtune plan: wrote 6 jobs to " + output + "\n");
    List<String> lines = Files.readAllLines(output);
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0))
        .isEqualTo(
            "{\"job_id\":\"sess001_0001\",\"config\":{\"data_file\":\"data/q.csv\","
                + "\"min_spread_bps\":20.0,\"taker_fee_a_bps\":4.0,\"taker_fee_b_bps\":5.0,"
                + "\"slippage_bps\":1.0,\"max_position_usd\":1000.0,\"max_open_trades\":1,"
                + "\"initial_balance_usd\":10000.0,\"stop_on_drawdown_pct\":null,"
                + "\"tag\":\"sess001\"},\"output_json\":\"sess001/sess001_0001.json\"}");
    assertThat(lines.get(5))
        .contains("\"job_id\":\"sess001_0006\"", "\"min_spread_bps\":30.0", "\"slippage_bps\":5.0");
  }

  @Test
  void theSameSessionFileGivesTheSameBytes() throws IOException {
    Path config = session(SESSION + "sampler: random\nsamples: 4\nseed: 9\n");
    Path a = dir.resolve("a.jsonl");
    Path b = dir.resolve("b.jsonl");
    assertThat(run("plan", "--config", config.toString(), "--output", a.toString()).code())
        .isZero();
    assertThat(run("plan", "--config", config.toString(), "--output", b.toString()).code())
        .isZero();
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b)).isNotEmpty();
  }

  @Test
  void dryRunPrintsTheJobCountAndVariedParametersAndWritesNothing() throws IOException {
    Path config = session(SESSION + "max_jobs: 5\n");
    Path output = dir.resolve("jobs.jsonl");
    Result r =
        run("plan", "--config", config.toString(), "--output", output.toString(), "--dry-run");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .isEqualTo(
            "session: "
                + config
                + "\n"
                + "jobs: 5\n"
                + "combinations: 6 (2 x 3)\n"
                + "sampler: grid\n"
                + "max_jobs: 5\n"
                + "job ids: sess001_0001 .. sess001_0005\n"
                + "results: sess001/<job_id>.json\n"
                + "varied parameters:\n"
                + "  min_spread_bps: 2 values: 20, 30\n"
                + "  slippage_bps: 3 values: 1 to 5 step 2: 1, 3, 5\n"
                + "plan: not written to "
                + output
                + " (--dry-run)\n");
    assertThat(output).doesNotExist();
  }

  @Test
  void dryRunWorksWithoutOutputAndShowsARandomSampler() throws IOException {
    Path config = session("data_file: q.csv\nsampler: random\nsamples: 3\nseed: 2\n");
    Result r = run("plan", "--config", config.toString(), "--dry-run");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains(
            "jobs: 1\n",
            "sampler: random (samples: 3, seed: 2)\n",
            "job ids: job_0001\n",
            "varied parameters: none\n",
            "plan: not written (--dry-run)\n");
  }

  @Test
  void anInvalidSessionFileExitsOneNamingFileLineAndFieldAndWritesNothing() throws IOException {
    Path config = session("data_file: q.csv\ngrids:\n  - name: min_spred_bps\n    values: [1]\n");
    Path output = dir.resolve("jobs.jsonl");
    Files.writeString(output, "previous\n");
    Result r = run("plan", "--config", config.toString(), "--output", output.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "arbtune plan: error: "
                + config
                + ":3: grids[0].name: \"min_spred_bps\" is not a numeric runner field"
                + " (did you mean min_spread_bps?)\n");
    assertThat(Files.readString(output)).isEqualTo("previous\n");
  }

  @Test
  void aValueTheRunnerWouldRefuseExitsOne() throws IOException {
    Path config =
        session("data_file: q.csv\ngrids:\n  - name: taker_fee_a_bps\n    values: [2, -1]\n");
    Result r = run("plan", "--config", config.toString(), "--output", dir.resolve("j").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "arbtune plan: error: "
                + config
                + ":4: grids[0].values[1]: taker_fee_a_bps must be a finite number >= 0,"
                + " got -1.0\n");
    assertThat(dir.resolve("j")).doesNotExist();
  }

  @Test
  void aMissingSessionFileExitsOne() {
    Path missing = dir.resolve("nope.yaml");
    Result r = run("plan", "--config", missing.toString(), "--dry-run");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("arbtune plan: error: no such file or folder: " + missing + "\n");
  }

  @Test
  void badFlagsExitTwoWithUsage() throws IOException {
    Path config = session(SESSION);
    Result noOutput = run("plan", "--config", config.toString());
    assertThat(noOutput.code()).isEqualTo(2);
    assertThat(noOutput.err()).contains("--output", "Usage: arbtune plan");
    Result noConfig = run("plan", "--output", "x.jsonl");
    assertThat(noConfig.code()).isEqualTo(2);
    assertThat(noConfig.err()).contains("Missing required option: '--config=FILE'");
    Result unknown = run("plan", "--config", config.toString(), "--dry-run", "--frobnicate");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("--frobnicate");
  }

  @Test
  void helpExplainsEveryOptionAndTheExitCodes() {
    Result r = run("plan", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("--config=FILE", "--output=FILE", "--dry-run", "docs/SESSION.md", "Exit codes:");
    assertThat(run("--help").out()).contains("plan");
  }
}
