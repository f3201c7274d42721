package dev.arbtune.walkforward;

import dev.arbtune.aggregate.TuningResultsAggregator;
import dev.arbtune.io.AtomicFiles;
import dev.arbtune.result.Json;
import dev.arbtune.result.Metric;
import dev.arbtune.result.Versions;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A finished walk-forward: the windows and the stitched test record, as {@code walkforward.json}
 * holds them ({@link #toMap()}; docs/WALKFORWARD.md).
 *
 * @param header the record's first keys: version, session and data files, durations, ranking,
 *     filters
 * @param windows every window, in time order
 * @param plan the windows as made
 * @param stitched the {@code stitched} object
 * @param efficiency the walk-forward efficiency
 * @param winnerChanges windows whose winner differs from the previous window with a winner
 * @param windowsWithWinner windows with a winner
 * @param curveProblems windows whose curve could not be rebuilt, with why (normally none)
 */
public record WalkForwardResult(
    Map<String, Object> header,
    List<WindowResult> windows,
    WindowPlan plan,
    Map<String, Object> stitched,
    Efficiency efficiency,
    long winnerChanges,
    long windowsWithWinner,
    List<String> curveProblems) {

  /** Days in the year that PnL per year is reckoned with. */
  static final double DAYS_PER_YEAR = 365.25;

  public WalkForwardResult {
    Objects.requireNonNull(header, "header");
    windows = List.copyOf(windows);
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(stitched, "stitched");
    Objects.requireNonNull(efficiency, "efficiency");
    curveProblems = List.copyOf(curveProblems);
  }

  /**
   * The walk-forward efficiency: the tested winners' PnL per year on their test windows over their
   * PnL per year on their train windows. Only windows with both a winner and test metrics count;
   * each side's years are the sum of those windows' durations (the windows' own lengths, weekends
   * included).
   *
   * @param wfe test PnL per year / train PnL per year; {@code null} when undefined
   * @param trainPnlPerYearUsd the winners' train PnL per year; {@code null} when no window was
   *     tested
   * @param testPnlPerYearUsd their test PnL per year; {@code null} when no window was tested
   * @param reason why {@code wfe} is {@code null}, else {@code null}
   */
  public record Efficiency(
      Double wfe, Double trainPnlPerYearUsd, Double testPnlPerYearUsd, String reason) {

    /**
     * The efficiency of {@code windows}.
     *
     * @return {@code wfe} null with a reason when no window was tested or the train PnL is not
     *     above 0 (a ratio to a loss or to nothing says nothing)
     */
    static Efficiency of(List<WindowResult> windows) {
      BigDecimal train = BigDecimal.ZERO;
      BigDecimal test = BigDecimal.ZERO;
      long trainMicros = 0;
      long testMicros = 0;
      int tested = 0;
      for (WindowResult w : windows) {
        if (w.winner() == null || w.testMetrics() == null) {
          continue;
        }
        tested++;
        train = train.add(decimal(w.winner().trainMetrics().get(Metric.REALIZED_PNL_USD.key())));
        test = test.add(decimal(w.testMetrics().get(Metric.REALIZED_PNL_USD.key())));
        trainMicros += ChronoUnit.MICROS.between(w.window().trainStart(), w.window().trainEnd());
        testMicros += ChronoUnit.MICROS.between(w.window().testStart(), w.window().testEnd());
      }
      if (tested == 0) {
        return new Efficiency(null, null, null, "no window was tested");
      }
      double trainPerYear = train.doubleValue() / years(trainMicros);
      double testPerYear = test.doubleValue() / years(testMicros);
      if (train.signum() <= 0) {
        return new Efficiency(
            null,
            trainPerYear,
            testPerYear,
            "the winners' train PnL is "
                + train.toPlainString()
                + " USD, not above 0: a ratio to a loss (or to nothing) is not an efficiency");
      }
      return new Efficiency(testPerYear / trainPerYear, trainPerYear, testPerYear, null);
    }

    private static double years(long micros) {
      return micros / (DAYS_PER_YEAR * 86_400e6);
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("wfe", wfe == null ? null : round(wfe));
      m.put("train_pnl_per_year_usd", trainPnlPerYearUsd == null ? null : usd(trainPnlPerYearUsd));
      m.put("test_pnl_per_year_usd", testPnlPerYearUsd == null ? null : usd(testPnlPerYearUsd));
      m.put("reason", reason);
      return m;
    }
  }

  /** Builds the result of a walk-forward's windows and stitched test record. */
  static WalkForwardResult of(
      WalkForward.Options options,
      WindowPlan plan,
      List<WindowResult> windows,
      StitchedEquity equity,
      List<String> curveProblems,
      String dataFile) {
    TuningResultsAggregator any = options.aggregatorFor().apply(Path.of(""));
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("arbtune_version", Versions.version());
    header.put("session_file", options.sessionFile().toString());
    header.put("data_file", dataFile);
    header.put("train", options.train());
    header.put("test", options.test());
    header.put("step", options.stepText());
    header.put("anchored", options.anchored());
    header.put("ranking", WalkForward.rankingMap(any));
    header.put("filters", WalkForward.filterTexts(any));
    header.put("data_start", plan.start().toString());
    header.put("data_end", plan.end().toString());
    header.put("tail", plan.hasTail() ? plan.tailStart().toString() : null);

    Map<String, Object> stitched = new LinkedHashMap<>();
    stitched.put("windows_tested", equity.windows());
    stitched.put(Metric.REALIZED_PNL_USD.key(), equity.realized());
    stitched.put("trades", equity.trades());
    stitched.put("max_drawdown_usd", usd(equity.maxDrawdownUsd()));
    List<List<Object>> curve = equity.curve();
    Map<String, Object> points = new LinkedHashMap<>();
    points.put("times", curve.get(0));
    points.put("equity_usd", curve.get(1));
    stitched.put("equity", points);

    long changes = windows.stream().filter(w -> Boolean.TRUE.equals(w.winnerChanged())).count();
    long withWinner = windows.stream().filter(w -> w.winner() != null).count();
    return new WalkForwardResult(
        header,
        windows,
        plan,
        stitched,
        Efficiency.of(windows),
        changes,
        withWinner,
        curveProblems);
  }

  /** The record as {@code walkforward.json} holds it, in its key order. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>(header);
    m.put("windows", windows.stream().map(WalkForwardResult::windowMap).toList());
    m.put("stitched", stitched);
    m.put("efficiency", efficiency.toMap());
    m.put("winner_changes", winnerChanges);
    m.put("windows_with_winner", windowsWithWinner);
    return m;
  }

  private static Map<String, Object> windowMap(WindowResult w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", w.window().index());
    m.put("train_start", w.window().trainStart().toString());
    m.put("train_end", w.window().trainEnd().toString());
    m.put("test_start", w.window().testStart().toString());
    m.put("test_end", w.window().testEnd().toString());
    m.put("train_quotes", w.trainQuotes());
    m.put("test_quotes", w.testQuotes());
    m.put("train_jobs", w.trainJobs());
    m.put("train_succeeded", w.trainSucceeded());
    m.put("train_passed_filters", w.trainPassed());
    if (w.winner() == null) {
      m.put("winner", null);
    } else {
      Map<String, Object> winner = new LinkedHashMap<>();
      winner.put("job_id", w.winner().jobId());
      winner.put("config", w.winner().config());
      winner.put("train_metrics", w.winner().trainMetrics());
      winner.put("train_document", w.winner().document());
      m.put("winner", winner);
    }
    m.put("no_winner_reason", w.noWinnerReason());
    m.put("winner_note", w.winnerNote());
    m.put("test_metrics", w.testMetrics());
    m.put("test_document", w.testDocument());
    m.put("no_test_reason", w.noTestReason());
    m.put("winner_changed", w.winnerChanged());
    return m;
  }

  /** Writes {@link #toMap()} to {@code target}: UTF-8, laid out like the summary, atomically. */
  public void write(Path target) throws IOException {
    String text = Json.prettyWriter().writeValueAsString(toMap()) + "\n";
    AtomicFiles.writeText(target, w -> w.write(text));
  }

  /** A USD amount as JSON holds it: at most 6 decimals, no exponent. */
  static BigDecimal usd(double value) {
    BigDecimal d =
        BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0) : d;
  }

  private static BigDecimal round(double value) {
    return usd(value);
  }

  static BigDecimal decimal(Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
      return value instanceof Double || value instanceof Float
          ? BigDecimal.valueOf(n.doubleValue())
          : new BigDecimal(n.toString());
    }
    return BigDecimal.ZERO;
  }
}
