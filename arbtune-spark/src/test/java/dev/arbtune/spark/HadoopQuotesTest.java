package dev.arbtune.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbtune.backtest.EpochUnit;
import dev.arbtune.backtest.Quotes;
import dev.arbtune.backtest.QuotesFormatException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopQuotesTest {

  private static final String HEADER = "timestamp,best_bid_a,best_ask_a,best_bid_b,best_ask_b\n";

  @TempDir Path dir;

  private HadoopQuotes quotes;

  @BeforeEach
  void setUp() {
    HadoopQuotes.clear();
    quotes =
        new HadoopQuotes(
            new org.apache.hadoop.fs.Path(dir.toUri()), dir.toString(), new Configuration());
  }

  @AfterEach
  void tearDown() {
    HadoopQuotes.clear();
  }

  @Test
  void loadsEachFileOnceForEveryTaskOfTheJvm() throws Exception {
    Files.writeString(dir.resolve("a.csv"), HEADER + "1700000000000,1,1,1,2\n");
    HadoopQuotes otherTask =
        new HadoopQuotes(
            new org.apache.hadoop.fs.Path(dir.toUri()), dir.toString(), new Configuration());

    Quotes first = quotes.load("a.csv");

    assertThat(first.askB(0)).isEqualTo(2);
    assertThat(otherTask.load("a.csv")).isSameAs(first);
    assertThat(HadoopQuotes.size()).isEqualTo(1);
  }

  @Test
  void aMalformedFileIsNamedAsGivenAndAMissingOneIsTriedAgain() throws Exception {
    Files.writeString(dir.resolve("bad.csv"), HEADER + "1700000000000,x,1,1,1\n");

    assertThatThrownBy(() -> quotes.load("bad.csv"))
        .isInstanceOf(QuotesFormatException.class)
        .hasMessageStartingWith(dir.resolve("bad.csv") + ", line 2, column best_bid_a");
    assertThatThrownBy(() -> quotes.load("later.csv")).isInstanceOf(NoSuchFileException.class);
    Files.writeString(dir.resolve("later.csv"), HEADER + "1700000000000,1,1,1,1\n");
    assertThat(quotes.load("later.csv").size()).isEqualTo(1);
  }

  @Test
  void aFileReadInAnotherTimeUnitIsAnotherEntry() throws Exception {
    Files.writeString(dir.resolve("u.csv"), HEADER + "1700000000000000,1,1,1,1\n");

    Quotes byMagnitude = quotes.load("u.csv");
    Quotes asNanos = quotes.load("u.csv", EpochUnit.NANOSECONDS);

    assertThat(byMagnitude.timestamp(0)).isEqualTo(1_700_000_000_000_000L);
    assertThat(asNanos.timestamp(0)).isEqualTo(1_700_000_000_000L);
    assertThat(quotes.load("u.csv", EpochUnit.AUTO)).isSameAs(byMagnitude);
    assertThat(HadoopQuotes.size()).isEqualTo(2);
  }
}
