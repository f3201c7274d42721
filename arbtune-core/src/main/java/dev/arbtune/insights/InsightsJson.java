package dev.arbtune.insights;

import dev.arbtune.result.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Insights} as the {@code insights} object of the JSON summary. Numbers that cannot be
 * computed (NaN) are written as {@code null}. The sample of points is not written. Serialised, the
 * map is the same bytes whatever the number of threads and the order of the files.
 */
public final class InsightsJson {

  private InsightsJson() {}

  /** The insights as the ordered map that is serialised. */
  public static Map<String, Object> toMap(Insights in) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("metric", Metric.REALIZED_PNL_USD.key());
    root.put("jobs", in.jobs());
    root.put("success_jobs", in.successJobs());
    List<Object> params = new ArrayList<>();
    for (ParameterInsight p : in.parameters()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.name());
      m.put("eta_squared", num(p.etaSquared()));
      m.put("omega_squared", num(p.omegaSquared()));
      m.put("categorical", p.categorical());
      List<Object> values = new ArrayList<>();
      for (ValueStats v : p.values()) {
        Map<String, Object> vm = new LinkedHashMap<>();
        vm.put("value", v.value().toJson());
        vm.put("jobs", v.jobs());
        vm.put("mean", num(v.mean()));
        vm.put("median", num(v.median()));
        vm.put("median_exact", v.medianExact());
        vm.put("best", num(v.best()));
        vm.put("profitable_share", num(v.profitableShare()));
        values.add(vm);
      }
      m.put("values", values);
      params.add(m);
    }
    root.put("parameters", params);
    root.put("fixed_parameters", in.fixed());
    List<Object> skipped = new ArrayList<>();
    for (SkippedParameter s : in.skipped()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", s.name());
      m.put("reason", s.reason());
      skipped.add(m);
    }
    root.put("not_analysed", skipped);
    root.put("untracked_keys", in.untrackedKeys());
    root.put("untracked_keys_exact", in.untrackedKeysExact());
    Map<String, Object> rob = new LinkedHashMap<>();
    rob.put("spike_drop_fraction", in.options().spikeDropFraction());
    rob.put("pnl_iqr", in.spread());
    List<Object> jobs = new ArrayList<>();
    for (Robustness r : in.robustness()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rank", r.rank());
      m.put("job_id", r.job().jobId());
      m.put("pnl", r.pnl());
      m.put("neighbours", r.neighbours());
      m.put("neighbour_median", num(r.neighbourMedian()));
      m.put("neighbour_worst", num(r.neighbourWorst()));
      m.put("verdict", r.verdict().label());
      jobs.add(m);
    }
    rob.put("jobs", jobs);
    root.put("robustness", rob);
    root.put("deflated_sharpe", selectionBias(in.selectionBias()));
    PnlDistribution d = in.distribution();
    Map<String, Object> dist = new LinkedHashMap<>();
    dist.put("jobs", d.jobs());
    dist.put("min", num(d.min()));
    dist.put("median", num(d.median()));
    dist.put("max", num(d.max()));
    List<Object> bins = new ArrayList<>();
    double[] edges = d.edges();
    long[] counts = d.counts();
    for (int i = 0; i < counts.length; i++) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("from", edges[i]);
      b.put("to", edges[i + 1]);
      b.put("jobs", counts[i]);
      bins.add(b);
    }
    dist.put("bins", bins);
    root.put("pnl_distribution", dist);
    root.put("pbo", pbo(in.pbo()));
    return root;
  }

  /**
   * {@code insights.pbo}: {@code available}, then {@code reason} or {@code selected_by} (the metric
   * the in-sample winner is picked by, whatever the ranking) and the computed entries ({@link
   * PboResult#toMap()}), then {@code left_out}.
   */
  static Map<String, Object> pbo(PboSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("available", s.available());
    if (s.available()) {
      m.put("selected_by", Metric.REALIZED_PNL_USD.key());
      m.putAll(s.result().toMap());
    } else {
      m.put("reason", s.reason());
    }
    Map<String, Object> left = new LinkedHashMap<>();
    left.put("other_boundaries", s.otherBoundaries());
    left.put("other_groups", s.otherGroups());
    left.put("without_period_pnl", s.withoutPeriodPnl());
    left.put("too_large", s.tooLarge());
    m.put("left_out", left);
    return m;
  }

  private static Map<String, Object> selectionBias(SelectionBias b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("available", b.available());
    if (!b.available()) {
      m.put("reason", b.unavailable());
      return m;
    }
    m.put("trials", b.trials());
    m.put("sharpe_jobs", b.sharpeJobs());
    m.put("sharpe_variance", num(b.sharpeVariance()));
    m.put("expected_max_sharpe", num(b.expectedMaxSharpe()));
    m.put("significance", b.significance());
    m.put("min_evidence_trades", SharpeCheck.MIN_EVIDENCE_TRADES);
    List<Object> jobs = new ArrayList<>();
    for (SharpeCheck c : b.checks()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("rank", c.rank());
      j.put("job_id", c.job().jobId());
      j.put(Metric.SHARPE_PER_TRADE.key(), num(c.sharpe()));
      j.put("observations", c.observations());
      j.put("skewness", c.skewness());
      j.put("kurtosis", c.kurtosis());
      j.put("moments_assumed_normal", c.momentsAssumed());
      j.put("deflated_sharpe", num(c.deflatedSharpe()));
      j.put("significant", c.significant());
      j.put("few_trades", c.fewTrades());
      if (c.noSharpe() != null) {
        j.put("no_sharpe_reason", c.noSharpe().label());
      }
      jobs.add(j);
    }
    m.put("jobs", jobs);
    return m;
  }

  private static Object num(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
