package dev.arbtune.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.backtest.QuotesFormatException;
import dev.arbtune.join.ListVenueQuotes.Quote;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of the join on a small hand-worked case. */
class QuoteJoinTest {

  /** 2014-05-01T05:00:00Z in epoch microseconds. */
  private static final long T = 1_398_920_400_000_000L;

  private static final long S = 1_000_000L;

  private static final String HEADER = "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n";

  private static final JoinOptions NO_LIMIT = new JoinOptions(Long.MAX_VALUE, 0, false);

  private static Quote q(long time, String bid, String ask) {
    return new Quote(time, bid, ask);
  }

  private static String lastOutput;

  private static JoinStats join(List<Quote> a, List<Quote> b, JoinOptions options)
      throws IOException {
    StringWriter out = new StringWriter();
    JoinStats stats =
        QuoteJoin.join(
            new ListVenueQuotes("a.csv", a), new ListVenueQuotes("b.csv", b), options, out);
    lastOutput = out.toString();
    return stats;
  }

  @Test
  void oneRowPerEventTimeOnceBothVenuesQuotedEachWithTheLatestQuoteAndItsAge() throws IOException {
    JoinStats stats =
        join(
            List.of(q(T, "1", "2"), q(T + 2 * S, "5", "6")),
            List.of(q(T + S, "3", "4")),
            JoinOptions.defaults());

    assertThat(lastOutput)
        .isEqualTo(
            "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b,age_a_us,age_b_us\n"
                + "2014-05-01T05:00:01Z,1,2,3,4,1000000,0\n"
                + "2014-05-01T05:00:02Z,5,6,3,4,0,1000000\n");
    assertThat(stats.beforeBothQuoted()).isEqualTo(1);
    assertThat(stats.rowsOut()).isEqualTo(2);
    assertThat(stats.firstRow()).isEqualTo(Instant.parse("2014-05-01T05:00:01Z"));
    assertThat(stats.lastRow()).isEqualTo(Instant.parse("2014-05-01T05:00:02Z"));
  }

  @Test
  void updatesSharingATimestampAreAllAppliedTheLastInFileOrderWins() throws IOException {
    JoinStats stats =
        join(
            List.of(q(T, "1", "2"), q(T, "1.5", "2.5"), q(T + S, "7", "8"), q(T + S, "9", "10")),
            List.of(q(T, "3", "4"), q(T + S, "5", "6")),
            NO_LIMIT);

    assertThat(lastOutput)
        .isEqualTo(
            HEADER + "2014-05-01T05:00:00Z,1.5,2.5,3,4\n" + "2014-05-01T05:00:01Z,9,10,5,6\n");
    assertThat(stats.a().sameTime()).isEqualTo(2);
    assertThat(stats.b().sameTime()).isZero();
  }

  @Test
  void aRowWhereALegIsOlderThanTheLimitIsDroppedAndCountedForThatVenue() throws IOException {
    JoinStats stats =
        join(
            List.of(q(T, "1", "2")),
            List.of(q(T, "3", "4"), q(T + S, "5", "6"), q(T + 3 * S, "7", "8")),
            new JoinOptions(S, 0, true));

    // at T+1s A is exactly 1 s old (kept); at T+3s it is 3 s old (dropped)
    assertThat(lastOutput)
        .endsWith("2014-05-01T05:00:00Z,1,2,3,4,0,0\n2014-05-01T05:00:01Z,1,2,5,6,1000000,0\n");
    assertThat(stats.droppedStale()).isEqualTo(1);
    assertThat(stats.staleA()).isEqualTo(1);
    assertThat(stats.staleB()).isZero();
  }

  @Test
  void stalenessZeroKeepsOnlyTimesWhereBothVenuesQuote() throws IOException {
    JoinStats stats =
        join(
            List.of(q(T, "1", "2"), q(T + S, "1", "2")),
            List.of(q(T + S, "3", "4"), q(T + 2 * S, "3", "4")),
            new JoinOptions(0, 0, false));

    assertThat(lastOutput).isEqualTo(HEADER + "2014-05-01T05:00:01Z,1,2,3,4\n");
    assertThat(stats.beforeBothQuoted()).isEqualTo(1);
    assertThat(stats.droppedStale()).isEqualTo(1);
    assertThat(stats.staleA()).isEqualTo(1);
  }

  @Test
  void aQuoteWithAnEmptySideDropsRowsUntilTheVenueQuotesBothSidesAgain() throws IOException {
    JoinStats stats =
        join(
            List.of(q(T, "1", "2"), q(T + S, "", "2"), q(T + 3 * S, "1", "2")),
            List.of(q(T, "3", "4"), q(T + 2 * S, "3", "4")),
            NO_LIMIT);

    assertThat(lastOutput)
        .isEqualTo(HEADER + "2014-05-01T05:00:00Z,1,2,3,4\n" + "2014-05-01T05:00:03Z,1,2,3,4\n");
    assertThat(stats.droppedOneSided()).isEqualTo(2);
  }

  @Test
  void aVenueWithoutQuotesGivesNoRowsAndCountsEveryEventTime() throws IOException {
    JoinStats stats = join(List.of(), List.of(q(T, "3", "4"), q(T + S, "3", "4")), NO_LIMIT);

    assertThat(lastOutput).isEqualTo(HEADER);
    assertThat(stats.rowsOut()).isZero();
    assertThat(stats.beforeBothQuoted()).isEqualTo(2);
    assertThat(stats.firstRow()).isNull();
    assertThat(stats.a().rowsRead()).isZero();
  }

  @Test
  void gridModeWritesTheStepsAfterAQuoteWithTheLatestQuotesStrictlyBefore() throws IOException {
    // D = 1 s: quotes at .2 s and .7 s give the row at 1 s; none in [1 s, 2 s): no row at 2 s;
    // the quote at 2.5 s gives the row at 3 s; the quote at exactly 3 s belongs to 4 s.
    JoinStats stats =
        join(
            List.of(q(T + S / 5, "1", "2"), q(T + 5 * S / 2, "5", "6")),
            List.of(q(T + 7 * S / 10, "3", "4"), q(T + 3 * S, "7", "8")),
            new JoinOptions(Long.MAX_VALUE, S, true));

    assertThat(lastOutput)
        .endsWith(
            "_us\n"
                + "2014-05-01T05:00:01Z,1,2,3,4,800000,300000\n"
                + "2014-05-01T05:00:03Z,5,6,3,4,500000,2300000\n"
                + "2014-05-01T05:00:04Z,5,6,7,8,1500000,1000000\n");
    assertThat(stats.rowsOut()).isEqualTo(3);
  }

  @Test
  void timestampsKeepTheMicrosecondWithThreeDigitsForWholeMilliseconds() throws IOException {
    join(
        List.of(q(T + 2 * S, "1", "2"), q(T + 2 * S + 250_000, "1", "2")),
        List.of(q(T + 2 * S, "3", "4"), q(T + 2 * S + 250_125, "3", "4")),
        NO_LIMIT);

    assertThat(lastOutput)
        .isEqualTo(
            HEADER
                + "2014-05-01T05:00:02Z,1,2,3,4\n"
                + "2014-05-01T05:00:02.250Z,1,2,3,4\n"
                + "2014-05-01T05:00:02.250125Z,1,2,3,4\n");
  }

  @Test
  void crossedLockedAndTheLongestGapAreCountedPerVenue() throws IOException {
    JoinStats stats =
        join(
            List.of(
                q(T, "2", "1"),
                q(T + S, "2", "2"),
                q(T + 61 * S, "1", "2"),
                q(T + 62 * S, "2", "2")),
            List.of(q(T, "3", "4")),
            NO_LIMIT);

    assertThat(stats.a())
        .isEqualTo(
            new VenueStats(
                "a.csv",
                VenueFormat.GENERIC,
                4,
                1,
                2,
                0,
                60 * S,
                Instant.parse("2014-05-01T05:00:01Z")));
    assertThat(stats.b())
        .isEqualTo(new VenueStats("b.csv", VenueFormat.GENERIC, 1, 0, 0, 0, 0, null));
  }

  @Test
  void aQuoteEarlierThanTheOneBeforeItIsAnErrorNamingFileAndLineThatSaysToSort() {
    assertThatThrownBy(
            () ->
                join(
                    List.of(q(T, "1", "2"), q(T + S, "1", "2"), q(T, "1", "2")),
                    List.of(),
                    NO_LIMIT))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageStartingWith("a.csv, line 4: time 2014-05-01T05:00:00Z is earlier than the row")
        .hasMessageContaining("--sort");
  }
}
