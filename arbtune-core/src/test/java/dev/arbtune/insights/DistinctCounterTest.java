package dev.arbtune.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DistinctCounterTest {

  @Test
  void countsExactlyUpToTheLimitIgnoringRepeats() {
    DistinctCounter c = new DistinctCounter();
    assertThat(c.count()).isZero();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < DistinctCounter.EXACT_LIMIT; i++) {
        c.add("key_" + i);
      }
    }
    assertThat(c.isExact()).isTrue();
    assertThat(c.count()).isEqualTo(DistinctCounter.EXACT_LIMIT);
  }

  @Test
  void estimatesLargeCountsWithinAFewPercent() {
    DistinctCounter c = new DistinctCounter();
    for (int i = 0; i < 300_000; i++) {
      c.add("unique_" + i);
    }
    assertThat(c.isExact()).isFalse();
    assertThat((double) c.count()).isCloseTo(300_000, within(300_000 * 0.05));
  }

  @Test
  void countDoesNotDependOnHowTheStringsWereSplit() {
    for (int n : new int[] {500, 5000}) {
      DistinctCounter whole = new DistinctCounter();
      DistinctCounter[] parts = {
        new DistinctCounter(), new DistinctCounter(), new DistinctCounter()
      };
      for (int i = 0; i < n; i++) {
        whole.add("s" + i);
        parts[i % 3].add("s" + i);
        parts[(i + 1) % 3].add("s" + i); // seen by two parts
      }
      parts[2].merge(parts[0]);
      parts[2].merge(parts[1]);
      assertThat(parts[2].count()).isEqualTo(whole.count());
      assertThat(parts[2].isExact()).isEqualTo(whole.isExact()).isEqualTo(n <= 1024);
    }
  }
}
