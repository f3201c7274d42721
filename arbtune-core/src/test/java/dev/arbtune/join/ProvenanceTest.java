package dev.arbtune.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.join.ListVenueQuotes.Quote;
import dev.arbtune.testing.RepoFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The shipped quote files are what {@code join} makes of their venues' streams (data/README.md):
 * each file split into its two venues and joined again gives the same bytes.
 */
class ProvenanceTest {

  /** SHA-256 of the unpacked EUR/USD month, as data/README.md gives it. */
  private static final String EURUSD_SHA256 =
      "8359430284eb44fd12ef1958574c8e2b9e64343b8051db739051b6c6f67ee838";

  @Test
  void theBtcDayIsTheJoinOfItsTwoMinuteSeriesWithStalenessZero() throws IOException {
    Path file = RepoFiles.of("data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv");
    String shipped = Files.readString(file, StandardCharsets.UTF_8);
    Venues v = split(shipped, 0);

    String joined = join(v, new JoinOptions(0, 0, false));

    assertThat(joined).isEqualTo(shipped);
  }

  @Test
  void theEurUsdMonthIsTheOneSecondGridJoinOfItsTicksWithStaleness600s()
      throws IOException, NoSuchAlgorithmException {
    Path file = RepoFiles.of("data/eurusd_fxcm_vs_oanda_1s_2014-05.csv.gz");
    byte[] shipped;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      shipped = in.readAllBytes();
    }
    // each row's quotes as ticks half a second before the row: the latest tick before the second
    Venues v = split(new String(shipped, StandardCharsets.UTF_8), -500_000L);

    String joined = join(v, new JoinOptions(600_000_000L, 1_000_000L, false));

    byte[] bytes = joined.getBytes(StandardCharsets.UTF_8);
    assertThat(bytes).isEqualTo(shipped);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    assertThat(sha).isEqualTo(EURUSD_SHA256);
  }

  private record Venues(List<Quote> a, List<Quote> b) {}

  /** The joined file's venues, each row's quotes at the row's time plus {@code shiftMicros}. */
  private static Venues split(String csv, long shiftMicros) {
    List<Quote> a = new ArrayList<>();
    List<Quote> b = new ArrayList<>();
    String[] lines = csv.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(",", -1);
      long t = EpochUnit.micros(Instant.parse(f[0])) + shiftMicros;
      a.add(new Quote(t, f[1], f[2]));
      b.add(new Quote(t, f[3], f[4]));
    }
    return new Venues(a, b);
  }

  private static String join(Venues v, JoinOptions options) throws IOException {
    StringWriter out = new StringWriter();
    QuoteJoin.join(
        new ListVenueQuotes("a.csv", v.a()), new ListVenueQuotes("b.csv", v.b()), options, out);
    return out.toString();
  }
}
