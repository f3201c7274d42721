package dev.arbtune.aggregate;

import java.util.Arrays;

/**
 * The set of job ids seen, shared by the scanning threads, kept as 64-bit hashes in striped
 * open-addressing tables kept between a quarter and half full: 16 to 32 bytes per job (briefly 48
 * while a table grows), so a million jobs cost 16-32 MB rather than the ~100 MB of a set of
 * strings. Two different ids with the same 64-bit hash (odds about 1 in 10^7 at a million jobs)
 * would be reported as a duplicate.
 */
final class JobIdSet {

  private static final int STRIPES = 64;

  private final Stripe[] stripes = new Stripe[STRIPES];

  JobIdSet() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  /** Adds {@code jobId}; returns false when it was already there. */
  boolean add(String jobId) {
    long h = hash(jobId);
    return stripes[(int) (h >>> 58)].add(h);
  }

  /**
   * A 64-bit FNV-1a hash of the UTF-16 code units, finished with a murmur3 mix. Over a copy of the
   * characters rather than {@code charAt}, which is slow in a short run's quickly compiled code;
   * not over encoded bytes, which are not one-to-one for strings with lone surrogates (a JSON
   * document can hold one, written as an escape).
   */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (char c : s.toCharArray()) {
      h ^= c;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  private static final class Stripe {
    private long[] table = new long[64];
    private boolean hasZero;
    private int size;

    synchronized boolean add(long h) {
      if (h == 0) {
        boolean added = !hasZero;
        hasZero = true;
        return added;
      }
      int mask = table.length - 1;
      int i = (int) h & mask;
      while (table[i] != 0) {
        if (table[i] == h) {
          return false;
        }
        i = (i + 1) & mask;
      }
      table[i] = h;
      if (++size * 2 > table.length) {
        grow();
      }
      return true;
    }

    private void grow() {
      long[] old = table;
      table = new long[old.length * 2];
      int mask = table.length - 1;
      for (long h : old) {
        if (h != 0) {
          int i = (int) h & mask;
          while (table[i] != 0) {
            i = (i + 1) & mask;
          }
          table[i] = h;
        }
      }
      Arrays.fill(old, 0);
    }
  }
}
