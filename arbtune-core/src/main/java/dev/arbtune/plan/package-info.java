/**
 * The session planner: reads a session file ({@link dev.arbtune.plan.SessionFile}), describes it as
 * a {@link dev.arbtune.plan.SessionConfig} (fixed parameters, {@link dev.arbtune.plan.ParamGrid}s,
 * a {@link dev.arbtune.plan.Sampler}, an optional cap), and expands it into {@link
 * dev.arbtune.plan.JobPlan}s with {@link dev.arbtune.plan.SessionPlanner}, lazily and in a
 * reproducible order, so that a plan file ({@link dev.arbtune.plan.PlanFile}) or a sweep can
 * consume any number of jobs without holding them all in memory.
 *
 * <p>The planner knows nothing of the runner beyond {@link dev.arbtune.backtest.BacktestConfig},
 * which it uses to refuse, before anything is written, every value the runner would refuse.
 *
 * <p>Where this package sits and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.plan;
