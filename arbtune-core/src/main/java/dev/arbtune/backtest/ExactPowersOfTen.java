package dev.arbtune.backtest;

/**
 * The powers of ten that a double holds exactly, 10^0 to 10^22 (10^22 = 2^22 · 5^22 and 5^22 <
 * 2^53): the scales of the exact decimal shortcuts (Clinger's fast path when reading a short
 * decimal, and rounding to a number of decimal places), where one IEEE multiplication or division
 * by such a power is correctly rounded.
 */
public final class ExactPowersOfTen {

  /** The largest exponent held exactly. */
  public static final int MAX = 22;

  private static final double[] POWERS = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private ExactPowersOfTen() {}

  /**
   * 10^{@code n}, exactly.
   *
   * @throws ArrayIndexOutOfBoundsException unless 0 <= n <= {@link #MAX}
   */
  public static double of(int n) {
    return POWERS[n];
  }
}
