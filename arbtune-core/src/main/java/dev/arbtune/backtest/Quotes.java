package dev.arbtune.backtest;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The quotes of one CSV file in columnar primitive arrays: one epoch-microsecond timestamp and four
 * prices per row, 40 bytes a row, plus the fast engine's per-file indexes once a fast run needs
 * them (about 9 bytes a row, so 49 in all; {@link #heldBytes()} counts both). Immutable once built,
 * so one instance is shared read-only by every job (and thread) that uses the file.
 *
 * <p>Rows keep the file's order, which is by non-decreasing timestamp (the loader refuses anything
 * else). Rows that cannot be traded (a non-positive price, or a crossed venue with bid &gt; ask)
 * are kept: the backtest skips and counts them.
 */
public final class Quotes {

  private final String source;
  private final long[] timestamps;
  private final double[] bidA;
  private final double[] askA;
  private final double[] bidB;
  private final double[] askB;

  /** The fast engine's index, built on first use ({@link #flatIndex()}). */
  private volatile FlatIndex flatIndex;

  /** The fast engine's holding-period index, built on first use ({@link #holdIndex()}). */
  private volatile HoldIndex holdIndex;

  /**
   * Wraps the given columns without copying them; the caller must not change them afterwards.
   *
   * @param source where the quotes came from, for messages (usually the file path)
   * @throws IllegalArgumentException when the columns differ in length or the timestamps decrease
   */
  public Quotes(
      String source,
      long[] timestamps,
      double[] bidA,
      double[] askA,
      double[] bidB,
      double[] askB) {
    this.source = Objects.requireNonNull(source, "source");
    this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
    this.bidA = Objects.requireNonNull(bidA, "bidA");
    this.askA = Objects.requireNonNull(askA, "askA");
    this.bidB = Objects.requireNonNull(bidB, "bidB");
    this.askB = Objects.requireNonNull(askB, "askB");
    int n = timestamps.length;
    if (bidA.length != n || askA.length != n || bidB.length != n || askB.length != n) {
      throw new IllegalArgumentException("columns differ in length");
    }
    for (int i = 1; i < n; i++) {
      if (timestamps[i] < timestamps[i - 1]) {
        throw new IllegalArgumentException(
            "timestamps decrease at row " + i + ": " + timestamps[i] + " < " + timestamps[i - 1]);
      }
    }
  }

  /** Where the quotes came from, for messages. */
  public String source() {
    return source;
  }

  /** Number of rows. */
  public int size() {
    return timestamps.length;
  }

  /** Timestamp of row {@code i}, epoch microseconds. */
  public long timestamp(int i) {
    return timestamps[i];
  }

  /** Timestamp of row {@code i} as an instant. */
  public Instant instant(int i) {
    return EpochUnit.instant(timestamps[i]);
  }

  /** Best bid of venue A in row {@code i}. */
  public double bidA(int i) {
    return bidA[i];
  }

  /** Best ask of venue A in row {@code i}. */
  public double askA(int i) {
    return askA[i];
  }

  /** Best bid of venue B in row {@code i}. */
  public double bidB(int i) {
    return bidB[i];
  }

  /** Best ask of venue B in row {@code i}. */
  public double askB(int i) {
    return askB[i];
  }

  /**
   * Whether a row with these prices can be traded (docs/MODEL.md): positive prices, neither venue
   * crossed. The one test of both engines, their indexes and the equity replay; small and static,
   * so the JIT inlines it into their loops.
   */
  public static boolean tradable(double bidA, double askA, double bidB, double askB) {
    return bidA > 0 && askA >= bidA && bidB > 0 && askB >= bidB;
  }

  /** Whether row {@code i} can be traded ({@link #tradable(double, double, double, double)}). */
  public boolean tradable(int i) {
    return tradable(bidA[i], askA[i], bidB[i], askB[i]);
  }

  /**
   * The first row whose timestamp is at or after {@code instant}, or {@link #size()} when there is
   * none: a binary search, so a time window costs nothing to find.
   */
  public int firstIndexAtOrAfter(Instant instant) {
    long micros = ceilMicros(instant);
    int lo = 0;
    int hi = timestamps.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (timestamps[mid] < micros) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The first epoch microsecond at or after {@code instant}; {@link Long#MIN_VALUE} or {@link
   * Long#MAX_VALUE} for instants beyond what a long holds.
   */
  private static long ceilMicros(Instant instant) {
    try {
      long floor = EpochUnit.micros(instant);
      return instant.getNano() % 1000 == 0 ? floor : floor + 1;
    } catch (ArithmeticException e) {
      return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Bytes of one row of the columns: a timestamp and four prices. */
  public static final int COLUMN_BYTES_PER_ROW = Long.BYTES + 4 * Double.BYTES;

  /** Bytes held by the columns (not counting the object headers). */
  public long columnBytes() {
    return (long) size() * COLUMN_BYTES_PER_ROW;
  }

  /**
   * Bytes of the fast engine's per-file indexes for a file of {@code rows} rows (the flat-period
   * one built by the first fast run, the holding-period one by the first fast run that holds a
   * trade) and shared by every job, not counting the object headers.
   */
  public static long engineIndexBytes(int rows) {
    return FlatIndex.bytes(rows) + HoldIndex.bytes(rows);
  }

  /**
   * Bytes these quotes hold in memory with the fast engine's indexes, whether a fast run built them
   * yet or not: {@link #columnBytes()} plus {@link #engineIndexBytes}{@code (size())}. What {@link
   * QuotesCache} counts in its budget.
   */
  public long heldBytes() {
    return columnBytes() + engineIndexBytes(size());
  }

  /** {@link #heldBytes()} per row of a large file (about 49): for messages and the docs. */
  public static double bytesPerRow() {
    int rows = 1 << 24;
    return COLUMN_BYTES_PER_ROW + (double) engineIndexBytes(rows) / rows;
  }

  /**
   * The fast engine's per-file index, built on the first call and shared by every later one (and
   * thread).
   */
  FlatIndex flatIndex() {
    FlatIndex index = flatIndex;
    if (index == null) {
      synchronized (this) {
        index = flatIndex;
        if (index == null) {
          index = new FlatIndex(this);
          flatIndex = index;
        }
      }
    }
    return index;
  }

  /**
   * Whether the fast engine's per-file index has been built (by a fast run on these quotes): it is
   * built on first use, so a run with the reference engine alone leaves it unbuilt. (The
   * holding-period index is built later still, by the first run that holds a trade.)
   */
  public boolean hasEngineIndex() {
    return flatIndex != null;
  }

  /** Whether the holding-period index has been built (by a fast run that held a trade). */
  boolean hasHoldIndex() {
    return holdIndex != null;
  }

  /**
   * The fast engine's per-file holding-period index, built on the first call and shared by every
   * later one (and thread).
   */
  HoldIndex holdIndex() {
    HoldIndex index = holdIndex;
    if (index == null) {
      synchronized (this) {
        index = holdIndex;
        if (index == null) {
          index = new HoldIndex(this);
          holdIndex = index;
        }
      }
    }
    return index;
  }

  // The engine reads the columns directly; they never leave the package.
  long[] timestampColumn() {
    return timestamps;
  }

  double[] bidAColumn() {
    return bidA;
  }

  double[] askAColumn() {
    return askA;
  }

  double[] bidBColumn() {
    return bidB;
  }

  double[] askBColumn() {
    return askB;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quotes q
        && Arrays.equals(timestamps, q.timestamps)
        && Arrays.equals(bidA, q.bidA)
        && Arrays.equals(askA, q.askA)
        && Arrays.equals(bidB, q.bidB)
        && Arrays.equals(askB, q.askB);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(timestamps) * 31 + Arrays.hashCode(bidA);
  }

  @Override
  public String toString() {
    return "Quotes[" + source + ", " + size() + " rows]";
  }
}
