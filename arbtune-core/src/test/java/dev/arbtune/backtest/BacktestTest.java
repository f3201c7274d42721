package dev.arbtune.backtest;

import static dev.arbtune.backtest.TestQuotes.T0;
import static dev.arbtune.backtest.TestQuotes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The hand-computed cases of docs/MODEL.md, and the engine on the real data. */
class BacktestTest {

  private static final Offset<Double> EXACT = within(1e-9);

  private static BacktestConfig config(
      double minSpread, double fee, double slippage, int maxOpen, Double stopDrawdown) {
    return new BacktestConfig(
        "test.csv",
        minSpread,
        fee,
        fee,
        slippage,
        1000,
        maxOpen,
        10000,
        stopDrawdown,
        null,
        null,
        null);
  }

  private static Quotes case1Quotes() {
    return TestQuotes.of(
        row(100.0, 100.1, 100.2, 100.3),
        row(99.9, 100.0, 100.5, 100.6),
        row(101.0, 100.9, 100.5, 100.6),
        row(0, 100.0, 100.5, 100.6),
        row(100.4, 100.5, 100.3, 100.4));
  }

  @Test
  void case1RoundTripThroughCostsMatchesTheHandComputation() {
    BacktestMetrics m = Backtest.run(config(10, 5, 10, 1, null), case1Quotes());

    assertThat(m.totalTrades()).isEqualTo(1);
    assertThat(m.closedTrades()).isEqualTo(1);
    assertThat(m.openTrades()).isZero();
    assertThat(m.realizedPnlUsd()).isCloseTo(0.986507996001999, EXACT);
    assertThat(m.finalBalanceUsd()).isCloseTo(10000.986507996001999, EXACT);
    assertThat(m.maxDrawdownPct()).isCloseTo(0.030034970014992505, EXACT);
    assertThat(m.winRate()).isEqualTo(1.0);
    assertThat(m.avgPnlPerTradeUsd()).isCloseTo(0.986507996001999, EXACT);
    assertThat(m.feesPaidUsd()).isCloseTo(2.0054960019990005, EXACT);
    assertThat(m.profitFactor()).isNull();
    assertThat(m.pnlStdPerTradeUsd()).isZero();
    assertThat(m.sharpePerTrade()).isNull();
    assertThat(m.avgHoldingSeconds()).isEqualTo(3.0);
    assertThat(m.unrealizedPnlUsd()).isZero();
    assertThat(m.quotesProcessed()).isEqualTo(5);
    assertThat(m.quotesSkipped()).isEqualTo(2);
    assertThat(m.stoppedOnDrawdown()).isFalse();
  }

  @Test
  void case1TradeLogHasTheHandComputedFills() {
    List<Trade> trades = new ArrayList<>();
    Backtest.run(config(10, 5, 10, 1, null), case1Quotes(), trades::add);

    assertThat(trades).hasSize(1);
    Trade t = trades.get(0);
    assertThat(t.id()).isEqualTo(1);
    assertThat(t.direction()).isEqualTo(Direction.BUY_A_SELL_B);
    assertThat(t.entryTime()).isEqualTo(T0.plusSeconds(1));
    assertThat(t.exitTime()).isEqualTo(T0.plusSeconds(4));
    assertThat(t.quantity()).isCloseTo(9.995002498750624, EXACT);
    assertThat(t.entryBuyPrice()).isCloseTo(100.05, EXACT);
    assertThat(t.entrySellPrice()).isCloseTo(100.44975, EXACT);
    assertThat(t.exitSellPrice()).isCloseTo(100.3498, EXACT);
    assertThat(t.exitBuyPrice()).isCloseTo(100.4502, EXACT);
    assertThat(t.feesUsd()).isCloseTo(2.0054960019990005, EXACT);
    assertThat(t.pnlUsd()).isCloseTo(0.986507996001999, EXACT);
  }

  @Test
  void case2OpensAtMostOneTradePerQuoteAndClosesBothTogether() {
    Quotes quotes =
        TestQuotes.of(
            row(100.0, 100.1, 99.8, 99.85),
            row(100.0, 100.1, 99.8, 99.85),
            row(100.0, 100.1, 99.8, 99.85),
            row(100.0, 100.1, 100.05, 100.1));
    List<Trade> trades = new ArrayList<>();

    BacktestMetrics m = Backtest.run(config(10, 0, 0, 2, null), quotes, trades::add);

    assertThat(m.totalTrades()).isEqualTo(2);
    assertThat(m.closedTrades()).isEqualTo(2);
    assertThat(m.realizedPnlUsd()).isCloseTo(2.0030045067601403, EXACT);
    assertThat(m.avgHoldingSeconds()).isEqualTo(2.5);
    assertThat(m.feesPaidUsd()).isZero();
    assertThat(trades).extracting(Trade::direction).containsOnly(Direction.BUY_B_SELL_A);
    assertThat(trades).extracting(Trade::entryTime).containsExactly(T0, T0.plusSeconds(1));
    assertThat(trades.get(0).pnlUsd()).isCloseTo(1.0015022533800702, EXACT);
  }

  @Test
  void case3TieBuysAAndSellsB() {
    List<Trade> trades = new ArrayList<>();

    BacktestMetrics m =
        Backtest.run(config(0, 0, 0, 1, null), TestQuotes.of(row(100, 100, 100, 100)), trades::add);

    assertThat(m.openTrades()).isEqualTo(1);
    assertThat(m.unrealizedPnlUsd()).isZero();
    assertThat(trades)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.direction()).isEqualTo(Direction.BUY_A_SELL_B);
              assertThat(t.isOpen()).isTrue();
            });
  }

  @Test
  void case4StopsWhenTheDrawdownReachesTheLimitAndReportsTheOpenTrade() {
    Quotes quotes =
        TestQuotes.of(
            row(100, 100, 100.5, 100.5), row(90, 90, 100.5, 100.5), row(100, 100, 100.5, 100.5));
    List<Trade> trades = new ArrayList<>();

    BacktestMetrics m = Backtest.run(config(10, 0, 0, 1, 1.0), quotes, trades::add);

    assertThat(m.stoppedOnDrawdown()).isTrue();
    assertThat(m.quotesProcessed()).isEqualTo(2);
    assertThat(m.openTrades()).isEqualTo(1);
    assertThat(m.unrealizedPnlUsd()).isCloseTo(-100, EXACT);
    assertThat(m.maxDrawdownPct()).isCloseTo(1.0, EXACT);
    assertThat(m.finalBalanceUsd()).isEqualTo(10000);
    assertThat(trades)
        .singleElement()
        .satisfies(t -> assertThat(t.pnlUsd()).isCloseTo(-100, EXACT));
  }

  @Test
  void withoutAStopTheSameDrawdownRunsToTheEnd() {
    Quotes quotes =
        TestQuotes.of(
            row(100, 100, 100.5, 100.5), row(90, 90, 100.5, 100.5), row(100, 100, 100.5, 100.5));

    BacktestMetrics m = Backtest.run(config(10, 0, 0, 1, null), quotes);

    assertThat(m.stoppedOnDrawdown()).isFalse();
    assertThat(m.quotesProcessed()).isEqualTo(3);
    assertThat(m.maxDrawdownPct()).isCloseTo(1.0, EXACT);
    assertThat(m.unrealizedPnlUsd()).isCloseTo(0, EXACT);
  }

  @Test
  void aLossAndAWinGiveProfitFactorStandardDeviationAndSharpe() {
    // q = 1000 / 100 = 10 on both trades (no costs).
    Quotes quotes =
        TestQuotes.of(
            // open #1 buy A at 100, sell B at 100.5 (s_ab = 50 bp)
            row(100, 100, 100.5, 100.5),
            // s_ab = -10 bp: close #1, sell A at 100, buy B at 101: 0 + 10·(100.5 − 101) = −5
            row(100, 100, 99.9, 101),
            // open #2 as #1
            row(100, 100, 100.5, 100.5),
            // s_ab < 0: close #2, sell A at 101, buy B at 100.95: 10 + 10·(100.5 − 100.95) = 5.5;
            // s_ba = 0.05 / 100.95 = 4.95 bp < 10: nothing opens
            row(101, 101, 100.2, 100.95));

    BacktestMetrics m = Backtest.run(config(10, 0, 0, 1, null), quotes);

    assertThat(m.totalTrades()).isEqualTo(2);
    assertThat(m.closedTrades()).isEqualTo(2);
    assertThat(m.realizedPnlUsd()).isCloseTo(0.5, EXACT);
    assertThat(m.winRate()).isEqualTo(0.5);
    assertThat(m.avgPnlPerTradeUsd()).isCloseTo(0.25, EXACT);
    assertThat(m.profitFactor()).isCloseTo(1.1, EXACT);
    // mean 0.25; sample deviation sqrt((5.25² + 5.25²) / 1) = 5.25·√2
    assertThat(m.pnlStdPerTradeUsd()).isCloseTo(5.25 * Math.sqrt(2), EXACT);
    assertThat(m.sharpePerTrade()).isCloseTo(0.25 / (5.25 * Math.sqrt(2)), EXACT);
    // equity fell from 10000 to 9995 after the loss: 0.05 %
    assertThat(m.maxDrawdownPct()).isCloseTo(0.05, EXACT);
  }

  @Test
  void opensExactlyAtTheThresholdOfTheDocumentedFormulaAndNotAboveIt() {
    Quotes quotes = TestQuotes.of(row(99.9, 100.0, 100.2, 100.3));
    double spread = (100.2 - 100.0) / 100.0 * 1e4; // s_ab as docs/MODEL.md writes it
    double cost = 0.3 + 0.4 + 0.5;
    double atThreshold = spread - cost;

    BacktestConfig exact =
        new BacktestConfig(
            "t.csv", atThreshold, 0.3, 0.4, 0.5, 1000, 1, 10000, null, null, null, null);
    BacktestConfig above =
        new BacktestConfig(
            "t.csv",
            Math.nextUp(atThreshold),
            0.3,
            0.4,
            0.5,
            1000,
            1,
            10000,
            null,
            null,
            null,
            null);

    assertThat(Backtest.run(exact, quotes).totalTrades()).isEqualTo(1);
    assertThat(Backtest.run(above, quotes).totalTrades()).isZero();
  }

  /** A hand-made quotes file, one row per second from {@link TestQuotes#T0}, parsed as such. */
  private static Quotes quotesFile(String... rows) throws IOException {
    StringBuilder csv =
        new StringBuilder("timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n");
    for (int i = 0; i < rows.length; i++) {
      csv.append(T0.plusSeconds(i)).append(',').append(rows[i]).append('\n');
    }
    byte[] bytes = csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return QuotesLoader.load(new java.io.ByteArrayInputStream(bytes), "hand.csv", bytes.length);
  }

  @Test
  void aTradeStaysOpenWhileItsSpreadIsExactlyZeroAndClosesBelowIt() throws IOException {
    Quotes quotes =
        quotesFile(
            "100,100,100.5,100.5", // s_ab = 50 bps: open buy A / sell B
            "100,100,100,100", // s_ab = 0 exactly: not below zero, stays open
            "100,100,99.9,100"); // s_ab = -10 bps: closes
    List<Trade> trades = new ArrayList<>();

    BacktestMetrics m = Backtest.run(config(10, 0, 0, 1, null), quotes, trades::add);

    assertThat(m.closedTrades()).isEqualTo(1);
    assertThat(trades)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.entryTime()).isEqualTo(T0);
              assertThat(t.exitTime()).isEqualTo(T0.plusSeconds(2));
            });
    assertThat(m.avgHoldingSeconds()).isEqualTo(2.0);
  }

  @Test
  void aTradeThatMadeExactlyNothingIsNotAWin() throws IOException {
    Quotes quotes =
        quotesFile(
            "100,100,100,100", // both spreads 0 >= min_spread 0: open buy A / sell B, q = 10
            "100,100.1,99.9,100"); // s_ab < 0: close, selling A at 100, buying B back at 100
    List<Trade> trades = new ArrayList<>();

    BacktestMetrics m = Backtest.run(config(0, 0, 0, 1, null), quotes, trades::add);

    assertThat(m.closedTrades()).isEqualTo(1);
    assertThat(trades.get(0).pnlUsd()).isZero();
    assertThat(m.realizedPnlUsd()).isZero();
    assertThat(m.winRate()).isZero();
    assertThat(m.profitFactor()).isNull();
  }

  @Test
  void timeWindowIsStartInclusiveEndExclusive() {
    Quotes quotes = case1Quotes();
    BacktestConfig c = config(10, 5, 10, 1, null);
    BacktestConfig window =
        new BacktestConfig(
            c.dataFile(),
            10,
            5,
            5,
            10,
            1000,
            1,
            10000,
            null,
            null,
            T0.plusSeconds(1),
            T0.plusSeconds(4));

    BacktestMetrics m = Backtest.run(window, quotes);

    assertThat(m.quotesProcessed()).isEqualTo(3);
    assertThat(m.totalTrades()).isEqualTo(1);
    assertThat(m.openTrades()).isEqualTo(1);
  }

  @Test
  void aWindowWithoutQuotesIsAConfigErrorNamingTheSpan() {
    BacktestConfig c =
        new BacktestConfig(
            "test.csv",
            10,
            5,
            5,
            10,
            1000,
            1,
            10000,
            null,
            null,
            Instant.parse("2030-01-01T00:00:00Z"),
            null);

    assertThatThrownBy(() -> Backtest.run(c, case1Quotes()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("start_time")
        .hasMessageContaining("holds no quotes")
        .hasMessageContaining("2024-01-01T00:00:00Z");
  }

  @Test
  void realSampleSkipsExactlyTheCrossedFxcmRows() throws IOException {
    Quotes quotes = QuotesLoader.load(TestQuotes.EURUSD_SAMPLE);
    long crossedOrNonPositive = 0;
    for (int i = 0; i < quotes.size(); i++) {
      boolean valid =
          quotes.bidA(i) > 0
              && quotes.askA(i) >= quotes.bidA(i)
              && quotes.bidB(i) > 0
              && quotes.askB(i) >= quotes.bidB(i);
      crossedOrNonPositive += valid ? 0 : 1;
    }

    BacktestMetrics m = Backtest.run(config(0, 0, 0, 1, null), quotes);

    assertThat(crossedOrNonPositive).isEqualTo(1087);
    assertThat(m.quotesSkipped()).isEqualTo(crossedOrNonPositive);
    assertThat(m.quotesProcessed()).isEqualTo(29575);
    assertThat(m.totalTrades()).isPositive();
  }

  @Test
  void realSampleTradeLogAddsUpToTheMetrics() throws IOException {
    Quotes quotes = QuotesLoader.load(TestQuotes.EURUSD_SAMPLE);
    List<Trade> trades = new ArrayList<>();

    BacktestMetrics m = Backtest.run(config(0, 0.1, 0.1, 3, null), quotes, trades::add);

    assertThat(trades).hasSize(m.totalTrades());
    double realized = trades.stream().filter(t -> !t.isOpen()).mapToDouble(Trade::pnlUsd).sum();
    double fees = trades.stream().mapToDouble(Trade::feesUsd).sum();
    assertThat(m.realizedPnlUsd()).isCloseTo(realized, within(1e-9));
    assertThat(m.feesPaidUsd()).isCloseTo(fees, within(1e-9));
    assertThat(trades).extracting(Trade::id).doesNotHaveDuplicates();
  }

  @Test
  void realBtcBasisNeverPaysAfterCosts() throws IOException {
    // Binance trades a steady ~3.6 bp above Bybit: below the 15 bp of default costs.
    Quotes quotes = QuotesLoader.load(TestQuotes.BTC);

    BacktestMetrics m = Backtest.run(BacktestConfig.defaults("btc.csv"), quotes);

    assertThat(m.totalTrades()).isZero();
    assertThat(m.quotesProcessed()).isEqualTo(398);
  }

  @Test
  void sameInputGivesIdenticalMetrics() throws IOException {
    Quotes quotes = QuotesLoader.load(TestQuotes.EURUSD_SAMPLE);
    BacktestConfig c = config(0, 0.05, 0.1, 2, 0.5);

    assertThat(Backtest.run(c, quotes)).isEqualTo(Backtest.run(c, quotes));
  }

  @Test
  void numbersBeyondWhatADoubleHoldsFailTheRunInsteadOfGivingInfinity() {
    // 1000 USD at a price of 1e-306 is 1e309 units: beyond a double, though every input is finite.
    Quotes quotes =
        TestQuotes.of(row(1e-306, 1e-306, 3e-306, 3e-306), row(3e-306, 3e-306, 1e-306, 1e-306));

    assertThatThrownBy(() -> Backtest.run(BacktestConfig.defaults("tiny.csv"), quotes))
        .isInstanceOf(BacktestOverflowException.class)
        .hasMessageStartingWith("the backtest's numbers overflow:")
        .hasMessageContaining("fees_paid_usd")
        .hasMessageNotContaining("Exception");
  }

  /** A quotes file whose rows have the given timestamps (as written) and prices, parsed as such. */
  private static Quotes timedFile(String[] times, String[] rows) throws IOException {
    StringBuilder csv =
        new StringBuilder("timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n");
    for (int i = 0; i < rows.length; i++) {
      csv.append(times[i]).append(',').append(rows[i]).append('\n');
    }
    byte[] bytes = csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return QuotesLoader.load(new java.io.ByteArrayInputStream(bytes), "timed.csv", bytes.length);
  }

  /** Two round trips: open, hold, close; open, close. */
  private static final String[] TWO_ROUND_TRIPS = {
    "100,100,100.5,100.5",
    "100,100,100,100",
    "100,100,99.9,100",
    "100,100,100.5,100.5",
    "100,100,99.9,100"
  };

  private static String[] times(long[] micros, java.util.function.LongFunction<String> format) {
    return java.util.Arrays.stream(micros).mapToObj(format).toArray(String[]::new);
  }

  @Test
  void aFileInSecondsMillisecondsMicrosecondsNanosecondsOrIsoGivesTheSameRun() throws IOException {
    long t0 = T0.getEpochSecond();
    long[] seconds = {t0, t0 + 1, t0 + 3, t0 + 10, t0 + 70};
    long[] micros = java.util.Arrays.stream(seconds).map(s -> s * 1_000_000).toArray();
    List<List<Trade>> logs = new ArrayList<>();
    List<BacktestMetrics> runs = new ArrayList<>();
    for (String[] t :
        List.of(
            times(seconds, Long::toString),
            times(micros, us -> Long.toString(us / 1000)),
            times(micros, Long::toString),
            times(micros, us -> us + "000"),
            times(micros, us -> EpochUnit.instant(us).toString()))) {
      List<Trade> trades = new ArrayList<>();
      runs.add(Backtest.run(config(30, 5, 5, 1, null), timedFile(t, TWO_ROUND_TRIPS), trades::add));
      logs.add(trades);
    }

    assertThat(runs.get(0).closedTrades()).isEqualTo(2);
    assertThat(runs.get(0).avgHoldingSeconds()).isEqualTo((3 + 60) / 2.0);
    assertThat(logs.get(0).get(1).exitTime()).isEqualTo(T0.plusSeconds(70));
    assertThat(runs).allSatisfy(m -> assertThat(m).isEqualTo(runs.get(0)));
    assertThat(logs).allSatisfy(l -> assertThat(l).isEqualTo(logs.get(0)));
  }

  @Test
  void microsecondTimesAreKeptInTradesAndHoldingTimes() throws IOException {
    long t0 = 1_700_000_000_123_456L; // 2023-11-14T22:13:20.123456Z
    long[] micros = {t0, t0 + 250_000, t0 + 1_500_001, t0 + 2_000_000, t0 + 3_999_999};
    List<List<Trade>> logs = new ArrayList<>();
    List<BacktestMetrics> runs = new ArrayList<>();
    for (String[] t :
        List.of(
            times(micros, Long::toString),
            times(micros, us -> us + "789"), // nanoseconds: truncated to the microsecond
            times(micros, us -> EpochUnit.instant(us).toString().replace("Z", "999Z")))) {
      List<Trade> trades = new ArrayList<>();
      runs.add(Backtest.run(config(30, 5, 5, 1, null), timedFile(t, TWO_ROUND_TRIPS), trades::add));
      logs.add(trades);
    }

    BacktestMetrics m = runs.get(0);
    assertThat(m.closedTrades()).isEqualTo(2);
    assertThat(m.avgHoldingSeconds()).isEqualTo((1.500001 + 1.999999) / 2, EXACT);
    assertThat(m.toMap(0).get("avg_holding_seconds")).isEqualTo(1.75);
    Trade first = logs.get(0).get(0);
    assertThat(first.entryTime()).isEqualTo(Instant.parse("2023-11-14T22:13:20.123456Z"));
    assertThat(first.exitTime()).isEqualTo(Instant.parse("2023-11-14T22:13:21.623457Z"));
    assertThat(runs).allSatisfy(r -> assertThat(r).isEqualTo(m));
    assertThat(logs).allSatisfy(l -> assertThat(l).isEqualTo(logs.get(0)));
    java.io.StringWriter csv = new java.io.StringWriter();
    TradesCsv.write(logs.get(0), csv);
    assertThat(csv.toString())
        .contains(",closed,2023-11-14T22:13:20.123456Z,2023-11-14T22:13:21.623457Z,")
        .contains(",closed,2023-11-14T22:13:22.123456Z,2023-11-14T22:13:24.123455Z,");
  }

  @Test
  void theWindowIsFoundInMicroseconds() throws IOException {
    long t0 = 1_700_000_000_000_000L;
    String[] t = times(new long[] {t0, t0 + 1, t0 + 2, t0 + 3, t0 + 4}, Long::toString);
    BacktestConfig window =
        BacktestConfig.fromMap(
            java.util.Map.of(
                "data_file", "timed.csv",
                "start_time", "2023-11-14T22:13:20.000001Z",
                "end_time", "2023-11-14T22:13:20.0000039Z"));

    BacktestMetrics m = Backtest.run(window, timedFile(t, TWO_ROUND_TRIPS));

    assertThat(window.endTime()).isEqualTo(Instant.parse("2023-11-14T22:13:20.000003Z"));
    assertThat(m.quotesProcessed()).isEqualTo(2);
  }
}
