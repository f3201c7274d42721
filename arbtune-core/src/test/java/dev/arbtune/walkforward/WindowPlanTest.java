package dev.arbtune.walkforward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowPlanTest {

  private static final long H = 3_600_000_000L;
  private static final long D = 24 * H;
  private static final Instant T0 = Instant.parse("2014-05-01T05:00:00Z");

  private static Instant at(long micros) {
    return T0.plusNanos(micros * 1000);
  }

  private static List<String> windows(WindowPlan p) {
    return p.windows().stream()
        .map(
            w ->
                w.index()
                    + ": "
                    + w.trainStart()
                    + " "
                    + w.trainEnd()
                    + " "
                    + w.testStart()
                    + " "
                    + w.testEnd())
        .toList();
  }

  @Test
  void rollingWindowsMoveByTheTestLengthAndStopAtTheLastFullOne() {
    // 10 days: train 3d + test 1d fits at t = 0..6 days: 7 windows, no tail.
    WindowPlan p = WindowPlan.of(T0, at(10 * D), 3 * D, D, D, false);
    assertThat(p.windows()).hasSize(7);
    assertThat(windows(p).get(0))
        .isEqualTo(
            "1: 2014-05-01T05:00:00Z 2014-05-04T05:00:00Z 2014-05-04T05:00:00Z"
                + " 2014-05-05T05:00:00Z");
    assertThat(windows(p).get(6))
        .isEqualTo(
            "7: 2014-05-07T05:00:00Z 2014-05-10T05:00:00Z 2014-05-10T05:00:00Z"
                + " 2014-05-11T05:00:00Z");
    assertThat(p.hasTail()).isFalse();
    assertThat(p.tailStart()).isEqualTo(at(10 * D));
  }

  @Test
  void theRestAfterTheLastTestWindowIsTheTail() {
    WindowPlan p = WindowPlan.of(T0, at(10 * D + 5 * H), 3 * D, D, D, false);
    assertThat(p.windows()).hasSize(7);
    assertThat(p.hasTail()).isTrue();
    assertThat(p.tailStart()).isEqualTo(at(10 * D));
  }

  @Test
  void anchoredTrainWindowsAllStartAtTheFirstQuote() {
    WindowPlan p = WindowPlan.of(T0, at(6 * D), 2 * D, D, D, true);
    assertThat(windows(p))
        .containsExactly(
            "1: 2014-05-01T05:00:00Z 2014-05-03T05:00:00Z 2014-05-03T05:00:00Z"
                + " 2014-05-04T05:00:00Z",
            "2: 2014-05-01T05:00:00Z 2014-05-04T05:00:00Z 2014-05-04T05:00:00Z"
                + " 2014-05-05T05:00:00Z",
            "3: 2014-05-01T05:00:00Z 2014-05-05T05:00:00Z 2014-05-05T05:00:00Z"
                + " 2014-05-06T05:00:00Z",
            "4: 2014-05-01T05:00:00Z 2014-05-06T05:00:00Z 2014-05-06T05:00:00Z"
                + " 2014-05-07T05:00:00Z");
  }

  @Test
  void aStepShorterThanTheTestMakesOverlappingTestWindows() {
    WindowPlan p = WindowPlan.of(T0, at(2 * D), D, 12 * H, 6 * H, false);
    // t = 0, 6h, 12h: the last test ends at 12h + 1d + 12h = 2d.
    assertThat(p.windows()).hasSize(3);
    assertThat(p.windows().get(1).trainStart()).isEqualTo(at(6 * H));
    assertThat(p.windows().get(1).testStart()).isEqualTo(at(D + 6 * H));
    assertThat(p.windows().get(1).testEnd()).isEqualTo(at(D + 18 * H));
    assertThat(p.windows().get(0).testEnd()).isAfter(p.windows().get(1).testStart());
  }

  @Test
  void aStepLongerThanTheTestLeavesGaps() {
    WindowPlan p = WindowPlan.of(T0, at(5 * D), D, D, 2 * D, false);
    // t = 0, 2d: t = 4d would need 6 days.
    assertThat(p.windows()).hasSize(2);
    assertThat(p.windows().get(1).trainStart()).isEqualTo(at(2 * D));
    assertThat(p.tailStart()).isEqualTo(at(4 * D));
  }

  @Test
  void exactlyOneWindowFitsWhenTrainPlusTestIsTheSpan() {
    WindowPlan p = WindowPlan.of(T0, at(4 * D), 3 * D, D, D, false);
    assertThat(p.windows()).hasSize(1);
    assertThat(p.hasTail()).isFalse();
  }

  @Test
  void noFullWindowIsOneClearMessage() {
    assertThatThrownBy(() -> WindowPlan.of(T0, at(4 * D - 1), 3 * D, D, D, false))
        .isInstanceOf(WalkForwardException.class)
        .hasMessage(
            "--train 3d plus --test 1d is longer than the data (2014-05-01T05:00:00Z to"
                + " 2014-05-05T04:59:59.999999Z, 3d 23h 59m 59s 999999us): no full window;"
                + " shorten them");
  }

  @Test
  void aZeroDurationIsRefused() {
    assertThatThrownBy(() -> WindowPlan.of(T0, at(4 * D), 0, D, D, false))
        .isInstanceOf(WalkForwardException.class)
        .hasMessage("--train must be longer than 0, got 0s");
    assertThatThrownBy(() -> WindowPlan.of(T0, at(4 * D), D, D, 0, false))
        .hasMessage("--step must be longer than 0, got 0s");
  }

  @Test
  void tooManyWindowsAreRefused() {
    assertThatThrownBy(() -> WindowPlan.of(T0, at(30 * D), 1_000_000, 1_000_000, 1, false))
        .isInstanceOf(WalkForwardException.class)
        .hasMessageStartingWith("--step 1us makes ")
        .hasMessageContaining("more than the limit of 10000");
  }

  @Test
  void durationsReadAsText() {
    assertThat(WindowPlan.text(3 * D)).isEqualTo("3d");
    assertThat(WindowPlan.text(90_000_000)).isEqualTo("1m 30s");
    assertThat(WindowPlan.text(D + 6 * H)).isEqualTo("1d 6h");
    assertThat(WindowPlan.text(0)).isEqualTo("0s");
  }
}
