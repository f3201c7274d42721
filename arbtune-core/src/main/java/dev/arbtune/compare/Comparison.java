package dev.arbtune.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How two rankings of matched jobs agree: what {@code arbtune compare} reports, computed from the
 * compact records of both sides (docs/COMPARE.md). Indexes are ranks minus one.
 *
 * @param a A's ranked jobs
 * @param b B's ranked jobs
 * @param sharedA for each shared job, in A's rank order, its index in A
 * @param sharedB the matching index in B
 * @param onlyA indexes in A of jobs without a match in B
 * @param onlyB indexes in B of jobs without a match in A
 * @param duplicates warnings about jobs of one side with the same matched config
 * @param duplicateCount how many such jobs there are (the warnings may list fewer)
 * @param topK K
 * @param topKShared how many matched configs the top K of both sides share
 * @param kendallTau tau-b over the shared jobs, or {@code null}
 * @param spearmanRho Spearman's rho over the shared jobs, or {@code null}
 * @param rbo the rank-biased overlap (p = 0.9) of the two rankings, or {@code null}
 * @param notes why a statistic is null, or that a side has fewer than K jobs
 */
public record Comparison(
    RankedJobs.Ranked a,
    RankedJobs.Ranked b,
    int[] sharedA,
    int[] sharedB,
    int[] onlyA,
    int[] onlyB,
    List<String> duplicates,
    long duplicateCount,
    int topK,
    int topKShared,
    Double kendallTau,
    Double spearmanRho,
    Double rbo,
    List<String> notes) {

  /** The persistence of the rank-biased overlap. */
  public static final double RBO_P = 0.9;

  /** How many duplicate warnings are listed per side. */
  static final int DUPLICATES_LISTED = 20;

  public Comparison {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    duplicates = List.copyOf(duplicates);
    notes = List.copyOf(notes);
  }

  /**
   * Compares two non-empty rankings.
   *
   * @throws IllegalArgumentException when {@code topK < 1} or a side is empty
   */
  public static Comparison of(RankedJobs.Ranked a, RankedJobs.Ranked b, int topK) {
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be >= 1, got " + topK);
    }
    if (a.size() == 0 || b.size() == 0) {
      throw new IllegalArgumentException("both sides need ranked jobs");
    }
    List<String> duplicates = new ArrayList<>();
    long[] dupCount = new long[1];
    boolean[] firstA = firsts(a, "A", duplicates, dupCount);
    boolean[] firstB = firsts(b, "B", duplicates, dupCount);
    ByIdIndex indexB = new ByIdIndex(b.ids(), firstB);
    ByIdIndex indexA = new ByIdIndex(a.ids(), firstA);
    int[] sa = new int[a.size()];
    int[] sb = new int[a.size()];
    int shared = 0;
    int[] oa = new int[a.size()];
    int onlyA = 0;
    for (int r = 0; r < a.size(); r++) {
      if (!firstA[r]) {
        continue;
      }
      int inB = indexB.find(a.ids()[r]);
      if (inB >= 0) {
        sa[shared] = r;
        sb[shared++] = inB;
      } else {
        oa[onlyA++] = r;
      }
    }
    int[] ob = new int[b.size()];
    int onlyB = 0;
    for (int r = 0; r < b.size(); r++) {
      if (firstB[r] && indexA.find(b.ids()[r]) < 0) {
        ob[onlyB++] = r;
      }
    }
    sa = Arrays.copyOf(sa, shared);
    sb = Arrays.copyOf(sb, shared);
    List<String> notes = new ArrayList<>();
    Set<Long> topA = new HashSet<>();
    for (int r = 0; r < Math.min(topK, a.size()); r++) {
      topA.add(a.ids()[r]);
    }
    Set<Long> topB = new HashSet<>();
    for (int r = 0; r < Math.min(topK, b.size()); r++) {
      topB.add(b.ids()[r]);
    }
    topA.retainAll(topB);
    for (String side : new String[] {"A", "B"}) {
      int n = side.equals("A") ? a.size() : b.size();
      if (n < topK) {
        notes.add(
            side
                + " has "
                + n
                + " ranked jobs, fewer than --top-k "
                + topK
                + ": the overlap is still divided by "
                + topK);
      }
    }
    double[] va = new double[shared];
    double[] vb = new double[shared];
    for (int i = 0; i < shared; i++) {
      va[i] = -a.keys()[sa[i]];
      vb[i] = -b.keys()[sb[i]];
    }
    Double tau = null;
    Double rho = null;
    if (shared < 2) {
      notes.add("kendall_tau and spearman_rho need 2 shared jobs, there are " + shared);
    } else {
      tau = finite(RankStatistics.kendallTauB(va, vb));
      rho = finite(RankStatistics.spearmanRho(va, vb));
      if (tau == null || rho == null) {
        notes.add(
            "kendall_tau and spearman_rho are undefined: the ranking metric has one value on a"
                + " side over the shared jobs");
      }
    }
    Double rbo =
        finite(RankStatistics.rankBiasedOverlap(distinct(a, firstA), distinct(b, firstB), RBO_P));
    return new Comparison(
        a,
        b,
        sa,
        sb,
        Arrays.copyOf(oa, onlyA),
        Arrays.copyOf(ob, onlyB),
        duplicates,
        dupCount[0],
        topK,
        topA.size(),
        tau,
        rho,
        rbo,
        notes);
  }

  /** The number of shared jobs. */
  public int shared() {
    return sharedA.length;
  }

  /** Whether A's and B's winners have different matched configs. */
  public boolean winnerChanged() {
    return a.ids()[0] != b.ids()[0];
  }

  /** A's winner's rank in B (its best-ranked match), or {@code null} when B has none. */
  public Integer oldWinnerRank() {
    for (int r = 0; r < b.size(); r++) {
      if (b.ids()[r] == a.ids()[0]) {
        return r + 1;
      }
    }
    return null;
  }

  /** {@link #topKShared} / K. */
  public double topKOverlap() {
    return (double) topKShared / topK;
  }

  private static Double finite(double x) {
    return Double.isNaN(x) ? null : x;
  }

  /** The ids in rank order, each once. */
  private static long[] distinct(RankedJobs.Ranked side, boolean[] first) {
    long[] out = new long[side.size()];
    int n = 0;
    for (int r = 0; r < side.size(); r++) {
      if (first[r]) {
        out[n++] = side.ids()[r];
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * Marks the best-ranked job of each matched config; the others get a warning naming both (up to
   * {@link #DUPLICATES_LISTED} per side).
   */
  private static boolean[] firsts(
      RankedJobs.Ranked side, String label, List<String> warnings, long[] count) {
    boolean[] first = new boolean[side.size()];
    ByIdIndex index = new ByIdIndex(side.ids(), null);
    int listed = 0;
    for (int r = 0; r < side.size(); r++) {
      int best = index.find(side.ids()[r]);
      first[r] = best == r;
      if (!first[r]) {
        count[0]++;
        if (listed++ < DUPLICATES_LISTED) {
          warnings.add(
              label
                  + ": jobs "
                  + side.jobIds()[best]
                  + " (rank "
                  + (best + 1)
                  + ") and "
                  + side.jobIds()[r]
                  + " (rank "
                  + (r + 1)
                  + ") have the same matched config; "
                  + side.jobIds()[best]
                  + " is compared");
        }
      }
    }
    return first;
  }

  /** Finds the best-ranked index of an id by binary search over the ids sorted once. */
  private static final class ByIdIndex {
    private final long[] sorted;
    private final int[] rank;

    ByIdIndex(long[] ids, boolean[] only) {
      int[] order =
          java.util.stream.IntStream.range(0, ids.length)
              .filter(r -> only == null || only[r])
              .boxed()
              .sorted(
                  java.util.Comparator.<Integer>comparingLong(r -> ids[r]).thenComparingInt(r -> r))
              .mapToInt(Integer::intValue)
              .toArray();
      sorted = new long[order.length];
      rank = order;
      for (int i = 0; i < order.length; i++) {
        sorted[i] = ids[order[i]];
      }
    }

    /** The smallest index with {@code id}, or -1. */
    int find(long id) {
      int i = Arrays.binarySearch(sorted, id);
      if (i < 0) {
        return -1;
      }
      while (i > 0 && sorted[i - 1] == id) {
        i--;
      }
      return rank[i];
    }
  }
}
