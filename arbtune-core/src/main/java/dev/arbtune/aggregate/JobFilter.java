package dev.arbtune.aggregate;

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

  /** The seed's filter: {@code max_drawdown_pct <= limit}; a job without it is dropped. */
  public static JobFilter maxDrawdownPct(double limit) {
    requireFinite("max_drawdown_pct", limit);
    return new JobFilter(
        "max_drawdown_pct", limit, (Test) job -> atMost(job.metric("max_drawdown_pct"), limit));
  }

  /** The seed's filter: {@code total_trades >= min}; a missing count is 0. */
  public static JobFilter minTrades(int min) {
    return new JobFilter(
        "min_trades", min, (Test) job -> job.metric("total_trades").orElse(0) >= min);
  }

  /** {@code total_trades <= max}; a missing count is 0. */
  public static JobFilter maxTrades(int max) {
    return new JobFilter(
        "max_trades", max, (Test) job -> job.metric("total_trades").orElse(0) <= max);
  }

  /** {@code win_rate >= min}; a job without it is dropped. */
  public static JobFilter minWinRate(double min) {
    requireFinite("min_win_rate", min);
    return new JobFilter("min_win_rate", min, (Test) job -> atLeast(job.metric("win_rate"), min));
  }

  /** {@code realized_pnl_usd >= min}; a missing PnL counts as 0, as in the ranking. */
  public static JobFilter minPnl(double min) {
    requireFinite("min_pnl", min);
    return new JobFilter("min_pnl", min, (Test) job -> Ranking.pnl(job) >= min);
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

  private static boolean atMost(OptionalDouble value, double limit) {
    return value.isPresent() && value.getAsDouble() <= limit;
  }

  private static boolean atLeast(OptionalDouble value, double limit) {
    return value.isPresent() && value.getAsDouble() >= limit;
  }

  private static void requireFinite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number, got " + value);
    }
  }
}
