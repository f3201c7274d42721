package dev.arbtune.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each filter's name, value, and which jobs it keeps, missing values included. */
class JobFilterTest {

  private static AggregatedJobResult job(String tag, Object... metrics) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < metrics.length; i += 2) {
      m.put((String) metrics[i], metrics[i + 1]);
    }
    Map<String, Object> config = tag == null ? Map.of() : Map.of("tag", tag);
    return new AggregatedJobResult("j", tag, config, m, JobStatus.SUCCESS, "j.json", 0, null);
  }

  private static final AggregatedJobResult NOTHING = job(null);

  @Test
  void maxDrawdownKeepsAtMostTheLimitAndDropsAJobWithoutIt() {
    JobFilter f = JobFilter.maxDrawdownPct(15.0);
    assertThat(f.name()).isEqualTo("max_drawdown_pct");
    assertThat(f.value()).isEqualTo(15.0);
    assertThat(f.accepts(job(null, "max_drawdown_pct", 15.0))).isTrue();
    assertThat(f.accepts(job(null, "max_drawdown_pct", 15.01))).isFalse();
    assertThat(f.accepts(job(null, "max_drawdown_pct", 0L))).isTrue();
    assertThat(f.accepts(NOTHING)).isFalse();
  }

  @Test
  void minAndMaxTradesCountAMissingCountAsZero() {
    assertThat(JobFilter.minTrades(3).name()).isEqualTo("min_trades");
    assertThat(JobFilter.minTrades(3).value()).isEqualTo(3);
    assertThat(JobFilter.minTrades(3).accepts(job(null, "total_trades", 3L))).isTrue();
    assertThat(JobFilter.minTrades(3).accepts(job(null, "total_trades", 2L))).isFalse();
    assertThat(JobFilter.minTrades(0).accepts(NOTHING)).isTrue();
    assertThat(JobFilter.minTrades(1).accepts(NOTHING)).isFalse();
    assertThat(JobFilter.maxTrades(3).name()).isEqualTo("max_trades");
    assertThat(JobFilter.maxTrades(3).accepts(job(null, "total_trades", 3L))).isTrue();
    assertThat(JobFilter.maxTrades(3).accepts(job(null, "total_trades", 4L))).isFalse();
    assertThat(JobFilter.maxTrades(0).accepts(NOTHING)).isTrue();
  }

  @Test
  void minWinRateDropsAJobWithoutIt() {
    JobFilter f = JobFilter.minWinRate(0.6);
    assertThat(f.name()).isEqualTo("min_win_rate");
    assertThat(f.accepts(job(null, "win_rate", 0.6))).isTrue();
    assertThat(f.accepts(job(null, "win_rate", 0.59))).isFalse();
    assertThat(f.accepts(NOTHING)).isFalse();
  }

  @Test
  void pnlFiltersCountAMissingPnlAsZero() {
    assertThat(JobFilter.minPnl(0).accepts(NOTHING)).isTrue();
    assertThat(JobFilter.minPnl(0.5).accepts(NOTHING)).isFalse();
    assertThat(JobFilter.minPnl(-10).accepts(job(null, "realized_pnl_usd", -10.0))).isTrue();
    assertThat(JobFilter.minPnl(-10).accepts(job(null, "realized_pnl_usd", -10.5))).isFalse();
    assertThat(JobFilter.minPnl(-10).name()).isEqualTo("min_pnl");
    JobFilter profitable = JobFilter.profitable();
    assertThat(profitable.name()).isEqualTo("profitable");
    assertThat(profitable.value()).isEqualTo(true);
    assertThat(profitable.accepts(job(null, "realized_pnl_usd", 0.01))).isTrue();
    assertThat(profitable.accepts(job(null, "realized_pnl_usd", 0.0))).isFalse();
    assertThat(profitable.accepts(NOTHING)).isFalse();
  }

  @Test
  void tagMatchesExactly() {
    JobFilter f = JobFilter.tag("sess1");
    assertThat(f.value()).isEqualTo("sess1");
    assertThat(f.accepts(job("sess1"))).isTrue();
    assertThat(f.accepts(job("sess10"))).isFalse();
    assertThat(f.accepts(job("SESS1"))).isFalse();
    assertThat(f.accepts(NOTHING)).isFalse();
  }

  @Test
  void anExpressionIsListedUnderExpressionsAndKnownAsOne() {
    JobFilter f = JobFilter.expression(FilterExpression.parse("win_rate>=0.5"));
    assertThat(f.name()).isEqualTo(JobFilter.EXPRESSIONS);
    assertThat(f.filterExpression()).isPresent();
    assertThat(f.accepts(job(null, "win_rate", 0.5))).isTrue();
    assertThat(f.accepts(job(null, "win_rate", 0.4))).isFalse();
    assertThat(JobFilter.minTrades(1).filterExpression()).isEmpty();
  }

  @Test
  void refusesNonFiniteLimitsNamingTheFilter() {
    assertThatThrownBy(() -> JobFilter.maxDrawdownPct(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max_drawdown_pct must be a finite number, got NaN");
    assertThatThrownBy(() -> JobFilter.minWinRate(Double.POSITIVE_INFINITY))
        .hasMessageStartingWith("min_win_rate must be a finite number");
    assertThatThrownBy(() -> JobFilter.minPnl(Double.NEGATIVE_INFINITY))
        .hasMessageStartingWith("min_pnl must be a finite number");
    assertThatThrownBy(() -> new JobFilter("x", null, j -> true))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void theFactoriesFiltersSurviveSerialisation() throws Exception {
    for (JobFilter f :
        List.of(
            JobFilter.maxDrawdownPct(5),
            JobFilter.minTrades(2),
            JobFilter.maxTrades(9),
            JobFilter.minWinRate(0.5),
            JobFilter.minPnl(1),
            JobFilter.profitable(),
            JobFilter.tag("t"))) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(f);
      }
      JobFilter back;
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        back = (JobFilter) in.readObject();
      }
      assertThat(back.name()).isEqualTo(f.name());
      assertThat(back.value()).isEqualTo(f.value());
      AggregatedJobResult good =
          job(
              "t",
              "max_drawdown_pct",
              1.0,
              "total_trades",
              3L,
              "win_rate",
              0.7,
              "realized_pnl_usd",
              4.0);
      assertThat(back.accepts(good)).as(f.name()).isTrue();
      assertThat(back.accepts(NOTHING)).as(f.name()).isEqualTo(f.accepts(NOTHING));
    }
  }
}
