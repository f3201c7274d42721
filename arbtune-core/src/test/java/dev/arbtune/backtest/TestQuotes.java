package dev.arbtune.backtest;

import java.nio.file.Path;
import java.time.Instant;

/** Builds small in-memory quote tables for tests. */
final class TestQuotes {

  /** 2024-01-01T00:00:00Z: row {@code i} of {@link #of} is this plus {@code i} seconds. */
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  /** The real one-day EUR/USD sample shipped in data/. */
  static final Path EURUSD_SAMPLE = repoFile("data/eurusd_sample.csv");

  /** The real month of EUR/USD, gzip-compressed. */
  static final Path EURUSD_MONTH_GZ = repoFile("data/eurusd_fxcm_vs_oanda_1s_2014-05.csv.gz");

  /** The real BTC perpetuals day. */
  static final Path BTC = repoFile("data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv");

  private TestQuotes() {}

  /** Rows of {bid_a, ask_a, bid_b, ask_b}, one second apart from {@link #T0}. */
  static Quotes of(double[]... rows) {
    int n = rows.length;
    long[] ts = new long[n];
    double[] ba = new double[n];
    double[] aa = new double[n];
    double[] bb = new double[n];
    double[] ab = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = (T0.getEpochSecond() + i) * 1_000_000L;
      ba[i] = rows[i][0];
      aa[i] = rows[i][1];
      bb[i] = rows[i][2];
      ab[i] = rows[i][3];
    }
    return new Quotes("test", ts, ba, aa, bb, ab);
  }

  static double[] row(double bidA, double askA, double bidB, double askB) {
    return new double[] {bidA, askA, bidB, askB};
  }

  /** A file of the repository, found from the module folder or the repository root. */
  static Path repoFile(String relative) {
    return dev.arbtune.testing.RepoFiles.of(relative);
  }
}
