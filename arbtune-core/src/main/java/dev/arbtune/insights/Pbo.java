package dev.arbtune.insights;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.IntConsumer;

/**
 * The probability of backtest overfitting (PBO) by combinatorially symmetric cross-validation
 * (Bailey, Borwein, López de Prado, Zhu, "The Probability of Backtest Overfitting", 2017), over a
 * matrix of per-block realized PnL: one row per job, one column per block of the jobs' shared
 * window (a document's {@code period_pnl}). See docs/INSIGHTS.md, "Probability of backtest
 * overfitting".
 *
 * <p>Values are whole micro-dollars ({@code long}), so every in-sample and out-of-sample total is
 * exact and ties are real ties, whatever the order of the sums.
 *
 * <p>How: the jobs are shared between threads in contiguous ranges, each scanned by a {@link
 * CscvScan} a cache-sized chunk at a time over every split ({@link CscvSplits}: in revolving-door
 * order, so an in-sample total is updated with one block in and one out). A first pass finds each
 * split's in-sample winner (the first maximum), a second counts the jobs below and at the winner's
 * out-of-sample total (job total − in-sample total). Per split only the winner's in-sample and
 * out-of-sample totals and twice its rank are kept, all integers; everything derived from them is
 * computed afterwards in split order, so the result is the same for any number of threads. Memory
 * beyond the matrix (which is read, not copied): under 50 bytes per split and a chunk buffer per
 * thread (at most 1 MB).
 */
public final class Pbo {

  /** Largest |block PnL| accepted, in micro-dollars (1e11 USD): 64 of them still fit a long. */
  public static final long MAX_ABS_MICROS = 100_000_000_000L * 1_000_000L;

  /** Most blocks accepted (the {@code pnl_blocks} bound). */
  public static final int MAX_BLOCKS = 64;

  /** All C(S, S/2) splits up to this many blocks; a fixed-seed sample above. */
  public static final int EXHAUSTIVE_MAX_BLOCKS = CscvSplits.EXHAUSTIVE_MAX_BLOCKS;

  /** How many distinct splits are sampled above {@link #EXHAUSTIVE_MAX_BLOCKS} blocks. */
  public static final int SAMPLE_SIZE = CscvSplits.SAMPLE_SIZE;

  /** The seed of that sample ({@link java.util.SplittableRandom}). */
  public static final long SAMPLE_SEED = CscvSplits.SAMPLE_SEED;

  /** Bins of the logit histogram: equal width over [ln(1/N), ln N], ten on each side of 0. */
  public static final int HISTOGRAM_BINS = 20;

  /** Below this many job-splits one thread does it all (threads would cost more than they save). */
  private static final long MIN_WORK_PER_THREAD = 1L << 20;

  private static final double MICROS_PER_USD = 1_000_000.0;

  /**
   * How many parts (threads) the latest {@link #compute} shared its jobs between: what a test sees
   * of the thread count a command passed down. Not otherwise read.
   */
  static volatile int lastParts;

  private Pbo() {}

  /**
   * PBO over {@code jobs} jobs and {@code blocks} blocks.
   *
   * @param micros job-major PnL in micro-dollars: job {@code j}'s block {@code b} at {@code j *
   *     blocks + b}; jobs in tie-break order (among equal in-sample totals, the lowest index wins:
   *     the ranking's order, job_id ascending); every |value| at most {@link #MAX_ABS_MICROS}.
   *     Read, not modified or kept.
   * @param jobs N, at least 2
   * @param blocks S, even, 2..64
   * @param threads how many threads may share the jobs, at least 1 (fewer are used when there is
   *     little work; the result does not depend on it)
   * @throws IllegalArgumentException when the shape or a value is out of range
   */
  public static PboResult compute(long[] micros, int jobs, int blocks, int threads) {
    Objects.requireNonNull(micros, "micros");
    validate(micros, jobs, blocks, threads);
    int parts = parts(threads, CscvSplits.count(blocks), jobs);
    lastParts = parts;
    return inParts(micros, jobs, blocks, parts);
  }

  /** {@link #compute} with the jobs split into {@code parts} (1..jobs) ranges, one per thread. */
  static PboResult inParts(long[] micros, int jobs, int blocks, int parts) {
    if (parts < 1 || parts > jobs) {
      throw new IllegalArgumentException("parts must be between 1 and the jobs");
    }
    long[] splits = CscvSplits.of(blocks);
    int n = splits.length;
    CscvScan[] scans = new CscvScan[parts];
    for (int p = 0; p < parts; p++) {
      int from = (int) ((long) jobs * p / parts);
      int to = (int) ((long) jobs * (p + 1) / parts);
      scans[p] = new CscvScan(micros, blocks, splits, from, to);
    }
    // Pass 1: each part's winner per split; the parts hold ascending job ranges, so taking a later
    // part's winner only when strictly better keeps the first row among equal totals.
    long[][] partIs = new long[parts][n];
    int[][] partJob = new int[parts][n];
    runParts(parts, p -> scans[p].winners(partIs[p], partJob[p]));
    long[] winnerIs = partIs[0];
    int[] winner = partJob[0];
    for (int p = 1; p < parts; p++) {
      for (int s = 0; s < n; s++) {
        if (partIs[p][s] > winnerIs[s]) {
          winnerIs[s] = partIs[p][s];
          winner[s] = partJob[p][s];
        }
      }
    }
    long[] winnerOos = new long[n];
    for (int s = 0; s < n; s++) {
      winnerOos[s] = total(micros, winner[s], blocks) - winnerIs[s];
    }
    // Pass 2: below + at-or-below the winner's out-of-sample total, counted per part and added.
    long[][] partCounts = new long[parts][];
    for (int p = 0; p < parts; p++) {
      partCounts[p] = p == 0 ? new long[n] : partIs[p];
      Arrays.fill(partCounts[p], 0);
    }
    runParts(parts, p -> scans[p].ranks(winnerOos, partCounts[p]));
    long[] twiceRank = partCounts[0];
    for (int s = 0; s < n; s++) {
      long c = 1;
      for (int p = 0; p < parts; p++) {
        c += partCounts[p][s];
      }
      twiceRank[s] = c;
    }
    return summarize(jobs, blocks, winnerIs, winnerOos, twiceRank);
  }

  private static long total(long[] micros, int job, int blocks) {
    long total = 0;
    for (int b = 0; b < blocks; b++) {
      total += micros[job * blocks + b];
    }
    return total;
  }

  /**
   * How many threads share {@code splits} splits of {@code jobs} jobs: at most {@code threads}, and
   * at least {@link #MIN_WORK_PER_THREAD} job-splits each.
   */
  static int parts(int threads, int splits, int jobs) {
    long work = (long) splits * jobs;
    return (int) Math.max(1, Math.min(Math.min(threads, jobs), work / MIN_WORK_PER_THREAD));
  }

  private static void validate(long[] micros, int jobs, int blocks, int threads) {
    if (jobs < 2) {
      throw new IllegalArgumentException("PBO needs at least 2 jobs, got " + jobs + ".");
    }
    if (blocks < 2 || blocks > MAX_BLOCKS || blocks % 2 != 0) {
      throw new IllegalArgumentException(
          "PBO needs an even number of blocks from 2 to " + MAX_BLOCKS + ", got " + blocks + ".");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("PBO needs at least 1 thread, got " + threads + ".");
    }
    if ((long) jobs * blocks != micros.length) {
      throw new IllegalArgumentException(
          "PBO needs "
              + jobs
              + " jobs x "
              + blocks
              + " blocks = "
              + (long) jobs * blocks
              + " values, got "
              + micros.length
              + ".");
    }
    for (int i = 0; i < micros.length; i++) {
      long v = micros[i];
      if (v > MAX_ABS_MICROS || v < -MAX_ABS_MICROS) {
        throw new IllegalArgumentException(
            "PBO takes block PnLs up to 1e11 USD in magnitude, got "
                + v
                + " micro-dollars at job "
                + i / blocks
                + ", block "
                + i % blocks
                + ".");
      }
    }
  }

  /** Runs {@code part} for 0..parts-1, part 0 on this thread, and waits for all of them. */
  private static void runParts(int parts, IntConsumer part) {
    if (parts == 1) {
      part.accept(0);
      return;
    }
    Thread[] workers = new Thread[parts - 1];
    Throwable[] failures = new Throwable[parts];
    for (int p = 1; p < parts; p++) {
      int index = p;
      Thread t =
          new Thread(
              () -> {
                try {
                  part.accept(index);
                } catch (Throwable e) { // handed to the calling thread
                  failures[index] = e;
                }
              },
              "arbtune-pbo-" + p);
      t.setDaemon(true);
      workers[p - 1] = t;
      t.start();
    }
    try {
      part.accept(0);
    } catch (RuntimeException | Error e) {
      failures[0] = e;
    }
    boolean interrupted = false;
    for (Thread t : workers) {
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
      throw new CancellationException("The PBO computation was interrupted.");
    }
    for (Throwable f : failures) {
      if (f instanceof RuntimeException r) {
        throw r;
      }
      if (f instanceof Error e) {
        throw e;
      }
      if (f != null) {
        throw new IllegalStateException(f);
      }
    }
  }

  private static PboResult summarize(
      int jobs, int blocks, long[] winnerIs, long[] winnerOos, long[] twiceRank) {
    int n = twiceRank.length;
    long overfit = 0;
    long losses = 0;
    double[] edges = new double[HISTOGRAM_BINS + 1];
    double range = Math.log(jobs);
    int half = HISTOGRAM_BINS / 2;
    for (int i = 0; i <= HISTOGRAM_BINS; i++) {
      edges[i] = range * (i - half) / half;
    }
    long[] counts = new long[HISTOGRAM_BINS];
    double width = range / half;
    for (int s = 0; s < n; s++) {
      boolean isOverfit = twiceRank[s] <= jobs + 1L;
      if (isOverfit) {
        overfit++;
      }
      if (winnerOos[s] < 0) {
        losses++;
      }
      // bins (a, b], the first [a, b]: the lower half holds exactly the overfit splits
      int bin = (int) Math.ceil(logit(twiceRank[s], jobs) / width) + half - 1;
      bin = isOverfit ? Math.min(bin, half - 1) : Math.max(bin, half);
      counts[Math.max(0, Math.min(HISTOGRAM_BINS - 1, bin))]++;
    }
    double[] line = degradation(winnerIs, winnerOos);
    return new PboResult(
        jobs,
        blocks,
        n,
        CscvSplits.sampled(blocks),
        overfit,
        (double) overfit / n,
        (double) losses / n,
        line[0],
        line[1],
        line[2],
        edges,
        counts);
  }

  /**
   * The logit λ = ln(w / (1 − w)) of the relative rank w = rank / (N + 1), from twice the rank: w /
   * (1 − w) = 2 rank / (2 (N + 1) − 2 rank).
   */
  static double logit(long twiceRank, int jobs) {
    return Math.log((double) twiceRank / (2.0 * (jobs + 1) - twiceRank));
  }

  /**
   * Least squares of the winners' out-of-sample total on their in-sample total, both in USD, over
   * the splits in their order: {slope, intercept, R²}; all NaN when the in-sample totals are all
   * equal, R² NaN when the out-of-sample totals are.
   */
  private static double[] degradation(long[] is, long[] oos) {
    int n = is.length;
    boolean isVaries = false;
    boolean oosVaries = false;
    for (int s = 1; s < n; s++) {
      isVaries |= is[s] != is[0];
      oosVaries |= oos[s] != oos[0];
    }
    if (!isVaries) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    double sumX = 0;
    double sumY = 0;
    for (int s = 0; s < n; s++) {
      sumX += is[s] / MICROS_PER_USD;
      sumY += oos[s] / MICROS_PER_USD;
    }
    double meanX = sumX / n;
    double meanY = sumY / n;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int s = 0; s < n; s++) {
      double dx = is[s] / MICROS_PER_USD - meanX;
      double dy = oos[s] / MICROS_PER_USD - meanY;
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
    double slope = sxy / sxx;
    double intercept = meanY - slope * meanX;
    double r2 = oosVaries && syy > 0 ? Math.min(1.0, sxy * sxy / (sxx * syy)) : Double.NaN;
    return new double[] {slope, intercept, r2};
  }
}
