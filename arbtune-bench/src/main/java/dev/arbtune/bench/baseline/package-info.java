/**
 * The programs the aggregator is measured against: {@link dev.arbtune.bench.baseline.RawReadFloor}
 * (walk and read every byte, nothing else: the floor) and {@link
 * dev.arbtune.bench.baseline.SeedReferenceAggregator} (the seed's design ported straightforwardly:
 * the baseline to beat).
 */
package dev.arbtune.bench.baseline;
