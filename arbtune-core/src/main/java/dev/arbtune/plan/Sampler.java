package dev.arbtune.plan;

/**
 * Which combinations of the grids become jobs.
 *
 * <ul>
 *   <li>{@link Grid}: every combination, in grid order (the first grid varies slowest).
 *   <li>{@link Random}: a simple random sample of {@code samples} distinct combinations, every set
 *       of that size equally likely, drawn reproducibly from {@code seed} and listed in grid order.
 * </ul>
 */
public sealed interface Sampler permits Sampler.Grid, Sampler.Random {

  /** Every combination ({@code sampler: grid}, the default). */
  static Sampler grid() {
    return new Grid();
  }

  /**
   * A random sample ({@code sampler: random}).
   *
   * @throws SessionConfigException when {@code samples} is not between 1 and {@link
   *     SessionConfig#MAX_JOBS}
   */
  static Sampler random(long samples, long seed) {
    return new Random(samples, seed);
  }

  /** Every combination of the grids, in grid order. */
  record Grid() implements Sampler {}

  /**
   * A simple random sample of distinct combinations. When the grid has fewer combinations than
   * {@code samples}, every combination is a job.
   *
   * @param samples how many combinations to draw; 1 to {@link SessionConfig#MAX_JOBS}
   * @param seed any integer; the same seed (and grids) always gives the same sample
   */
  record Random(long samples, long seed) implements Sampler {

    /**
     * @throws SessionConfigException (field {@code samples}) when out of range
     */
    public Random {
      if (samples < 1 || samples > SessionConfig.MAX_JOBS) {
        throw new SessionConfigException(
            "samples", "must be between 1 and " + SessionConfig.MAX_JOBS + ", got " + samples);
      }
    }
  }
}
