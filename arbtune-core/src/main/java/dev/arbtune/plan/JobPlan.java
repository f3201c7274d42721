package dev.arbtune.plan;

import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.result.PlanLineFields;
import java.util.Map;
import java.util.Objects;

/**
 * One planned job: a line of a plan file, written through {@link PlanLineFields}, the type {@code
 * run} reads it with.
 *
 * @param jobId unique within the plan, e.g. {@code sess001_0007}; sorts in plan order
 * @param config the complete runner configuration; its {@code tag} is the session's tag prefix
 * @param outputJson where the result document goes, relative to the results root: {@code
 *     PREFIX/JOB_ID.json}, always with {@code /}
 */
public record JobPlan(String jobId, BacktestConfig config, String outputJson) {

  /**
   * @throws IllegalArgumentException when {@code jobId} or {@code outputJson} is blank
   */
  public JobPlan {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(outputJson, "outputJson");
    if (jobId.isBlank()) {
      throw new IllegalArgumentException("jobId is blank");
    }
    if (outputJson.isBlank()) {
      throw new IllegalArgumentException("outputJson is blank");
    }
  }

  /**
   * The plan line as a map, in the order written: {@code job_id}, {@code config} (as {@link
   * BacktestConfig#toMap()}, exactly what the runner writes into the result), {@code output_json}.
   * Unmodifiable.
   */
  public Map<String, Object> toMap() {
    return fields().toMap();
  }

  /** The plan line: {@link #toMap()} as compact one-line JSON, without the line break. */
  public String toJsonLine() {
    return fields().toJsonLine();
  }

  /** The plan line's fields, through which {@code run} reads it back ({@link PlanLineFields}). */
  public PlanLineFields fields() {
    return new PlanLineFields(jobId, config.toMap(), outputJson);
  }
}
