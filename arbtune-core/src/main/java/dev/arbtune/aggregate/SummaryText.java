package dev.arbtune.aggregate;

import dev.arbtune.result.Metric;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.StringJoiner;

/**
 * Prints an {@link AggregatedSummary} in the seed's human layout:
 *
 * <pre>
 * ======================================================================
 * [D39_AGG] TUNING SESSION SUMMARY
 * ======================================================================
 *
 * Total Jobs:           50
 * Success Jobs:         47
 * Error Jobs:           3
 *
 * Top 10 by Realized PnL (USD):
 *   1) job_id=sess001_0007  PnL=+1,250.00  DD=10.00%  trades=18  min_spread_bps=30  slippage_bps=3
 *   3) job_id=sess001_0003  PnL=+950.00   DD=8.00%   trades=15  min_spread_bps=35  slippage_bps=3
 *
 * ======================================================================
 * </pre>
 *
 * <p>A {@code Filters:} block follows the counts when filters are set. With another ranking the
 * heading names the metric and order, and each line shows the metric too; with a Pareto front, a
 * block listing it comes after the ranking. Errors, warnings and skipped files are not part of this
 * layout (the seed had none); {@link #diagnostics} describes them for stderr. PnL is padded to 8
 * characters and drawdown to 6, as in the seed's example; amounts are rounded half-even from the
 * binary value, as Python's {@code format} does. A missing value prints as {@code N/A}; a whole
 * number from the config prints without {@code .0}. {@code trades=} is {@code total_trades}, the
 * trades opened (closed or still open when the data ended).
 *
 * <p>With {@link Columns#VARIED} each line also shows {@code closed=} (when some listed job's
 * {@code closed_trades} differs from its {@code total_trades}) and every config key that varies
 * among the listed jobs after the seed's two, and a {@code Fixed (all N listed): ...} line follows
 * the list (see {@link LeaderboardColumns}); the Pareto block follows the same rule for the jobs it
 * lists.
 */
public final class SummaryText {

  /** The line above and below the banner: 70 {@code =}. */
  public static final String RULE = "=".repeat(70);

  /** Config parameters shown on each ranked line, after the metrics. */
  static final List<String> SHOWN_PARAMETERS = LeaderboardColumns.SEED_PARAMETERS;

  /** Which config keys and counts the ranked lines show. */
  public enum Columns {
    /** The seed's layout: {@code trades=} and the seed's two parameters, nothing else. */
    SEED,
    /**
     * The seed's fields, then {@code closed=} when some listed job closed a different number of
     * trades than it opened, and after the seed's two parameters every other config key that varies
     * among the listed jobs (see {@link LeaderboardColumns}); the keys that do not vary follow the
     * list on one {@code Fixed (all N listed): ...} line. Where only the seed's two parameters are
     * in the configs and every job closed what it opened, this is the seed's layout byte for byte.
     */
    VARIED
  }

  /** The columns {@link #format(AggregatedSummary)} uses. */
  public static final Columns DEFAULT_COLUMNS = Columns.VARIED;

  private static final String NA = "N/A";

  /** Pareto front jobs listed in text; the JSON lists more. */
  static final int PARETO_LINES = 20;

  private SummaryText() {}

  /** The whole summary in the {@link #DEFAULT_COLUMNS}, each line ending in {@code \n}. */
  public static String format(AggregatedSummary summary) {
    return format(summary, DEFAULT_COLUMNS);
  }

  /** The whole summary with the ranked lines in {@code columns}, each ending in {@code \n}. */
  public static String format(AggregatedSummary summary, Columns columns) {
    Objects.requireNonNull(columns, "columns");
    StringBuilder sb = new StringBuilder(256 + 160 * summary.topByPnl().size());
    sb.append(RULE).append('\n');
    sb.append("[D39_AGG] TUNING SESSION SUMMARY\n");
    sb.append(RULE).append('\n');
    sb.append('\n');
    sb.append(String.format(Locale.ROOT, "%-22s%d\n", "Total Jobs:", summary.totalJobs()));
    sb.append(String.format(Locale.ROOT, "%-22s%d\n", "Success Jobs:", summary.successJobs()));
    sb.append(String.format(Locale.ROOT, "%-22s%d\n", "Error Jobs:", summary.errorJobs()));
    sb.append('\n');
    if (!summary.filters().isEmpty()) {
      sb.append("Filters:\n");
      for (Map.Entry<String, Object> f : summary.filters().entrySet()) {
        sb.append("  ").append(f.getKey()).append(": ").append(f.getValue()).append('\n');
      }
      sb.append('\n');
    }
    List<AggregatedJobResult> top = summary.topByPnl();
    RankingSpec ranking = summary.ranking();
    String extra = extraMetric(ranking);
    sb.append("Top ").append(top.size()).append(" by ").append(title(ranking)).append(":\n");
    if (top.isEmpty()) {
      sb.append(
          summary.matchedJobs() > 0
              ? "  (none listed: --max-results is 0)\n"
              : "  (no success job passed the filters)\n");
    }
    jobLines(sb, top, extra, columns);
    sb.append('\n');
    if (summary.paretoFront() != null) {
      List<AggregatedJobResult> front = summary.paretoFront();
      long onFront = summary.paretoFrontJobs();
      sb.append("Pareto front, PnL higher and drawdown lower (")
          .append(onFront)
          .append(onFront == 1 ? " job" : " jobs")
          .append("):\n");
      if (front.isEmpty()) {
        sb.append("  (no success job with max_drawdown_pct passed the filters)\n");
      }
      int shown = Math.min(front.size(), PARETO_LINES);
      jobLines(sb, front.subList(0, shown), null, columns);
      if (onFront > shown) {
        sb.append("  ... and ")
            .append(onFront - shown)
            .append(" more on the front (--format json lists up to 1,000)\n");
      }
      sb.append('\n');
    }
    sb.append(RULE).append('\n');
    return sb.toString();
  }

  /**
   * The lines of {@code jobs}, numbered from 1, each ending in {@code \n}; with {@link
   * Columns#VARIED}, the columns of {@link LeaderboardColumns} and the line of fixed keys.
   */
  private static void jobLines(
      StringBuilder sb, List<AggregatedJobResult> jobs, String extra, Columns columns) {
    LeaderboardColumns cols =
        columns == Columns.VARIED
            ? LeaderboardColumns.of(jobs)
            : new LeaderboardColumns(SHOWN_PARAMETERS, Map.of(), false);
    for (int i = 0; i < jobs.size(); i++) {
      sb.append(jobLine(i + 1, jobs.get(i), extra, cols)).append('\n');
    }
    String fixed = cols.fixedLine(jobs.size());
    if (fixed != null) {
      sb.append("  ").append(fixed).append('\n');
    }
  }

  /** One ranked line in the seed's layout, without the newline. */
  static String jobLine(int rank, AggregatedJobResult job) {
    return jobLine(rank, job, null);
  }

  /** The heading of the ranked list: the seed's for PnL, else the metric and its order. */
  static String title(RankingSpec ranking) {
    return ranking.isSeedRanking()
        ? "Realized PnL (USD)"
        : ranking.metric() + " (" + ranking.order().label() + ")";
  }

  /** The ranking metric when the seed's line does not show it already, else {@code null}. */
  private static String extraMetric(RankingSpec ranking) {
    String m = ranking.metric();
    return Metric.seedLine().stream().anyMatch(s -> s.key().equals(m)) ? null : m;
  }

  /**
   * Errors, warnings and skipped files, for stderr: the count of errors by kind and the first
   * {@code limit} of each list. Empty when there is nothing to say.
   */
  public static String diagnostics(AggregatedSummary summary, int limit) {
    StringBuilder sb = new StringBuilder();
    if (summary.errorJobs() > 0) {
      sb.append("Errors: ").append(summary.errorJobs()).append(" (");
      StringJoiner kinds = new StringJoiner(", ");
      summary.errorKinds().forEach((k, n) -> kinds.add(k.label() + ": " + n));
      sb.append(kinds).append(")\n");
      List<ErrorReport> errors = summary.errors();
      for (int i = 0; i < Math.min(limit, errors.size()); i++) {
        ErrorReport e = errors.get(i);
        sb.append("  ")
            .append(e.location())
            .append(": ")
            .append(e.kind().label())
            .append(": ")
            .append(e.message())
            .append('\n');
      }
      long more = summary.errorJobs() - Math.min(limit, errors.size());
      if (more > 0) {
        sb.append("  ... and ").append(more).append(" more (all listed by --format json)\n");
      }
    }
    long warningCount = summary.warnings().size() + summary.warningsTruncated();
    if (warningCount > 0) {
      sb.append("Warnings: ").append(warningCount).append('\n');
      List<Warning> warnings = summary.warnings();
      for (int i = 0; i < Math.min(limit, warnings.size()); i++) {
        sb.append("  ").append(warnings.get(i).kind()).append(": ");
        sb.append(warnings.get(i).message()).append('\n');
      }
      long more = warningCount - Math.min(limit, warnings.size());
      if (more > 0) {
        sb.append("  ... and ").append(more).append(" more\n");
      }
    }
    if (summary.skippedFiles() > 0) {
      sb.append("Skipped ")
          .append(summary.skippedFiles())
          .append(" document(s) of arbtune's own found among the results (summaries, ranked")
          .append(" lists, plan lines, sweep inputs): not jobs.\n");
    }
    return sb.toString();
  }

  /** One ranked line, with {@code extra} (a metric name) shown after the seed's fields. */
  static String jobLine(int rank, AggregatedJobResult job, String extra) {
    return jobLine(rank, job, extra, new LeaderboardColumns(SHOWN_PARAMETERS, Map.of(), false));
  }

  /**
   * One ranked line: the seed's fields ({@code trades=} counts the trades opened), {@code closed=}
   * when {@code cols} says the counts differ, {@code extra} (a metric name), then the config keys
   * {@code cols} shows: the seed's two as written, the others shortened to {@link
   * LeaderboardColumns#MAX_VALUE} characters.
   */
  static String jobLine(int rank, AggregatedJobResult job, String extra, LeaderboardColumns cols) {
    StringBuilder sb = new StringBuilder(160);
    sb.append("  ").append(rank).append(") job_id=").append(job.jobId());
    sb.append("  PnL=").append(pad(money(job.metric(Metric.REALIZED_PNL_USD.key())), 8));
    sb.append("  DD=").append(pad(percent(job.metric(Metric.MAX_DRAWDOWN_PCT.key())), 6));
    sb.append("  trades=").append(plain(job.metrics(), Metric.TOTAL_TRADES.key()));
    if (cols.closedDiffers()) {
      sb.append("  closed=").append(plain(job.metrics(), Metric.CLOSED_TRADES.key()));
    }
    if (extra != null && !(cols.closedDiffers() && extra.equals(Metric.CLOSED_TRADES.key()))) {
      sb.append("  ").append(extra).append('=').append(plain(job.metrics(), extra));
    }
    for (String name : SHOWN_PARAMETERS) {
      sb.append("  ").append(name).append('=').append(plain(job.config(), name));
    }
    for (String name : cols.extra()) {
      sb.append("  ").append(name).append('=').append(LeaderboardColumns.value(job.config(), name));
    }
    return sb.toString();
  }

  /**
   * {@code +1,250.00}: sign always, thousands separators, two decimals, rounded half-even from the
   * binary value as Python's {@code format(x, "+,.2f")} does ({@code -0.001} is {@code -0.00});
   * {@code N/A} when empty.
   */
  public static String money(OptionalDouble value) {
    if (value.isEmpty()) {
      return NA;
    }
    if (!Double.isFinite(value.getAsDouble())) {
      return Double.toString(value.getAsDouble());
    }
    BigDecimal rounded = new BigDecimal(value.getAsDouble()).setScale(2, RoundingMode.HALF_EVEN);
    String digits = grouped().format(rounded.abs());
    boolean negative = rounded.signum() < 0 || (rounded.signum() == 0 && isNegative(value));
    return (negative ? "-" : "+") + digits;
  }

  /** {@code 10.00%}. */
  static String percent(OptionalDouble value) {
    if (value.isEmpty()) {
      return NA;
    }
    if (!Double.isFinite(value.getAsDouble())) {
      return value.getAsDouble() + "%";
    }
    BigDecimal rounded = new BigDecimal(value.getAsDouble()).setScale(2, RoundingMode.HALF_EVEN);
    String sign = rounded.signum() == 0 && isNegative(value) ? "-" : "";
    return sign + rounded.toPlainString() + "%";
  }

  private static boolean isNegative(OptionalDouble value) {
    return Double.compare(value.getAsDouble(), 0.0) < 0;
  }

  /** A value as written, whole numbers without {@code .0}; {@code N/A} when missing. */
  static String plain(Map<String, Object> map, String key) {
    return map.containsKey(key) ? JsonNumbers.display(map.get(key)) : NA;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  private static DecimalFormat grouped() {
    DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    f.setRoundingMode(RoundingMode.HALF_EVEN);
    return f;
  }
}
