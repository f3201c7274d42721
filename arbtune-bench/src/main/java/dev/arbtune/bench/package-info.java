/**
 * Benchmarks of arbtune: JMH micro-benchmarks of hot paths (one class per question) and the shared
 * entry-point plumbing of the command-line benchmark tools in {@link dev.arbtune.bench.gen} and
 * {@link dev.arbtune.bench.baseline}, which {@code bench/aggregate.sh} runs.
 *
 * <p>Where this package sits and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.bench;
