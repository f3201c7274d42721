package dev.arbtune.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.arbtune.backtest.BacktestConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFileTest {

  @TempDir Path dir;

  private static SessionConfigException error(String yaml) {
    return catchThrowableOfType(
        SessionConfigException.class, () -> SessionFile.parse(yaml, "s.yaml"));
  }

  private static void assertError(String yaml, int line, String field, String problemPart) {
    SessionConfigException e = error(yaml);
    assertThat(e).as("expected an error for:%n%s", yaml).isNotNull();
    assertThat(e.source()).isEqualTo("s.yaml");
    assertThat(e.line()).as("line of: %s", e.getMessage()).isEqualTo(line);
    assertThat(e.field()).as("field of: %s", e.getMessage()).isEqualTo(field);
    assertThat(e.problem()).contains(problemPart);
  }

  @Test
  void readsTheIssueExample() {
    SessionConfig s =
        SessionFile.parse(
            """
            data_file: data/eurusd_sample.csv
            tag_prefix: sess001          # job ids sess001_0001, ...
            min_spread_bps: 30
            taker_fee_a_bps: 5
            taker_fee_b_bps: 5
            slippage_bps: 5
            max_position_usd: 1000
            max_open_trades: 1
            initial_balance_usd: 10000
            grids:
              - name: min_spread_bps
                values: [20, 30, 40]
              - name: slippage_bps
                range: {start: 1, stop: 7, step: 2}
            max_jobs: 500
            sampler: grid
            """,
            "s.yaml");
    assertThat(s.base().dataFile()).isEqualTo("data/eurusd_sample.csv");
    assertThat(s.tagPrefix()).isEqualTo("sess001");
    assertThat(s.grids())
        .extracting(ParamGrid::name)
        .containsExactly("min_spread_bps", "slippage_bps");
    assertThat(s.grids().get(1).values())
        .containsExactly(
            BigDecimal.valueOf(1),
            BigDecimal.valueOf(3),
            BigDecimal.valueOf(5),
            BigDecimal.valueOf(7));
    assertThat(s.maxJobs()).isEqualTo(500L);
    assertThat(s.sampler()).isEqualTo(Sampler.grid());
    assertThat(s.jobCount()).isEqualTo(12);
  }

  @Test
  void readsTheRandomSampler() {
    SessionConfig s =
        SessionFile.parse("data_file: q.csv\nsampler: random\nsamples: 30\nseed: -12\n", "s.yaml");
    assertThat(s.sampler()).isEqualTo(Sampler.random(30, -12));
  }

  @Test
  void readsTheShippedExampleSession() throws IOException {
    SessionConfig s = SessionFile.load(Path.of("../examples/session.yaml"));
    assertThat(s.base().dataFile())
        .isEqualTo("data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv");
    assertThat(s.jobCount()).isEqualTo(12);
  }

  @Test
  void treatsAnEmptyOrNullValueAsUnset() {
    SessionConfig s =
        SessionFile.parse(
            "data_file: q.csv\nstop_on_drawdown_pct: ~\ngrids:\nmax_jobs: null\ntag_prefix:\n",
            "s.yaml");
    assertThat(s.base()).isEqualTo(BacktestConfig.defaults("q.csv"));
    assertThat(s.grids()).isEmpty();
    assertThat(s.maxJobs()).isNull();
  }

  @Test
  void missingDataFileIsAnErrorWithoutALine() {
    SessionConfigException e = error("tag_prefix: x\n");
    assertThat(e.getMessage()).isEqualTo("s.yaml: data_file: is required (a path to a quotes CSV)");
  }

  @Test
  void aDataFileThatIsNotAStringOrIsEmptyIsAnError() {
    assertError("data_file: [a.csv]\n", 1, "data_file", "expected a string");
    assertError("data_file:\ngrids: []\n", 1, "data_file", "is required");
    assertError("data_file: ''\n", 1, "data_file", "is required");
  }

  @Test
  void anUnknownKeySuggestsTheClosestOne() {
    SessionConfigException e = error("data_file: q.csv\n\nmin_spred_bps: 3\n");
    assertThat(e.getMessage())
        .isEqualTo("s.yaml:3: min_spred_bps: unknown key (did you mean min_spread_bps?)");
  }

  @Test
  void moneyBeyondTheLimitIsRefusedBeforeAnyPlanIsWritten() {
    assertError(
        "data_file: q.csv\nmax_position_usd: 1e300\n", 2, "max_position_usd", "at most 1e12");
    assertError(
        "data_file: q.csv\ngrids:\n  - name: initial_balance_usd\n    values: [1000, 1e13]\n",
        4,
        "grids[0].values[1]",
        "initial_balance_usd must be at most 1e12");
  }

  @Test
  void timeUnitIsAFixedParameterCheckedWithItsLine() {
    assertThat(SessionFile.parse("data_file: q.csv\ntime_unit: ns\n", "s.yaml").base().timeUnit())
        .isEqualTo(dev.arbtune.backtest.EpochUnit.NANOSECONDS);
    assertError("data_file: q.csv\n\ntime_unit: sec\n", 3, "time_unit", "(did you mean s?)");
    assertError(
        "data_file: q.csv\ntime_unt: ms\n", 2, "time_unt", "unknown key (did you mean time_unit?)");
  }

  @Test
  void tagIsNotAKeyBecauseItComesFromTagPrefix() {
    assertError("data_file: q.csv\ntag: x\n", 2, "tag", "tag_prefix");
  }

  @Test
  void aGridOfAnUnknownFieldSuggestsTheClosestOne() {
    SessionConfigException e =
        error("data_file: q.csv\ngrids:\n  - name: min_spred_bps\n    values: [1]\n");
    assertThat(e.getMessage())
        .isEqualTo(
            "s.yaml:3: grids[0].name: \"min_spred_bps\" is not a numeric runner field"
                + " (did you mean min_spread_bps?)");
  }

  @Test
  void aGridOfANonNumericFieldIsAnError() {
    assertError(
        "data_file: q.csv\ngrids:\n  - name: tag\n    values: [1]\n",
        3,
        "grids[0].name",
        "tag cannot be varied");
  }

  @Test
  void aGridWithoutNameIsAnError() {
    assertError("data_file: q.csv\ngrids:\n  - values: [1]\n", 3, "grids[0].name", "is required");
  }

  @Test
  void aGridWithAnUnknownKeySuggestsTheClosestOne() {
    assertError(
        "data_file: q.csv\ngrids:\n  - name: slippage_bps\n    valeus: [1]\n",
        4,
        "grids[0].valeus",
        "did you mean values?");
  }

  @Test
  void emptyValuesAreAnError() {
    assertError(
        "data_file: q.csv\ngrids:\n  - name: slippage_bps\n    values: []\n",
        4,
        "grids[0].values",
        "is empty");
  }

  @Test
  void nonNumericValuesAreAnErrorAtTheirLine() {
    assertError(
        "data_file: q.csv\ngrids:\n  - name: slippage_bps\n    values:\n      - 1\n      - \"2\"\n",
        6,
        "grids[0].values[1]",
        "expected a number, got the string \"2\"");
    assertError(
        "data_file: q.csv\ngrids:\n  - name: slippage_bps\n    values: [1, true]\n",
        4,
        "grids[0].values[1]",
        "expected a number, got true");
    assertError(
        "data_file: q.csv\ngrids:\n  - name: slippage_bps\n    values: 3\n",
        4,
        "grids[0].values",
        "expected a list of numbers");
  }

  @Test
  void duplicateValuesInAGridAreAnError() {
    assertError(
        "data_file: q.csv\ngrids:\n  - name: slippage_bps\n    values:\n      - 1\n      - 1.0\n",
        6,
        "grids[0].values[1]",
        "duplicate value 1");
  }

  @Test
  void duplicateGridNamesAreAnError() {
    assertError(
        "data_file: q.csv\ngrids:\n  - name: slippage_bps\n    values: [1]\n"
            + "  - name: slippage_bps\n    values: [2]\n",
        5,
        "grids[1].name",
        "duplicate grid slippage_bps");
  }

  @Test
  void aGridNeedsExactlyOneOfValuesAndRange() {
    assertError(
        "data_file: q.csv\ngrids:\n  - name: slippage_bps\n", 3, "grids[0]", "needs values");
    assertError(
        "data_file: q.csv\ngrids:\n  - name: slippage_bps\n    values: [1]\n"
            + "    range: {start: 1, stop: 2, step: 1}\n",
        5,
        "grids[0]",
        "both values and range");
  }

  @Test
  void aRangeStepThatIsNotPositiveIsAnError() {
    assertError(
        "data_file: q.csv\ngrids:\n  - name: slippage_bps\n    range:\n"
            + "      start: 1\n      stop: 7\n      step: 0\n",
        7,
        "grids[0].range.step",
        "must be > 0, got 0");
    assertError(
        "data_file: q.csv\ngrids:\n  - name: slippage_bps\n    range: {start: 7, stop: 1, step: -2}\n",
        4,
        "grids[0].range.step",
        "must be > 0");
  }

  @Test
  void aRangeThatDoesNotMoveTowardStopIsAnError() {
    assertError(
        "data_file: q.csv\ngrids:\n  - name: slippage_bps\n    range:\n"
            + "      start: 7\n      stop: 1\n      step: 2\n",
        6,
        "grids[0].range.stop",
        "is below start");
  }

  @Test
  void aRangeNeedsStartStopAndStep() {
    assertError(
        "data_file: q.csv\ngrids:\n  - name: slippage_bps\n    range: {start: 1, stop: 7}\n",
        4,
        "grids[0].range.step",
        "is required");
    assertError(
        "data_file: q.csv\ngrids:\n  - name: slippage_bps\n    range: {start: 1, stop: 7, stepp: 1}\n",
        4,
        "grids[0].range.stepp",
        "did you mean step?");
    assertError(
        "data_file: q.csv\ngrids:\n  - name: slippage_bps\n    range: {start: a, stop: 7, step: 1}\n",
        4,
        "grids[0].range.start",
        "expected a number");
  }

  @Test
  void maxJobsMustBeAPositiveInteger() {
    assertError("data_file: q.csv\nmax_jobs: 0\n", 2, "max_jobs", "between 1 and 10000000");
    assertError("data_file: q.csv\nmax_jobs: -3\n", 2, "max_jobs", "between 1");
    assertError("data_file: q.csv\nmax_jobs: 2.5\n", 2, "max_jobs", "expected an integer");
    assertError("data_file: q.csv\nmax_jobs: many\n", 2, "max_jobs", "expected an integer");
  }

  @Test
  void aNegativeFixedFeeIsAnError() {
    SessionConfigException e = error("data_file: q.csv\ntaker_fee_a_bps: -1\n");
    assertThat(e.getMessage())
        .isEqualTo("s.yaml:2: taker_fee_a_bps: must be a finite number >= 0, got -1.0");
  }

  @Test
  void aNegativeFeeInAGridIsAnErrorAtItsLine() {
    SessionConfigException e =
        error(
            "data_file: q.csv\ngrids:\n  - name: taker_fee_b_bps\n    values:\n"
                + "      - 1\n      - -0.5\n");
    assertThat(e.getMessage())
        .isEqualTo(
            "s.yaml:6: grids[0].values[1]: taker_fee_b_bps must be a finite number >= 0,"
                + " got -0.5");
  }

  @Test
  void aRangeReachingAValueTheRunnerRefusesIsAnError() {
    assertError(
        "data_file: q.csv\ngrids:\n  - name: max_position_usd\n    range: {start: 0, stop: 10, step: 5}\n",
        4,
        "grids[0].range",
        "max_position_usd must be a finite number > 0, got 0.0");
    assertError(
        "data_file: q.csv\ngrids:\n  - name: max_open_trades\n    values: [1, 2.5]\n",
        4,
        "grids[0].values[1]",
        "max_open_trades expected an integer");
  }

  @Test
  void otherRunnerRefusalsNameTheirField() {
    assertError("data_file: q.csv\nmax_open_trades: 0\n", 2, "max_open_trades", "at least 1");
    assertError("data_file: q.csv\nslippage_bps: five\n", 2, "slippage_bps", "expected a number");
    assertError("data_file: q.csv\nstart_time: yesterday\n", 2, "start_time", "ISO-8601");
    assertError(
        "data_file: q.csv\nstart_time: 2022-12-13T05:00:00Z\nend_time: 2022-12-13T04:00:00Z\n",
        3,
        "end_time",
        "must be after start_time");
  }

  @Test
  void aGridOfMoreThanTenMillionJobsIsAnErrorUnlessCappedOrSampled() {
    String grids =
        "data_file: q.csv\ngrids:\n"
            + "  - name: min_spread_bps\n    range: {start: 0, stop: 9999, step: 1}\n"
            + "  - name: slippage_bps\n    range: {start: 0, stop: 1000, step: 1}\n";
    assertError(grids, 2, "grids", "10010000 combinations, more than the limit of 10000000");
    assertThat(SessionFile.parse(grids + "max_jobs: 10\n", "s.yaml").jobCount()).isEqualTo(10);
    assertThat(
            SessionFile.parse(grids + "sampler: random\nsamples: 10\nseed: 1\n", "s.yaml")
                .jobCount())
        .isEqualTo(10);
  }

  @Test
  void samplerErrorsNameTheirField() {
    assertError("data_file: q.csv\nsampler: randon\n", 2, "sampler", "did you mean random?");
    assertError("data_file: q.csv\nsampler: random\nseed: 1\n", 2, "samples", "is required");
    assertError("data_file: q.csv\nsampler: random\nsamples: 3\n", 2, "seed", "is required");
    assertError(
        "data_file: q.csv\nsampler: random\nsamples: 0\nseed: 1\n", 3, "samples", "between 1");
    assertError("data_file: q.csv\nsamples: 5\n", 2, "samples", "only used with sampler: random");
    assertError(
        "data_file: q.csv\nsampler: random\nsamples: 5\nseed: 99999999999999999999\n",
        4,
        "seed",
        "expected an integer");
  }

  @Test
  void anUnsafeTagPrefixIsAnError() {
    assertError("data_file: q.csv\ntag_prefix: ../up\n", 2, "tag_prefix", "letters, digits");
    assertError("data_file: q.csv\ntag_prefix: [a]\n", 2, "tag_prefix", "expected a name");
  }

  @Test
  void theDocumentMustBeAMapping() {
    assertError("", 1, null, "the session file is empty");
    assertError("# only a comment\n", 1, null, "the session file is empty");
    assertError("- data_file: q.csv\n", 1, null, "expected a mapping of keys");
    assertError("data_file: q.csv\ngrids: {name: x}\n", 2, "grids", "expected a list of grids");
    assertError("data_file: q.csv\ngrids:\n  - 3\n", 3, "grids[0]", "expected a grid");
  }

  @Test
  void loadNamesTheFileAsGiven() throws IOException {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "data_file: q.csv\nmax_jobs: 0\n");
    assertThatThrownBy(() -> SessionFile.load(f))
        .isInstanceOf(SessionConfigException.class)
        .hasMessage(f + ":2: max_jobs: must be between 1 and 10000000, got 0");
  }

  @Test
  void loadAcceptsAByteOrderMark() throws IOException {
    Path f = dir.resolve("bom.yaml");
    Files.write(f, ("\uFEFFdata_file: q.csv\n").getBytes(StandardCharsets.UTF_8));
    assertThat(SessionFile.load(f).base().dataFile()).isEqualTo("q.csv");
  }

  @Test
  void loadRefusesAFileThatIsNotUtf8() throws IOException {
    Path f = dir.resolve("latin1.yaml");
    Files.write(f, "data_file: caf\u00e9.csv\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> SessionFile.load(f))
        .isInstanceOf(SessionConfigException.class)
        .hasMessageContaining("is not UTF-8 text");
  }

  @Test
  void loadRefusesAFileOverOneMebibyteWithoutParsingIt() throws IOException {
    Path f = dir.resolve("huge.yaml");
    Files.writeString(f, "data_file: q.csv\n# " + "x".repeat(SessionFile.MAX_BYTES) + "\n");
    assertThatThrownBy(() -> SessionFile.load(f))
        .isInstanceOf(SessionConfigException.class)
        .hasMessage(f + ": is larger than 1048576 bytes; a session file is small");
  }

  @Test
  void loadReportsAMissingFileAndADirectory() {
    assertThatThrownBy(() -> SessionFile.load(dir.resolve("nope.yaml")))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> SessionFile.load(dir))
        .isInstanceOf(SessionConfigException.class)
        .hasMessageContaining("is a directory");
  }

  @Test
  void keysListEveryRunnerFieldButTagAndTheSessionKeys() {
    assertThat(SessionFile.KEYS)
        .containsAll(BacktestConfig.FIELDS.stream().filter(f -> !f.equals("tag")).toList())
        .contains("tag_prefix", "grids", "max_jobs", "sampler", "samples", "seed")
        .doesNotContain("tag");
    assertThat(SessionFile.KEYS)
        .doesNotHaveDuplicates()
        .hasSize(List.copyOf(SessionFile.KEYS).size());
  }
}
