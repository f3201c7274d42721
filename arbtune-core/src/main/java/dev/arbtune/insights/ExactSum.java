package dev.arbtune.insights;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The exact sum of a stream of doubles, so that every number derived from it is the same whatever
 * the order of the values and however they were split between threads. The sum is kept as a
 * Shewchuk expansion ("Adaptive Precision Floating-Point Arithmetic", 1997; the algorithm of
 * Python's {@code math.fsum}): a few non-overlapping doubles whose exact sum is the exact sum of
 * the inputs. Adding a value is a handful of two-sums (usually one to three partials), merging adds
 * the other's partials, and {@link #exact()} is their exact sum as a {@link BigDecimal}.
 *
 * <p>Inputs of magnitude {@code 2^960} (about {@code 1e289}) or more, and NaN or infinite inputs,
 * make the sum undefined ({@link #isDefined()} false): below that bound no partial sum of fewer
 * than {@code 2^63} inputs can overflow, so the flag, too, does not depend on the order.
 */
final class ExactSum {

  /** Inputs must be smaller than this in magnitude. */
  static final double LIMIT = 0x1p960;

  /**
   * {@link #addSquare} takes inputs smaller than this (their square stays below {@link #LIMIT}).
   */
  static final double SQUARE_LIMIT = 0x1p480;

  /** Veltkamp's splitter for doubles: 2^27 + 1. */
  private static final double SPLITTER = 134217729.0;

  private double[] partials = new double[2];
  private int size;
  private boolean undefined;

  /** Adds {@code x}. */
  void add(double x) {
    if (!(Math.abs(x) < LIMIT)) {
      undefined = true;
      return;
    }
    grow(x);
  }

  /**
   * Adds {@code x * x} exactly: Dekker's product splits {@code x} into two 26-bit halves whose
   * products are exact, and the three products are added.
   */
  void addSquare(double x) {
    if (!(Math.abs(x) < SQUARE_LIMIT)) {
      undefined = true;
      return;
    }
    double c = SPLITTER * x;
    double hi = c - (c - x);
    double lo = x - hi;
    grow(hi * hi);
    grow(2 * hi * lo);
    grow(lo * lo);
  }

  /** Adds everything {@code other} holds. */
  void merge(ExactSum other) {
    undefined |= other.undefined;
    for (int i = 0; i < other.size; i++) {
      grow(other.partials[i]);
    }
  }

  /** Whether every input was finite and below {@link #LIMIT}. */
  boolean isDefined() {
    return !undefined;
  }

  /** The exact sum; {@code null} when undefined. */
  BigDecimal exact() {
    if (undefined) {
      return null;
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < size; i++) {
      sum = sum.add(new BigDecimal(partials[i]));
    }
    return sum;
  }

  /** How many doubles hold the sum now (for tests and memory estimates). */
  int partials() {
    return size;
  }

  /** Shewchuk's GROW-EXPANSION with zero elimination: the partials stay non-overlapping. */
  private void grow(double x) {
    int kept = 0;
    for (int j = 0; j < size; j++) {
      double y = partials[j];
      if (Math.abs(x) < Math.abs(y)) {
        double t = x;
        x = y;
        y = t;
      }
      double hi = x + y;
      double lo = y - (hi - x);
      if (lo != 0.0) {
        partials[kept++] = lo;
      }
      x = hi;
    }
    if (x != 0.0) {
      if (kept == partials.length) {
        partials = Arrays.copyOf(partials, 2 * kept);
      }
      partials[kept++] = x;
    }
    size = kept;
  }
}
