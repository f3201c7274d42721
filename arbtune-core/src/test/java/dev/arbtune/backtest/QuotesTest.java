package dev.arbtune.backtest;

import static dev.arbtune.backtest.TestQuotes.T0;
import static dev.arbtune.backtest.TestQuotes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuotesTest {

  @Test
  void firstIndexAtOrAfterFindsTheBoundaryByBinarySearch() {
    Quotes q =
        new Quotes(
            "t",
            new long[] {1_000_000, 2_000_000, 2_000_000, 3_000_000},
            new double[4],
            new double[4],
            new double[4],
            new double[4]);

    assertThat(q.firstIndexAtOrAfter(java.time.Instant.ofEpochMilli(0))).isZero();
    assertThat(q.firstIndexAtOrAfter(java.time.Instant.ofEpochMilli(1000))).isZero();
    assertThat(q.firstIndexAtOrAfter(java.time.Instant.ofEpochMilli(1001))).isEqualTo(1);
    assertThat(q.firstIndexAtOrAfter(java.time.Instant.ofEpochMilli(2000))).isEqualTo(1);
    assertThat(q.firstIndexAtOrAfter(java.time.Instant.ofEpochMilli(3000))).isEqualTo(3);
    assertThat(q.firstIndexAtOrAfter(java.time.Instant.ofEpochMilli(3001))).isEqualTo(4);
  }

  @Test
  void firstIndexAtOrAfterComparesInMicrosecondsAndCopesWithAnyInstant() {
    Quotes q =
        new Quotes(
            "t",
            new long[] {1_000_000, 1_000_001, 1_000_002},
            new double[3],
            new double[3],
            new double[3],
            new double[3]);
    java.time.Instant second = java.time.Instant.ofEpochSecond(1);

    assertThat(q.firstIndexAtOrAfter(second)).isZero();
    assertThat(q.firstIndexAtOrAfter(second.plusNanos(1000))).isEqualTo(1);
    assertThat(q.firstIndexAtOrAfter(second.plusNanos(1001))).isEqualTo(2);
    assertThat(q.firstIndexAtOrAfter(java.time.Instant.MAX)).isEqualTo(3);
    assertThat(q.firstIndexAtOrAfter(java.time.Instant.MIN)).isZero();
  }

  @Test
  void refusesColumnsOfDifferentLengthsAndDecreasingTimestamps() {
    assertThatThrownBy(
            () ->
                new Quotes(
                    "t", new long[2], new double[2], new double[1], new double[2], new double[2]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new Quotes(
                    "t",
                    new long[] {2, 1},
                    new double[2],
                    new double[2],
                    new double[2],
                    new double[2]))
        .hasMessageContaining("decrease");
  }

  @Test
  void holdsFortyBytesPerRow() {
    Quotes q = TestQuotes.of(row(1, 2, 3, 4), row(5, 6, 7, 8), row(1, 1, 1, 1));

    assertThat(q.columnBytes()).isEqualTo(120);
    assertThat(q.heldBytes()).isEqualTo(120 + Quotes.engineIndexBytes(3));
    assertThat(Quotes.bytesPerRow()).as("columns and index").isBetween(48.0, 49.5);
    assertThat(q.timestamp(2)).isEqualTo(T0.toEpochMilli() * 1000 + 2_000_000);
    assertThat(q.instant(2)).isEqualTo(T0.plusSeconds(2));
  }
}
