package dev.arbtune.aggregate;

import dev.arbtune.result.Metric;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * A condition a success job must meet to be ranked. Each filter has the name and value under which
 * it appears in the summary's {@code filters}.
 *
 * <p>The filters made by the factory methods here are {@link Serializable} (a distributed engine
 * ships them to its workers); one made with the constructor is serializable when its test is.
 *
 * @param name the key in {@code filters}, e.g. {@code max_drawdown_pct}
 * @param value the value in {@code filters}, e.g. {@code 15.0}
 * @param test whether a job passes
 */
public record JobFilter(String name, Object value, Predicate<AggregatedJobResult> test)
    implements Serializable {

  /** A test that can be serialised along with its filter. */
  @FunctionalInterface
  private interface Test extends Predicate<AggregatedJobResult>, Serializable {}

  /** The key under which {@code --filter} expressions are listed in {@code filters}. */
  public static final String EXPRESSIONS = "expressions";

  public JobFilter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(test, "test");
  }

  /** Whether {@code job} passes. */
  public boolean accepts(AggregatedJobResult job) {
    return test.test(job);
  }

  /**
   * {@code metric <= limit}, listed in {@code filters} as {@code name: limit} (the bound as given:
   * an {@code Integer} stays an integer). A job without the metric as a number counts as 0 when
   * {@code missingIsZero} and is dropped otherwise. (Success jobs carry the seed's metrics as
   * finite numbers when at all: {@link Metric#mustBeFinite()}.)
   *
   * @throws IllegalArgumentException when {@code limit} is not a finite number
   */
  public static JobFilter atMost(String name, Metric metric, Number limit, boolean missingIsZero) {
    return bounded(name, metric, limit, missingIsZero, true);
  }

  /**
   * {@code metric >= min}, listed in {@code filters} as {@code name: min}; a missing value as in
   * {@link #atMost}.
   *
   * @throws IllegalArgumentException when {@code min} is not a finite number
   */
  public static JobFilter atLeast(String name, Metric metric, Number min, boolean missingIsZero) {
    return bounded(name, metric, min, missingIsZero, false);
  }

  private static JobFilter bounded(
      String name, Metric metric, Number bound, boolean missingIsZero, boolean upper) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bound, "bound");
    double b = bound.doubleValue();
    if (!Double.isFinite(b)) {
      throw new IllegalArgumentException(name + " must be a finite number, got " + bound);
    }
    String key = metric.key();
    return new JobFilter(
        name,
        bound,
        (Test)
            job -> {
              OptionalDouble v = job.metric(key);
              if (v.isEmpty() && !missingIsZero) {
                return false;
              }
              double x = v.orElse(0);
              return upper ? x <= b : x >= b;
            });
  }

  /** The seed's filter: {@code max_drawdown_pct <= limit}; a job without it is dropped. */
  public static JobFilter maxDrawdownPct(double limit) {
    return atMost(Metric.MAX_DRAWDOWN_PCT.key(), Metric.MAX_DRAWDOWN_PCT, limit, false);
  }

  /** The seed's filter {@code min_trades}: {@code total_trades >= min}; a missing count is 0. */
  public static JobFilter minTrades(int min) {
    return atLeast("min_trades", Metric.TOTAL_TRADES, min, true);
  }

  /** {@code max_trades}: {@code total_trades <= max}; a missing count is 0. */
  public static JobFilter maxTrades(int max) {
    return atMost("max_trades", Metric.TOTAL_TRADES, max, true);
  }

  /** {@code min_win_rate}: {@code win_rate >= min}; a job without it is dropped. */
  public static JobFilter minWinRate(double min) {
    return atLeast("min_win_rate", Metric.WIN_RATE, min, false);
  }

  /**
   * {@code min_pnl}: {@code realized_pnl_usd >= min}; a missing PnL counts as 0, as in the ranking.
   */
  public static JobFilter minPnl(double min) {
    return atLeast("min_pnl", Metric.REALIZED_PNL_USD, min, true);
  }

  /** {@code realized_pnl_usd > 0}; a missing PnL counts as 0, so it is dropped. */
  public static JobFilter profitable() {
    return new JobFilter("profitable", true, (Test) job -> Ranking.pnl(job) > 0);
  }

  /** {@code config.tag} equals {@code tag}. */
  public static JobFilter tag(String tag) {
    Objects.requireNonNull(tag, "tag");
    return new JobFilter("tag", tag, (Test) job -> tag.equals(job.tag()));
  }

  /** A parsed {@code --filter} expression; listed under {@link #EXPRESSIONS}. */
  public static JobFilter expression(FilterExpression expression) {
    return new JobFilter(EXPRESSIONS, expression.toString(), expression);
  }

  /** The {@code --filter} expression this filter tests, when it is one. */
  public Optional<FilterExpression> filterExpression() {
    return test instanceof FilterExpression e ? Optional.of(e) : Optional.empty();
  }
}
