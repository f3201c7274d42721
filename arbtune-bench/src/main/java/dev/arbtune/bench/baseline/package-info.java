/**
 * The programs the aggregator is measured against: {@link dev.arbtune.bench.baseline.RawReadFloor}
 * (walk and read every byte, nothing else: the floor) and {@link
 * dev.arbtune.bench.baseline.SeedReferenceAggregator} (the seed's design ported straightforwardly:
 * the baseline to beat).
 *
 * <p>"The seed" is the original D39 aggregator that arbtune stays compatible with; what it
 * specifies, where this package sits and what it may import: {@code docs/ARCHITECTURE.md}.
 */
package dev.arbtune.bench.baseline;
