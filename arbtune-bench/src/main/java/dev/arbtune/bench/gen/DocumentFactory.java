package dev.arbtune.bench.gen;

import dev.arbtune.bench.gen.PyJson.Fixed;
import dev.arbtune.bench.gen.PyJson.Layout;
import dev.arbtune.bench.gen.PyJson.Raw;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Makes result document number {@code index} of a generated sweep, from the seed and the index
 * alone: any document can be made on any thread in any order, and the output never depends on the
 * thread count.
 *
 * <p>The sweep is split into sessions of {@code jobsPerSession} jobs. Session {@code s} (from 1)
 * has tag {@code sess<s>} and its own data file, fees, balance and time window; its jobs walk a
 * parameter grid (spread, slippage, position size, open trades, drawdown stop) and have ids {@code
 * <tag>_<n>}, zero-padded ({@code sess001_0001}). Metrics are plausible for the grid point: tighter
 * spreads trade more, costs eat the edge, a drawdown stop caps the drawdown. Whether a job is
 * broken is drawn from a separate random stream, so the valid documents are the same whatever the
 * broken fraction.
 */
final class DocumentFactory {

  /** One generated job. */
  record Job(String tag, String jobId, BrokenKind broken, String text) {
    boolean isBroken() {
      return broken != null;
    }
  }

  private static final long SALT_SESSION = 0x5E55_1011L;
  private static final long SALT_JOB = 0x10B_0001L;
  private static final long SALT_BROKEN = 0xB20C_E17L;

  private static final String BTC_FILE = "data/btcusd_perp_binance_vs_bybit_1m_2022-12-13.csv";
  private static final String EUR_FILE = "data/eurusd_fxcm_vs_oanda_1s_2014-05.csv";

  /** Grid axes; spreads and slippage in tenths of a basis point, positions in USD. */
  private static final long[] SPREADS_TENTHS = {20, 30, 50, 80, 100, 150, 200, 300, 400, 500};

  private static final long[] SLIPPAGE_TENTHS = {0, 5, 10, 20, 30, 50};
  private static final long[] POSITIONS_USD = {500, 1000, 2500, 5000};
  private static final long[] OPEN_TRADES = {1, 2, 3};
  private static final Long[] STOP_DRAWDOWN_PCT = {null, 10L, 20L};

  /** Number of distinct grid points; sessions larger than this repeat grid points. */
  static final int GRID_SIZE =
      SPREADS_TENTHS.length
          * SLIPPAGE_TENTHS.length
          * POSITIONS_USD.length
          * OPEN_TRADES.length
          * STOP_DRAWDOWN_PCT.length;

  private static final long[] FEES_TENTHS = {20, 40, 50, 75};
  private static final long[] BALANCES_USD = {10_000, 25_000, 100_000};

  private static final List<String> ERROR_MESSAGES =
      List.of(
          "FileNotFoundError: [Errno 2] No such file or directory: '%s'",
          "ValueError: no quotes in [start_time, end_time) of %s",
          "MemoryError: unable to allocate 1.21 GiB for quotes of %s",
          "TimeoutError: job exceeded the 600 s limit on %s");

  private final long seed;
  private final int jobsPerSession;
  private final double brokenFraction;
  private final boolean jsonLines;
  private final List<BrokenKind> kinds;
  private final String tagFormat;
  private final String jobFormat;

  /**
   * @param seed the seed every value is drawn from
   * @param count how many jobs the sweep has (sets the width of the session number)
   * @param jobsPerSession jobs per session, which is also files per folder; at least 1
   * @param brokenFraction the probability that a job is broken, 0 to 1
   * @param jsonLines whether documents are made as JSON Lines lines (compact, no empty kind) rather
   *     than files ({@code json.dumps(indent=2)} and a newline)
   * @throws IllegalArgumentException when a bound is violated
   */
  DocumentFactory(
      long seed, long count, int jobsPerSession, double brokenFraction, boolean jsonLines) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    if (jobsPerSession < 1) {
      throw new IllegalArgumentException("jobsPerSession must be >= 1, got " + jobsPerSession);
    }
    if (!(brokenFraction >= 0 && brokenFraction <= 1)) {
      throw new IllegalArgumentException("brokenFraction must be in [0, 1], got " + brokenFraction);
    }
    this.seed = seed;
    this.jobsPerSession = jobsPerSession;
    this.brokenFraction = brokenFraction;
    this.jsonLines = jsonLines;
    this.kinds = jsonLines ? BrokenKind.forJsonLines() : List.of(BrokenKind.values());
    long sessions = Math.max(1, (count + jobsPerSession - 1) / jobsPerSession);
    this.tagFormat = "sess%0" + Math.max(3, Long.toString(sessions).length()) + "d";
    this.jobFormat = "%s_%0" + Math.max(4, Integer.toString(jobsPerSession).length()) + "d";
  }

  /** The tag (and folder name) of the session that job {@code index} belongs to. */
  String tag(long index) {
    return String.format(tagFormat, index / jobsPerSession + 1);
  }

  /** The job id of job {@code index} (0-based): {@code <tag>_<n>} with n from 1. */
  String jobId(long index) {
    return String.format(jobFormat, tag(index), index % jobsPerSession + 1);
  }

  /** Job {@code index}: its ids, whether and how it is broken, and its text. */
  Job job(long index) {
    String tag = tag(index);
    String jobId = jobId(index);
    Session session = session(index / jobsPerSession);
    Map<String, Object> config = config(session, tag, index);
    SplittableRandom b = random(SALT_BROKEN, index);
    BrokenKind broken = b.nextDouble() < brokenFraction ? kinds.get(b.nextInt(kinds.size())) : null;
    int variant = b.nextInt(4);
    double cut = b.nextDouble();
    Layout layout = jsonLines ? Layout.COMPACT : Layout.PRETTY;
    String end = jsonLines ? "" : "\n";
    String text;
    if (broken == null) {
      text = PyJson.write(document(session, config, jobId, index, false), layout) + end;
    } else {
      text = brokenText(broken, variant, cut, session, config, jobId, index, layout, end);
    }
    return new Job(tag, jobId, broken, text);
  }

  private String brokenText(
      BrokenKind kind,
      int variant,
      double cut,
      Session session,
      Map<String, Object> config,
      String jobId,
      long index,
      Layout layout,
      String end) {
    Map<String, Object> valid = document(session, config, jobId, index, false);
    return switch (kind) {
      case EMPTY -> "";
      case TRUNCATED -> {
        String whole = PyJson.write(valid, layout);
        int lastBrace = whole.lastIndexOf('}');
        yield whole.substring(0, 1 + (int) (cut * (lastBrace - 1)));
      }
      case INVALID_JSON -> {
        String whole = PyJson.write(valid, layout);
        yield switch (variant % 3) {
          case 0 -> PyJson.write(valid, Layout.PYTHON_REPR) + end;
          case 1 -> {
            int at = layout == Layout.PRETTY ? whole.length() - 2 : whole.length() - 1;
            yield whole.substring(0, at) + "," + whole.substring(at) + end;
          }
          default -> whole + end + whole + end;
        };
      }
      case STATUS_ERROR -> {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", "error");
        doc.put(
            "error",
            String.format(ERROR_MESSAGES.get(variant % ERROR_MESSAGES.size()), session.dataFile));
        doc.put("config", config);
        doc.put("config_summary", Map.of("job_id", jobId));
        yield PyJson.write(doc, layout) + end;
      }
      case NAN_PNL -> PyJson.write(document(session, config, jobId, index, true), layout) + end;
      case NOT_AN_OBJECT ->
          switch (variant % 3) {
            case 0 -> PyJson.write(List.of(valid), layout) + end;
            case 1 -> "null" + end;
            default -> "\"success\"" + end;
          };
    };
  }

  /** Session-wide settings: the same data file, fees, balance and window for all its jobs. */
  private record Session(
      String dataFile,
      boolean minuteBars,
      long feeATenths,
      long feeBTenths,
      long balanceUsd,
      String startTime,
      String endTime,
      int gridOffset) {}

  private Session session(long sessionIndex) {
    SplittableRandom r = random(SALT_SESSION, sessionIndex);
    boolean btc = r.nextDouble() < 0.7;
    long feeA = FEES_TENTHS[r.nextInt(FEES_TENTHS.length)];
    long feeB = FEES_TENTHS[r.nextInt(FEES_TENTHS.length)];
    long balance = BALANCES_USD[r.nextInt(BALANCES_USD.length)];
    String start = null;
    String endTime = null;
    if (r.nextDouble() < 0.75) {
      if (btc) {
        int half = r.nextInt(2);
        start = String.format("2022-12-13T%02d:00:00Z", half * 6);
        endTime = String.format("2022-12-13T%02d:00:00Z", half * 6 + 6);
      } else {
        int day = 1 + r.nextInt(14);
        start = String.format("2014-05-%02dT00:00:00Z", day);
        endTime = String.format("2014-05-%02dT00:00:00Z", day + 1);
      }
    }
    return new Session(
        btc ? BTC_FILE : EUR_FILE, btc, feeA, feeB, balance, start, endTime, r.nextInt(GRID_SIZE));
  }

  private Map<String, Object> config(Session s, String tag, long index) {
    int g = (int) ((index % jobsPerSession + s.gridOffset) % GRID_SIZE);
    long spread = SPREADS_TENTHS[g % SPREADS_TENTHS.length];
    g /= SPREADS_TENTHS.length;
    long slippage = SLIPPAGE_TENTHS[g % SLIPPAGE_TENTHS.length];
    g /= SLIPPAGE_TENTHS.length;
    long position = POSITIONS_USD[g % POSITIONS_USD.length];
    g /= POSITIONS_USD.length;
    long openTrades = OPEN_TRADES[g % OPEN_TRADES.length];
    g /= OPEN_TRADES.length;
    Long stop = STOP_DRAWDOWN_PCT[g % STOP_DRAWDOWN_PCT.length];
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("data_file", s.dataFile);
    c.put("min_spread_bps", new Fixed(spread, 1));
    c.put("taker_fee_a_bps", new Fixed(s.feeATenths, 1));
    c.put("taker_fee_b_bps", new Fixed(s.feeBTenths, 1));
    c.put("slippage_bps", new Fixed(slippage, 1));
    c.put("max_position_usd", new Fixed(position, 0));
    c.put("max_open_trades", openTrades);
    c.put("initial_balance_usd", new Fixed(s.balanceUsd, 0));
    c.put("stop_on_drawdown_pct", stop == null ? null : new Fixed(stop, 0));
    c.put("tag", tag);
    if (s.startTime != null) {
      c.put("start_time", s.startTime);
      c.put("end_time", s.endTime);
    }
    return c;
  }

  /** A success document; with {@code nanPnl} the PnL and what is derived from it are NaN. */
  private Map<String, Object> document(
      Session s, Map<String, Object> config, String jobId, long index, boolean nanPnl) {
    SplittableRandom r = random(SALT_JOB, index);
    double spread = ((Fixed) config.get("min_spread_bps")).toDouble();
    double slippage = ((Fixed) config.get("slippage_bps")).toDouble();
    double position = ((Fixed) config.get("max_position_usd")).toDouble();
    long maxOpen = (Long) config.get("max_open_trades");
    Fixed stop = (Fixed) config.get("stop_on_drawdown_pct");

    double expectedTrades = (s.minuteBars ? 120.0 : 900.0) / (spread + 2) * (1 + 0.3 * maxOpen);
    long total = r.nextDouble() < 0.03 ? 0 : (long) (expectedTrades * (0.4 + 1.2 * r.nextDouble()));
    long open = total == 0 ? 0 : r.nextInt((int) Math.min(total, maxOpen) + 1);
    long closed = total - open;
    double costs = slippage + (s.feeATenths + s.feeBTenths) / 20.0;
    double edgeBps = 0.6 * spread - costs + 6 * r.nextGaussian();
    long balanceCents = s.balanceUsd * 100;
    long pnlCents = Math.round(edgeBps / 1e4 * position * closed * 100);
    pnlCents = Math.max(-balanceCents * 9 / 10, Math.min(balanceCents * 3, pnlCents));
    double winRate =
        closed == 0 ? 0 : Math.max(0, Math.min(1, 0.5 + edgeBps / 40 + 0.1 * r.nextGaussian()));
    double drawdown =
        position * (open + 1) / s.balanceUsd * 10 * (0.2 + r.nextDouble())
            + (pnlCents < 0 ? -pnlCents / (double) balanceCents * 100 : 0);
    if (stop != null && drawdown > stop.toDouble()) {
      drawdown = stop.toDouble() + 0.5 * r.nextDouble();
    }
    long runtimeMillis = s.minuteBars ? 20 + r.nextInt(180) : 1_500 + r.nextInt(4_500) + total * 3;

    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total_trades", total);
    m.put("closed_trades", closed);
    m.put("open_trades", open);
    m.put("final_balance_usd", nanPnl ? new Raw("NaN") : new Fixed(balanceCents + pnlCents, 2));
    m.put("realized_pnl_usd", nanPnl ? new Raw("NaN") : new Fixed(pnlCents, 2));
    m.put("max_drawdown_pct", new Fixed(Math.max(1, Math.round(Math.min(drawdown, 95) * 100)), 2));
    m.put("win_rate", new Fixed(Math.round(winRate * 10_000), 4));
    m.put(
        "avg_pnl_per_trade_usd",
        nanPnl
            ? new Raw("NaN")
            : new Fixed(closed == 0 ? 0 : Math.round(pnlCents * 100.0 / closed), 4));
    m.put("runtime_seconds", new Fixed(runtimeMillis, 3));

    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("status", "success");
    doc.put("config", config);
    doc.put("metrics", m);
    doc.put("config_summary", Map.of("job_id", jobId));
    if (r.nextDouble() < 0.1) {
      doc.put("engine_version", "arbtune-backtest 0.3." + r.nextInt(3));
    }
    return doc;
  }

  private SplittableRandom random(long salt, long index) {
    return new SplittableRandom(mix64(seed ^ mix64(salt * 0x9E37_79B9_7F4A_7C15L + index)));
  }

  /** The SplitMix64 finaliser: nearby inputs give unrelated outputs. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }
}
