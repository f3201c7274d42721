package dev.arbtune.insights;

import dev.arbtune.aggregate.AggregatedJobResult;
import java.util.Objects;

/**
 * How one top job's grid neighbours did: the jobs whose config differs from it in exactly one
 * numeric parameter, by one step (the next lower or higher value run of that parameter).
 *
 * @param rank its place in the ranking, from 1
 * @param job the job
 * @param pnl its realized PnL
 * @param neighbours how many neighbour jobs were found
 * @param neighbourMedian their median realized PnL (NaN without neighbours)
 * @param neighbourWorst their lowest realized PnL (NaN without neighbours)
 * @param verdict spike or plateau
 */
public record Robustness(
    int rank,
    AggregatedJobResult job,
    double pnl,
    int neighbours,
    double neighbourMedian,
    double neighbourWorst,
    Verdict verdict) {
  public Robustness {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(verdict, "verdict");
  }

  /** How much the neighbours' median falls short of the job: {@code pnl - neighbourMedian}. */
  public double drop() {
    return pnl - neighbourMedian;
  }
}
