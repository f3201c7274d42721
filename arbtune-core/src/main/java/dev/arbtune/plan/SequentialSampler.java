package dev.arbtune.plan;

import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;

/**
 * A simple random sample of {@code n} distinct indices out of {@code 0 … N-1}, every set of {@code
 * n} equally likely, produced in increasing order in O(n) expected time and O(1) memory: Vitter's
 * Algorithm D (J. S. Vitter, "An efficient algorithm for sequential random sampling", ACM TOMS
 * 13(1), 1987), which switches to his Algorithm A when the sample is dense ({@code n ≥ N/13}).
 *
 * <p>Each skip draws a fresh variate (the paper's recycling of the acceptance variate is left out
 * for clarity; it only saves random numbers). {@link StrictMath} keeps the result identical on
 * every platform. For {@code N} above 2<sup>53</sup> the skips are computed in {@code double} and
 * the sample is uniform up to that rounding.
 */
final class SequentialSampler implements PrimitiveIterator.OfLong {

  /** Vitter's 1/alpha: Algorithm A is used once {@code n * 13 >= N}. */
  private static final long ALPHA_INVERSE = 13;

  private final SplitMix64 random;
  private long remainingRecords;
  private long remainingSamples;
  private long position;

  /**
   * @param population N, the number of indices to choose from; ≥ 0
   * @param sampleSize n, how many to choose; 0 ≤ n ≤ N
   * @param random the source of randomness, used by this sampler only
   */
  SequentialSampler(long population, long sampleSize, SplitMix64 random) {
    if (population < 0 || sampleSize < 0 || sampleSize > population) {
      throw new IllegalArgumentException(
          "need 0 <= sampleSize <= population, got " + sampleSize + " of " + population);
    }
    this.random = random;
    this.remainingRecords = population;
    this.remainingSamples = sampleSize;
  }

  @Override
  public boolean hasNext() {
    return remainingSamples > 0;
  }

  @Override
  public long nextLong() {
    if (remainingSamples == 0) {
      throw new NoSuchElementException();
    }
    long skip = skip();
    long selected = position + skip;
    position = selected + 1;
    remainingRecords -= skip + 1;
    remainingSamples--;
    return selected;
  }

  /** How many records to pass over before the next selected one. */
  private long skip() {
    long n = remainingSamples;
    long bigN = remainingRecords;
    if (n == bigN) {
      return 0;
    }
    if (n == 1) {
      return Math.min(bigN - 1, (long) (bigN * random.nextOpenDouble()));
    }
    if (n * ALPHA_INVERSE < bigN) {
      return skipD(n, bigN);
    }
    return skipA(n, bigN);
  }

  /** Algorithm A: sequential search of the skip's distribution; O(skip) time. */
  private long skipA(long n, long bigN) {
    double v = random.nextOpenDouble();
    double top = bigN - n;
    double records = bigN;
    double quot = top / records;
    long s = 0;
    while (quot > v) {
      s++;
      top--;
      records--;
      quot *= top / records;
    }
    return s;
  }

  /**
   * Algorithm D, one skip: rejection sampling from the continuous envelope {@code X = N(1 -
   * V^(1/n))}, with a cheap squeeze test (D3) before the exact one (D4).
   */
  private long skipD(long n, long bigN) {
    double nReal = n;
    double bigNReal = bigN;
    double nInv = 1.0 / nReal;
    double nMin1Inv = 1.0 / (nReal - 1.0);
    long qu1 = bigN - n + 1;
    double qu1Real = qu1;
    double vPrime = StrictMath.exp(StrictMath.log(random.nextOpenDouble()) * nInv);
    while (true) {
      // D2: X from the envelope, S = floor(X), until S is a possible skip.
      double x;
      long s;
      while (true) {
        x = bigNReal * (1.0 - vPrime);
        s = (long) x;
        if (s < qu1) {
          break;
        }
        vPrime = StrictMath.exp(StrictMath.log(random.nextOpenDouble()) * nInv);
      }
      double u = random.nextOpenDouble();
      double negSReal = -s;
      // D3: accept at once when U is below the squeeze h(S) / (c g(X)).
      double y1 = StrictMath.exp(StrictMath.log(u * bigNReal / qu1Real) * nMin1Inv);
      double squeeze = y1 * (1.0 - x / bigNReal) * (qu1Real / (negSReal + qu1Real));
      if (squeeze <= 1.0) {
        return s;
      }
      // D4: the exact test U <= f(S) / (c g(X)), with the shorter of two equal products.
      double y2 = 1.0;
      double top = bigNReal - 1.0;
      double bottom;
      long limit;
      if (n - 1 > s) {
        bottom = bigNReal - nReal;
        limit = bigN - s;
      } else {
        bottom = bigNReal - 1.0 + negSReal;
        limit = qu1;
      }
      for (long t = bigN - 1; t >= limit; t--) {
        y2 = (y2 * top) / bottom;
        top--;
        bottom--;
      }
      if (bigNReal / (bigNReal - x) >= y1 * StrictMath.exp(StrictMath.log(y2) * nMin1Inv)) {
        return s;
      }
      vPrime = StrictMath.exp(StrictMath.log(random.nextOpenDouble()) * nInv);
    }
  }
}
