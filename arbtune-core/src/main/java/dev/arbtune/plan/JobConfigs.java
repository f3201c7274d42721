package dev.arbtune.plan;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.ConfigException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds job configs from a base config and grid values, through {@link BacktestConfig#fromMap}, so
 * that a job config is exactly what the runner would build from the plan line and every value it
 * would refuse is refused here.
 */
final class JobConfigs {

  private final Map<String, Object> base;

  JobConfigs(BacktestConfig base) {
    this.base = base.toMap();
  }

  /** The base with {@code names[i]} set to {@code values[i]}. */
  BacktestConfig with(String[] names, BigDecimal[] values) {
    Map<String, Object> m = new LinkedHashMap<>(base);
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], values[i]);
    }
    return BacktestConfig.fromMap(m);
  }

  /**
   * Checks that the runner accepts {@code name = value} on top of the base.
   *
   * @throws SessionConfigException (field {@code field}) naming the runner field and its problem
   */
  void check(String field, String name, BigDecimal value) {
    try {
      with(new String[] {name}, new BigDecimal[] {value});
    } catch (ConfigException e) {
      throw new SessionConfigException(field, runnerProblem(e));
    }
  }

  /** {@code taker_fee_a_bps must be ...} from {@code taker_fee_a_bps: must be ...}. */
  static String runnerProblem(ConfigException e) {
    String m = e.getMessage();
    String prefix = e.field() + ": ";
    return e.field() + " " + (m.startsWith(prefix) ? m.substring(prefix.length()) : m);
  }
}
