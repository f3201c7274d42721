/**
 * Running sessions of backtest jobs: {@link dev.arbtune.run.SessionRunner} executes a JSONL plan in
 * parallel and writes one result document per job; {@link dev.arbtune.run.JobRunner} runs one job
 * (quotes loading, backtest, atomic result document); {@link dev.arbtune.run.PlanLine} parses a
 * plan line. Library code: the {@code arbtune run} command and later drivers (sweep, Spark) call
 * it.
 */
package dev.arbtune.run;
