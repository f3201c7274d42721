package dev.arbtune.insights;

import java.util.Map;

/**
 * What {@link Pbo#compute} found. Fields are filled in by the implementation; what the JSON holds
 * is {@link #toMap()} and the plain-words verdict is {@link #verdict()}.
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
 * @param histogramEdges logit histogram bin edges (one more than the counts)
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

  /** The entries of {@code insights.pbo} when it was computed (after {@code available: true}). */
  public Map<String, Object> toMap() {
    throw new UnsupportedOperationException("not yet");
  }

  /** One plain-words sentence for text and report, e.g. "PBO 0.45: the in-sample winner ...". */
  public String verdict() {
    throw new UnsupportedOperationException("not yet");
  }
}
