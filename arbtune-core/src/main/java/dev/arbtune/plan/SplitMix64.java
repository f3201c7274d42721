package dev.arbtune.plan;

/**
 * The SplitMix64 generator (Steele, Lea and Flood, 2014), written out here so that a seed gives the
 * same sample on every JVM, version and platform (the JDK does not promise which algorithm its
 * generators use).
 */
final class SplitMix64 {

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  /** The next 64 random bits. */
  long nextLong() {
    long z = (state += GOLDEN_GAMMA);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A uniform double strictly between 0 and 1 (never 0, so that its logarithm is finite). */
  double nextOpenDouble() {
    return ((nextLong() >>> 11) + 0.5) * 0x1.0p-53;
  }
}
