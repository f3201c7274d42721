package dev.arbtune.insights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Pbo#compute} found. What the JSON holds is {@link #toMap()} and the plain-words
 * verdict is {@link #verdict()}. The arrays are copied in and out; {@link #equals}, {@link
 * #hashCode} and {@link #toString} compare and show their contents.
 *
 * @param jobs N
 * @param blocks S
 * @param splits how many splits were evaluated
 * @param sampled whether the splits are a fixed-seed sample rather than all C(S, S/2)
 * @param overfitSplits splits whose in-sample winner ranks in the lower half out of sample (logit
 *     at most 0)
 * @param pbo overfitSplits / splits
 * @param probOosLoss share of splits whose in-sample winner loses money out of sample
 * @param slope performance degradation: slope of out-of-sample on in-sample total (USD) of the
 *     chosen winners; NaN when undefined
 * @param intercept its intercept (USD); NaN when undefined
 * @param r2 its coefficient of determination; NaN when undefined
 * @param histogramEdges logit histogram bin edges, ascending (one more than the counts): bin i is
 *     (edges[i], edges[i+1]], the first bin includes its lower edge
 * @param histogramCounts splits per logit bin
 */
public record PboResult(
    int jobs,
    int blocks,
    long splits,
    boolean sampled,
    long overfitSplits,
    double pbo,
    double probOosLoss,
    double slope,
    double intercept,
    double r2,
    double[] histogramEdges,
    long[] histogramCounts) {

  /** Validates the counts and copies the arrays. */
  public PboResult {
    histogramEdges = histogramEdges.clone();
    histogramCounts = histogramCounts.clone();
    if (jobs < 2 || blocks < 2 || splits < 1) {
      throw new IllegalArgumentException("need at least 2 jobs, 2 blocks and 1 split");
    }
    if (overfitSplits < 0 || overfitSplits > splits) {
      throw new IllegalArgumentException("overfit splits must be between 0 and the splits");
    }
    if (histogramEdges.length != histogramCounts.length + 1) {
      throw new IllegalArgumentException("need one more histogram edge than bins");
    }
  }

  @Override
  public double[] histogramEdges() {
    return histogramEdges.clone();
  }

  @Override
  public long[] histogramCounts() {
    return histogramCounts.clone();
  }

  /**
   * The entries of {@code insights.pbo} when it was computed (after {@code available: true}), in
   * this order: pbo, jobs, blocks, splits, sampled, overfit_splits, prob_oos_loss, degradation
   * {slope, intercept, r2} (null when undefined), logit_histogram {edges, counts}, verdict.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pbo", pbo);
    m.put("jobs", jobs);
    m.put("blocks", blocks);
    m.put("splits", splits);
    m.put("sampled", sampled);
    m.put("overfit_splits", overfitSplits);
    m.put("prob_oos_loss", probOosLoss);
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("slope", num(slope));
    line.put("intercept", num(intercept));
    line.put("r2", num(r2));
    m.put("degradation", line);
    Map<String, Object> histogram = new LinkedHashMap<>();
    List<Object> edges = new ArrayList<>();
    for (double e : histogramEdges) {
      edges.add(num(e));
    }
    List<Object> counts = new ArrayList<>();
    for (long c : histogramCounts) {
      counts.add(c);
    }
    histogram.put("edges", edges);
    histogram.put("counts", counts);
    m.put("logit_histogram", histogram);
    m.put("verdict", verdict());
    return m;
  }

  /**
   * One plain-words sentence for text and report, e.g. "PBO 0.45: the in-sample winner is no better
   * than a coin flip out of sample". The number is the PBO rounded half up to two decimals, and the
   * wording is chosen from that rounded number (docs/INSIGHTS.md): below 0.10, 0.10 to 0.29, 0.30
   * to 0.60, above 0.60.
   */
  public String verdict() {
    long hundredths = (200 * overfitSplits + splits) / (2 * splits);
    String words;
    if (hundredths < 10) {
      words = "the in-sample winner usually stays in the top half out of sample";
    } else if (hundredths < 30) {
      words =
          "some risk of overfitting: the in-sample winner sometimes falls to the bottom half out of"
              + " sample";
    } else if (hundredths <= 60) {
      words = "the in-sample winner is no better than a coin flip out of sample";
    } else {
      words =
          "worse than a coin flip: the in-sample winner tends to be below the median out of sample";
    }
    return "PBO "
        + hundredths / 100
        + "."
        + (hundredths % 100 < 10 ? "0" : "")
        + hundredths % 100
        + ": "
        + words;
  }

  private static Object num(double v) {
    return Double.isFinite(v) ? v : null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PboResult r
        && jobs == r.jobs
        && blocks == r.blocks
        && splits == r.splits
        && sampled == r.sampled
        && overfitSplits == r.overfitSplits
        && Double.compare(pbo, r.pbo) == 0
        && Double.compare(probOosLoss, r.probOosLoss) == 0
        && Double.compare(slope, r.slope) == 0
        && Double.compare(intercept, r.intercept) == 0
        && Double.compare(r2, r.r2) == 0
        && Arrays.equals(histogramEdges, r.histogramEdges)
        && Arrays.equals(histogramCounts, r.histogramCounts);
  }

  @Override
  public int hashCode() {
    int h = Long.hashCode(overfitSplits);
    h = 31 * h + Long.hashCode(splits);
    h = 31 * h + Double.hashCode(slope);
    h = 31 * h + Arrays.hashCode(histogramCounts);
    return 31 * h + Arrays.hashCode(histogramEdges);
  }

  @Override
  public String toString() {
    return "PboResult[jobs="
        + jobs
        + ", blocks="
        + blocks
        + ", splits="
        + splits
        + ", sampled="
        + sampled
        + ", overfitSplits="
        + overfitSplits
        + ", pbo="
        + pbo
        + ", probOosLoss="
        + probOosLoss
        + ", slope="
        + slope
        + ", intercept="
        + intercept
        + ", r2="
        + r2
        + ", histogramEdges="
        + Arrays.toString(histogramEdges)
        + ", histogramCounts="
        + Arrays.toString(histogramCounts)
        + "]";
  }
}
