package dev.arbtune.run;

/**
 * Which plan line first claimed a name (an output path, a job id), remembered by a 64-bit hash of
 * the name: about 12 bytes per name at most 3/4 full, however long the names. Two distinct names
 * share a hash with a probability of about n²/2⁶⁵ for n names (one in three million for ten million
 * names), in which case the later one is taken for a repeat. Not thread-safe: the thread that reads
 * the plan, in order, owns its instance; {@link OutputNames} guards its own with a lock.
 */
final class PlanClaims {

  private long[] hashes = new long[1 << 10];
  private int[] lines = new int[1 << 10];
  private int size;

  /**
   * Claims {@code name} for plan line {@code line}.
   *
   * @return 0 when {@code name} is new; else the plan line that claimed it first, or -1 when that
   *     line's number is too large to have been remembered
   */
  long claim(String name, long line) {
    long h = hash(name);
    int mask = hashes.length - 1;
    for (int i = (int) h & mask; ; i = (i + 1) & mask) {
      if (hashes[i] == 0) {
        hashes[i] = h;
        lines[i] = line > Integer.MAX_VALUE ? -1 : (int) line;
        if (++size * 4L > hashes.length * 3L) {
          grow();
        }
        return 0;
      }
      if (hashes[i] == h) {
        return lines[i];
      }
    }
  }

  /** Names claimed. */
  int size() {
    return size;
  }

  private void grow() {
    long[] oldHashes = hashes;
    int[] oldLines = lines;
    hashes = new long[oldHashes.length * 2];
    lines = new int[oldHashes.length * 2];
    int mask = hashes.length - 1;
    for (int k = 0; k < oldHashes.length; k++) {
      long h = oldHashes[k];
      if (h != 0) {
        int i = (int) h & mask;
        while (hashes[i] != 0) {
          i = (i + 1) & mask;
        }
        hashes[i] = h;
        lines[i] = oldLines[k];
      }
    }
  }

  /** FNV-1a over the UTF-16 units, then SplitMix64's finalizer; never 0 (the empty slot). */
  static long hash(String name) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < name.length(); i++) {
      h ^= name.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= name.length();
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    h ^= h >>> 31;
    return h == 0 ? 1 : h;
  }
}
