package dev.arbtune.insights;

import dev.arbtune.aggregate.SummaryText;
import java.util.List;
import java.util.Locale;

/**
 * Prints {@link Insights} for people: parameter importance, sensitivity tables, the robustness of
 * the top jobs, the deflated Sharpe ratio and the PnL distribution, ending with the summary's rule
 * of 70 {@code =}. {@code aggregate --insights} prints it after the seed's summary.
 */
public final class InsightsText {

  private InsightsText() {}

  /** The insights block, each line ending in {@code \n}. */
  public static String format(Insights in) {
    StringBuilder sb = new StringBuilder(4096);
    sb.append("Insights (")
        .append(NumberFormats.count(in.jobs()))
        .append(in.jobs() == 1 ? " job" : " jobs")
        .append(" that passed the filters");
    if (in.successJobs() != in.jobs()) {
      sb.append(", of ").append(NumberFormats.count(in.successJobs())).append(" success jobs");
    }
    sb.append("; PnL = realized_pnl_usd):\n\n");
    importance(sb, in);
    sensitivity(sb, in);
    robustness(sb, in);
    selectionBias(sb, in.selectionBias());
    pbo(sb, in.pbo());
    PnlDistribution d = in.distribution();
    if (d.jobs() > 0) {
      sb.append("PnL distribution: min ")
          .append(NumberFormats.money(d.min()))
          .append("  median ")
          .append(NumberFormats.money(d.median()))
          .append("  max ")
          .append(NumberFormats.money(d.max()))
          .append('\n')
          .append('\n');
    }
    sb.append(SummaryText.RULE).append('\n');
    return sb.toString();
  }

  private static void importance(StringBuilder sb, Insights in) {
    sb.append("Parameter importance (share of PnL variance explained by each parameter, η²;")
        .append(" ω² corrects for the number of values):\n");
    if (in.parameters().isEmpty()) {
      sb.append("  (no parameter varies across the jobs)\n");
    }
    int width = nameWidth(in.parameters());
    for (ParameterInsight p : in.parameters()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-" + width + "s  %6s  (ω² %6s)  %d values%s%n",
              p.name(),
              NumberFormats.percent(p.etaSquared()),
              NumberFormats.percent(p.omegaSquared()),
              p.values().size(),
              p.categorical() ? ", categorical" : ""));
    }
    if (!in.fixed().isEmpty()) {
      sb.append("  Fixed: ").append(String.join(", ", in.fixed())).append('\n');
    }
    for (SkippedParameter s : in.skipped()) {
      if (!s.beyondCap()) {
        sb.append("  Not analysed: ")
            .append(s.name())
            .append(" (")
            .append(s.reason())
            .append(")\n");
      }
    }
    String capped = beyondCap(in);
    if (capped != null) {
      sb.append("  ").append(capped).append('\n');
    }
    if (in.untrackedKeys() > 0) {
      sb.append("  ").append(untrackedKeys(in)).append('\n');
    }
    sb.append('\n');
  }

  private static void sensitivity(StringBuilder sb, Insights in) {
    if (in.parameters().isEmpty()) {
      return;
    }
    sb.append("Sensitivity of realized PnL to each parameter (* = median estimated):\n");
    for (ParameterInsight p : in.parameters()) {
      sb.append("  ").append(p.name()).append('\n');
      int vw =
          Math.max(
              5, p.values().stream().mapToInt(v -> v.value().display().length()).max().orElse(5));
      sb.append(
          String.format(
              Locale.ROOT,
              "    %" + vw + "s  %8s  %12s  %13s  %12s  %10s%n",
              "value",
              "jobs",
              "mean",
              "median",
              "best",
              "profitable"));
      for (ValueStats v : p.values()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "    %" + vw + "s  %8s  %12s  %12s%s  %12s  %10s%n",
                v.value().display(),
                NumberFormats.count(v.jobs()),
                NumberFormats.money(v.mean()),
                NumberFormats.money(v.median()),
                v.medianExact() ? " " : "*",
                NumberFormats.money(v.best()),
                NumberFormats.percent(v.profitableShare())));
      }
    }
    sb.append('\n');
  }

  private static void robustness(StringBuilder sb, Insights in) {
    List<Robustness> rows = in.robustness();
    sb.append("Robustness of the top ")
        .append(rows.size())
        .append(" (neighbours: one step in one numeric parameter, all else equal, among all")
        .append(" success jobs):\n");
    if (rows.isEmpty()) {
      sb.append("  (no ranked job)\n");
    }
    for (Robustness r : rows) {
      sb.append("  ")
          .append(r.rank())
          .append(") job_id=")
          .append(r.job().jobId())
          .append("  PnL=")
          .append(NumberFormats.money(r.pnl()))
          .append("  neighbours=")
          .append(r.neighbours());
      if (r.neighbours() > 0) {
        sb.append("  median=")
            .append(NumberFormats.money(r.neighbourMedian()))
            .append("  worst=")
            .append(NumberFormats.money(r.neighbourWorst()));
      }
      sb.append("  ").append(r.verdict() == Verdict.SPIKE ? "SPIKE" : r.verdict().label());
      sb.append('\n');
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "  A spike's neighbours have a median PnL more than %.0f%% of max(|its PnL|, IQR of the"
                + " PnL of every success job = %s) below it.%n%n",
            100 * in.options().spikeDropFraction(),
            NumberFormats.fixed(in.spread(), 2)));
  }

  private static void selectionBias(StringBuilder sb, SelectionBias b) {
    sb.append("Deflated Sharpe ratio (Bailey & López de Prado 2014)");
    if (!b.available()) {
      sb.append(": not available (").append(b.unavailable()).append(").\n\n");
      return;
    }
    sb.append(
        String.format(
            Locale.ROOT,
            ", N=%s trials, var(SR)=%s, SR*=%s (best Sharpe per trade expected from luck):%n",
            NumberFormats.count(b.trials()),
            NumberFormats.fixed(b.sharpeVariance(), 6),
            NumberFormats.fixed(b.expectedMaxSharpe(), 4)));
    boolean assumed = false;
    boolean fewTrades = false;
    for (SharpeCheck c : b.checks()) {
      assumed |= c.momentsAssumed();
      fewTrades |= c.fewTrades();
      sb.append("  ")
          .append(c.rank())
          .append(") job_id=")
          .append(c.job().jobId())
          .append("  SR=")
          .append(NumberFormats.fixed(c.sharpe(), 4))
          .append("  T=")
          .append(c.observations())
          .append("  DSR=")
          .append(NumberFormats.fixed(c.deflatedSharpe(), 3))
          .append("  ")
          .append(verdict(c, b.significance()))
          .append('\n');
    }
    if (assumed) {
      sb.append("  Normal per-trade returns assumed (skewness 0, kurtosis 3): the documents do not")
          .append(" carry ")
          .append(Insights.SKEWNESS_METRIC)
          .append(" and ")
          .append(Insights.KURTOSIS_METRIC)
          .append(".\n");
    }
    if (fewTrades) {
      sb.append("  ").append(fewTradesNote()).append('\n');
    }
    sb.append('\n');
  }

  private static void pbo(StringBuilder sb, PboSummary s) {
    sb.append("Probability of backtest overfitting (CSCV, Bailey et al. 2017)");
    if (!s.available()) {
      sb.append(": not available (").append(s.reason()).append(").\n");
    } else {
      PboResult r = s.result();
      sb.append(
          String.format(
              Locale.ROOT,
              ", %s jobs x %d blocks, %s splits%s:%n",
              NumberFormats.count(r.jobs()),
              r.blocks(),
              NumberFormats.count(r.splits()),
              r.sampled() ? " (a fixed-seed sample of them)" : ""));
      sb.append("  ").append(r.verdict()).append('\n');
      sb.append("  The in-sample winner loses money out of sample in ")
          .append(NumberFormats.percent(r.probOosLoss()))
          .append(" of the splits.\n");
      if (Double.isNaN(r.slope())) {
        sb.append("  Degradation: not defined (the winners' in-sample totals do not vary).\n");
      } else {
        sb.append(
            String.format(
                Locale.ROOT,
                "  Degradation: out-of-sample total = %s x in-sample total %s %s USD (R² %s).%n",
                NumberFormats.fixed(r.slope(), 3),
                r.intercept() < 0 ? "-" : "+",
                NumberFormats.fixed(Math.abs(r.intercept()), 2),
                NumberFormats.fixed(r.r2(), 3)));
      }
      sb.append(
          "  The in-sample winner of a split is the job with the best realized PnL on its"
              + " in-sample blocks, whatever --sort-by ranks.\n");
    }
    String left = leftOut(s);
    if (!left.isEmpty()) {
      sb.append("  Left out: ").append(left).append(".\n");
    }
    sb.append('\n');
  }

  /**
   * {@code 3 jobs without period_pnl; 5 jobs with other block boundaries, in 1 other group}: the
   * jobs that passed the filters but are not in PBO; empty when none.
   */
  public static String leftOut(PboSummary s) {
    List<String> parts = new java.util.ArrayList<>();
    if (s.withoutPeriodPnl() > 0) {
      parts.add(jobs(s.withoutPeriodPnl()) + " without period_pnl");
    }
    if (s.otherBoundaries() > 0) {
      parts.add(
          jobs(s.otherBoundaries())
              + " with other block boundaries, in "
              + NumberFormats.count(s.otherGroups())
              + (s.otherGroups() == 1 ? " other group" : " other groups"));
    }
    if (s.tooLarge() > 0) {
      parts.add(jobs(s.tooLarge()) + " with a block beyond 1e11 USD");
    }
    return String.join("; ", parts);
  }

  private static String jobs(long n) {
    return NumberFormats.count(n) + (n == 1 ? " job" : " jobs");
  }

  /**
   * The note under a deflated Sharpe table where a job's Sharpe ratio rests on fewer than {@link
   * SharpeCheck#MIN_EVIDENCE_TRADES} trades.
   */
  public static String fewTradesNote() {
    return "T is the number of closed trades behind a job's Sharpe ratio per trade: with T below "
        + SharpeCheck.MIN_EVIDENCE_TRADES
        + " it is not evidence, whatever its DSR (a per-trade Sharpe of 24 from 3 trades says"
        + " little about the next 3).";
  }

  /**
   * {@code and 12 more keys not analysed: too many distinct keys (...)}, {@code about} when the
   * count is estimated: the config keys that were not tracked at all ({@link
   * Insights#untrackedKeys()}).
   */
  public static String untrackedKeys(Insights in) {
    return (in.skipped().isEmpty() ? "" : "and ")
        + (in.untrackedKeysExact() ? "" : "about ")
        + NumberFormats.count(in.untrackedKeys())
        + (in.untrackedKeys() == 1 ? " more key" : " more keys")
        + " not analysed: too many distinct keys (every key present in all jobs is tracked; of the"
        + " others, only the first by name)";
  }

  /** How many names {@link #beyondCap} shows. */
  static final int CAPPED_NAMES_SHOWN = 5;

  /**
   * {@code Not analysed: 9,936 more varying parameters beyond the 64 analysed (...): k1, k2, ...}:
   * the parameters not analysed because of the cap on analysed parameters, in one line with the
   * first few names; {@code null} when there are none. The JSON lists every one.
   */
  public static String beyondCap(Insights in) {
    List<SkippedParameter> capped =
        in.skipped().stream().filter(SkippedParameter::beyondCap).toList();
    if (capped.isEmpty()) {
      return null;
    }
    StringBuilder sb =
        new StringBuilder("Not analysed: ")
            .append(NumberFormats.count(capped.size()))
            .append(capped.size() == 1 ? " more varying parameter" : " more varying parameters")
            .append(" beyond the ")
            .append(NumberFormats.count(in.maxParameters()))
            .append(" analysed (those in every job first, then by name: a cap that bounds memory;")
            .append(" the JSON summary lists them all): ");
    for (int i = 0; i < Math.min(CAPPED_NAMES_SHOWN, capped.size()); i++) {
      sb.append(i == 0 ? "" : ", ").append(capped.get(i).name());
    }
    if (capped.size() > CAPPED_NAMES_SHOWN) {
      sb.append(", ...");
    }
    return sb.toString();
  }

  /**
   * {@code significant}, {@code NOT significant (...)} or why it cannot be computed; with a warning
   * when the Sharpe ratio rests on too few trades to be evidence.
   */
  public static String verdict(SharpeCheck c, double significance) {
    if (c.noSharpe() != null) {
      return "no Sharpe ratio: " + c.noSharpe().text();
    }
    String verdict;
    if (Double.isNaN(c.deflatedSharpe())) {
      verdict =
          c.observations() < 2
              ? "cannot be computed (fewer than 2 trades)"
              : "cannot be computed (the skewness and kurtosis do not fit the Sharpe ratio)";
    } else {
      verdict =
          c.significant()
              ? String.format(Locale.ROOT, "significant at %.0f%%", 100 * significance)
              : String.format(
                  Locale.ROOT, "NOT significant at %.0f%%: could be luck", 100 * significance);
    }
    if (c.fewTrades()) {
      verdict += "; only " + c.observations() + (c.observations() == 1 ? " trade" : " trades");
      verdict += ": not evidence";
    }
    return verdict;
  }

  private static int nameWidth(List<ParameterInsight> ps) {
    return Math.max(10, ps.stream().mapToInt(p -> p.name().length()).max().orElse(10));
  }
}
