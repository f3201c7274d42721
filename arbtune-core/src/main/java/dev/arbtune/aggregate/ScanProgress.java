package dev.arbtune.aggregate;

import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of a running scan, safe to read from another thread (for a progress line). The
 * values are only ever increasing; read them, don't rely on them adding up mid-scan.
 */
public final class ScanProgress {

  private final LongAdder jobs = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder bytes = new LongAdder();

  /** Jobs classified so far. */
  public long jobs() {
    return jobs.sum();
  }

  /** Error jobs so far. */
  public long errors() {
    return errors.sum();
  }

  /** Bytes read so far. */
  public long bytes() {
    return bytes.sum();
  }

  void job(boolean error) {
    jobs.increment();
    if (error) {
      errors.increment();
    }
  }

  void read(long n) {
    bytes.add(n);
  }
}
