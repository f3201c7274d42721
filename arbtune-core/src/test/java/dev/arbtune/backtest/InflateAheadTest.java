package dev.arbtune.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.testing.Gen;
import dev.arbtune.testing.Gzip;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gzip quotes inflated on a background thread ({@link InflateAhead}) load as read in one thread.
 */
class InflateAheadTest {

  private static final String HEADER = "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b";

  /** The live background inflaters. */
  private static List<Thread> inflaters() {
    List<Thread> live = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(InflateAhead.THREAD_NAME) && t.isAlive()) {
        live.add(t);
      }
    }
    return live;
  }

  /** {@code rows} quote lines after the header, one a second, LF-terminated. */
  private static byte[] csv(int rows) {
    StringBuilder s = new StringBuilder(HEADER).append('\n');
    for (int i = 0; i < rows; i++) {
      s.append(1_400_000_000L + i).append(",1.38727,1.38729,1.38724,1.38736\n");
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A stream that remembers the names of the threads that read it. */
  private static final class WatchedStream extends ByteArrayInputStream {
    final Set<String> readers = ConcurrentHashMap.newKeySet();

    WatchedStream(byte[] bytes) {
      super(bytes);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      readers.add(Thread.currentThread().getName());
      return super.read(b, off, len);
    }

    @Override
    public synchronized int read() {
      readers.add(Thread.currentThread().getName());
      return super.read();
    }
  }

  @Test
  void gzipIsInflatedOnABackgroundThreadAndPlainTextIsNot() throws IOException {
    byte[] text = csv(50_000);
    WatchedStream gzip = new WatchedStream(Gzip.of(text));
    WatchedStream plain = new WatchedStream(text);

    Quotes fromGzip = QuotesLoader.load(gzip, "q.csv.gz", 0);
    Quotes fromPlain = QuotesLoader.load(plain, "q.csv", text.length);

    assertThat(fromGzip).isEqualTo(fromPlain);
    assertThat(fromGzip.size()).isEqualTo(50_000);
    assertThat(gzip.readers).contains(InflateAhead.THREAD_NAME);
    assertThat(plain.readers).containsExactly(Thread.currentThread().getName());
    assertThat(inflaters()).isEmpty();
  }

  @Test
  void aLoadThatFailsEarlyStopsTheInflater() {
    byte[] text = csv(200_000);
    byte[] broken = text.clone();
    broken[HEADER.length() + 3] = 'x'; // in the first row's timestamp
    byte[] gzip = Gzip.of(broken);

    assertThatThrownBy(() -> QuotesLoader.load(new ByteArrayInputStream(gzip), "q.csv.gz", 0))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageContaining("line 2");
    assertThat(inflaters()).isEmpty();
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void anInterruptedLoadFailsAsInterruptedAndStopsTheInflater() throws Exception {
    byte[] gzip = Gzip.of(csv(100_000));
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    AtomicReference<String> stalledIn = new AtomicReference<>();
    assertThat(gzip.length).isGreaterThan(140_000);
    // The first 70,000 bytes (the gzip header and the first piece, which the loader inflates
    // itself), then a read that waits (until interrupted) as a stalled pipe would.
    InputStream stalling =
        new InputStream() {
          private int at;

          @Override
          public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (at < 70_000) {
              int n = Math.min(len, 70_000 - at);
              System.arraycopy(gzip, at, b, off, n);
              at += n;
              return n;
            }
            stalledIn.set(Thread.currentThread().getName());
            blocked.countDown();
            try {
              never.await();
            } catch (InterruptedException e) {
              throw new InterruptedIOException("stopped");
            }
            return -1;
          }
        };
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    Thread loader =
        new Thread(
            () -> {
              try {
                QuotesLoader.load(stalling, "q.csv.gz", 0);
              } catch (Throwable t) {
                failure.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
              }
            });
    loader.start();
    blocked.await();
    loader.interrupt();
    loader.join();

    assertThat(stalledIn.get()).isEqualTo(InflateAhead.THREAD_NAME);
    assertThat(failure.get()).isInstanceOf(InterruptedIOException.class);
    assertThat(stillInterrupted.get()).isTrue();
    assertThat(inflaters()).isEmpty();
  }

  @Test
  void aReadErrorReachesTheParserAsTheSameException() {
    byte[] gzip = Gzip.of(csv(100_000));
    IOException gone = new IOException("Input/output error");
    InputStream failing = new Bytes(gzip, new SplittableRandom(1), 1 << 16, gzip.length / 2, gone);

    assertThatThrownBy(() -> QuotesLoader.load(failing, "q.csv.gz", 0)).isSameAs(gone);
    assertThat(inflaters()).isEmpty();
  }

  /**
   * A stream over {@code bytes} whose reads return at most {@code maxRead} bytes (lengths drawn
   * from {@code lengths}), and which fails with {@code failure} once {@code failAt} bytes were read
   * (if {@code failAt >= 0}).
   */
  private static final class Bytes extends InputStream {
    private final byte[] bytes;
    private final SplittableRandom lengths;
    private final int maxRead;
    private final int failAt;
    private final IOException failure;
    private int pos;

    Bytes(byte[] bytes, SplittableRandom lengths, int maxRead, int failAt, IOException failure) {
      this.bytes = bytes;
      this.lengths = lengths;
      this.maxRead = maxRead;
      this.failAt = failAt;
      this.failure = failure;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (failAt >= 0 && pos >= failAt) {
        throw failure;
      }
      if (pos == bytes.length) {
        return -1;
      }
      int n = Math.min(len, bytes.length - pos);
      if (maxRead < Integer.MAX_VALUE) {
        n = Math.min(n, lengths.nextInt(1, maxRead + 1));
      }
      if (failAt >= 0) {
        n = Math.min(n, failAt - pos);
      }
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  // The property: over random gzip inputs, broken or not, the read-ahead path gives what reading
  // in one thread gives: equal quotes, or an exception of the same class and message.

  static Stream<Arguments> inputs() {
    return Tries.of(120, Gen.longs());
  }

  @PropertyTest
  @MethodSource("inputs")
  void inflatingAheadGivesTheSameQuotesAndErrors(long seed) throws IOException {
    assertSameOutcome(Input.draw(new SplittableRandom(seed), false));
  }

  static Stream<Arguments> dataErrorsAfterFormatErrors() {
    return Tries.of(40, Gen.longs());
  }

  /**
   * Invalid deflate data shortly after a row with a format error: which of the two errors is
   * reported depends on where the inflate calls start, so on the lengths read.
   */
  @PropertyTest
  @MethodSource("dataErrorsAfterFormatErrors")
  void aDataErrorAfterAFormatErrorIsReportedAsWithoutReadingAhead(long seed) throws IOException {
    assertSameOutcome(Input.draw(new SplittableRandom(seed), true));
  }

  private static void assertSameOutcome(Input input) {
    String ahead = outcome(input, true);
    String direct = outcome(input, false);

    assertThat(ahead).as(input.description()).isEqualTo(direct);
    assertThat(inflaters()).isEmpty();
  }

  /** The quotes (a digest of all their values) or the exception's class and message. */
  private static String outcome(Input input, boolean inflateAhead) {
    try {
      Quotes q =
          QuotesLoader.load(
              input.stream(), "q.csv.gz", input.gzip().length, EpochUnit.AUTO, inflateAhead);
      long digest = 17;
      for (int i = 0; i < q.size(); i++) {
        digest = digest * 31 + q.timestamp(i);
        digest = digest * 31 + Double.hashCode(q.bidA(i));
        digest = digest * 31 + Double.hashCode(q.askA(i));
        digest = digest * 31 + Double.hashCode(q.bidB(i));
        digest = digest * 31 + Double.hashCode(q.askB(i));
      }
      return "quotes: " + q.size() + " rows, digest " + digest;
    } catch (IOException | RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  /**
   * A gzip input: its bytes, and how the stream hands them out (short reads of random lengths, or a
   * read error at some byte).
   */
  private record Input(byte[] gzip, long readSeed, int maxRead, int failAt, String description) {

    /**
     * A random input; with {@code dataErrorAfterFormatError}, a large one with a format error and
     * invalid deflate data within 1 MiB of text after it.
     */
    static Input draw(SplittableRandom r, boolean dataErrorAfterFormatError) {
      List<String> notes = new ArrayList<>();
      int rows =
          switch (dataErrorAfterFormatError ? 3 : r.nextInt(4)) {
            case 0 -> r.nextInt(0, 30);
            case 1 -> r.nextInt(0, 3_000);
            default -> r.nextInt(10_000, 60_000); // several of the scanner's 1 MiB buffers
          };
      boolean crlf = r.nextInt(4) == 0;
      boolean bom = r.nextInt(6) == 0;
      boolean iso = r.nextBoolean();
      String eol = crlf ? "\r\n" : "\n";
      int errorAt = dataErrorAfterFormatError || r.nextInt(3) == 0 ? r.nextInt(0, rows + 1) : -1;
      int errorOffset = -1;
      int longAt = r.nextInt(12) == 0 ? r.nextInt(0, rows + 1) : -1;
      notes.add(rows + " rows" + (crlf ? ", CRLF" : "") + (bom ? ", BOM" : ""));
      StringBuilder s = new StringBuilder(bom ? "\uFEFF" : "").append(HEADER);
      if (longAt >= 0) {
        s.append(",note");
      }
      s.append(eol);
      long t = 1_400_000_000L;
      int walk = 0;
      for (int i = 0; i < rows; i++) {
        t += r.nextInt(3);
        s.append(iso ? java.time.Instant.ofEpochSecond(t).toString() : Long.toString(t));
        // Prices of a slow random walk: text that compresses about as well as real quotes.
        walk += r.nextInt(8) == 0 ? r.nextInt(-2, 3) : 0;
        for (int k = 0; k < 4; k++) {
          s.append(',').append(138_000 + walk + k);
        }
        if (longAt >= 0) {
          s.append(',');
          if (i == longAt) {
            s.append("x".repeat(r.nextInt(1 << 20, 3 << 20))); // longer than the buffer
            notes.add("a long row " + (i + 1));
          }
        }
        if (i == errorAt) {
          s.append(r.nextBoolean() ? ",extra" : ",");
          notes.add("a format error in row " + (i + 1));
          errorOffset = s.length();
        }
        if (r.nextInt(500) == 0) {
          s.append(eol);
        }
        s.append(eol);
      }
      byte[] text = s.toString().getBytes(StandardCharsets.UTF_8);
      // One to three gzip members, split at random bytes.
      int members = 1 + r.nextInt(3);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int from = 0;
      for (int m = 1; m <= members; m++) {
        int to = m == members ? text.length : r.nextInt(from, text.length + 1);
        out.writeBytes(Gzip.of(java.util.Arrays.copyOfRange(text, from, to)));
        from = to;
      }
      notes.add(members + " gzip member(s)");
      byte[] gzip = out.toByteArray();
      switch (dataErrorAfterFormatError ? 2 : r.nextInt(6)) {
        case 0 -> {
          int cut = r.nextInt(1, gzip.length);
          gzip = java.util.Arrays.copyOf(gzip, cut);
          notes.add("cut at byte " + cut);
        }
        case 1 -> {
          int at = r.nextInt(gzip.length);
          gzip[at] ^= (byte) (1 << r.nextInt(8));
          notes.add("a bit flipped at byte " + at);
        }
        case 2 -> {
          // Deflate data that stops being valid at a byte (an invalid block after a flush):
          // java.util.zip drops what the failing inflate call gave, so which lines reach the
          // parser before the error depends on the lengths read.
          int cut =
              dataErrorAfterFormatError && errorOffset >= 0
                  ? Math.min(text.length, errorOffset + r.nextInt(1 << 20))
                  : r.nextInt(0, text.length + 1);
          gzip = invalidAfter(java.util.Arrays.copyOf(text, cut));
          notes.add("invalid deflate data after text byte " + cut + " (one member)");
        }
        default -> {}
      }
      int maxRead = r.nextBoolean() ? Integer.MAX_VALUE : r.nextInt(1, 20_000);
      int failAt = r.nextInt(6) == 0 ? r.nextInt(0, gzip.length + 1) : -1;
      if (maxRead != Integer.MAX_VALUE) {
        notes.add("reads of at most " + maxRead + " bytes");
      }
      if (failAt >= 0) {
        notes.add("a read error at byte " + failAt);
      }
      return new Input(gzip, r.nextLong(), maxRead, failAt, String.join(", ", notes));
    }

    /** One gzip member holding {@code text}, then an invalid deflate block. */
    private static byte[] invalidAfter(byte[] text) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out, true);
        gzip.write(text);
        gzip.flush(); // a sync flush: the blocks so far end on a byte boundary
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      out.write(0x07); // a final block of the reserved type 3
      out.writeBytes(new byte[64]);
      return out.toByteArray();
    }

    /** A new stream over the input, with the same read lengths every time. */
    InputStream stream() {
      return new Bytes(
          gzip,
          new SplittableRandom(readSeed),
          maxRead,
          failAt,
          new IOException("Input/output error"));
    }
  }
}
