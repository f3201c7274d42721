package dev.arbtune.walkforward;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StitchedRecordTest {

  private static final Instant T0 = Instant.parse("2014-05-01T00:00:00Z");

  private static WindowResult window(int index, long trainDays, String trainPnl, String testPnl) {
    Instant trainStart = T0.plusSeconds(86_400L * (index - 1));
    Instant trainEnd = trainStart.plusSeconds(86_400L * trainDays);
    WindowPlan.Window w =
        new WindowPlan.Window(index, trainStart, trainEnd, trainEnd.plusSeconds(86_400));
    WindowResult.Winner winner =
        trainPnl == null
            ? null
            : new WindowResult.Winner(
                "j", Map.of(), Map.of("realized_pnl_usd", new BigDecimal(trainPnl)), "d");
    return new WindowResult(
        w,
        1,
        1,
        1,
        1,
        1,
        false,
        winner,
        winner == null ? "no job passed the filters" : null,
        testPnl == null ? null : Map.of("realized_pnl_usd", new BigDecimal(testPnl)),
        null,
        testPnl == null ? "no quotes in the test window" : null,
        null,
        null);
  }

  @Test
  void efficiencyIsTestPnlPerYearOverTrainPnlPerYearOfTheTestedWindows() {
    // Train: 30 USD over 3 + 3 days; test: 4 USD over 1 + 1 day. Per year: 30/6 and 4/2 per
    // day, so WFE = 2 / 5 = 0.4. The untested window (no test metrics) does not count.
    WalkForwardResult.Efficiency e =
        WalkForwardResult.Efficiency.of(
            List.of(window(1, 3, "10", "1"), window(2, 3, "20", "3"), window(3, 3, "500", null)));
    assertThat(e.wfe()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(e.trainPnlPerYearUsd())
        .isCloseTo(5 * 365.25, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(e.testPnlPerYearUsd())
        .isCloseTo(2 * 365.25, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(e.reason()).isNull();
  }

  @Test
  void efficiencyIsUndefinedWhenTheTrainPnlIsNotPositive() {
    WalkForwardResult.Efficiency e =
        WalkForwardResult.Efficiency.of(List.of(window(1, 3, "-3", "-1"), window(2, 3, "3", "2")));
    assertThat(e.wfe()).isNull();
    assertThat(e.reason())
        .isEqualTo(
            "the winners' train PnL is 0 USD, not above 0: a ratio to a loss (or to nothing) is"
                + " not an efficiency");
    assertThat(e.testPnlPerYearUsd()).isPositive();
  }

  @Test
  void efficiencyWithoutATestedWindowSaysSo() {
    WalkForwardResult.Efficiency e =
        WalkForwardResult.Efficiency.of(List.of(window(1, 3, null, null), window(2, 3, "5", null)));
    assertThat(e.wfe()).isNull();
    assertThat(e.trainPnlPerYearUsd()).isNull();
    assertThat(e.reason()).isEqualTo("no window was tested");
  }

  @Test
  void theCurveIsThinnedToAtMost2000PointsKeepingItsExtremesAndTheDrawdownOfAllPoints() {
    StitchedEquity s = new StitchedEquity();
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      double v = 1000 + (i % 7);
      if (i == 54_321) {
        v = 900; // one deep dip among 100,000 rows
      }
      if (i == 70_000) {
        v = 1500; // and one spike
      }
      s.point(i * 1_000_000L, v);
    }
    List<List<Object>> curve = s.curve();
    assertThat(curve.get(0)).hasSize(curve.get(1).size());
    assertThat(curve.get(1).size())
        .isLessThanOrEqualTo(StitchedEquity.MAX_POINTS)
        .isGreaterThan(1000);
    assertThat(curve.get(1)).contains(new BigDecimal("900"), new BigDecimal("1500"));
    assertThat(curve.get(0).get(0)).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(curve.get(0).get(curve.get(0).size() - 1)).isEqualTo("1970-01-02T03:46:39Z");
    // the worst fall: from the peak 1006 before the dip to 900; after the spike, 1500 to 1000
    assertThat(s.maxDrawdownUsd()).isEqualTo(500.0);
  }

  @Test
  void aShortCurveIsKeptWhole() {
    StitchedEquity s = new StitchedEquity();
    s.point(0, 100);
    s.point(1_000_000, 90);
    s.point(2_000_000, 95);
    assertThat(s.curve().get(1))
        .containsExactly(new BigDecimal("100"), new BigDecimal("90"), new BigDecimal("95"));
    assertThat(s.maxDrawdownUsd()).isEqualTo(10.0);
  }
}
