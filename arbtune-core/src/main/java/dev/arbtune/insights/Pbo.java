package dev.arbtune.insights;

import java.util.Objects;
import java.util.concurrent.CancellationException;

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
 * <p>How: the matrix is copied column-major; each thread takes a contiguous range of the splits
 * ({@link CscvSplits}), keeps the in-sample total of every job in a {@code long[]} and updates it
 * from one split to the next (in revolving-door order one block in, one out: two operations per
 * job), takes the winner (the first maximum) and counts the jobs below and equal to its
 * out-of-sample total (job total − in-sample total). Per split it keeps the winner's in-sample and
 * out-of-sample totals and twice its rank; everything derived from them is computed afterwards in
 * split order, so the result is the same for any number of threads.
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

  private Pbo() {}

  /**
   * PBO over {@code jobs} jobs and {@code blocks} blocks.
   *
   * @param micros job-major PnL in micro-dollars: job {@code j}'s block {@code b} at {@code j *
   *     blocks + b}; jobs in tie-break order (among equal in-sample totals, the lowest index wins:
   *     the ranking's order, job_id ascending); every |value| at most {@link #MAX_ABS_MICROS}. Not
   *     modified (it is copied column-major: the computation holds twice its size).
   * @param jobs N, at least 2
   * @param blocks S, even, 2..64
   * @param threads how many threads may share the splits, at least 1 (the result does not depend on
   *     it)
   * @throws IllegalArgumentException when the shape or a value is out of range
   */
  public static PboResult compute(long[] micros, int jobs, int blocks, int threads) {
    Objects.requireNonNull(micros, "micros");
    validate(micros, jobs, blocks, threads);
    long[][] columns = new long[blocks][jobs];
    long[] totals = new long[jobs];
    for (int j = 0; j < jobs; j++) {
      long total = 0;
      for (int b = 0; b < blocks; b++) {
        long v = micros[j * blocks + b];
        columns[b][j] = v;
        total += v;
      }
      totals[j] = total;
    }
    long[] splits = CscvSplits.of(blocks);
    Scan scan = new Scan(columns, totals, splits);
    runParts(scan, parts(threads, splits.length, jobs));
    return summarize(scan, jobs, blocks);
  }

  /**
   * How many threads share {@code splits} splits of {@code jobs} jobs: at most {@code threads}, and
   * at least {@link #MIN_WORK_PER_THREAD} job-splits each.
   */
  static int parts(int threads, int splits, int jobs) {
    long work = (long) splits * jobs;
    return (int) Math.max(1, Math.min(Math.min(threads, splits), work / MIN_WORK_PER_THREAD));
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

  private static void runParts(Scan scan, int parts) {
    int n = scan.splits.length;
    if (parts == 1) {
      scan.run(0, n);
      return;
    }
    Thread[] workers = new Thread[parts - 1];
    Throwable[] failures = new Throwable[parts];
    for (int p = 1; p < parts; p++) {
      int from = (int) ((long) n * p / parts);
      int to = (int) ((long) n * (p + 1) / parts);
      int index = p;
      Thread t =
          new Thread(
              () -> {
                try {
                  scan.run(from, to);
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
      scan.run(0, (int) ((long) n / parts));
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

  private static PboResult summarize(Scan scan, int jobs, int blocks) {
    int n = scan.splits.length;
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
      boolean isOverfit = scan.twiceRank[s] <= jobs + 1L;
      if (isOverfit) {
        overfit++;
      }
      if (scan.winnerOos[s] < 0) {
        losses++;
      }
      // bins (a, b], the first [a, b]: the lower half holds exactly the overfit splits
      int bin = (int) Math.ceil(logit(scan.twiceRank[s], jobs) / width) + half - 1;
      bin = isOverfit ? Math.min(bin, half - 1) : Math.max(bin, half);
      counts[Math.max(0, Math.min(HISTOGRAM_BINS - 1, bin))]++;
    }
    double[] line = degradation(scan.winnerIs, scan.winnerOos);
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

  /** The shared inputs and per-split outputs of the scan; each range writes only its own splits. */
  private static final class Scan {
    final long[][] columns;
    final long[] totals;
    final long[] splits;
    final long[] winnerIs;
    final long[] winnerOos;
    final long[] twiceRank;

    Scan(long[][] columns, long[] totals, long[] splits) {
      this.columns = columns;
      this.totals = totals;
      this.splits = splits;
      this.winnerIs = new long[splits.length];
      this.winnerOos = new long[splits.length];
      this.twiceRank = new long[splits.length];
    }

    /** Evaluates splits {@code from} (inclusive) to {@code to} (exclusive). */
    void run(int from, int to) {
      int jobs = totals.length;
      int quarter = columns.length / 4;
      long[] is = new long[jobs];
      for (int s = from; s < to; s++) {
        long split = splits[s];
        int winner;
        if (s == from) {
          winner = fromScratch(is, split);
        } else {
          long prev = splits[s - 1];
          long in = split & ~prev;
          long out = prev & ~split;
          int moves = Long.bitCount(in);
          if (moves == 1) {
            winner =
                swap(
                    is,
                    columns[Long.numberOfTrailingZeros(in)],
                    columns[Long.numberOfTrailingZeros(out)]);
          } else if (moves <= quarter) {
            for (; in != 0; in &= in - 1, out &= out - 1) {
              move(
                  is,
                  columns[Long.numberOfTrailingZeros(in)],
                  columns[Long.numberOfTrailingZeros(out)]);
            }
            winner = argmax(is);
          } else {
            winner = fromScratch(is, split);
          }
        }
        long wis = is[winner];
        long woos = totals[winner] - wis;
        winnerIs[s] = wis;
        winnerOos[s] = woos;
        twiceRank[s] = twiceRank(is, woos);
      }
    }

    /** Sets {@code is} to the in-sample totals of {@code split}; returns the winner. */
    private int fromScratch(long[] is, long split) {
      int jobs = is.length;
      long rest = split;
      long[] first = columns[Long.numberOfTrailingZeros(rest)];
      System.arraycopy(first, 0, is, 0, jobs);
      for (rest &= rest - 1; rest != 0; rest &= rest - 1) {
        long[] c = columns[Long.numberOfTrailingZeros(rest)];
        for (int j = 0; j < jobs; j++) {
          is[j] += c[j];
        }
      }
      return argmax(is);
    }

    /** Moves one block in and one out of every in-sample total; returns the new winner. */
    private static int swap(long[] is, long[] in, long[] out) {
      int winner = 0;
      long best = Long.MIN_VALUE;
      for (int j = 0; j < is.length; j++) {
        long v = is[j] + in[j] - out[j];
        is[j] = v;
        if (v > best) {
          best = v;
          winner = j;
        }
      }
      return winner;
    }

    /** Moves one block in and one out of every in-sample total. */
    private static void move(long[] is, long[] in, long[] out) {
      for (int j = 0; j < is.length; j++) {
        is[j] += in[j] - out[j];
      }
    }

    /** The first job with the largest in-sample total. */
    private static int argmax(long[] is) {
      int winner = 0;
      long best = is[0];
      for (int j = 1; j < is.length; j++) {
        if (is[j] > best) {
          best = is[j];
          winner = j;
        }
      }
      return winner;
    }

    /**
     * 2 × the winner's out-of-sample rank = 2 × below + equal + 1, counted as below + (below or
     * equal) + 1 with sign bits: every difference of two totals fits a long.
     */
    private long twiceRank(long[] is, long winnerOos) {
      long count = 1;
      for (int j = 0; j < is.length; j++) {
        long d = totals[j] - is[j] - winnerOos;
        count += (d >>> 63) + ((d - 1) >>> 63);
      }
      return count;
    }
  }
}
