package dev.arbtune.show;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricCheckTest {

  private static Map<String, Object> doc() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total_trades", 10L);
    m.put("realized_pnl_usd", new BigDecimal("1000.123456"));
    m.put("runtime_seconds", new BigDecimal("0.5"));
    m.put("profit_factor", null);
    m.put("stopped_on_drawdown", false);
    m.put("my_own_metric", 7L);
    return m;
  }

  private static Map<String, Object> rerun() {
    Map<String, Object> m = new HashMap<>();
    m.put("total_trades", 10);
    m.put("realized_pnl_usd", 1000.123456);
    m.put("runtime_seconds", 0.0);
    m.put("profit_factor", null);
    m.put("stopped_on_drawdown", false);
    return m;
  }

  @Test
  void theSameRunAgreesWhateverItsRuntimeAndItsOwnMetrics() {
    assertThat(MetricCheck.differences(doc(), rerun())).isEmpty();
  }

  @Test
  void countsMustBeEqualAmountsWithinTheTolerance() {
    Map<String, Object> r = rerun();
    r.put("total_trades", 11);
    r.put("realized_pnl_usd", 1000.1234565); // within 1e-6
    assertThat(MetricCheck.differences(doc(), r))
        .extracting(MetricCheck.Difference::metric)
        .containsExactly("total_trades");
    r.put("realized_pnl_usd", 1000.12346);
    assertThat(MetricCheck.differences(doc(), r))
        .extracting(Object::toString)
        .containsExactly(
            "total_trades: document 10, re-run 11",
            "realized_pnl_usd: document 1000.123456, re-run 1000.12346");
  }

  @Test
  void nullAndBooleansMustMatch() {
    Map<String, Object> r = rerun();
    r.put("profit_factor", 1.5);
    r.put("stopped_on_drawdown", true);
    assertThat(MetricCheck.differences(doc(), r))
        .extracting(MetricCheck.Difference::metric)
        .containsExactly("profit_factor", "stopped_on_drawdown");
  }
}
