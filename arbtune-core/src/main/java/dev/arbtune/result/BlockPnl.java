package dev.arbtune.result;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Objects;

/**
 * A result document's {@code period_pnl} as the aggregator reads it when insights are asked for
 * ({@link ResultReader#read(byte[], int, int, boolean)}): the block boundaries as one text and each
 * block's {@code pnl_usd} in whole micro-dollars, or why the object is not usable.
 *
 * <p>Usable means: an object with {@code block_starts}, an array of 2 to {@link #MAX_BLOCKS}
 * strings; {@code end}, a string; and {@code pnl_usd}, an array of as many numbers (its {@code
 * trades} and other keys are not read; when a key is repeated, the last one counts). A string must
 * not hold a control character. Anything else makes the object {@linkplain #problem() unusable},
 * never the document: the job stays a success and is only left out of PBO.
 *
 * <p>Each {@code pnl_usd} number is converted exactly ({@link #micros(BigDecimal)}): 12.5 is
 * 12,500,000 micro-dollars; more than 6 decimals are rounded half-even to the micro-dollar; a value
 * beyond what a {@code long} holds (about ±9.2e12 USD) reads as {@link Long#MAX_VALUE} or {@link
 * Long#MIN_VALUE}, which PBO leaves out as too large.
 *
 * @param boundaries the exact text of every {@code block_starts} string and then of {@code end},
 *     each but the last followed by a line break; {@code null} when not usable
 * @param micros each block's {@code pnl_usd} in micro-dollars; {@code null} when not usable
 * @param problem why the object is not usable, or {@code null} when it is
 */
public record BlockPnl(String boundaries, long[] micros, String problem) implements Serializable {

  /** Most blocks read: the largest {@code pnl_blocks} of a session. */
  public static final int MAX_BLOCKS = 64;

  /** Fewest blocks read. */
  public static final int MIN_BLOCKS = 2;

  private static final long serialVersionUID = 1L;

  public BlockPnl {
    if ((problem == null) != (boundaries != null && micros != null)) {
      throw new IllegalArgumentException("either boundaries and micros, or a problem");
    }
    if (micros != null) {
      if (micros.length < MIN_BLOCKS || micros.length > MAX_BLOCKS) {
        throw new IllegalArgumentException("2 to 64 blocks, got " + micros.length);
      }
      micros = micros.clone();
    }
  }

  /** A usable {@code period_pnl}. */
  public static BlockPnl of(String boundaries, long[] micros) {
    return new BlockPnl(
        Objects.requireNonNull(boundaries, "boundaries"),
        Objects.requireNonNull(micros, "micros"),
        null);
  }

  /** An unusable one, for {@code problem}. */
  public static BlockPnl unusable(String problem) {
    return new BlockPnl(null, null, Objects.requireNonNull(problem, "problem"));
  }

  /** Whether the object is usable. */
  public boolean usable() {
    return problem == null;
  }

  /** S, the number of blocks; 0 when not usable. */
  public int blocks() {
    return micros == null ? 0 : micros.length;
  }

  /** Block {@code k}'s PnL in micro-dollars. */
  public long micro(int k) {
    return micros[k];
  }

  @Override
  public long[] micros() {
    return micros == null ? null : micros.clone();
  }

  /** The first block's start as written (the text before the first line break). */
  public String firstBlockStart() {
    return boundaries == null ? null : boundaries.substring(0, boundaries.indexOf('\n'));
  }

  /**
   * {@code usd} in whole micro-dollars, exactly, more than 6 decimals rounded half-even; beyond a
   * {@code long}, {@link Long#MAX_VALUE} or {@link Long#MIN_VALUE}. Never builds a number much
   * larger than {@code usd}'s own digits (so {@code 1e999999999} costs nothing).
   */
  public static long micros(BigDecimal usd) {
    if (usd.signum() == 0) {
      return 0;
    }
    long magnitude = (long) usd.precision() - usd.scale(); // |usd| < 10^magnitude
    if (magnitude > 19) {
      return usd.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    if (magnitude <= -7) {
      return 0; // |usd| < 1e-7: under half a micro-dollar
    }
    BigDecimal scaled = usd.setScale(6, RoundingMode.HALF_EVEN);
    java.math.BigInteger unscaled = scaled.unscaledValue();
    if (unscaled.bitLength() > 63) {
      return usd.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    return unscaled.longValue();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockPnl b
        && Objects.equals(boundaries, b.boundaries)
        && Arrays.equals(micros, b.micros)
        && Objects.equals(problem, b.problem);
  }

  @Override
  public int hashCode() {
    return Objects.hash(boundaries, Arrays.hashCode(micros), problem);
  }

  @Override
  public String toString() {
    return usable()
        ? "BlockPnl[" + boundaries.replace('\n', ' ') + ": " + Arrays.toString(micros) + "]"
        : "BlockPnl[unusable: " + problem + "]";
  }
}
