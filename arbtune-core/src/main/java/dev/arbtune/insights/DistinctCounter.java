package dev.arbtune.insights;

import java.util.HashSet;
import java.util.Set;

/**
 * How many distinct strings were seen, in bounded memory, the same whatever the order and however
 * the strings were split between threads: exact (a set of their 64-bit hashes) up to {@value
 * #EXACT_LIMIT}, then a HyperLogLog estimate (Flajolet et al. 2007, 2^{@value #PRECISION}
 * registers: about 0.8% standard error) that was kept all along. Both are functions of the set of
 * strings alone.
 */
final class DistinctCounter {

  /** Up to this many distinct strings the count is exact. */
  static final int EXACT_LIMIT = 1024;

  /** log2 of the number of registers. */
  static final int PRECISION = 14;

  private static final int REGISTERS = 1 << PRECISION;

  private Set<Long> exact = new HashSet<>();
  private byte[] registers; // allocated on first use

  void add(String s) {
    add(Hashing.string(s));
  }

  private void add(long hash) {
    if (registers == null) {
      registers = new byte[REGISTERS];
    }
    int index = (int) (hash >>> (64 - PRECISION));
    long rest = hash << PRECISION | (1L << (PRECISION - 1)); // a stop bit bounds the rank
    byte rank = (byte) (Long.numberOfLeadingZeros(rest) + 1);
    if (rank > registers[index]) {
      registers[index] = rank;
    }
    if (exact != null) {
      exact.add(hash);
      if (exact.size() > EXACT_LIMIT) {
        exact = null;
      }
    }
  }

  void merge(DistinctCounter other) {
    if (other.registers == null) {
      return;
    }
    if (registers == null) {
      registers = new byte[REGISTERS];
    }
    for (int i = 0; i < REGISTERS; i++) {
      registers[i] = (byte) Math.max(registers[i], other.registers[i]);
    }
    if (exact != null && other.exact != null) {
      exact.addAll(other.exact);
      if (exact.size() > EXACT_LIMIT) {
        exact = null;
      }
    } else {
      exact = null;
    }
  }

  /** Whether {@link #count()} is exact. */
  boolean isExact() {
    return exact != null;
  }

  /** The number of distinct strings: exact, or estimated (see {@link #isExact()}). */
  long count() {
    if (exact != null) {
      return exact.size();
    }
    double sum = 0;
    int zeros = 0;
    for (byte r : registers) {
      sum += StrictMath.pow(2, -r);
      if (r == 0) {
        zeros++;
      }
    }
    double m = REGISTERS;
    double estimate = 0.7213 / (1 + 1.079 / m) * m * m / sum;
    if (estimate <= 2.5 * m && zeros > 0) {
      estimate = m * StrictMath.log(m / zeros); // linear counting for small sets
    }
    return Math.max(EXACT_LIMIT + 1, Math.round(estimate));
  }
}
