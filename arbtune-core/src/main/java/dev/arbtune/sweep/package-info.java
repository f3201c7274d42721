/**
 * The whole pipeline in one call: plan a session file, run every job, leave the results in a fixed
 * layout ({@link dev.arbtune.sweep.SweepLayout}) ready to be aggregated. Knows the planner and the
 * runner; neither knows it.
 *
 * <p>Where this package sits and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.sweep;
