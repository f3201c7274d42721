/**
 * Walk-forward analysis: a session's grid run on each train window of one data file, the
 * aggregator's winner of each window run on the test window after it, and the test windows stitched
 * into one out-of-sample record ({@code docs/WALKFORWARD.md}). Built on the planner, the runner,
 * the sweep's output-root rules and the aggregator; nothing imports it but the command line.
 *
 * <p>Where this package sits and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.walkforward;
