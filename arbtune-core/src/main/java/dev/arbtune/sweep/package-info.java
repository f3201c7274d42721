/**
 * The whole pipeline in one call: plan a session file, run every job, leave the results in a fixed
 * layout ({@link dev.arbtune.sweep.SweepLayout}) ready to be aggregated. Knows the planner and the
 * runner; neither knows it.
 */
package dev.arbtune.sweep;
