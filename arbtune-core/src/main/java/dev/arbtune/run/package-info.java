/**
 * Running sessions of backtest jobs: {@link dev.arbtune.run.SessionRunner} executes a JSONL plan in
 * parallel and writes one result document per job, holding a lock on the output root while it runs
 * ({@link dev.arbtune.run.OutputRootBusyException} when another session holds it); {@link
 * dev.arbtune.run.JobRunner} runs one job (quotes loading, backtest, atomic result document inside
 * the output root); {@link dev.arbtune.run.JobDocument} decides a job's document, and whether an
 * existing one is that job's finished result; {@link dev.arbtune.run.PlanLine} parses a plan line.
 * Library code: the {@code arbtune run} and {@code arbtune backtest} commands and later drivers
 * (sweep, Spark) call it.
 *
 * <p>Where this package sits and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.run;
