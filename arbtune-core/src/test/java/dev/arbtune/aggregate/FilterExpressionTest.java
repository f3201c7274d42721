package dev.arbtune.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterExpressionTest {

  private static AggregatedJobResult job(Map<String, Object> config, Map<String, Object> metrics) {
    return new AggregatedJobResult(
        "j", null, config, metrics, JobStatus.SUCCESS, "j.json", 0, null);
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void parsesEveryOperatorWithOrWithoutSpaces() {
    assertThat(FilterExpression.parse("win_rate>=0.6"))
        .isEqualTo(
            new FilterExpression(
                FilterExpression.Scope.ANY, "win_rate", FilterExpression.Op.GE, 0.6));
    assertThat(FilterExpression.parse("  config.slippage_bps <= 5 ").op())
        .isEqualTo(FilterExpression.Op.LE);
    assertThat(FilterExpression.parse("metrics.total_trades>10").scope())
        .isEqualTo(FilterExpression.Scope.METRICS);
    assertThat(FilterExpression.parse("x<-1.5e2").number()).isEqualTo(-150.0);
    assertThat(FilterExpression.parse("x==3").op()).isEqualTo(FilterExpression.Op.EQ);
    assertThat(FilterExpression.parse("x!=.5").number()).isEqualTo(0.5);
  }

  @Test
  void canonicalFormIsStable() {
    assertThat(FilterExpression.parse("config.slippage_bps<=5.0"))
        .hasToString("config.slippage_bps <= 5");
    assertThat(FilterExpression.parse("win_rate >= 0.60")).hasToString("win_rate >= 0.6");
  }

  @Test
  void malformedExpressionsPointAtTheBadPart() {
    assertThatThrownBy(() -> FilterExpression.parse("win_rate=>0.6"))
        .hasMessage(
            "invalid filter 'win_rate=>0.6': expected an operator: < <= > >= == != at position 9\n"
                + "  win_rate=>0.6\n"
                + "          ^");
    assertThatThrownBy(() -> FilterExpression.parse(">= 3"))
        .hasMessageContaining("expected a field name")
        .hasMessageContaining("position 1");
    assertThatThrownBy(() -> FilterExpression.parse("win_rate >= high"))
        .hasMessageContaining("expected a number at position 13");
    assertThatThrownBy(() -> FilterExpression.parse("win_rate >= 0.5 and more"))
        .hasMessageContaining("unexpected text after the number at position 17");
    assertThatThrownBy(() -> FilterExpression.parse("x < 1e999"))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> FilterExpression.parse(""))
        .hasMessageContaining("expected a field name");
  }

  @Test
  void bareNamesLookInMetricsFirstThenConfig() {
    FilterExpression e = FilterExpression.parse("slippage_bps <= 5");
    assertThat(e.test(job(map("slippage_bps", new BigDecimal("3.0")), map()))).isTrue();
    assertThat(e.test(job(map("slippage_bps", 3L), map("slippage_bps", 9L)))).isFalse();
    assertThat(
            FilterExpression.parse("metrics.slippage_bps <= 5")
                .test(job(map("slippage_bps", 3L), map())))
        .isFalse();
    assertThat(
            FilterExpression.parse("config.slippage_bps <= 5")
                .test(job(map("slippage_bps", 3L), map("slippage_bps", 9L))))
        .isTrue();
  }

  @Test
  void missingOrNonNumericFieldsFail() {
    FilterExpression ne = FilterExpression.parse("win_rate != 0.5");
    assertThat(ne.test(job(map(), map()))).isFalse();
    assertThat(ne.test(job(map(), map("win_rate", "high")))).isFalse();
    assertThat(ne.test(job(map(), map("win_rate", Double.NaN)))).isFalse();
    assertThat(ne.test(job(map(), map("win_rate", new BigDecimal("0.7"))))).isTrue();
  }

  @Test
  void comparesExactlyAtTheBoundary() {
    AggregatedJobResult at = job(map(), map("x", new BigDecimal("5.0")));
    assertThat(FilterExpression.parse("x<=5").test(at)).isTrue();
    assertThat(FilterExpression.parse("x<5").test(at)).isFalse();
    assertThat(FilterExpression.parse("x>=5").test(at)).isTrue();
    assertThat(FilterExpression.parse("x>5").test(at)).isFalse();
    assertThat(FilterExpression.parse("x==5").test(at)).isTrue();
    assertThat(FilterExpression.parse("x!=5").test(at)).isFalse();
  }
}
