package dev.arbtune.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.backtest.BacktestConfig;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionConfigTest {

  private static final BacktestConfig BASE = BacktestConfig.defaults("q.csv");

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  /** A grid of {@code n} values 0, 1, ..., n-1. */
  private static ParamGrid grid(String name, int n) {
    return ParamGrid.range(name, d("0"), BigDecimal.valueOf(n - 1), d("1"));
  }

  /** {@code n} values from 0 in steps of 0.001 (so that a million stay below the bps limits). */
  private static ParamGrid fineGrid(String name, int n) {
    return ParamGrid.range(name, d("0"), BigDecimal.valueOf(n - 1, 3), d("0.001"));
  }

  private static BacktestConfig withTag(String tag) {
    return BacktestConfig.fromMap(Map.of("data_file", "q.csv", "tag", tag));
  }

  private static void assertField(Runnable r, String field, String problemPart) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            SessionConfigException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.problem()).contains(problemPart);
            });
  }

  @Test
  void countsEveryCombinationOfTheGrids() {
    SessionConfig s =
        new SessionConfig(
            BASE,
            List.of(grid("min_spread_bps", 3), grid("slippage_bps", 4)),
            Sampler.grid(),
            null);
    assertThat(s.combinations()).isEqualTo(BigInteger.valueOf(12));
    assertThat(s.jobCount()).isEqualTo(12);
  }

  @Test
  void withoutGridsHasOneJob() {
    SessionConfig s = new SessionConfig(BASE, List.of(), Sampler.grid(), null);
    assertThat(s.jobCount()).isEqualTo(1);
  }

  @Test
  void maxJobsCapsTheJobCount() {
    SessionConfig s =
        new SessionConfig(BASE, List.of(grid("min_spread_bps", 50)), Sampler.grid(), 7L);
    assertThat(s.jobCount()).isEqualTo(7);
  }

  @Test
  void randomSamplerTakesAtMostEveryCombinationAndAtMostMaxJobs() {
    List<ParamGrid> grids = List.of(grid("min_spread_bps", 10));
    assertThat(new SessionConfig(BASE, grids, Sampler.random(4, 1), null).jobCount()).isEqualTo(4);
    assertThat(new SessionConfig(BASE, grids, Sampler.random(40, 1), null).jobCount())
        .isEqualTo(10);
    assertThat(new SessionConfig(BASE, grids, Sampler.random(8, 1), 3L).jobCount()).isEqualTo(3);
  }

  @Test
  void jobPrefixIsTheTagPrefixOrJob() {
    assertThat(new SessionConfig(BASE, List.of(), Sampler.grid(), null).jobPrefix())
        .isEqualTo("job");
    SessionConfig tagged = new SessionConfig(withTag("sess001"), List.of(), Sampler.grid(), null);
    assertThat(tagged.jobPrefix()).isEqualTo("sess001");
    assertThat(tagged.tagPrefix()).isEqualTo("sess001");
  }

  @Test
  void rejectsATagPrefixThatIsNotASafeFolderName() {
    for (String bad : new String[] {"../up", "a/b", ".hidden", "", "x".repeat(65), "sp ace"}) {
      assertField(
          () -> new SessionConfig(withTag(bad), List.of(), Sampler.grid(), null),
          "tag_prefix",
          "letters, digits");
    }
  }

  @Test
  void rejectsTwoGridsOfTheSameField() {
    assertField(
        () ->
            new SessionConfig(
                BASE,
                List.of(
                    grid("slippage_bps", 2), grid("min_spread_bps", 2), grid("slippage_bps", 3)),
                Sampler.grid(),
                null),
        "grids[2].name",
        "already varied by grids[0]");
  }

  @Test
  void rejectsAGridValueTheRunnerWouldRefuse() {
    assertField(
        () ->
            new SessionConfig(
                BASE,
                List.of(ParamGrid.of("taker_fee_a_bps", d("1"), d("-1"))),
                Sampler.grid(),
                null),
        "grids[0].values[1]",
        "taker_fee_a_bps must be a finite number >= 0");
  }

  @Test
  void rejectsARangeWhoseLastValueTheRunnerWouldRefuse() {
    assertField(
        () ->
            new SessionConfig(
                BASE,
                List.of(ParamGrid.range("max_open_trades", d("1"), d("3000000000"), d("1000"))),
                Sampler.grid(),
                null),
        "grids[0].range",
        "max_open_trades");
  }

  @Test
  void rejectsARangeOfWholeNumberFieldWithAFractionalStep() {
    assertField(
        () ->
            new SessionConfig(
                BASE,
                List.of(ParamGrid.range("max_open_trades", d("1"), d("3"), d("0.5"))),
                Sampler.grid(),
                null),
        "grids[0].range",
        "expected an integer, got 1.5");
  }

  @Test
  void rejectsMaxJobsOutOfRange() {
    for (long bad : new long[] {0, -1, SessionConfig.MAX_JOBS + 1}) {
      assertField(
          () -> new SessionConfig(BASE, List.of(), Sampler.grid(), bad), "max_jobs", "between 1");
    }
  }

  @Test
  void rejectsAGridOfMoreThanTenMillionJobsWithoutACap() {
    List<ParamGrid> grids = List.of(grid("min_spread_bps", 4000), grid("slippage_bps", 2501));
    assertField(
        () -> new SessionConfig(BASE, grids, Sampler.grid(), null),
        "grids",
        "10004000 combinations");
  }

  @Test
  void acceptsExactlyTenMillionJobs() {
    List<ParamGrid> grids = List.of(grid("min_spread_bps", 4000), grid("slippage_bps", 2500));
    assertThat(new SessionConfig(BASE, grids, Sampler.grid(), null).jobCount())
        .isEqualTo(10_000_000L);
  }

  @Test
  void acceptsAHugeGridWithMaxJobsOrRandomSampling() {
    List<ParamGrid> grids =
        List.of(fineGrid("min_spread_bps", 1_000_000), fineGrid("slippage_bps", 1_000_000));
    assertThatCode(() -> new SessionConfig(BASE, grids, Sampler.grid(), 100L))
        .doesNotThrowAnyException();
    assertThat(new SessionConfig(BASE, grids, Sampler.random(100, 3), null).jobCount())
        .isEqualTo(100);
  }

  @Test
  void rejectsRandomSamplingOfMoreCombinationsThanALongHolds() {
    List<ParamGrid> grids =
        List.of(
            fineGrid("min_spread_bps", 1_000_000),
            fineGrid("slippage_bps", 1_000_000),
            fineGrid("taker_fee_a_bps", 1_000_000),
            grid("taker_fee_b_bps", 10)); // 10^19 > 2^63
    assertField(
        () -> new SessionConfig(BASE, grids, Sampler.random(5, 1), null), "grids", "at most");
  }
}
