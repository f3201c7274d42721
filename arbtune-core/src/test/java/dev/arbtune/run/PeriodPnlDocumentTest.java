package dev.arbtune.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbtune.backtest.BacktestConfig;
import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.result.ResultDocument;
import dev.arbtune.result.ResultReader;
import dev.arbtune.testing.Gen;
import dev.arbtune.testing.PropertyTest;
import dev.arbtune.testing.Tries;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The period_pnl of success documents over random quote streams, windows and block counts. */
class PeriodPnlDocumentTest {

  static Stream<Arguments> periodPnlAddsUpToTheMetricsAndRoundTrips() {
    return Tries.of(200, Gen.longs(), Gen.ints(1, 400));
  }

  @PropertyTest
  @MethodSource
  @SuppressWarnings("unchecked")
  void periodPnlAddsUpToTheMetricsAndRoundTrips(long seed, int rows) throws Exception {
    Random r = new Random(seed);
    Quotes quotes = randomQuotes(r, rows);
    int from = r.nextInt(rows);
    Instant start = r.nextBoolean() ? null : quotes.instant(from);
    int blocks = 2 + r.nextInt(63);
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put(BacktestConfig.DATA_FILE, "x.csv");
    raw.put(BacktestConfig.MIN_SPREAD_BPS, r.nextDouble() * 5);
    raw.put(BacktestConfig.TAKER_FEE_A_BPS, r.nextDouble());
    raw.put(BacktestConfig.TAKER_FEE_B_BPS, r.nextDouble());
    raw.put(BacktestConfig.SLIPPAGE_BPS, r.nextDouble());
    raw.put(BacktestConfig.MAX_OPEN_TRADES, 1 + r.nextInt(4));
    if (r.nextInt(3) == 0) {
      raw.put(BacktestConfig.STOP_ON_DRAWDOWN_PCT, r.nextBoolean() ? 1e-6 : 0.05 + r.nextDouble());
    }
    if (start != null) {
      raw.put(BacktestConfig.START_TIME, start.toString());
    }
    int to = from + 1 + r.nextInt(rows - from);
    Instant windowFirst = quotes.instant(start == null ? 0 : from);
    Instant end =
        to == rows || r.nextBoolean() || !quotes.instant(to).isAfter(windowFirst)
            ? null
            : quotes.instant(to);
    if (end != null) {
      raw.put(BacktestConfig.END_TIME, end.toString());
    }
    raw.put(BacktestConfig.PNL_BLOCKS, blocks);
    BacktestConfig config = BacktestConfig.fromMap(raw);

    JobDocument doc = JobDocument.run(0, "j_0001", config, new Fixed(quotes), null);

    assertThat(doc.isSuccess()).as(doc.error()).isTrue();
    Map<String, Object> p = (Map<String, Object>) doc.extra().get("period_pnl");
    List<String> starts = (List<String>) p.get("block_starts");
    List<Double> pnl = (List<Double>) p.get("pnl_usd");
    List<Integer> trades = (List<Integer>) p.get("trades");
    assertThat(starts).hasSize(blocks);
    assertThat(pnl).hasSize(blocks);
    assertThat(trades).hasSize(blocks);
    // The window: from the first row at or after start_time to the last row before end_time (the
    // file's last without it), wherever a drawdown stop ended the run.
    int first = start == null ? 0 : quotes.firstIndexAtOrAfter(start);
    int last = (end == null ? rows : quotes.firstIndexAtOrAfter(end)) - 1;
    assertThat(starts.get(0)).isEqualTo(quotes.instant(first).toString());
    assertThat(p.get("end")).isEqualTo(quotes.instant(last).toString());
    long step = micros(starts.get(1)) - micros(starts.get(0));
    assertThat(step).isPositive();
    for (int k = 1; k < blocks; k++) {
      assertThat(micros(starts.get(k)) - micros(starts.get(k - 1))).isEqualTo(step);
    }
    assertThat(micros(starts.get(blocks - 1)) + step)
        .isGreaterThanOrEqualTo(micros((String) p.get("end")));
    BigDecimal sum = BigDecimal.ZERO;
    for (double v : pnl) { // in block order
      sum = sum.add(BigDecimal.valueOf(v));
    }
    Object realized = doc.metrics().get("realized_pnl_usd");
    assertThat(sum).isEqualByComparingTo(new BigDecimal(realized.toString()));
    assertThat(trades.stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(doc.backtestMetrics().closedTrades());

    StringWriter text = new StringWriter();
    doc.writeTo(text);
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    ResultDocument read = new ResultReader().read(bytes);
    assertThat(read.isSuccess()).isTrue();
    assertThat(read.declaredJobId()).isEqualTo("j_0001");
    Map<String, Object> json = new ObjectMapper().readValue(bytes, Map.class);
    assertThat(new ArrayList<>(json.keySet()))
        .containsExactly("status", "config", "metrics", "config_summary", "period_pnl");
    assertThat(json.get("period_pnl")).isEqualTo(p);
  }

  /** Serves the one table of quotes whatever file is named. */
  private record Fixed(Quotes quotes) implements QuotesSource {
    @Override
    public Quotes load(String dataFile) {
      return quotes;
    }

    @Override
    public String lookedFor(String dataFile) {
      return null;
    }
  }

  private static long micros(String instant) {
    return EpochUnit.micros(Instant.parse(instant));
  }

  private static Quotes randomQuotes(Random r, int n) {
    long[] ts = new long[n];
    double[] ba = new double[n];
    double[] aa = new double[n];
    double[] bb = new double[n];
    double[] ab = new double[n];
    long t = 1_400_000_000_000_000L;
    double mid = 100;
    for (int i = 0; i < n; i++) {
      t += r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(5_000_000); // repeated instants too
      mid = Math.max(1, mid * (1 + r.nextGaussian() * 0.002));
      double offsetB = r.nextGaussian() * 0.15;
      double half = Math.abs(r.nextGaussian()) * 0.02;
      ts[i] = t;
      ba[i] = mid - half;
      aa[i] = mid + half;
      bb[i] = mid + offsetB - half;
      ab[i] = mid + offsetB + half;
    }
    return new Quotes("x.csv", ts, ba, aa, bb, ab);
  }
}
