package dev.arbtune.insights;

import dev.arbtune.aggregate.AggregatedJobResult;
import dev.arbtune.result.BlockPnl;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-block PnL ({@code period_pnl}) of the success jobs that passed the filters, grouped by
 * their block boundaries (the exact text of {@code block_starts} and {@code end}), for the
 * probability of backtest overfitting ({@link #summary}); docs/INSIGHTS.md.
 *
 * <p>A job without a usable {@code period_pnl} ({@link BlockPnl#usable()}) is only counted, and so
 * is one with a block beyond {@link Pbo#MAX_ABS_MICROS}. Of the others, every group counts its
 * jobs, and the rows (job id and micro-dollars) are kept while there are at most {@link #MAX_ROWS}
 * such jobs in all; beyond that no row is kept (PBO is then not available) and memory stays
 * bounded. Which rows are kept, and so the result, does not depend on the number of threads or the
 * order of the files.
 *
 * <p>Memory: per kept job, 8 bytes per block and its job id (a reference and the string, about 60
 * bytes for a 15-character id): about 190 bytes with 16 blocks, at most about 50 MB at the cap.
 */
final class BlockPnlGroups {

  /** Most jobs whose rows are kept (all groups together). */
  static final int MAX_ROWS = 250_000;

  /** One set of block boundaries and the jobs that have it. */
  static final class Group {
    final String boundaries;
    final int blocks;
    long jobs;
    List<String> ids = new ArrayList<>();
    long[] rows;

    Group(String boundaries, int blocks) {
      this.boundaries = boundaries;
      this.blocks = blocks;
      this.rows = new long[blocks * 4];
    }

    private void ensure(int moreRows) {
      int need = (ids.size() + moreRows) * blocks;
      if (need > rows.length) {
        rows = Arrays.copyOf(rows, Math.max(need, rows.length * 2));
      }
    }

    void add(String id, BlockPnl pnl) {
      ensure(1);
      int at = ids.size() * blocks;
      for (int k = 0; k < blocks; k++) {
        rows[at + k] = pnl.micro(k);
      }
      ids.add(id);
    }

    void addAll(Group o) {
      ensure(o.ids.size());
      System.arraycopy(o.rows, 0, rows, ids.size() * blocks, o.ids.size() * blocks);
      ids.addAll(o.ids);
    }

    void dropRows() {
      ids = null;
      rows = null;
    }

    /** The first block's start, or {@code null} when it is not an ISO-8601 instant. */
    Instant firstStart() {
      try {
        return Instant.parse(boundaries.substring(0, boundaries.indexOf('\n')));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }

  /**
   * The group PBO is computed over: the most jobs, then the earliest first block start (one that is
   * not an instant after every one that is), then the shortest boundary text, then text order.
   */
  static final Comparator<Group> CHOICE =
      Comparator.comparingLong((Group g) -> -g.jobs)
          .thenComparing(Group::firstStart, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparingInt(g -> g.boundaries.length())
          .thenComparing(g -> g.boundaries);

  private final Map<String, Group> groups = new HashMap<>();
  private long usable;
  private long withoutPeriodPnl;
  private long tooLarge;

  /** A success job that passed the filters. */
  void add(AggregatedJobResult job) {
    BlockPnl pnl = job.periodPnl();
    if (pnl == null || !pnl.usable()) {
      withoutPeriodPnl++;
      return;
    }
    for (int k = 0; k < pnl.blocks(); k++) {
      long v = pnl.micro(k);
      if (v > Pbo.MAX_ABS_MICROS || v < -Pbo.MAX_ABS_MICROS) {
        tooLarge++;
        return;
      }
    }
    usable++;
    Group g = groups.computeIfAbsent(pnl.boundaries(), b -> new Group(b, pnl.blocks()));
    g.jobs++;
    if (usable > MAX_ROWS) {
      dropRows();
    } else {
      g.add(job.jobId(), pnl);
    }
  }

  /** Adds what {@code other} has seen. */
  void merge(BlockPnlGroups other) {
    usable += other.usable;
    withoutPeriodPnl += other.withoutPeriodPnl;
    tooLarge += other.tooLarge;
    boolean keep = usable <= MAX_ROWS;
    for (Group o : other.groups.values()) {
      Group g = groups.computeIfAbsent(o.boundaries, b -> new Group(b, o.blocks));
      g.jobs += o.jobs;
      if (keep) {
        g.addAll(o);
      }
    }
    if (!keep) {
      dropRows();
    }
  }

  private void dropRows() {
    groups.values().forEach(Group::dropRows);
  }

  /** Jobs with a usable {@code period_pnl} within the magnitude limit. */
  long usable() {
    return usable;
  }

  /** How many block-boundary groups there are. */
  int groups() {
    return groups.size();
  }

  /**
   * PBO over the {@linkplain #CHOICE chosen} group, its rows in job_id order (ties: by their
   * values), or why not, with the jobs left out.
   *
   * @param threads how many threads {@link Pbo#compute} may use
   */
  PboSummary summary(int threads) {
    if (groups.isEmpty()) {
      return new PboSummary(
          null,
          withoutPeriodPnl + tooLarge == 0
              ? "no success job passed the filters"
              : "no job that passed the filters carries a usable period_pnl",
          0,
          0,
          withoutPeriodPnl,
          tooLarge);
    }
    Group chosen = chosen();
    long other = usable - chosen.jobs;
    long otherGroups = groups.size() - 1L;
    String reason = null;
    if (usable > MAX_ROWS) {
      reason =
          String.format(
              java.util.Locale.ROOT,
              "more than %,d jobs with period_pnl passed the filters (%,d): PBO keeps at most"
                  + " %,d in memory; narrow them with a filter",
              MAX_ROWS,
              usable,
              MAX_ROWS);
    } else if (chosen.blocks % 2 != 0) {
      reason = "pnl_blocks is odd (" + chosen.blocks + "): CSCV needs an even number of blocks";
    } else if (chosen.jobs < 2) {
      reason = "only 1 job has period_pnl with these block boundaries: PBO needs at least 2";
    }
    if (reason != null) {
      return new PboSummary(null, reason, other, otherGroups, withoutPeriodPnl, tooLarge);
    }
    long[] matrix = sortedRows(chosen);
    if (allRowsEqual(matrix, chosen.blocks)) {
      // Every split would tie every job out of sample (logit 0): "PBO 1.00" about nothing.
      return new PboSummary(
          null,
          String.format(
              java.util.Locale.ROOT,
              "all %,d jobs have the same PnL in every block (none traded?): there is no"
                  + " in-sample winner to test out of sample",
              chosen.jobs),
          other,
          otherGroups,
          withoutPeriodPnl,
          tooLarge);
    }
    PboResult result = Pbo.compute(matrix, chosen.ids.size(), chosen.blocks, threads);
    return new PboSummary(result, null, other, otherGroups, withoutPeriodPnl, tooLarge);
  }

  private static boolean allRowsEqual(long[] matrix, int blocks) {
    for (int i = blocks; i < matrix.length; i++) {
      if (matrix[i] != matrix[i % blocks]) {
        return false;
      }
    }
    return true;
  }

  /** The group PBO is computed over ({@link #CHOICE}), or {@code null} when there is none. */
  Group chosen() {
    return groups.values().stream().min(CHOICE).orElse(null);
  }

  /** The group's rows, job-major, ordered by job id and then by their values. */
  static long[] sortedRows(Group g) {
    int n = g.ids.size();
    int s = g.blocks;
    Integer[] order = new Integer[n];
    for (int j = 0; j < n; j++) {
      order[j] = j;
    }
    long[] rows = g.rows;
    Arrays.sort(
        order,
        Comparator.comparing((Integer j) -> g.ids.get(j))
            .thenComparing(
                (a, b) -> Arrays.compare(rows, a * s, a * s + s, rows, b * s, b * s + s)));
    long[] out = new long[n * s];
    for (int j = 0; j < n; j++) {
      System.arraycopy(rows, order[j] * s, out, j * s, s);
    }
    return out;
  }
}
