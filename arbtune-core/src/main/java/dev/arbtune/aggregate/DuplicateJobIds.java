package dev.arbtune.aggregate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Job ids claimed by more than one document, for engines that count the documents of each id
 * themselves (a distributed aggregate groups them by id) and then hand the counts to {@link
 * PartialSummary#summary}. Keeps what the local aggregator keeps: the smallest {@code limit} ids
 * with their exact counts, and the number of extra claims of all the others. Mergeable and
 * serialisable; not thread-safe.
 */
public final class DuplicateJobIds implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int limit;
  private final TreeMap<String, Long> kept = new TreeMap<>(); // id -> documents claiming it
  private long extraClaims; // documents beyond the first one of each id, over every id

  /**
   * @param limit how many ids to list (the aggregator's {@code maxErrors})
   * @throws IllegalArgumentException when negative
   */
  public DuplicateJobIds(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    }
    this.limit = limit;
  }

  /** How many ids are listed at most. */
  public int limit() {
    return limit;
  }

  /**
   * Records that {@code documents} documents in all claim {@code jobId}: call it once per id, with
   * the id's total count. Fewer than two documents is no duplicate, and is ignored.
   */
  public void add(String jobId, long documents) {
    Objects.requireNonNull(jobId, "jobId");
    if (documents < 2) {
      return;
    }
    extraClaims += documents - 1;
    keep(jobId, documents);
  }

  /** Adds the ids recorded by {@code other} (ids recorded in both must not overlap). */
  public void merge(DuplicateJobIds other) {
    extraClaims += other.extraClaims;
    for (Map.Entry<String, Long> e : other.kept.entrySet()) {
      keep(e.getKey(), e.getValue());
    }
  }

  private void keep(String jobId, long documents) {
    if (kept.size() < limit) {
      kept.put(jobId, documents);
    } else if (limit > 0 && jobId.compareTo(kept.lastKey()) < 0) {
      kept.pollLastEntry();
      kept.put(jobId, documents);
    }
  }

  /** The listed ids as warnings, by id. */
  List<Warning> warnings() {
    List<Warning> out = new ArrayList<>(kept.size());
    for (Map.Entry<String, Long> e : kept.entrySet()) {
      out.add(Warning.duplicateJobId(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** Extra claims not covered by {@link #warnings()}. */
  long untoldClaims() {
    long told = 0;
    for (long documents : kept.values()) {
      told += documents - 1;
    }
    return extraClaims - told;
  }
}
