package dev.arbtune.result;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue of the metrics arbtune's engine writes into the {@code metrics} object of a result
 * document (docs/MODEL.md defines each one): its key, which way is better, its unit, whether the
 * aggregator requires it to be finite, how a missing value ranks, and a one-line description.
 *
 * <p>The constants are declared in the order the engine writes them: the seed's nine metrics first
 * ({@code runtime_seconds} in its seed position), then the rest. Every part of arbtune that names a
 * metric (the engine, the ranking, the filters, the Pareto front, the summary writers, insights,
 * the report and the help) names it through this catalogue. Documents may carry other metrics too:
 * they rank highest first and miss ranks last.
 */
public enum Metric {
  TOTAL_TRADES("total_trades", Better.HIGHER, Unit.COUNT, 3, Missing.LAST, "trades opened"),
  CLOSED_TRADES("closed_trades", Better.HIGHER, Unit.COUNT, 0, Missing.LAST, "trades closed"),
  OPEN_TRADES(
      "open_trades", Better.NONE, Unit.COUNT, 0, Missing.LAST, "trades open when the run ended"),
  FINAL_BALANCE_USD(
      "final_balance_usd",
      Better.HIGHER,
      Unit.USD,
      0,
      Missing.LAST,
      "initial balance plus realized PnL"),
  REALIZED_PNL_USD(
      "realized_pnl_usd",
      Better.HIGHER,
      Unit.USD,
      1,
      Missing.ZERO,
      "PnL of the closed trades, fees included; missing counts as 0"),
  MAX_DRAWDOWN_PCT(
      "max_drawdown_pct",
      Better.LOWER,
      Unit.PERCENT,
      2,
      Missing.LAST,
      "largest fall of equity below its peak"),
  WIN_RATE(
      "win_rate",
      Better.HIGHER,
      Unit.FRACTION,
      0,
      Missing.LAST,
      "share of closed trades with a positive PnL"),
  AVG_PNL_PER_TRADE_USD(
      "avg_pnl_per_trade_usd",
      Better.HIGHER,
      Unit.USD,
      0,
      Missing.LAST,
      "realized PnL per closed trade"),
  RUNTIME_SECONDS(
      "runtime_seconds", Better.LOWER, Unit.SECONDS, 0, Missing.LAST, "wall time of the job"),
  UNREALIZED_PNL_USD(
      "unrealized_pnl_usd",
      Better.HIGHER,
      Unit.USD,
      0,
      Missing.LAST,
      "PnL of the open trades at the last mid prices"),
  FEES_PAID_USD(
      "fees_paid_usd", Better.LOWER, Unit.USD, 0, Missing.LAST, "taker fees of every fill"),
  PROFIT_FACTOR(
      "profit_factor",
      Better.HIGHER,
      Unit.RATIO,
      0,
      Missing.LAST,
      "gross profit over gross loss; null without a loss"),
  PNL_STD_PER_TRADE_USD(
      "pnl_std_per_trade_usd",
      Better.LOWER,
      Unit.USD,
      0,
      Missing.LAST,
      "standard deviation of closed trades' PnL"),
  SHARPE_PER_TRADE(
      "sharpe_per_trade",
      Better.HIGHER,
      Unit.RATIO,
      0,
      Missing.LAST,
      "mean over standard deviation of closed trades' PnL; null for fewer than two"),
  AVG_HOLDING_SECONDS(
      "avg_holding_seconds",
      Better.NONE,
      Unit.SECONDS,
      0,
      Missing.LAST,
      "mean time from open to close of closed trades"),
  QUOTES_PROCESSED(
      "quotes_processed",
      Better.NONE,
      Unit.COUNT,
      0,
      Missing.LAST,
      "quote rows stepped through, skipped ones included"),
  QUOTES_SKIPPED(
      "quotes_skipped",
      Better.NONE,
      Unit.COUNT,
      0,
      Missing.LAST,
      "invalid quote rows (non-positive or crossed)"),
  STOPPED_ON_DRAWDOWN(
      "stopped_on_drawdown",
      Better.NONE,
      Unit.FLAG,
      0,
      Missing.LAST,
      "whether stop_on_drawdown_pct ended the run");

  /** Which way of a metric is better: the order {@code --sort-by} ranks it in by default. */
  public enum Better {
    /** Highest first. */
    HIGHER("highest first"),
    /** Lowest first. */
    LOWER("lowest first"),
    /** Neither way is better (a count of rows, a time); ranks highest first, as unknown metrics. */
    NONE("neutral");

    private final String label;

    Better(String label) {
      this.label = label;
    }

    /** For help text: {@code highest first}, {@code lowest first} or {@code neutral}. */
    public String label() {
      return label;
    }

    /** Whether a ranking by this metric lists the highest value first by default. */
    public boolean highestFirst() {
      return this != LOWER;
    }
  }

  /** What a metric's value counts, and the decimal places documents keep of it. */
  public enum Unit {
    /** An integer count. */
    COUNT("count", 0),
    /** US dollars. */
    USD("USD", 6),
    /** Percent (5.0 is 5 %). */
    PERCENT("%", 6),
    /** A fraction from 0 to 1. */
    FRACTION("0..1", 6),
    /** A dimensionless ratio. */
    RATIO("ratio", 6),
    /** Seconds. */
    SECONDS("s", 3),
    /** {@code true} or {@code false}; no number, so it ranks last and fails every filter. */
    FLAG("flag", 0);

    private final String label;
    private final int decimals;

    Unit(String label, int decimals) {
      this.label = label;
      this.decimals = decimals;
    }

    /** A short label for help text: {@code USD}, {@code %}, {@code count}, .... */
    public String label() {
      return label;
    }

    /** Decimal places kept in documents (rounded half-even); 0 for counts and flags. */
    public int decimals() {
      return decimals;
    }
  }

  /** Where a job that lacks the metric (or whose value is not a finite number) ranks. */
  public enum Missing {
    /** Counts as 0, as the seed does for {@code realized_pnl_usd}. */
    ZERO,
    /** After every job that has it, whatever the order. */
    LAST
  }

  private static final Map<String, Metric> BY_KEY =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(Metric::key, Function.identity()));

  private static final List<String> KEYS = Arrays.stream(values()).map(Metric::key).toList();

  private static final List<Metric> SEED_LINE =
      Arrays.stream(values())
          .filter(m -> m.seedColumn > 0)
          .sorted(Comparator.comparingInt(m -> m.seedColumn))
          .toList();

  private final String key;
  private final Better better;
  private final Unit unit;
  private final int seedColumn;
  private final Missing missing;
  private final String description;

  Metric(
      String key, Better better, Unit unit, int seedColumn, Missing missing, String description) {
    this.key = Objects.requireNonNull(key);
    this.better = Objects.requireNonNull(better);
    this.unit = Objects.requireNonNull(unit);
    this.seedColumn = seedColumn;
    this.missing = Objects.requireNonNull(missing);
    this.description = Objects.requireNonNull(description);
  }

  /** The key in a document's {@code metrics}, e.g. {@code max_drawdown_pct}. */
  public String key() {
    return key;
  }

  /** Which way is better; the default order of {@code --sort-by}. */
  public Better better() {
    return better;
  }

  /** What the value counts, and the decimal places documents keep. */
  public Unit unit() {
    return unit;
  }

  /**
   * Whether a success document that carries this metric must carry a finite number; the aggregator
   * makes any other value an error job. True for the seed's three metrics ({@link #seedLine()}),
   * whose values the seed reads and prints.
   */
  public boolean mustBeFinite() {
    return seedColumn > 0;
  }

  /** Where a job that lacks it ranks. */
  public Missing missing() {
    return missing;
  }

  /** One line saying what it measures; docs/MODEL.md has the definition. */
  public String description() {
    return description;
  }

  /** The catalogued metric with {@code key}, if any. */
  public static Optional<Metric> byKey(String key) {
    return Optional.ofNullable(key == null ? null : BY_KEY.get(key));
  }

  /** Every key, in the order the engine writes them. Unmodifiable. */
  public static List<String> keys() {
    return KEYS;
  }

  /**
   * The seed's three metrics in the order of its summary line ({@code PnL=}, {@code DD=}, {@code
   * trades=}): realized PnL, max drawdown, total trades. Unmodifiable.
   */
  public static List<Metric> seedLine() {
    return SEED_LINE;
  }

  /** The key. */
  @Override
  public String toString() {
    return key;
  }
}
