package dev.arbtune.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlanLineTest {

  @Test
  void parsesAUsableLine() {
    PlanLine p =
        PlanLine.parse(
            7,
            "{\"job_id\": \"s_0007\", \"config\": {\"data_file\": \"d.csv\", \"min_spread_bps\": 12,"
                + " \"max_open_trades\": 2.0}, \"output_json\": \"s/s_0007.json\", \"extra\": 1}");

    assertThat(p.isValid()).isTrue();
    assertThat(p.lineNumber()).isEqualTo(7);
    assertThat(p.jobId()).isEqualTo("s_0007");
    assertThat(p.outputJson()).isEqualTo("s/s_0007.json");
    assertThat(p.config().minSpreadBps()).isEqualTo(12.0);
    assertThat(p.config().maxOpenTrades()).isEqualTo(2);
    assertThat(p.config().takerFeeABps()).isEqualTo(5.0);
  }

  @Test
  void unknownConfigKeyIsAProblemWithASuggestion() {
    PlanLine p =
        PlanLine.parse(
            3,
            "{\"job_id\": \"j\", \"config\": {\"data_file\": \"d.csv\", \"slipage_bps\": 1},"
                + " \"output_json\": \"j.json\"}");

    assertThat(p.isValid()).isFalse();
    assertThat(p.problem())
        .isEqualTo("config.slipage_bps: unknown config field (did you mean slippage_bps?)");
    assertThat(p.jobId()).isEqualTo("j");
    assertThat(p.outputJson()).isEqualTo("j.json");
    assertThat(p.rawConfig()).containsEntry("slipage_bps", 1);
  }

  @Test
  void outOfRangeValueIsAProblem() {
    PlanLine p =
        PlanLine.parse(
            1,
            "{\"job_id\": \"j\", \"config\": {\"data_file\": \"d.csv\", \"max_open_trades\": 0},"
                + " \"output_json\": \"j.json\"}");

    assertThat(p.problem()).isEqualTo("config.max_open_trades: must be at least 1, got 0");
  }

  @Test
  void invalidJsonNamesTheColumn() {
    PlanLine p = PlanLine.parse(9, "{\"job_id\": \"j\", \"config\": {");

    assertThat(p.isValid()).isFalse();
    assertThat(p.problem()).startsWith("not valid JSON: ").contains("column");
    assertThat(p.jobId()).isNull();
  }

  @Test
  void trailingContentAndNonObjectsAreProblems() {
    assertThat(PlanLine.parse(1, "{} {}").problem()).startsWith("not valid JSON");
    assertThat(PlanLine.parse(1, "[1, 2]").problem()).isEqualTo("expected a JSON object");
    assertThat(PlanLine.parse(1, "42").problem()).isEqualTo("expected a JSON object");
  }

  @Test
  void missingFieldsAreNamed() {
    assertThat(PlanLine.parse(1, "{\"config\": {}, \"output_json\": \"x.json\"}").problem())
        .startsWith("job_id is required");
    assertThat(PlanLine.parse(1, "{\"job_id\": \"j\", \"config\": {}}").problem())
        .startsWith("output_json is required");
    assertThat(PlanLine.parse(1, "{\"job_id\": \"j\", \"output_json\": \"x.json\"}").problem())
        .isEqualTo("config is required (an object)");
    assertThat(
            PlanLine.parse(1, "{\"job_id\": \"j\", \"config\": 3, \"output_json\": \"x.json\"}")
                .problem())
        .isEqualTo("config must be an object");
    assertThat(
            PlanLine.parse(1, "{\"job_id\": \"j\", \"config\": {}, \"output_json\": \"x.json\"}")
                .problem())
        .startsWith("config.data_file: is required");
  }

  @Test
  void aKeyGivenTwiceIsAProblemNotTheLastValue() {
    PlanLine inConfig =
        PlanLine.parse(
            4,
            "{\"job_id\": \"a\", \"config\": {\"data_file\": \"d.csv\", \"min_spread_bps\": 0,"
                + " \"min_spread_bps\": 7}, \"output_json\": \"a.json\"}");
    PlanLine atTop =
        PlanLine.parse(
            5,
            "{\"job_id\": \"a\", \"config\": {\"data_file\": \"d.csv\"}, \"output_json\": \"a.json\","
                + " \"output_json\": \"b.json\"}");

    assertThat(inConfig.isValid()).isFalse();
    assertThat(inConfig.problem())
        .startsWith("the key min_spread_bps appears twice in one object (column ");
    assertThat(atTop.isValid()).isFalse();
    assertThat(atTop.problem()).startsWith("the key output_json appears twice");
  }

  @Test
  void oversizedValuesMakeAnUnusableLineThatKeepsOnlyExcerpts() {
    String hugeId = "j".repeat(1_000_000);
    PlanLine id =
        PlanLine.parse(
            1,
            "{\"job_id\": \""
                + hugeId
                + "\", \"config\": {\"data_file\": \"d.csv\"}, \"output_json\": \"a.json\"}");
    assertThat(id.isValid()).isFalse();
    assertThat(id.problem())
        .isEqualTo(
            "job_id has 1000000 characters, more than the "
                + PlanLine.MAX_JOB_ID_CHARS
                + " a job_id may have: "
                + "\""
                + "j".repeat(200)
                + "…(1000000 characters)\"");
    assertThat(id.jobId()).isEqualTo("j".repeat(200) + "…(1000000 characters)");

    String hugeValue = "x".repeat(1_000_000);
    PlanLine value =
        PlanLine.parse(
            2,
            "{\"job_id\": \"k\", \"config\": {\"data_file\": \"d.csv\", \"min_spread_bps\": \""
                + hugeValue
                + "\", \"tag\": {\"deep\": [\""
                + hugeValue
                + "\"]}}, \"output_json\": \"k.json\"}");
    assertThat(value.isValid()).isFalse();
    assertThat(value.problem())
        .startsWith("config.min_spread_bps: expected a number, got the string \"xxx")
        .hasSizeLessThan(400);
    assertThat(value.rawConfig().get("min_spread_bps"))
        .isEqualTo("x".repeat(200) + "…(1000000 characters)");
    assertThat(value.rawConfig().get("tag").toString()).hasSizeLessThan(400);

    String hugePath = "d".repeat(5000);
    PlanLine path =
        PlanLine.parse(
            3,
            "{\"job_id\": \"m\", \"config\": {\"data_file\": \""
                + hugePath
                + "\"}, \"output_json\": \"m.json\"}");
    assertThat(path.isValid()).isFalse();
    assertThat(path.problem())
        .isEqualTo(
            "config.data_file: has 5000 characters, more than the 4096 (PATH_MAX) a path may"
                + " have: \""
                + "d".repeat(200)
                + "…(5000 characters)\"");
    assertThat(path.rawConfig().get("data_file")).isEqualTo("d".repeat(200) + "…(5000 characters)");

    PlanLine output =
        PlanLine.parse(
            4,
            "{\"job_id\": \"o\", \"config\": {\"data_file\": \"d.csv\"}, \"output_json\": \""
                + "o".repeat(5000)
                + ".json\"}");
    assertThat(output.isValid()).isFalse();
    assertThat(output.problem()).startsWith("output_json has 5005 characters, more than the 4096");
    assertThat(output.outputJson()).isNull();
  }
}
