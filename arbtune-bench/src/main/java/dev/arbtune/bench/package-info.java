/**
 * Benchmarks of arbtune: JMH micro-benchmarks of hot paths (one class per question) and the shared
 * entry-point plumbing of the command-line benchmark tools in {@link dev.arbtune.bench.gen} and
 * {@link dev.arbtune.bench.baseline}, which {@code bench/aggregate.sh} runs.
 */
package dev.arbtune.bench;
