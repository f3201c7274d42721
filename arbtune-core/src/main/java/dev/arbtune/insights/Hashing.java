package dev.arbtune.insights;

import java.util.Map;

/**
 * 64-bit hashes of parameter vectors. A job's vector hash is the sum, over its config entries
 * except {@code tag}, of a mixed hash of (key, value); a sum does not depend on key order, and the
 * hash of a neighbour (one entry changed) is one subtraction and one addition away. With 64 bits,
 * two distinct vectors among a million collide with probability about 3e-8.
 */
public final class Hashing {

  /** The config key that names the session, not a parameter. */
  static final String TAG = "tag";

  private Hashing() {}

  /** The finaliser of SplitMix64 (Steele, Lea, Flood 2014): a bijective 64-bit mix. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** FNV-1a over the UTF-16 code units, then mixed. */
  static long string(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** The contribution of one config entry to a vector hash. */
  public static long entry(String key, ParamValue value) {
    return mix(string(key) * 0x9e3779b97f4a7c15L + value.hash64());
  }

  /** The hash of a config's parameter vector: every entry but {@code tag}. */
  static long vector(Map<String, Object> config) {
    long h = 0;
    for (Map.Entry<String, Object> e : config.entrySet()) {
      if (!TAG.equals(e.getKey())) {
        h += entry(e.getKey(), ParamValue.from(e.getValue()));
      }
    }
    return h;
  }
}
